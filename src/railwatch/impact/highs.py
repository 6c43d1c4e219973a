"""One way to make a HiGHS solver: silent, so `--json` output stays JSON and a command's
messages stay the command's own.

`highspy.Highs()` prints its banner ("Running HiGHS ...") from C straight to file
descriptor 1 as it is constructed, before any option can turn output off. Python's
`sys.stdout` never sees it, so it is silenced at the descriptor: fd 1 points at the null
device while the solver is built, then the solver's own output is switched off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import highspy


@contextmanager
def stdout_silenced() -> Iterator[None]:
    """Drop whatever is written to file descriptor 1 for the duration."""
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def new_highs() -> highspy.Highs:
    """A HiGHS instance that prints nothing on stdout, now or when it solves, on one thread.

    One thread for every instance: HiGHS fixes its thread pool per process at the first
    solve, and a later instance asking for another count fails with status "Not Set"
    (parallelism comes from whole processes instead)."""
    with stdout_silenced():
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 1)
    return highs
