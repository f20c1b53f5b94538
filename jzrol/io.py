"""Writing output files: a crash never leaves a half-written output behind, and nothing else is replaced.

A regular file is written to a temporary file beside it, flushed to disk and renamed over it, keeping
the mode of the file it replaces. A symbolic link is followed, so its target is written and the link
stays; a FIFO, a device or a socket (``-o /dev/null``, ``-o /dev/stdout``) is written directly,
never replaced by a file.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
>>> atomic_write_text(target, "法治")
>>> target.read_text(encoding="utf-8")
'法治'
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
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


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the rename) to disk, where the system allows it."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _write(stream, data: bytes | Iterable[bytes]) -> str:  # stream: a binary file
    """Write ``data`` to ``stream``; return the sha256 of the bytes written."""
    digest = hashlib.sha256()
    for chunk in [data] if isinstance(data, bytes | bytearray) else data:
        stream.write(chunk)
        digest.update(chunk)
    return digest.hexdigest()


def atomic_write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or chunks of bytes written in turn) to ``path``: atomically for a regular
    file, directly for a FIFO or device.

    Raises:
        OSError: the folder cannot be written, or ``path`` is a folder.
    """
    path = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise IsADirectoryError(21, "is a folder", str(path))
    if existing is not None and not stat.S_ISREG(existing.st_mode):  # a FIFO, a device, a socket
        with open(path, "wb") as stream:
            _write(stream, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            sha256 = _write(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    record = _WRITES.get()
    if record is not None:
        record[path.absolute()] = sha256


def atomic_write_text(path: Path, text: str | Iterable[str]) -> None:
    """UTF-8 text with ``\\n`` line ends (a string, or chunks written in turn, so that a large output is
    never held twice), written as :func:`atomic_write_bytes` writes."""
    atomic_write_bytes(path, text.encode("utf-8") if isinstance(text, str) else (t.encode("utf-8") for t in text))
