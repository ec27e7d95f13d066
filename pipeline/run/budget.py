"""The time budget of one document: no input may hold a batch for minutes.

An interval timer (SIGALRM) interrupts the document that overruns it, wherever it is (Python
code, and regular expressions, which check for signals while they match). Signals reach only
the main thread of a process, which is where the local engine runs documents (in this process
or in each forked worker); elsewhere (Dask workers run tasks in threads) there is no budget.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

DEFAULT_SECONDS = 60.0  # a long news article takes well under a second on one core


class OverBudget(BaseException):
    """The timer rang. A BaseException, so that the per-document error wrapper (`guarded`,
    which catches Exception) does not take it for a failure of the stage that was running."""


def can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    """Raise OverBudget in the block once `seconds` have passed; no limit when `seconds` is
    None or 0, or when this thread cannot receive the timer's signal."""
    if not seconds or not can_time():
        yield
        return

    def ring(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
