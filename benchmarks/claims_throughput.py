"""Claims and checks throughput on a corpus, side by side with the full corpus analysis.

    python benchmarks/claims_throughput.py [--megabytes 10] [--rounds 3] [--paragraphs 100000] [--corpus DIR]

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

Then one report of ``--paragraphs`` short paragraphs, made here from the corpus: each sentence of the
reports that holds a number becomes a paragraph of its own, the sentences repeated until there are
enough, under one part heading. Its claims and checks are timed the same way (checks should cost about
as much as claims or less, however many units a report has); ``--paragraphs 0`` skips it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from corpus_copies import copy_corpus  # benchmarks/, the folder of this script

from jzrol import corpus, paths, read_report
from jzrol.claims import check_claims, extract_claims, prepare
from jzrol.report import parse_report

_SENTENCE_WITH_A_NUMBER = re.compile(r"[^。！？\n]*[0-9０-９][^。！？\n]*[。！？]")


def short_paragraphs_report(source: Path, paragraphs: int) -> str:
    """One report of ``paragraphs`` one-sentence paragraphs, the corpus's sentences with a number in turn."""
    sentences = [match.group().strip() for path in sorted(source.glob("*.txt"))
                 for match in _SENTENCE_WITH_A_NUMBER.finditer(path.read_text(encoding="utf-8"))]
    body = [sentences[number % len(sentences)] for number in range(paragraphs)]
    return "\n\n".join(["某市政府工作报告", "一、过去一年的工作", *body])


def timed(function) -> float:  # noqa: ANN001 - a callable without arguments
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as one worker has
    with tempfile.TemporaryDirectory() as folder:
        megabytes = copy_corpus(args.corpus, Path(folder), args.megabytes)
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
    if args.paragraphs:
        short_paragraphs(args.corpus, args.paragraphs, args.rounds)


def short_paragraphs(source: Path, paragraphs: int, rounds: int) -> None:
    """Claims and checks of one report of many short paragraphs, interleaved rounds, medians."""
    text = short_paragraphs_report(source, paragraphs)
    started = time.perf_counter()
    report = parse_report(text)
    parse = time.perf_counter() - started
    claims = extract_claims(report.units)
    runs = {"extract_claims": lambda: extract_claims(report.units),
            "check_claims": lambda: check_claims(claims, report.units)}
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for round_number in range(rounds):
        for name in list(runs) if round_number % 2 == 0 else list(reversed(runs)):
            seconds[name].append(timed(runs[name]))
    findings = check_claims(claims, report.units)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    print(f"one report of {paragraphs} short paragraphs ({len(text) / 1e6:.1f} M characters, "
          f"{len(report.units)} units, {len(claims)} claims, {len(findings)} findings); parse {parse:.2f} s")
    for name, value in median.items():
        print(f"  {name:<38} {value:7.2f} s   (rounds: " + ", ".join(f"{v:.2f}" for v in seconds[name]) + ")")
    print(f"  checks cost {median['check_claims'] / median['extract_claims']:.2f}x claims (goal about 1 or less)")


if __name__ == "__main__":
    main()
