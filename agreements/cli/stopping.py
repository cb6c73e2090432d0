"""Ctrl-C and SIGTERM during a batch: a request to stop, not an exception thrown anywhere."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def stopping_on_signals(stop: StopRequest) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM only record a request in `stop` (and say so).

    An exception raised wherever the main thread happens to be (inside a lock, a queue, a
    write) is what made interrupted batches hang or print tracebacks; a flag the batch looks
    at between short waits cannot.
    """

    def handle(signum: int, frame: FrameType | None) -> None:
        message = _MESSAGES.get(stop.request())
        if message:
            # os.write, not print: the handler may run in the middle of a print to stderr.
            os.write(2, message.encode())

    previous = {signum: signal.signal(signum, handle) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
