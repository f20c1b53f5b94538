"""Term-count throughput: jzrol against plain ``jieba.lcut`` + ``collections.Counter``, side by side.

    python benchmarks/term_counts.py [--megabytes 10] [--corpus DIR]

The State Council work reports (from ``$JZROL_CORPUS`` or the shared folder next to the
repository) are repeated until the text reaches about ``--megabytes`` MB of UTF-8. Three runs
over the same texts, one report at a time:

1. baseline: ``jieba.lcut(text)`` (jieba's defaults) into a ``Counter``;
2. jzrol: ``jzrol.terms.count_texts`` (jieba-rs, jzrol's userdict, HMM off, stopwords dropped);
3. reference: the same configuration as 2 run by pure-Python jieba, to prove identical counts.

Goal (terms issue): 2 at least 8x faster than 1, and 2 == 3 exactly. Memory: the peak resident
size of a fresh process counting 1/5 of the text and all of it, to show it grows with the
vocabulary and not with the corpus.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from jzrol import paths, terms


def load_texts(corpus: Path, megabytes: float) -> list[str]:
    originals = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")) if p.name != "SOURCES.md"]
    if not originals:
        sys.exit(f"no reports in {corpus}; set JZROL_CORPUS or pass --corpus")
    texts, size = [], 0
    while size < megabytes * 1e6:
        for text in originals:
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return texts


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def baseline(texts: list[str]) -> Counter:
    import jieba

    jieba.initialize()
    counts: Counter = Counter()
    for text in texts:
        counts.update(jieba.lcut(text))
    return counts


def peak_memory_mb(corpus: Path, megabytes: float) -> float:
    """Peak RSS of a fresh process that loads the texts and counts them with jzrol."""
    code = (
        "import resource, sys; sys.path.insert(0, 'benchmarks');"
        "from term_counts import load_texts; from jzrol import terms; from pathlib import Path;"
        f"terms.count_texts(load_texts(Path({str(corpus)!r}), {megabytes}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=paths.ROOT).stdout
    return float(out.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--corpus", type=Path, default=paths.SHARED_CORPUS)
    args = parser.parse_args()
    texts = load_texts(args.corpus, args.megabytes)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"{len(texts)} texts, {size:.1f} MB of UTF-8")

    _, base_seconds = timed(baseline, texts)
    tokenizer = terms.get_tokenizer()
    jzrol_counts, jzrol_seconds = timed(terms.count_texts, texts)
    reference = terms.Tokenizer(engine="jieba")
    reference_counts, reference_seconds = timed(lambda: terms.count_texts(texts, tokenizer=reference))
    print(f"plain jieba.lcut + Counter : {base_seconds:7.2f} s  {size / base_seconds:6.2f} MB/s")
    print(f"jzrol count_texts (rjieba) : {jzrol_seconds:7.2f} s  {size / jzrol_seconds:6.2f} MB/s  "
          f"speed-up {base_seconds / jzrol_seconds:.1f}x (goal >= 8x)")
    print(f"same config, pure jieba    : {reference_seconds:7.2f} s  {size / reference_seconds:6.2f} MB/s")
    same = jzrol_counts == reference_counts
    print(f"identical counts to the jieba reference: {same} ({len(jzrol_counts)} terms, "
          f"{sum(jzrol_counts.values())} tokens counted; tokenizer {tokenizer.engine})")
    small, large = peak_memory_mb(args.corpus, args.megabytes / 5), peak_memory_mb(args.corpus, args.megabytes)
    print(f"peak RSS counting {args.megabytes / 5:.0f} MB: {small:.0f} MB; {args.megabytes:.0f} MB: {large:.0f} MB "
          f"(includes holding the input texts in memory)")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
