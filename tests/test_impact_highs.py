"""Every HiGHS instance the package builds solves in a process that already solved another."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import highspy
    import numpy as np

    from railwatch.impact.highs import new_highs

    def solve(threads=None):
        highs = new_highs()
        if threads is not None:  # as the arc LP of the unmet metric asks
            highs.setOptionValue("threads", threads)
        highs.addVars(2, np.array([0.0, 0.0]), np.array([10.0, 10.0]))
        highs.changeColsCost(2, np.array([0, 1]), np.array([-1.0, -2.0]))
        highs.addRow(-highspy.kHighsInf, 4.0, 2, np.array([0, 1]), np.array([1.0, 1.0]))
        highs.run()
        return str(highs.getModelStatus()), highs.getInfo().objective_function_value

    # the route LP of the simulation, then the unmet metric's LP, in one process
    print(solve(), solve(threads=1))
    """
)


def test_a_second_solver_in_one_process_still_solves():
    # a fresh process: HiGHS fixes its thread pool at the first solve of a process
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.count("kOptimal") == 2, done.stdout
    assert done.stdout.count("-8.0") == 2


def test_building_a_solver_prints_nothing_on_either_stream():
    # HiGHS prints its banner from C on descriptor 1; a command's stdout (--json) and its
    # stderr (its own messages) both stay free of it
    script = "from railwatch.impact.highs import new_highs; new_highs(); print('done')"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout == "done\n"
    assert "HiGHS" not in done.stderr, done.stderr
