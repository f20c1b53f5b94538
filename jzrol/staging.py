"""All-or-nothing output folders: build into a staging folder, then swap it into place.

:func:`staged_folder` takes a lock beside the output folder (so a second build into it refuses with one
line), hands out a fresh staging folder beside it, and when the block ends without an error swaps the
staging folder into place with two renames: the previous build stays whole until the swap, and files
of an earlier build that the new one did not write are gone with it. An error or ``Ctrl-C`` inside the
block removes the staging folder and leaves the previous build as it was.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "figures"
>>> with staged_folder(out) as stage:
...     _ = (stage / "a.txt").write_text("new", encoding="utf-8")
>>> sorted(p.name for p in out.iterdir())
['a.txt']
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["BuildFolderError", "lock_path", "staged_folder"]


class BuildFolderError(Exception):
    """An output folder that cannot be built into; ``str(error)`` is one line naming the folder and why."""


def _target(out_dir: str | Path) -> Path:
    """The absolute output folder (a symlink to a folder stands for its target), checked before any work."""
    out = Path(os.path.abspath(out_dir))
    if out.is_symlink():
        out = out.resolve()
    if out.exists() and not out.is_dir():
        raise BuildFolderError(f"{out_dir}: --out names a file, not a folder")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildFolderError(f"{out_dir}: cannot create the folder it goes in ({error.strerror})") from None
    for folder in (out.parent, out) if out.exists() else (out.parent,):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise BuildFolderError(f"{out_dir}: cannot write into {folder} (read-only)")
    return out


def lock_path(out_dir: str | Path) -> Path:
    """The lock file of an output folder: a hidden file beside it (``figures`` -> ``.figures.lock``).

    >>> lock_path("/tmp/figures").name
    '.figures.lock'
    """
    out = Path(os.path.abspath(out_dir))
    return out.parent / f".{out.name}.lock"


@contextmanager
def _exclusive_lock(out: Path, shown_as: str | Path) -> Iterator[None]:
    try:
        handle = open(lock_path(out), "a")  # noqa: SIM115 - held for the whole block
    except OSError as error:
        raise BuildFolderError(f"{shown_as}: cannot create the lock file beside it ({error.strerror})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildFolderError(f"{shown_as}: another build is writing into this folder; "
                                   "try again when it has finished") from None
        yield
    finally:
        handle.close()  # closing releases the lock; the file stays, so the lock is never raced on


def _swap(stage: Path, out: Path) -> None:
    """Put ``stage`` where ``out`` is: the old folder moves aside, the new one in, then the old one goes."""
    if not out.exists():
        os.rename(stage, out)
        return
    os.chmod(stage, out.stat().st_mode & 0o7777)
    previous = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.previous-"))
    os.rename(out, previous / out.name)
    try:
        os.rename(stage, out)
    except BaseException:
        os.rename(previous / out.name, out)  # put the previous build back
        os.rmdir(previous)
        raise
    shutil.rmtree(previous, ignore_errors=True)


@contextmanager
def staged_folder(out_dir: str | Path) -> Iterator[Path]:
    """A staging folder to fill; on a clean exit it replaces ``out_dir`` whole, on any error it is removed.

    Raises:
        BuildFolderError: ``out_dir`` is a file, is read-only or sits in a missing or read-only folder,
            or another build holds its lock.
    """
    out = _target(out_dir)
    with _exclusive_lock(out, out_dir):
        try:
            stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.staging-"))
        except OSError as error:
            raise BuildFolderError(f"{out_dir}: cannot create a staging folder beside it ({error.strerror})") from None
        os.chmod(stage, 0o777 & ~_umask())
        try:
            yield stage
            _swap(stage, out)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
