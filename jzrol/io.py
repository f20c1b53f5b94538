"""Atomic file writing: a crash never leaves a half-written output behind.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
>>> atomic_write_text(target, "法治")
>>> target.read_text(encoding="utf-8")
'法治'
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()
#: While :func:`recording_writes` is active: absolute path -> sha256 of the bytes written there.
_WRITES: ContextVar[dict[Path, str] | None] = ContextVar("jzrol_writes", default=None)


@contextmanager
def recording_writes() -> Iterator[dict[Path, str]]:
    """Collect the sha256 of every file the atomic writers put down inside the block, from the bytes written.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with recording_writes() as written:
    ...     atomic_write_text(folder / "a.txt", "法治")
    >>> written[folder / "a.txt"][:12]
    'afd50b774f73'
    """
    written: dict[Path, str] = {}
    token = _WRITES.set(written)
    try:
        yield written
    finally:
        _WRITES.reset(token)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    record = _WRITES.get()
    if record is not None:
        record[path.absolute()] = hashlib.sha256(data).hexdigest()


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text with ``\\n`` line ends, written atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
