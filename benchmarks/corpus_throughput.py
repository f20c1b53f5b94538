"""Full-analysis throughput on a corpus: jzrol (parse, terms, themes, claims) against plain jieba.

    python benchmarks/corpus_throughput.py [--megabytes 10] [--rounds 3] [--corpus DIR]

The State Council work reports (``$JZROL_CORPUS`` or the shared folder next to the repository) are
copied into a temporary folder as many times as needed to reach about ``--megabytes`` MB, then:

1. plain ``jieba.lcut`` + ``collections.Counter`` over the same texts, one process;
2. ``jzrol.corpus.summarize`` with 1 worker, and the trend tables made from its summary (法治 and 依法
   per year, themes per year, claims per year);
3. the same with 2 workers;
4. two runs of 2 at once, one on each core (nothing shared: what two workers could reach here at best);
5. a control: a pure-Python counting loop (no files, no memory to speak of), alone on each core and two
   at once, one per core, which shows how well this machine runs any two processes at once;
6. jzrol's set-up alone (dictionary, codebook, claim grammar), on each core: the part of a two-worker
   run that comes before its workers fork, from which the benchmark prints the most two workers
   sharing one dictionary could reach (Amdahl's law);
7. the two-worker run on the corpus repeated 2 and 4 times (``--scales``): time and peak memory for
   each, to show that time grows linearly and memory stays flat.

Each run is a fresh process; the time from after its imports to the end (dictionary loading, worker
start-up and all the work included) and its peak resident memory (its own and its workers') are
recorded. Module imports are outside the timing on both sides: jieba and jzrol are imported first;
jzrol's own dictionary is built inside the timing, as ``jieba.initialize()`` is.

Cores of a virtual machine need not run at the same speed, nor at the same speed from one minute to
the next, so runs 1, 2 and the lone loops are pinned to one core, each core in turn, and compared core by
core; run 3 uses all cores, and its throughput is compared with the mean one-worker throughput of the cores. All
runs are repeated ``--rounds`` times, interleaved (every other round in reverse order) so that a slow
spell of the machine hits all of them alike, and medians are reported. Goals (corpus engine issue):
2 at least 5x the throughput of 1 (on each core); 3 at least 0.95 of what the two independent runs
of 4 reach together in the same round (median over rounds), which is what a perfect split can get
on a shared machine; peak memory under 300 MB.
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

from corpus_copies import copy_corpus  # benchmarks/, the folder of this script

from jzrol import paths

RUN = r"""
import json, os, resource, sys, time
LOOP = 20_000_000
if sys.argv[3] != "all":
    os.sched_setaffinity(0, {int(sys.argv[3])})
from pathlib import Path
files = sorted(Path(sys.argv[1]).glob("*.txt"))
mode = sys.argv[2]
import collections, jieba
from jzrol import corpus
if len(sys.argv) > 4:  # one of a pair started together: wait for the word
    print("ready", flush=True)
    sys.stdin.readline()
started = time.perf_counter()  # after imports; each side's own set-up (dictionaries, workers) is timed
if mode == "loop":  # the control: computation alone
    total = 0
    for number in range(LOOP):
        total += number & 7
elif mode == "setup":  # what a two-worker run does before it forks its workers
    corpus.Analysis().prepare()
elif mode == "jieba":
    jieba.initialize()
    counts = collections.Counter()
    for path in files:
        counts.update(jieba.lcut(path.read_text(encoding="utf-8")))
else:
    folder = sys.argv[1] if "x" not in mode else f"{sys.argv[1]}-{mode.split('x')[0]}x"
    summary = corpus.summarize([folder], workers=int(mode.split("x")[-1]), progress=False)
    assert summary.failures.empty
    trends = (corpus.term_trend(summary, ["法治", "依法"]), corpus.theme_trend(summary), corpus.claims_by_year(summary))
