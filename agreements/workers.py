"""Worker processes for batches: they ignore interruptions, never print, die with their parent.

Workers ignore SIGINT and SIGTERM: Ctrl-C reaches every process of the terminal's group, and
only the parent decides what an interruption means (finish, or abandon, the drafts in
progress). They die with the parent: the kernel kills them when it dies (Linux), and a
watchdog thread ends them when they find themselves orphaned (elsewhere, or if the parent died
before the kernel was asked). They never print, so their standard streams go to /dev/null and
the caller's pipes close when the parent ends. Each worker has one task at a time and the
parent waits on every worker with a timeout, so no wait is unbounded; a worker that dies is
replaced, and its task reported as failed.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import DefaultContext, ForkContext
    from multiprocessing.process import BaseProcess
    from types import TracebackType

_INTERRUPTIONS = {signal.SIGINT, signal.SIGTERM}
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_EVERY = 0.5  # seconds between two looks of a worker at its parent
_POLL_SECONDS = 0.1  # the longest a stop request waits to be seen
_JOIN_TIMEOUT = 5.0  # seconds a worker has to exit when asked, before it is killed

Task = tuple[str, Callable[..., object], tuple[object, ...]]


@dataclass(frozen=True)
class TaskError:
    """A task that returned nothing: it raised, or its worker process died."""

    message: str


class StopRequest:
    """Requests to stop, counted (signal handlers call `request`): the first stops starting
    tasks and lets those in progress finish, the second abandons them too."""

    def __init__(self) -> None:
        self.count = 0

    def request(self) -> int:
        """Record one more request; return how many there have been."""
        self.count += 1
        return self.count

    @property
    def requested(self) -> bool:
        """Return True once a stop has been requested."""
        return self.count > 0

    @property
    def abandoned(self) -> bool:
        """Return True once the tasks in progress are to be abandoned too."""
        return self.count > 1


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    task: str | None = None  # the key of the task it is running


def _ignore_interruptions() -> None:
    for signum in _INTERRUPTIONS:
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTIONS)


def _die_with(parent: int) -> None:
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog still ends this worker, half a second later
    if os.getppid() != parent:  # the parent died before the kernel was asked to tell us
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_EVERY)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _silence() -> None:
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    # New stream objects too: a thread of the parent (a progress bar) may have held the old
    # ones' locks at the fork, and flushing them on exit would then wait forever.
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _serve(
    connection: Connection,
    parent: int,
    initializer: Callable[..., None],
    initargs: tuple[object, ...],
) -> None:
    """Run in a worker: set the process up, then run tasks until told to stop."""
    _ignore_interruptions()
    _die_with(parent)
    _silence()
    broken: TaskError | None = None
    try:
        initializer(*initargs)
    except Exception as exc:  # answer every task with the reason rather than die and respawn
        broken = TaskError(f"worker could not start: {type(exc).__name__}: {exc}")
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        key, function, args = task
        try:
            result = broken or function(*args)
        except Exception as exc:
            result = TaskError(f"internal error: {type(exc).__name__}: {exc}")
        try:
            connection.send((key, result))
        except OSError:
            return


class WorkerPool:
    """Processes that run one task at a time each; use as a context manager."""

    def __init__(
        self, count: int, initializer: Callable[..., None], initargs: tuple[object, ...]
    ) -> None:
        # fork on Linux, so workers share what the parent loaded (the library, compiled texts).
        self._context: ForkContext | DefaultContext = multiprocessing.get_context()
        if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
            self._context = multiprocessing.get_context("fork")
        self._initializer = initializer
        self._initargs = initargs
        self._workers = [self._start() for _ in range(count)]

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(theirs, os.getpid(), self._initializer, self._initargs),
            name="agreements-worker",
        )
        # Blocked until the worker has set itself to ignore them: a Ctrl-C during start-up
        # must not run the parent's handler (or a KeyboardInterrupt) in the worker.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTIONS)
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        theirs.close()
        return _Worker(process, ours)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.kill()

    @property
    def running(self) -> list[str]:
        """Return the keys of the tasks in progress."""
        return [w.task for w in self._workers if w.task is not None]

    def has_idle(self) -> bool:
        """Return True if a worker is free for a task."""
        return any(w.task is None for w in self._workers)

    def submit(self, key: str, function: Callable[..., object], *args: object) -> None:
        """Give a task to a free worker (see `has_idle`); its result comes from `collect`."""
        index = next(i for i, w in enumerate(self._workers) if w.task is None)
        if not self._workers[index].process.is_alive():
            self._replace(index)
        worker = self._workers[index]
        worker.task = key
        with contextlib.suppress(OSError):  # it died just now: `collect` reports the task lost
            worker.connection.send((key, function, args))

    def collect(self, timeout: float) -> list[tuple[str, object]]:
        """Wait up to `timeout` seconds for tasks to end; return each one's key and result
        (a `TaskError` if it raised or its worker died)."""
        busy = [w for w in self._workers if w.task is not None]
        if not busy:
            return []
        ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout)
        finished: list[tuple[str, object]] = []
        for index, worker in enumerate(self._workers):
            if worker.task is None or not {worker.connection, worker.process.sentinel} & {*ready}:
                continue
            key = worker.task
            try:
                if worker.connection.poll():
                    finished.append((key, worker.connection.recv()[1]))
                    worker.task = None
                    continue
            except (EOFError, OSError):
                pass
            worker.process.join(_JOIN_TIMEOUT)
            code = worker.process.exitcode
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit {code}"
            finished.append((key, TaskError(f"the worker process running it died ({how})")))
            self._replace(index)
        return finished

    def run(
        self,
        tasks: list[Task],
        finished: Callable[[str, object], None],
        stop: StopRequest,
        grace: float,
    ) -> tuple[list[str], list[str]]:
        """Run `tasks`, passing each result to `finished`, until all are done or a stop;
        return the keys of the tasks never started and of those abandoned in progress
        (killed with their workers on a second stop request, or `grace` seconds after the
        first)."""
        waiting = deque(tasks)
        deadline = math.inf
        while True:
            while waiting and not stop.requested and self.has_idle():
                key, function, args = waiting.popleft()
                self.submit(key, function, *args)
            if stop.requested and deadline == math.inf:
                deadline = time.monotonic() + grace
            running = self.running
            if not running:
                return [key for key, _, _ in waiting], []
            if stop.abandoned or time.monotonic() > deadline:
                self.kill()
                return [key for key, _, _ in waiting], running
            # Short waits, so that a stop request is seen at once: never an unbounded one.
            for key, result in self.collect(_POLL_SECONDS):
                finished(key, result)

    def _replace(self, index: int) -> None:
        old = self._workers[index]
        old.connection.close()
        old.process.join(0)
        self._workers[index] = self._start()

    def close(self) -> None:
        """Let every worker finish its task and exit; kill those that do not in time."""
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        deadline = time.monotonic() + _JOIN_TIMEOUT
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        self.kill()

    def kill(self) -> None:
        """Kill every worker now, at once, and wait until they are gone."""
        for worker in self._workers:
            if worker.process.exitcode is None:
                worker.process.kill()
        for worker in self._workers:
            worker.process.join(_JOIN_TIMEOUT)
            worker.connection.close()
            worker.task = None
