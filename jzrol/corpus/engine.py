"""The corpus engine: a job run over reports in batches, in this process, a process pool or on Dask.

Reports are taken largest first and cut into batches that shrink as the work goes on, so that the
last ones to finish are small. Each batch runs in one worker: ``job.start()`` makes the batch's
state, ``job.each(item, state)`` analyses one report, ``job.finish(state)`` gives what the batch adds
up (for a corpus summary, its term counts per year). A process pool
(:class:`concurrent.futures.ProcessPoolExecutor`) and a Dask cluster (``Client.get_executor()``) are
used through the same ``submit`` interface, so there is one code path with two executors.

A worker of the pool writes its batch's results to a file and sends back only the file's name: a
message that short is written to the pipe in one piece, so a worker killed while sending cannot leave
a half-written message for the calling process to wait on. A worker that dies ends the run at once
with a :class:`WorkerError` naming the report it was analysing (the pool notices the death; a table
shared with the workers says which report each was on).

>>> job = Job(each=_length)
>>> [pair for pair in run(job, ["法治", "政府"], sizes=[2, 2], workers=1) if pair[0] >= 0]
[(0, 2), (1, 2)]
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from tqdm.auto import tqdm

__all__ = ["Job", "StopRun", "WorkerError", "batches", "default_workers", "run", "run_in_order"]

MAX_WORKERS = 8  # more processes than this only add start-up time and memory for corpora of reports
_BATCHES_PER_WORKER = 2  # each batch takes this share of what is left per worker: sizes shrink as work ends
_SLOT_FIELDS = 3  # per worker in the shared table: process id, index of its current report, stopped by us


class WorkerError(RuntimeError):
    """A worker process died before it finished (killed, out of memory); the run is incomplete."""


class StopRun(Exception):
    """Raised by a result handler to stop the run at once (``--strict`` on the first bad report)."""


def _nothing(*_: Any) -> None:
    return None


def _length(item: str, _state: None) -> int:
    return len(item)


@dataclass(frozen=True)
class Job:
    """What to do with each report of a batch; its functions must be picklable (module level, or partials).

    Attributes:
        each: ``each(item, state)`` gives one report's result.
        start: ``start()`` gives a batch's state (None by default).
        finish: ``finish(state)`` gives what the batch adds up, sent back with its results.
    """

    each: Callable[[Any, Any], Any]
    start: Callable[[], Any] = field(default=_nothing)
    finish: Callable[[Any], Any] = field(default=_nothing)


def default_workers() -> int:
    """The machine's cores available to this process, at most :data:`MAX_WORKERS`.

    >>> 1 <= default_workers() <= MAX_WORKERS
    True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def batches(sizes: Sequence[int], workers: int) -> list[list[int]]:
    """Indices of the items, largest first, in batches that shrink as the work goes on.

    Each batch takes about ``1 / (2 × workers)`` of the bytes still left, at least one item, so the
    first batches carry the large reports and the last ones are small.

    >>> batches([1, 30, 1, 40, 1, 1], 1)
    [[3], [1], [0, 2], [4], [5]]
    """
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    left = sum(sizes)
    found: list[list[int]] = []
    position = 0
    while position < len(order):
        target = left / (_BATCHES_PER_WORKER * workers)
        batch, taken = [], 0
        while position < len(order) and (not batch or taken + sizes[order[position]] <= target):
            batch.append(order[position])
            taken += sizes[order[position]]
            position += 1
        left -= taken
        found.append(batch)
    return found


# --- inside a worker process ------------------------------------------------------------------

_SLOTS = None  # the shared table of this worker (None outside a process pool)
_SLOT = -1


def _stopped_by_the_run(signum: int, _frame: Any) -> None:
    """SIGTERM from the calling process or the pool: mark it in the table, so the death is not blamed here."""
    if _SLOTS is not None and _SLOT >= 0:
        _SLOTS[_SLOT * _SLOT_FIELDS + 2] = 1
    os._exit(128 + signum)


def _start_worker(slots: Any, taken: Any) -> None:
    """Set up a worker process: its place in the shared table, SIGTERM marked, Ctrl-C left to the caller."""
    global _SLOTS, _SLOT
    with taken.get_lock():
        _SLOT = taken.value
        taken.value += 1
    _SLOTS = slots
    slots[_SLOT * _SLOT_FIELDS] = os.getpid()
    slots[_SLOT * _SLOT_FIELDS + 1] = -1
    signal.signal(signal.SIGTERM, _stopped_by_the_run)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_batch(job: Job, batch: list[tuple[int, Any]], spill: str | None) -> Any:
    """Run ``job`` over one batch: ``([(index, result), …], job.finish(state))``, or the file holding it."""
    state = job.start()
    results = []
    for index, item in batch:
        if _SLOTS is not None:
            _SLOTS[_SLOT * _SLOT_FIELDS + 1] = index
        results.append((index, job.each(item, state)))
    outcome = (results, job.finish(state))
    if spill is None:
        return outcome
    handle, name = tempfile.mkstemp(dir=spill, suffix=".part")
    with os.fdopen(handle, "wb") as stream:
        pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(name, name[:-len(".part")])
    return name[:-len(".part")]


def _load(name: str) -> Any:
    with open(name, "rb") as stream:
        outcome = pickle.load(stream)
    os.unlink(name)
    return outcome


# --- in the calling process -------------------------------------------------------------------

