"""Parsing speed: reading and parsing reports (``jzrol.corpus.summary.read_named``) in MB/s, by stage.

    python benchmarks/parse_speed.py [--megabytes 10] [--rounds 5] [--corpus DIR] [--no-stages]

The State Council work reports (``$JZROL_CORPUS`` or the shared folder next to the repository) are
listed again and again until their files reach about ``--megabytes`` MB, and every file of the list
is read and parsed in turn, in one process on one core: decoding, page chrome, paragraphs and their
heading families, the signature, the units table, simplified characters and the metadata. Each round
is timed as a whole in CPU time of the process (``time.process_time``: on a machine shared with other
work, wall time also counts the waits for a core); the median round gives the throughput.

One more round, after the timed ones, times each stage of :func:`jzrol.report.parse_report` alone (the
stage functions are wrapped with a clock for that round only) and prints each stage's share of the
round; ``other`` is what lies between the stages. ``--no-stages`` leaves that round out, for
comparing two checkouts with ``PYTHONPATH`` (run them interleaved: this machine's speed drifts).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path

import jzrol.corpus.summary as summary_module
import jzrol.report as report_module
from jzrol import paths
from jzrol.corpus.summary import read_named

#: The stages of reading and parsing, each as the functions that make it (of jzrol.report, where
#: parse_report calls them; decoding is called by read_named).
STAGES = {
    "decode": ("read_source",),
    "chrome": ("_split_lines", "_repeat_start", "_article_start", "_footer_start", "_classify_header"),
    "paragraphs": ("_paragraphs", "_mark_candidates", "_has_report_text", "_back_matter_start"),
    "signature": ("_signature_and_notes",),
    "structure": ("_units",),
    "simplified": ("_simplified_column", "is_traditional"),
    "meta": ("_meta",),
}


def corpus_files(corpus: Path, megabytes: float) -> list[Path]:
    """The corpus files, repeated until their sizes add up to ``megabytes`` MB."""
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"{corpus}: no .txt files (set --corpus or JZROL_CORPUS)")
    listed, size = [], 0
    while size < megabytes * 1e6:
        path = files[len(listed) % len(files)]
        listed.append(path)
        size += path.stat().st_size
    return listed


def parse_all(files: list[Path]) -> float:
    """CPU seconds to read and parse every file of the list."""
    start = time.process_time()
    for path in files:
        read_named(path)
    return time.process_time() - start


def stage_times(files: list[Path]) -> tuple[float, dict[str, float]]:
    """One round with every stage function wrapped with a clock: total seconds and seconds per stage."""
    spent: dict[str, float] = defaultdict(float)
    originals = {}

    def clocked(stage, function):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] += time.process_time() - start
        return run

    for stage, names in STAGES.items():
        module = summary_module if stage == "decode" else report_module
        for name in names:
            originals[module, name] = getattr(module, name)
            setattr(module, name, clocked(stage, originals[module, name]))
    try:
        total = parse_all(files)
    finally:
        for (module, name), function in originals.items():
            setattr(module, name, function)
    return total, dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    parser.add_argument("--no-stages", action="store_true", help="time whole rounds only")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of a table")
    args = parser.parse_args()
    files = corpus_files(args.corpus, args.megabytes)
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    parse_all(files[:60])  # warm up: lexicons, OpenCC, compiled patterns
    rounds = [parse_all(files) for _ in range(args.rounds)]
    median = statistics.median(rounds)
    result = {"megabytes": round(megabytes, 2), "files": len(files), "rounds": [round(r, 3) for r in rounds],
              "median_seconds": round(median, 3), "mb_per_second": round(megabytes / median, 2)}
    if not args.no_stages:
        total, spent = stage_times(files)
        shares = {stage: spent.get(stage, 0.0) / total for stage in STAGES}
        shares["other"] = max(0.0, 1 - sum(shares.values()))
        result["stage_shares"] = {stage: round(share, 3) for stage, share in shares.items()}
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['megabytes']} MB in {len(files)} files, {args.rounds} rounds: median "
          f"{median:.2f} s, {result['mb_per_second']:.2f} MB/s (rounds: {', '.join(map(str, result['rounds']))})")
    for stage, share in result.get("stage_shares", {}).items():
        print(f"  {stage:<11} {share:6.1%}")


if __name__ == "__main__":
    main()