seconds = time.perf_counter() - started
import multiprocessing
for process in multiprocessing.active_children():  # worker processes still exiting: wait, so their memory counts
    process.join()
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))
"""




def run_pair(folder: Path, cores: list[int], mode: str) -> dict:
    """Two runs of ``mode`` (``"1"``: one worker on the whole corpus; ``"loop"``: the control) at once,
    each on its own core, timed from a common start.

    Nothing is shared between them, so the combined throughput of two one-worker runs is the most that
    two workers could reach on this machine (two cores at work at once may run slower than one alone:
    they share caches and memory bandwidth, and on a virtual machine perhaps the host's cores too).
    """
    command = [sys.executable, "-c", RUN, str(folder), mode]
    runs = [subprocess.Popen([*command, str(core), "together"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, cwd=paths.ROOT) for core in cores]
    for process in runs:
        if process.stdout.readline().strip() != "ready":
            sys.exit("a benchmark run of the pair did not start")
    for process in runs:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = [json.loads(process.communicate()[0].strip().splitlines()[-1]) for process in runs]
    # the time in which the pair analyses the corpus once, at its combined throughput
    return {"seconds": 1 / sum(1 / r["seconds"] for r in results), "peak_mb": max(r["peak_mb"] for r in results)}


def run(folder: Path, mode: str, core: int | str) -> dict:
    out = subprocess.run([sys.executable, "-c", RUN, str(folder), mode, str(core)], capture_output=True, text=True,
                         check=True, cwd=paths.ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    parser.add_argument("--scales", default="2,4", help="also run two workers on the corpus repeated so many times")
    args = parser.parse_args()
    scales = [int(n) for n in args.scales.split(",") if n.strip()]
    cores = sorted(os.sched_getaffinity(0))
    one_process = {"jieba": "plain jieba.lcut + Counter", "1": "jzrol full analysis, 1 worker",
                   "loop": "control: pure-Python loop", "setup": "jzrol set-up (dictionary etc.)"}
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch) / "corpus"
        base.mkdir()
        size = copy_corpus(args.corpus, base, args.megabytes)
        files = len(list(base.glob("*.txt")))
        for scale in scales:  # the same reports repeated: folder-2x holds the corpus twice
            repeated = Path(f"{base}-{scale}x")
            repeated.mkdir()
            for copy in range(scale):
                for path in base.glob("*.txt"):
                    shutil.copyfile(path, repeated / f"{copy}-{path.name}")
        print(f"{files} reports, {size:.1f} MB, {args.rounds} rounds; one-process runs pinned to each of cores "
              f"{', '.join(map(str, cores))} in turn")
        order = [*((mode, core) for mode in one_process for core in cores), ("2", "all")]
        order += [("pair", "0+1"), ("loop pair", "0+1")] if len(cores) >= 2 else []
        order += [(f"{scale}x2", "all") for scale in scales]
        runs: dict[tuple[str, int | str], list[dict]] = {key: [] for key in order}
        for round_number in range(args.rounds):
            # every other round runs in reverse order, so that a machine speeding up or slowing down
            # during a round favours no run
            for mode, core in order if round_number % 2 == 0 else order[::-1]:
                if mode.endswith("pair"):
                    found = run_pair(base, cores[:2], "1" if mode == "pair" else "loop")
                else:
                    found = run(base, mode, core)
                runs[mode, core].append(found)
    seconds = {key: statistics.median(r["seconds"] for r in found) for key, found in runs.items()}
    peak = max(r["peak_mb"] for key, found in runs.items() if key[0] in ("1", "2", "pair") for r in found)
    labels = {**one_process, "2": "jzrol full analysis, 2 workers", "pair": "two 1-worker runs at once",
              "loop pair": "control: two loops at once",
              **{f"{scale}x2": f"2 workers, corpus x{scale}" for scale in scales}}
    for (mode, core), found in runs.items():
        where = {"all": "all cores", "0+1": "cores 0+1"}.get(str(core), f"core {core}")
        spread = ", ".join(f"{r['seconds']:.2f}" for r in found)
        scaled = size * (int(mode.split("x")[0]) if "x" in mode else 1)
        rate = "" if "loop" in mode or mode == "setup" else (f" {scaled / seconds[mode, core]:5.2f} MB/s"
                                           f"  peak {max(r['peak_mb'] for r in found):.0f} MB")
        print(f"{labels[mode]:30s} {where:9s} {seconds[mode, core]:6.2f} s{rate}  (runs: {spread} s)")
    for core in cores:
        print(f"1 worker vs plain jieba on core {core}: {seconds['jieba', core] / seconds['1', core]:.2f}x (goal >= 5x)")
    one_worker = statistics.mean(size / seconds["1", core] for core in cores)  # MB/s of one worker, mean over cores
    print(f"2 workers vs 1 worker: {size / seconds['2', 'all'] / one_worker:.2f}x (2-worker throughput over the "
          f"mean one-worker throughput of the cores, {one_worker:.2f} MB/s)")
    if len(cores) >= 2:
        print(f"  what this machine allows: two independent 1-worker runs at once, one per core, reach "
              f"{size / seconds['pair', '0+1'] / one_worker:.2f}x together")
        per_round = [pair["seconds"] / two["seconds"] for two, pair in zip(runs["2", "all"], runs["pair", "0+1"])]
        print(f"  two workers reach {statistics.median(per_round):.2f} of the two independent runs' throughput "
              f"(median over rounds; per round {', '.join(f'{r:.2f}' for r in per_round)}; goal >= 0.95)")
        one_loop = statistics.mean(1 / seconds["loop", core] for core in cores)
        setup = statistics.mean(seconds["setup", core] for core in cores)
        one_run = size / one_worker  # seconds of one worker
        print(f"  two workers sharing one dictionary could reach at most {one_run / (setup + (one_run - setup) / 2):.2f}x "
              f"(the set-up, {setup:.2f} s, comes before the second starts; the rest split evenly at no cost)")
        print(f"  and two pure-Python loops at once reach {1 / seconds['loop pair', '0+1'] / one_loop:.2f}x "
              "the throughput of one alone (the machine's own scaling, whatever the program)")
    print(f"peak memory of jzrol: {peak:.0f} MB (goal < 300 MB)")
    for scale in scales:
        found = runs[f"{scale}x2", "all"]
        print(f"corpus x{scale} ({size * scale:.0f} MB), 2 workers: {seconds[f'{scale}x2', 'all']:.2f} s "
              f"({seconds[f'{scale}x2', 'all'] / seconds['2', 'all']:.2f}x the time of x1), peak "
              f"{max(r['peak_mb'] for r in found):.0f} MB")


if __name__ == "__main__":
    main()
