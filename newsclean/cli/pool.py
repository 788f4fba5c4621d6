"""Worker processes: inputs mapped over a pool in input order, with bounded memory, and
signals that end the workers, remove temp files and exit 128+N.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, TypeVar

# multiprocessing and concurrent.futures are imported where a pool is made: a run of one
# file, ``--help`` and ``--version`` never make one, and importing them costs ~20 ms.
if TYPE_CHECKING:
    import multiprocessing.process
    from concurrent.futures import Future, ProcessPoolExecutor

from newsclean.cli.task import Outcome, Task

#: The signals that end a run. Each becomes an :class:`Interrupted` exception wherever the
#: main thread is, so an atomic write under way removes its temp file on the way out, the
#: workers are ended, and the exit status is 128 + the signal's number.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


#: Seconds ended workers get to unwind (remove their temp file) before they are killed.
WORKER_GRACE_SECONDS = 10.0


#: The exit status when the output pipe closes under ``check``: 128 + SIGPIPE, as a shell
#: shows for a command that SIGPIPE ended (Python ignores SIGPIPE and gets an error instead).
BROKEN_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)


class Interrupted(BaseException):
    """A stop signal arrived; like ``KeyboardInterrupt``, ordinary handlers let it pass."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _StopTrap:
    """While installed, the first stop signal raises :class:`Interrupted` in the main thread.

    Later signals are ignored, so they cannot cut short the cleanup the first one started
    (removing a temp file, ending the workers); that cleanup is bounded by
    :data:`WORKER_GRACE_SECONDS`, so a stuck run still ends.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.signum: int | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:  # a just-forked worker whose initializer has not run
            os._exit(128 + signum)
        _ignore_stop_signals()
        self.signum = signum
        raise Interrupted(signum)


@contextlib.contextmanager
def stop_signals_raised() -> Iterator[_StopTrap]:
    """Install a :class:`_StopTrap` for the block, then put the old handlers back.

    Handlers can only be set from the main thread; elsewhere the signals keep their effect.
    """
    trap = _StopTrap()
    try:
        previous = {signum: signal.signal(signum, trap) for signum in STOP_SIGNALS}
    except ValueError:  # not the main thread
        previous = {}
    try:
        yield trap
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


#: Stop signals a worker took inside a finalizer, where the garbage collector ran ``__del__``
#: and Python can only print the exception, not let it unwind the task (see _stop_later).
_pending_stops: list[int] = []


def _stop_later(unraisable: sys.UnraisableHookArgs) -> None:
    """Keep a stop signal that landed in a finalizer, silently: the worker ends as soon as
    its task is done (:func:`_run_task`), with no traceback on stderr. Anything else that
    cannot be raised is reported as Python reports it."""
    if isinstance(unraisable.exc_value, Interrupted):
        _pending_stops.append(unraisable.exc_value.signum)
        return
    sys.__unraisablehook__(unraisable)


def _ignore_stop_signals() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _start_worker() -> None:
    """Set up a worker process: stop signals and the parent's end stop it, cleanly.

    A terminal's Ctrl-C reaches every process of the group, but only the parent acts on it
    (it ends the workers with SIGTERM): a worker that raised KeyboardInterrupt itself would
    print a traceback, or report the interruption as a task's result and take the next one.
    SIGTERM and SIGHUP unwind the task under way, so its atomic write removes its temp file.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT:
            signal.signal(signum, _stop_worker)
    sys.unraisablehook = _stop_later
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None and hasattr(signal, "pthread_kill"):
        threading.Thread(target=_stop_with_parent, args=(parent.sentinel,), daemon=True).start()


def _stop_with_parent(sentinel: int) -> None:
    """Wait until the parent process is gone, then stop this worker as SIGTERM would.

    The parent ends its workers itself on every signal it can catch; this covers the rest
    (SIGKILL, a crash), where the workers would take the tasks already queued, rewriting
    files for minutes, then wait for work forever. The sentinel is a pipe whose writing end
    only the parent holds: multiprocessing gives one to every child, whatever the platform
    and start method, and waiting on it costs nothing until it closes. The alternatives
    fall short: prctl's PR_SET_PDEATHSIG is Linux only and fires when the *thread* that
    started the worker ends; polling os.getppid() needs a period, and under the forkserver
    start method the parent it sees is the fork server. Under "fork" a later worker also
    holds an earlier one's writing end, so the workers notice in turn, last started first.
    """
    import multiprocessing.connection

    multiprocessing.connection.wait([sentinel])
    signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGTERM)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    """End a worker: unwind the task under way (see :func:`_run_task`), or exit at once."""
    _ignore_stop_signals()
    while frame is not None:
        if frame.f_code is _run_task.__code__:
            raise Interrupted(signum)
        frame = frame.f_back
    os._exit(128 + signum)


def _run_task(work: Callable[[_Item], _Result], item: _Item) -> _Result:
    """Run one task in a worker; once a stop signal has unwound it, end the process.

    Leaving by an exception instead would hand the interruption back as the task's result
    and let the worker take its next task.
    """
    try:
        result = work(item)
    except Interrupted as exc:
        os._exit(128 + exc.signum)
    if _pending_stops:  # the signal came inside a finalizer: the task ran to its end
        os._exit(128 + _pending_stops[0])
    return result


