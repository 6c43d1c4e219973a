"""One run's capacity timeline: which share of each closure's target is open in each step.

Event times are rounded to whole hours. A step's share is the time-weighted mean over its
hours (a tunnel shut for 17 h of a day keeps 7/24 of its capacity that day), so the number
of distinct capacity states in a run stays small and repeats across runs, which is what
makes the per-state flow cache effective.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from railwatch.simulate.restoration import Restoration


@dataclass(frozen=True)
class TimedClosure:
    """What the timeline needs from a scenario closure."""

    start_h: float
    remaining: float
    probability: float
    restoration: Restoration


@dataclass(frozen=True)
class SampledClosure:
    """One closure as drawn for one run: did it happen, and when each stage came back."""

    occurred: bool
    start_h: int
    stage_h: tuple[int, ...]  # absolute hours from the clock origin, non-decreasing


def sample_closures(closures: tuple[TimedClosure, ...], rng: np.random.Generator) -> list:
    """Draw occurrence and stage times for every closure.

    The same number of draws is made whatever the outcome, so one closure's result never
    shifts the random stream of the next.
    """
    drawn = []
    for closure in closures:
        occurred = bool(rng.random() < closure.probability)
        hours = closure.restoration.sample_hours(rng)
        start = int(round(closure.start_h))
        stages = tuple(start + max(1, int(round(h))) for h in hours)
        drawn.append(SampledClosure(occurred, start, stages))
    return drawn


def step_shares(
    closures: tuple[TimedClosure, ...],
    drawn: list[SampledClosure],
    n_steps: int,
    step_hours: int,
) -> np.ndarray:
    """(n_closures, n_steps) share of capacity left, averaged over each step's hours."""
    horizon = n_steps * step_hours
    shares = np.ones((len(closures), n_steps))
    for row, (closure, sample) in enumerate(zip(closures, drawn, strict=True)):
        if not sample.occurred or sample.start_h >= horizon:
            continue
        hourly = np.ones(horizon)
        hourly[sample.start_h :] = closure.remaining
        for stage, at in zip(closure.restoration.stages, sample.stage_h, strict=True):
            if at < horizon:
                hourly[at:] = stage.remaining
        shares[row] = hourly.reshape(n_steps, step_hours).mean(axis=1)
    # Rounded so that equal states compare equal bit for bit.
    return np.round(shares, 9)
