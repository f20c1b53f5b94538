"""The corpus engine: batches, one code path for every executor, and workers that die at any moment."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jzrol.corpus import engine
from tests.conftest import DATA

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked, /proc is read")


def test_batches_take_the_largest_reports_first_and_shrink():
    sizes = [5, 300, 40, 7, 120, 1, 1, 60, 2, 9, 33, 80]
    found = engine.batches(sizes, 2)
    flat = [i for batch in found for i in batch]
    assert sorted(flat) == list(range(len(sizes)))
    assert [sizes[i] for i in flat] == sorted(sizes, reverse=True)
    totals = [sum(sizes[i] for i in batch) for batch in found]
    assert totals[0] == 300 and totals[-1] <= 10 and len(found[-1]) >= 1


def test_results_are_the_same_here_and_in_a_pool():
    items = [f"{'法' * n}" for n in range(1, 30)]
    sizes = list(range(1, 30))
    here = sorted(pair for pair in engine.run(engine.Job(each=engine._length), items, sizes=sizes) if pair[0] >= 0)
    pooled = [pair for pair in engine.run(engine.Job(each=engine._length), items, sizes=sizes, workers=3)]
    assert sorted(pair for pair in pooled if pair[0] >= 0) == here
    assert [r for _, r in here] == sizes
    assert len(pooled) - len(items) == len(engine.batches(sizes, 3))  # one sum per batch


# A job that kills its own worker process (SIGKILL, as an out-of-memory kill does) at a chosen moment.
DYING = r"""
import os, signal, sys, time
from jzrol.corpus import engine

MOMENT = sys.argv[1]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def start():
    if MOMENT in ("start", "submit"):
        die()

def each(item, state):
    time.sleep(0.02)
    if MOMENT == "each" and item == "report-07":
        die()
    return item

def finish(state):
    if MOMENT == "finish":
        die()

if MOMENT == "spill":  # half of the batch's results written, then killed
    def half(outcome, stream, protocol):
        stream.write(b"\x80\x05 half")
        stream.flush()
        die()
    engine.pickle.dump = half

count = 24
if MOMENT == "submit":  # thousands of one-report batches: the first kills its worker while the rest are submitted
    engine._BATCHES_PER_WORKER, count = 10**6, 3000
items = [f"report-{i:02d}" for i in range(count)]
started = time.monotonic()
try:
    list(engine.run(engine.Job(each=each, start=start, finish=finish), items, sizes=[10] * count, workers=2,
                    names=items))
except engine.WorkerError as error:
    print(error)
    print(f"{time.monotonic() - started:.2f} s")  # from the start of the run, not of the interpreter
    sys.exit(3)
"""


@linux_only
@pytest.mark.parametrize("moment", ["start", "submit", "each", "finish", "spill"])
def test_a_worker_killed_at_any_moment_ends_the_run_with_its_last_report(moment):
    result = subprocess.run([sys.executable, "-c", DYING, moment], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 3, result.stderr
    lines, took = result.stdout.strip().splitlines()[:-1], result.stdout.split()[-2]
    assert float(took) < 20, f"the run took {took} s to end after its worker died"
    assert len(lines) == 1 and "a worker process died" in lines[0]
    if moment == "each":
        assert "its last report was report-07" in lines[0]
    elif moment in ("start", "submit"):
        assert "before it took a report" in lines[0] or "its last report was report-" in lines[0]
    else:
        assert "its last report was report-" in lines[0]


def _workers_of(pid: int) -> list[int]:
    """Child processes of ``pid`` that run the same command (forked workers, not a helper process)."""
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        command = handle.read()
    children = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                children += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    found = []
    for child in children:
        try:
            with open(f"/proc/{child}/cmdline", "rb") as handle:
                if handle.read() == command:
                    found.append(child)
        except OSError:
            continue
    return found


def _checks_with_two_workers(folder: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """``jzrol checks FOLDER --workers 2 -o OUT`` started, and its worker processes once they are up."""
    process = subprocess.Popen([sys.executable, "-m", "jzrol.cli", "checks", str(folder), "--workers", "2",
                                "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    workers = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = _workers_of(process.pid)
        time.sleep(0.01)
    assert workers, "the command started no worker"
    return process, workers


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    """Reports enough for a run of a few seconds: the shared corpus twice, else the fixtures many times."""
    from jzrol import paths

    folder = tmp_path_factory.mktemp("many")
    sources = sorted(paths.SHARED_CORPUS.glob("*.txt")) * 2
    if not sources:
        sources = [p for p in DATA.glob("*.txt") if p.stem not in {"empty", "blank", "not-chinese-encoding"}] * 150
    for number, path in enumerate(sources):
        shutil.copyfile(path, folder / f"{number:04d}-{path.name}")
    return folder


@linux_only
@pytest.mark.parametrize("delay", [0.0, 0.3, 0.9])
def test_killing_a_worker_of_a_command_never_hangs(big_folder, delay, tmp_path):
    out = tmp_path / "terms.csv"
    process, workers = _checks_with_two_workers(big_folder, out)
    time.sleep(delay)
    workers = [pid for pid in _workers_of(process.pid) if pid in workers] or workers  # still workers, not a helper
    killed_at = time.monotonic()
    os.kill(workers[-1], signal.SIGKILL)
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - killed_at < 10
    if process.returncode == 0:
        pytest.skip("the run had finished before the kill")
    assert process.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "a worker process died" in lines[0] and "Traceback" not in stderr
    assert "its last report was" in lines[0] or "before it took a report" in lines[0]
    assert not out.exists()


@linux_only
def test_ctrl_c_stops_the_workers_and_leaves_the_output_as_it_was(big_folder, tmp_path):
    out = tmp_path / "terms.csv"
    out.write_text("earlier result\n", encoding="utf-8")
    process, workers = _checks_with_two_workers(big_folder, out)
    time.sleep(0.3)
    os.kill(process.pid, signal.SIGINT)  # what Ctrl-C sends (the workers ignore it; the command stops them)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run had finished before Ctrl-C")
    assert process.returncode == 130 and stderr.strip().splitlines()[-1] == "jzrol: interrupted"
    assert "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "earlier result\n" and [p.name for p in tmp_path.iterdir()] == ["terms.csv"]
    deadline = time.monotonic() + 30  # the workers are gone within moments; a slow machine only takes longer
    while [pid for pid in workers if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _running(pid)]


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"  # a zombie has stopped
    except OSError:
        return False
