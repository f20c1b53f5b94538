"""Claims and checks throughput on a corpus, side by side with the full corpus analysis.

    python benchmarks/claims_throughput.py [--megabytes 10] [--rounds 3] [--corpus DIR]

The State Council work reports (``$JZROL_CORPUS`` or the shared folder next to the repository) are
copied into a temporary folder as many times as needed to reach about ``--megabytes`` MB. Every report
is read and parsed once (the parse is timed too, and reported apart). Then, in each round, in one
process and on one core:

1. the full corpus analysis, ``jzrol.corpus.summarize`` with 1 worker (read, parse, terms, themes and
   claim counts of every report);
2. ``extract_claims`` on each parsed report (the claims table, subjects and from→to pairs included);
3. ``check_claims`` on each report's claims.

Rounds alternate the order of the three, so that a slow spell of a shared machine hits them alike, and
medians are reported: megabytes of report text per second for each, and the ratio of claims plus checks
to the full analysis (goal: at least 1, that is, at least as fast) and of checks to claims (goal: about 1
or less). Use ``--megabytes 100`` for the large run (it holds every parsed report in memory).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jzrol import corpus, paths, read_report
from jzrol.claims import check_claims, extract_claims, prepare


def build_corpus(source: Path, target: Path, megabytes: float) -> float:
    originals = sorted(source.glob("*.txt"))
    if not originals:
        sys.exit(f"no reports in {source}; set JZROL_CORPUS or pass --corpus")
    size, copy = 0, 0
    while size < megabytes * 1e6:
        for path in originals:
            shutil.copyfile(path, target / f"{copy:03d}-{path.name}")
            size += path.stat().st_size
            if size >= megabytes * 1e6:
                break
        copy += 1
    return size / 1e6


def timed(function) -> float:  # noqa: ANN001 - a callable without arguments
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as one worker has
    with tempfile.TemporaryDirectory() as folder:
        megabytes = build_corpus(args.corpus, Path(folder), args.megabytes)
        files = sorted(Path(folder).glob("*.txt"))
        prepare()
        reports: list = []
        parse = timed(lambda: reports.extend(read_report(path) for path in files))
        claims: list = []
        runs = {
            "full analysis (summarize, 1 worker)": lambda: corpus.summarize([folder], workers=1, progress=False),
            "extract_claims": lambda: claims.__setitem__(slice(None), [extract_claims(r.units) for r in reports]),
            "check_claims": lambda: [check_claims(c, r.units) for c, r in zip(claims, reports)],
        }
        runs["extract_claims"]()  # a first round of claims, untimed, so that checks may run first
        seconds: dict[str, list[float]] = {name: [] for name in runs}
        for round_number in range(args.rounds):
            order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
            for name in order:
                seconds[name].append(timed(runs[name]))
        n_claims = sum(len(c) for c in claims)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    print(f"{len(files)} reports, {megabytes:.1f} MB, {n_claims} claims; parse once: {megabytes / parse:.2f} MB/s")
    for name, value in median.items():
        print(f"  {name:<38} {value:7.2f} s  {megabytes / value:6.2f} MB/s   (rounds: "
              + ", ".join(f"{v:.2f}" for v in seconds[name]) + ")")
    together = median["extract_claims"] + median["check_claims"]
    print(f"  claims + checks: {megabytes / together:.2f} MB/s, "
          f"{median['full analysis (summarize, 1 worker)'] / together:.2f}x the full analysis (goal >= 1); "
          f"checks cost {median['check_claims'] / median['extract_claims']:.2f}x claims (goal about 1 or less)")


if __name__ == "__main__":
    main()
