"""Ctrl-C and SIGTERM during a batch: a request to stop, not an exception thrown anywhere."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

    from agreements.workers import StopRequest

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_MESSAGES = {
    1: "\nStopping: no new drafts; waiting for those in progress "
    "(interrupt again to abandon them).\n",
    2: "Abandoning the drafts in progress.\n",
}
_INTERRUPTING = "\nStopping: the PDF conversion is abandoned; the drafts are kept.\n"


@contextmanager
def stopping_on_signals(stop: StopRequest, *, interrupt: bool = False) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM record a request in `stop` (and say so); with
    `interrupt`, they also raise KeyboardInterrupt, for work that cannot look at `stop`.

    An exception raised wherever the main thread happens to be (inside a lock, a queue, a
    write, a pydantic validator) is what made interrupted batches hang, print tracebacks or
    report bogus errors; a flag the batch looks at between short waits cannot.
    """

    def handle(signum: int, frame: FrameType | None) -> None:
        count = stop.request()
        message = _INTERRUPTING if interrupt else _MESSAGES.get(count)
        if message:
            # os.write, not print: the handler may run in the middle of a print to stderr.
            with suppress(OSError):
                os.write(2, message.encode())
        if interrupt:
            raise KeyboardInterrupt

    previous = {}
    try:
        with _signals_held():
            previous = {signum: signal.signal(signum, handle) for signum in _SIGNALS}
        yield
    finally:
        with _signals_held():
            for signum, handler in previous.items():
                signal.signal(signum, handler)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while handlers change, so that none meets half of them."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
