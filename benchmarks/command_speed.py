"""Whole commands on a corpus: ``jzrol terms`` against plain jieba; time and memory of terms, claims, checks.

    python benchmarks/command_speed.py [--megabytes 10] [--rounds 3] [--memory 10,100] [--memory-rounds 1]
                                       [--corpus DIR]

The State Council work reports (``$JZROL_CORPUS`` or the shared folder next to the repository) are
copied into a temporary folder as many times as needed to reach about ``--megabytes`` MB. Then, as
whole processes (start-up, imports, dictionaries and writing the output included on both sides),
repeated ``--rounds`` times, every other round in reverse order:

1. a plain script: ``jieba.lcut`` + ``collections.Counter`` over every file, one process;
2. ``jzrol terms DIR --by doc -o out.csv`` (the machine's cores as workers, the default).

Goal (corpus engine issue): 2 at least 8× faster than 1 (medians). Then, once for each size of
``--memory`` (MB), ``jzrol terms DIR --by doc -o out.csv``, ``jzrol claims DIR -o out.csv`` and
``jzrol checks DIR -o out.csv``: time and the peak resident memory of the largest process of the run
(the command or one of its workers), which should grow with the vocabulary and the output, not with
the text; and the time of ``checks`` over the time of ``claims`` (goal: about 1, since checks only
add a pass over each report's claims to what claims does), the two run ``--memory-rounds`` times in
alternating order, medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_copies import copy_corpus  # benchmarks/, the folder of this script

from jzrol import paths

PLAIN_JIEBA = r"""
import collections, sys
from pathlib import Path
import jieba
jieba.initialize()
counts = collections.Counter()
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    counts.update(jieba.lcut(path.read_text(encoding="utf-8")))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for word, n in counts.most_common():
        out.write(f"{word},{n}\n")
"""

# Runs one command and prints the peak resident memory of its largest process (itself or a worker).
PEAK = r"""
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, code)
"""




def timed(command: list[str]) -> tuple[float, float]:
    """Seconds and the peak memory (MB) of the largest process of ``command``."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True,
                         cwd=paths.ROOT).stdout.split()
    seconds = time.perf_counter() - started
    if out[1] not in ("0", "1"):
        sys.exit(f"{' '.join(command)} failed with exit code {out[1]}")
    return seconds, float(out[0])


def jzrol(*args: str) -> list[str]:
    return [sys.executable, "-m", "jzrol.cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", default="10,100", help="sizes (MB) for the memory runs; empty for none")
    parser.add_argument("--memory-rounds", type=int, default=1, help="runs of claims and checks at each size")
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as scratch:
        folder, out = Path(scratch) / "corpus", Path(scratch) / "out.csv"
        size = copy_corpus(args.corpus, folder, args.megabytes)
        print(f"{len(list(folder.iterdir()))} reports, {size:.1f} MB")
        runs = {"jieba": [], "terms": []}
        commands = {"jieba": [sys.executable, "-c", PLAIN_JIEBA, str(folder), str(out)],
                    "terms": jzrol("terms", str(folder), "--by", "doc", "-o", str(out))}
        for number in range(args.rounds):
            for name in (list(runs) if number % 2 == 0 else list(runs)[::-1]):
                runs[name].append(timed(commands[name])[0])
        jieba_s, terms_s = (statistics.median(runs[name]) for name in ("jieba", "terms"))
        for name, label in (("jieba", "plain jieba.lcut + Counter"), ("terms", "jzrol terms DIR --by doc -o")):
            print(f"{label:30s} {statistics.median(runs[name]):7.2f} s  {size / statistics.median(runs[name]):6.2f} MB/s"
                  f"  (runs: {', '.join(f'{s:.2f}' for s in runs[name])} s)")
        print(f"jzrol terms vs plain jieba, whole processes: {jieba_s / terms_s:.1f}x (goal >= 8x); per round: "
              + ", ".join(f"{j / t:.1f}x" for j, t in zip(runs["jieba"], runs["terms"])))
        for megabytes in [float(m) for m in args.memory.split(",") if m.strip()]:
            big = Path(scratch) / f"corpus-{megabytes:g}"
            size = copy_corpus(args.corpus, big, megabytes)
            commands = {"terms --by doc": jzrol("terms", str(big), "--by", "doc", "-o", str(out)),
                        "claims": jzrol("claims", str(big), "-o", str(out)),
                        "checks": jzrol("checks", str(big), "-o", str(out))}
            took: dict[str, list[float]] = {name: [] for name in commands}
            order = list(commands)
            for number in range(args.memory_rounds):  # terms once; claims and checks alternate their order
                for name in order if number == 0 else (order[1:] if number % 2 == 0 else order[:0:-1]):
                    seconds, peak = timed(commands[name])
                    took[name].append(seconds)
                    print(f"jzrol {name:15s} {size:6.1f} MB: {seconds:7.2f} s, largest process {peak:6.0f} MB, "
                          f"output {out.stat().st_size / 1e6:.1f} MB", flush=True)
            claims_s, checks_s = statistics.median(took["claims"]), statistics.median(took["checks"])
            print(f"checks cost {checks_s / claims_s:.2f}x claims at {size:.1f} MB, whole processes, medians of "
                  f"{args.memory_rounds} (goal about 1; per round: "
                  + ", ".join(f"{k / c:.2f}x" for c, k in zip(took["claims"], took["checks"])) + ")", flush=True)
            shutil.rmtree(big)
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
