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
RING_AGAIN = 0.5  # seconds between the rings after the first (see time_limit)


class OverBudget(BaseException):
    """The timer rang. A BaseException, so that the per-document error wrapper (`guarded`,
    which catches Exception) does not take it for a failure of the stage that was running."""


def can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    """Raise OverBudget in the block once `seconds` have passed; no limit when `seconds` is
    None or 0, or when this thread cannot receive the timer's signal.

    The timer rings again every RING_AGAIN seconds until the block ends: an OverBudget raised
    inside a finaliser (`__del__`, a weakref callback, run at any moment by the garbage
    collector) is printed and dropped by Python, and must not be the only one."""
    if not seconds or not can_time():
        yield
        return
    armed = [True]

    def ring(signum, frame):
        if armed[0]:
            raise OverBudget()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN)
    try:
        yield
    finally:
        while armed[0]:  # a ring may land here too: disarm until it is done
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                armed[0] = False
            except OverBudget:
                pass
        signal.signal(signal.SIGALRM, previous)
