"""Output files: written atomically, through symbolic links, into special files directly, modes kept."""

import os
import stat
import subprocess
import sys
import threading

import pytest

from jzrol import io, paths


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    target, link = tmp_path / "real.csv", tmp_path / "link.csv"
    target.write_text("old\n", encoding="utf-8")
    link.symlink_to(target)
    io.atomic_write_text(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_the_mode_of_a_replaced_file_is_kept(tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    io.atomic_write_text(out, "new\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_text(encoding="utf-8") == "new\n"
    fresh = tmp_path / "fresh.csv"
    io.atomic_write_text(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~io._UMASK


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_directly_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    io.atomic_write_text(fifo, "法治\n")
    reader.join(timeout=10)
    assert received == ["法治\n".encode()]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_device_stays_a_device():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    io.atomic_write_text("/dev/null", "discarded\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_the_data_is_on_disk_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(io.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(io.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1])
    io.atomic_write_text(tmp_path / "out.csv", "x")
    assert events[:2] == ["fsync", "replace"]


def test_the_command_line_writes_through_a_link_and_refuses_a_folder(tmp_path):
    target, link = tmp_path / "units.csv", tmp_path / "link.csv"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    command = [sys.executable, "-m", "jzrol.cli", "parse", str(paths.SEED_REPORT)]
    result = subprocess.run([*command, "-o", str(link)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and link.is_symlink() and target.read_text(encoding="utf-8").startswith("doc_id,")
    result = subprocess.run([*command, "-o", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(tmp_path) in result.stderr