class _Workers:
    """A pool of worker processes, started on first use and ended with the ``with`` block.

    A block left normally waits for the workers to finish; one left by an exception (a
    stop signal, a closed output, an early ``close()``) ends them at once.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.pool is None:
            return
        if kind is not None:
            _end_workers(self.pool)
            return
        try:
            self.pool.shutdown()
        except BaseException:  # a signal while the last tasks finish
            _end_workers(self.pool)
            raise

    def started(self) -> ProcessPoolExecutor:
        """The pool, started now if it is not yet."""
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(self.jobs, initializer=_start_worker)
        return self.pool


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued tasks and end the workers now: SIGTERM, then SIGKILL if stuck."""
    processes = list((pool._processes or {}).values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for stuck in _still_running(processes, WORKER_GRACE_SECONDS):
        stuck.kill()


def _still_running(
    processes: Sequence[multiprocessing.process.BaseProcess], seconds: float
) -> list[multiprocessing.process.BaseProcess]:
    """Wait up to ``seconds`` for ``processes`` to end; return those that have not."""
    import multiprocessing.connection

    deadline = time.monotonic() + seconds
    running = {process.sentinel: process for process in processes}
    while running and (left := deadline - time.monotonic()) > 0:
        ended = set(multiprocessing.connection.wait(list(running), left))
        running = {key: process for key, process in running.items() if key not in ended}
    return list(running.values())


def broken_pool_error() -> type[BaseException]:
    """The exception a pool raises when a worker process dies, imported only when asked
    (an ``except`` clause evaluates its expression only when an exception reaches it)."""
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool


#: Chunks in flight per worker: enough to keep every worker busy, few enough for flat memory.
CHUNKS_PER_JOB = 4


_Item = TypeVar("_Item")


_Result = TypeVar("_Result")


def ordered_map(
    work: Callable[[_Item], _Result],
    items: Iterable[_Item],
    jobs: int,
    *,
    per_job: int = CHUNKS_PER_JOB,
    local: Callable[[_Item], bool] | None = None,
    chunk: int = 1,
) -> Generator[_Result, None, None]:
    """Yield ``work(item)`` for every item in input order, in ``jobs`` processes.

    Items stream through the pool with no barrier: results handed on let more items in, so
    at most ``per_job`` items per worker are in flight, memory stays flat however many
    items come, and a slow item holds back only the output, not the workers. Items go to a
    worker ``chunk`` at a time (one message each way per chunk: small items pay less for
    the trip). Items for which ``local`` is true are cheap: they are run here, never sent.
    A pool is started only for two items or more to send; ``work`` and the items must
    pickle. Closing the iterator early ends the workers at once.
    """
    iterator = iter(items)
    sent = functools.partial(_is_sent, local)
    head = _until_two(iterator, sent)
    if jobs == 1 or sum(map(sent, head)) < 2:
        yield from map(work, itertools.chain(head, iterator))
        return
    pending: deque[Future[list[_Result]]] = deque()
    in_flight = 0
    with _Workers(jobs) as workers:
        pool = workers.started()
        for remote, group in _groups(itertools.chain(head, iterator), sent, chunk):
            if remote:
                pending.append(pool.submit(_run_group, work, group))
            else:
                pending.append(_done([work(item) for item in group]))
            in_flight += len(group)
            while in_flight >= jobs * per_job:
                results = pending.popleft().result()
                in_flight -= len(results)
                yield from results
        while pending:
            yield from pending.popleft().result()


def _groups(
    items: Iterable[_Item], sent: Callable[[_Item], bool], size: int
) -> Iterator[tuple[bool, list[_Item]]]:
    """Split ``items`` into runs of up to ``size`` items to send, and items kept here."""
    group: list[_Item] = []
    for item in items:
        if not sent(item):
            if group:
                yield True, group
                group = []
            yield False, [item]
            continue
        group.append(item)
        if len(group) == size:
            yield True, group
            group = []
    if group:
        yield True, group


def _run_group(work: Callable[[_Item], _Result], items: list[_Item]) -> list[_Result]:
    """Run a chunk of tasks in a worker, each under :func:`_run_task`."""
    return [_run_task(work, item) for item in items]


def _is_sent(local: Callable[[_Item], bool] | None, item: _Item) -> bool:
    return local is None or not local(item)


def _until_two(iterator: Iterator[_Item], counts: Callable[[_Item], bool]) -> list[_Item]:
    """Take items until two that ``counts`` holds for are taken, or the input ends."""
    head: list[_Item] = []
    seen = 0
    for item in iterator:
        head.append(item)
        seen += counts(item)
        if seen == 2:
            break
    return head


def _done(result: list[_Result]) -> Future[list[_Result]]:
    from concurrent.futures import Future

    future: Future[list[_Result]] = Future()
    future.set_result(result)
    return future


#: Files in flight per worker: a file is small, and more of them smooth out a slow one.
TASKS_PER_JOB = 16


#: Files sent to a worker at a time: a small file's parse takes a few milliseconds, and
#: each trip through the pool costs a fraction of one (measured: bench/scheduling.py).
FILES_PER_CHUNK = 4


def run_tasks(
    items: Iterable[Task | Outcome], jobs: int, work: Callable[[Task], Outcome]
) -> Generator[Outcome, None, None]:
    """Yield an outcome per item in input order, using ``jobs`` processes when it pays.

    Tasks stream through the pool (see :func:`ordered_map`); an outcome already made (a
    bad path) is passed on in its place. ``work`` must be picklable, as a partial of a
    module-level function is. Closing the iterator early ends the workers at once.
    """
    return ordered_map(
        functools.partial(_outcome_of, work),
        items,
        jobs,
        per_job=TASKS_PER_JOB,
        local=_is_outcome,
        chunk=FILES_PER_CHUNK,
    )


def _outcome_of(work: Callable[[Task], Outcome], item: Task | Outcome) -> Outcome:
    return work(item) if isinstance(item, Task) else item


def _is_outcome(item: Task | Outcome) -> bool:
    return isinstance(item, Outcome)
