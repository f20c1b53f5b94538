"""Full-analysis throughput on a corpus: jzrol (parse, terms, themes, claims) against plain jieba.

    python benchmarks/corpus_throughput.py [--megabytes 10] [--rounds 3] [--corpus DIR]

The State Council work reports (``$JZROL_CORPUS`` or the shared folder next to the repository) are
copied into a temporary folder as many times as needed to reach about ``--megabytes`` MB, then:

1. plain ``jieba.lcut`` + ``collections.Counter`` over the same texts, one process;
2. ``jzrol.corpus.summarize`` with 1 worker, and the trend tables made from its summary (法治 and 依法
   per year, themes per year, claims per year);
3. the same with 2 workers.

Each run is a fresh process; the time from after its imports to the end (dictionary loading, worker
start-up and all the work included) and its peak resident memory (its own and its workers') are
recorded. Module imports are outside the timing on both sides: jieba, rjieba (whose import builds a
default dictionary that jzrol does not use) and jzrol are imported first; jzrol's own dictionary is
built inside the timing, as ``jieba.initialize()`` is.

Cores of a virtual machine need not run at the same speed (on the machine the README's figures come
from, one core ran about 20 % slower than the other for long spells), so a one-process run left to the
scheduler is fast or slow depending on where it lands. Runs 1 and 2 are therefore pinned to one core,
each core in turn, and compared core by core; run 3 uses all cores, and its throughput is compared with
the mean one-worker throughput of the cores. All runs are repeated ``--rounds`` times, interleaved so
that a slow spell of the machine hits all of them alike, and medians are reported. Goals (corpora
issue): 2 at least 5x the throughput of 1 (on each core); 3 at least 1.8x the throughput of 2; peak
memory under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from jzrol import paths

RUN = r"""
import json, os, resource, sys, time
if sys.argv[3] != "all":
    os.sched_setaffinity(0, {int(sys.argv[3])})
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.txt"))
mode = sys.argv[2]
import collections, jieba, rjieba
from jzrol import corpus
started = time.perf_counter()  # after imports; each side's own set-up (dictionaries, workers) is timed
if mode == "jieba":
    jieba.initialize()
    counts = collections.Counter()
    for path in files:
        counts.update(jieba.lcut(path.read_text(encoding="utf-8")))
else:
    summary = corpus.summarize([sys.argv[1]], workers=int(mode), progress=False)
    assert summary.failures.empty
    trends = (corpus.term_trend(summary, ["法治", "依法"]), corpus.theme_trend(summary), corpus.claims_by_year(summary))
seconds = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))
"""


def build_corpus(source: Path, target: Path, megabytes: float) -> float:
    originals = sorted(p for p in source.glob("*.txt"))
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


def run(folder: Path, mode: str, core: int | str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, str(folder), mode, str(core)], capture_output=True, text=True,
                         check=True, cwd=paths.ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    args = parser.parse_args()
    cores = sorted(os.sched_getaffinity(0))
    one_process = {"jieba": "plain jieba.lcut + Counter", "1": "jzrol full analysis, 1 worker"}
    runs: dict[tuple[str, int | str], list[dict]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        size = build_corpus(args.corpus, Path(scratch), args.megabytes)
        files = len(list(Path(scratch).glob("*.txt")))
        print(f"{files} reports, {size:.1f} MB, {args.rounds} rounds; one-process runs pinned to each of cores "
              f"{', '.join(map(str, cores))} in turn")
        for _ in range(args.rounds):
            for core in cores:
                for mode in one_process:
                    runs.setdefault((mode, core), []).append(run(Path(scratch), mode, core))
            runs.setdefault(("2", "all"), []).append(run(Path(scratch), "2", "all"))
    seconds = {key: statistics.median(r["seconds"] for r in found) for key, found in runs.items()}
    peak = max(r["peak_mb"] for key, found in runs.items() if key[0] != "jieba" for r in found)
    for (mode, core), found in runs.items():
        label = one_process.get(mode, "jzrol full analysis, 2 workers")
        where = f"core {core}" if core != "all" else "all cores"
        spread = ", ".join(f"{r['seconds']:.2f}" for r in found)
        print(f"{label:30s} {where:9s} {seconds[mode, core]:6.2f} s {size / seconds[mode, core]:5.2f} MB/s"
              f"  peak {max(r['peak_mb'] for r in found):.0f} MB  (runs: {spread} s)")
    for core in cores:
        print(f"1 worker vs plain jieba on core {core}: {seconds['jieba', core] / seconds['1', core]:.2f}x (goal >= 5x)")
    one_worker = statistics.mean(size / seconds["1", core] for core in cores)  # MB/s of one worker, mean over cores
    print(f"2 workers vs 1 worker: {size / seconds['2', 'all'] / one_worker:.2f}x (2-worker throughput over the "
          f"mean one-worker throughput of the cores, {one_worker:.2f} MB/s; goal >= 1.8x)")
    print(f"peak memory of jzrol: {peak:.0f} MB (goal < 300 MB)")


if __name__ == "__main__":
    main()
