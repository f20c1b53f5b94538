"""The State Council reports copied into a folder as many times as it takes to reach a size.

>>> import tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as source, tempfile.TemporaryDirectory() as target:
...     _ = (Path(source) / "2024.txt").write_text("各位代表：" * 100, encoding="utf-8")
...     megabytes = copy_corpus(Path(source), Path(target), 0.004)
...     sorted(p.name for p in Path(target).iterdir()), megabytes
(['0000-2024.txt', '0001-2024.txt', '0002-2024.txt'], 0.0045)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def copy_corpus(source: Path, target: Path, megabytes: float) -> float:
    """Copy the ``*.txt`` reports of ``source`` into ``target`` (``0000-name``, ``0001-name`` …) until
    they add up to about ``megabytes`` MB; return the MB copied. Exits with a message when there are none."""
    originals = sorted(source.glob("*.txt"))
    if not originals:
        sys.exit(f"no reports in {source}; set JZROL_CORPUS or pass --corpus")
    target.mkdir(parents=True, exist_ok=True)
    size, copy = 0, 0
    while size < megabytes * 1e6:
        for path in originals:
            shutil.copyfile(path, target / f"{copy:04d}-{path.name}")
            size += path.stat().st_size
            if size >= megabytes * 1e6:
                break
        copy += 1
    return size / 1e6