@dataclass
class _Pool:
    """A process pool with the table its workers fill in: which report each is on, and whether we stopped it."""

    executor: ProcessPoolExecutor
    slots: Any
    workers: int

    @classmethod
    def start(cls, workers: int) -> _Pool:
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        slots = context.Array("q", [0, -1, 0] * workers, lock=False)
        taken = context.Value("i", 0)
        executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                       initargs=(slots, taken))
        return cls(executor, slots, workers)

    def rows(self) -> list[tuple[int, int, int]]:
        values = list(self.slots)
        return [tuple(values[i:i + _SLOT_FIELDS]) for i in range(0, len(values), _SLOT_FIELDS)]

    def stop(self) -> None:
        """Terminate every worker now (Ctrl-C, a strict stop): their batches are not waited for."""
        for pid, _, _ in self.rows():
            if pid:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGTERM)
        self.executor.shutdown(wait=True, cancel_futures=True)

    def dead_report(self) -> int | None:
        """The index of the report the dead worker was on (-1 before it took one; None when unknown)."""
        rows = [row for row in self.rows() if row[0]]
        blamed = [index for _, index, stopped in rows if not stopped] or [index for _, index, _ in rows]
        return blamed[0] if blamed else None


def run(job: Job, items: Sequence[Any], *, sizes: Sequence[int], workers: int = 1, client: Any = None,
        progress: bool = False, names: Sequence[str] | None = None,
        on_result: Callable[[int, Any], None] | None = None) -> Iterator[tuple[int, Any]]:
    """Run ``job`` over ``items``, yielding ``(index, result)`` as batches finish, then each batch's sum.

    The sums (``job.finish`` of each batch) come as ``(-1, sum)``. With ``client`` (a
    ``dask.distributed.Client``) the batches run on the Dask cluster; else with ``workers`` > 1 in a
    process pool; else here. ``on_result`` sees each result first and may raise :class:`StopRun`.

    Raises:
        WorkerError: a worker process died; the message names the report it was analysing.
    """
    names = names if names is not None else [str(item) for item in items]
    planned = [[(i, items[i]) for i in batch] for batch in batches(sizes, 1 if client else max(1, workers))]
    bar = tqdm(total=len(items), desc="jzrol", unit="report", disable=not progress, file=sys.stderr,
               leave=False)

    def take(outcome: Any) -> Iterator[tuple[int, Any]]:
        results, total = outcome
        for index, result in results:
            if on_result is not None:
                on_result(index, result)
            yield index, result
        bar.update(len(results))
        yield -1, total

    try:
        if client is None and (workers <= 1 or len(planned) <= 1):
            for batch in planned:
                yield from take(_run_batch(job, batch, None))
        elif client is not None:
            yield from _on_dask(client, job, planned, take)
        else:
            yield from _on_pool(job, planned, min(workers, len(planned)), take, names)
    finally:
        bar.close()


def run_in_order(job: Job, items: Sequence[Any], *, sizes: Sequence[int], workers: int = 1, progress: bool = False,
                 names: Sequence[str] | None = None, on_result: Callable[[int, Any], None] | None = None) -> list:
    """The result of each item, in the order of ``items``, from :func:`run` (the batches' sums left out).

    >>> run_in_order(Job(each=_length), ["法治", "政府建设"], sizes=[2, 4], workers=1)
    [2, 4]
    """
    found: list = [None] * len(items)
    for index, result in run(job, items, sizes=sizes, workers=workers, progress=progress, names=names,
                             on_result=on_result):
        if index >= 0:
            found[index] = result
    return found


def _on_dask(client: Any, job: Job, planned: list, take: Callable) -> Iterator[tuple[int, Any]]:
    """The batches on a Dask cluster, through its ``concurrent.futures`` executor."""
    yield from _on_executor(client.get_executor(pure=False), job, planned, None, take, died=None)


def _on_pool(job: Job, planned: list, workers: int, take: Callable,
             names: Sequence[str]) -> Iterator[tuple[int, Any]]:
    """The batches in a process pool of ``workers`` processes; results travel as files (see above)."""
    freezing = gc.get_freeze_count() == 0  # a caller's own freeze is left as it is
    if freezing:  # what exists now is shared with the forked workers: their collector leaves it alone, uncopied
        gc.freeze()
    pool = _Pool.start(workers)
    finished = False
    try:
        with tempfile.TemporaryDirectory(prefix="jzrol-") as spill:
            yield from _on_executor(pool.executor, job, planned, spill, take, died=lambda: _worker_died(pool, names))
            finished = True
    finally:
        if finished:
            pool.executor.shutdown(wait=True)
        else:
            pool.stop()
        if freezing:
            gc.unfreeze()


def _on_executor(executor: Any, job: Job, planned: list, spill: str | None, take: Callable,
                 died: Callable[[], WorkerError] | None) -> Iterator[tuple[int, Any]]:
    """Submit every batch to ``executor`` (a pool's or Dask's), and take their results as they finish."""
    futures: set = set()
    try:
        for batch in planned:  # a worker can die while batches are still being submitted: that breaks the pool too
            futures.add(executor.submit(_run_batch, job, batch, spill))
        while futures:
            done, futures = wait(futures, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    raise
                except Exception as error:  # noqa: BLE001 - Dask reports a lost worker as its own error
                    raise WorkerError(f"a worker could not finish a batch ({type(error).__name__}: {error}); "
                                      "the run is incomplete and nothing was written") from None
                yield from take(_load(outcome) if spill else outcome)
    except BrokenProcessPool:
        executor.shutdown(wait=True)  # the pool has stopped the other workers: read who died
        raise (died() if died else WorkerError("a worker process died; the run is incomplete")) from None
    finally:
        for future in futures:
            future.cancel()


def _worker_died(pool: _Pool, names: Sequence[str]) -> WorkerError:
    index = pool.dead_report()
    last = f"its last report was {names[index]}" if index is not None and index >= 0 else "before it took a report"
    return WorkerError(f"a worker process died (killed, or out of memory), {last}; the run is incomplete and "
                       "nothing was written; try fewer --workers")
