"""The evaluation budget: how long, and how much text, a library's templates may take.

Clause conditions, clause texts and the master template are written by people, and may come
from another organisation. Static rules (`clauses.safety`) refuse what has no business in a
clause, but a permitted loop over a long spec value can still run for hours. Every
evaluation therefore runs inside one budget, enforced while it runs:

- time: a deadline per stage, checked by the sandbox at every attribute access, call and
  operator, and by an interval timer (SIGALRM) that interrupts even a loop doing nothing;
- size: each rendered text, and each value built by `*`, `+` or `join`, has a maximum
  length, so nothing can build a gigabyte string before the deadline.

Exceeding either raises `BudgetExceeded`, which no stage catches as a clause problem: the
command stops with one message naming the clause.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType

from agreements.errors import LibraryError

STAGE_SECONDS = 2.0
MAX_TEXT_CHARS = 1_000_000
MAX_VALUE_CHARS = 200_000
MAX_CHUNKS = 200_000


class BudgetExceeded(LibraryError):
    """An evaluation ran longer, or built more text, than the budget allows: a library
    problem (its conditions or texts), reported with the clause that exceeded it."""

    named = False


@contextmanager
def naming(what: str) -> Iterator[None]:
    """Run the block, re-raising a budget overrun with `what` it happened in (e.g.
    "clause 'audit'" or "the master template")."""
    try:
        yield
    except BudgetExceeded as exc:
        if getattr(exc, "named", False):
            raise
        named = BudgetExceeded(
            f"{what}: evaluating it {exc}; simplify the library's conditions and texts "
            "(see `agreements clauses lint`)"
        )
        named.named = True
        raise named from None


_deadline: float | None = None


def check() -> None:
    """Raise `BudgetExceeded` when the current evaluation is past its deadline."""
    if _deadline is not None and time.monotonic() > _deadline:
        raise BudgetExceeded(f"took longer than {STAGE_SECONDS:g} s")


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise BudgetExceeded(f"took longer than {STAGE_SECONDS:g} s")


@contextmanager
def evaluation_budget(seconds: float = STAGE_SECONDS) -> Iterator[None]:
    """Run the block under a deadline of `seconds` (a block inside another shares the outer
    deadline). In the main thread an interval timer also interrupts pure loops."""
    global _deadline
    if _deadline is not None:
        yield
        return
    _deadline = time.monotonic() + seconds
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer"
    )
    previous = None
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _deadline = None


def bounded_text(
    chunks: Iterable[str], limit: int = MAX_TEXT_CHARS, max_chunks: int = MAX_CHUNKS
) -> str:
    """Return the joined `chunks` of a rendering, raising `BudgetExceeded` as soon as they
    exceed `limit` characters or `max_chunks` pieces (a loop printing one character a
    million times costs memory per piece before the text is joined)."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise BudgetExceeded(f"produced more than {limit:,} characters")
        parts.append(chunk)
        if len(parts) > max_chunks:
            raise BudgetExceeded(f"produced more than {max_chunks:,} pieces of text")
    return "".join(parts)


def bounded_size(size: int) -> None:
    """Raise `BudgetExceeded` when a value of `size` characters or items is too large."""
    if size > MAX_VALUE_CHARS:
        raise BudgetExceeded(f"built a value of more than {MAX_VALUE_CHARS:,} characters")
