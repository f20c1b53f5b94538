"""Wall time of `jzrol build` on the seed report: whole process, median of several runs.

    python benchmarks/build_time.py [--runs 5]

Goal (issue: reproducible figures): under 10 s on a 2-core machine. Each run is a fresh
process writing to a fresh folder, so start-up, imports and font loading are included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_build(out_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "jzrol.cli", "build", "--quiet", "--out", str(out_dir)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        times = [time_build(Path(scratch) / f"run{i}") for i in range(args.runs)]
    print(f"jzrol build on the seed: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s); goal < 10 s")


if __name__ == "__main__":
    main()
