"""Restoration models: how long a closure lasts, as a distribution, possibly in stages.

A closure starts with some share of capacity left (usually 0) and gets capacity back in
stages: e.g. one track of two (share 0.5) after about a day, both tracks after about two.
Each stage's time is counted in hours from the closure's start and drawn from its own
distribution; stage times are made non-decreasing, so a later stage never comes first.

Distributions sample hours with an explicit `numpy.random.Generator`, never a global one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# z-score of the 90th percentile of a standard normal: turns (median, p90) into sigma.
Z90 = 1.2815515655446004
DISTRIBUTIONS = ("fixed", "uniform", "triangular", "lognormal", "empirical")


@dataclass(frozen=True)
class Fixed:
    """Always the same number of hours."""

    hours: float

    def sample(self, rng: np.random.Generator) -> float:
        return self.hours

    def quantile(self, q: float) -> float:
        return self.hours

    def describe(self) -> str:
        return f"fixed {self.hours:g} h"


@dataclass(frozen=True)
class Uniform:
    """Any time between `low` and `high` hours, equally likely."""

    low: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        return float(rng.uniform(self.low, self.high))

    def quantile(self, q: float) -> float:
        return self.low + q * (self.high - self.low)

    def describe(self) -> str:
        return f"uniform {self.low:g}-{self.high:g} h"


@dataclass(frozen=True)
class Triangular:
    """Between `low` and `high` hours, most likely at `mode`."""

    low: float
    mode: float
    high: float

    def sample(self, rng: np.random.Generator) -> float:
        if self.low == self.high:
            return self.low
        return float(rng.triangular(self.low, self.mode, self.high))

    def quantile(self, q: float) -> float:
        span = self.high - self.low
        if span == 0:
            return self.low
        cut = (self.mode - self.low) / span
        if q <= cut:
            return self.low + math.sqrt(q * span * (self.mode - self.low))
        return self.high - math.sqrt((1 - q) * span * (self.high - self.mode))

    def describe(self) -> str:
        return f"triangular {self.low:g}/{self.mode:g}/{self.high:g} h"


@dataclass(frozen=True)
class LogNormal:
    """Right-skewed hours given by the median and the 90th percentile (p90 > median)."""

    median: float
    p90: float

    @property
    def sigma(self) -> float:
        return math.log(self.p90 / self.median) / Z90

    def sample(self, rng: np.random.Generator) -> float:
        return float(self.median * math.exp(self.sigma * rng.standard_normal()))

    def quantile(self, q: float) -> float:
        from statistics import NormalDist

        return self.median * math.exp(self.sigma * NormalDist().inv_cdf(q))

    def describe(self) -> str:
        return f"lognormal median {self.median:g} h, p90 {self.p90:g} h"


@dataclass(frozen=True)
class Empirical:
    """One of the observed durations (hours), each equally likely."""

    values: tuple[float, ...]

    def sample(self, rng: np.random.Generator) -> float:
        return float(self.values[int(rng.integers(len(self.values)))])

    def quantile(self, q: float) -> float:
        return float(np.quantile(np.asarray(self.values), q))

    def describe(self) -> str:
        return "empirical " + ", ".join(f"{v:g}" for v in self.values) + " h"


Distribution = Fixed | Uniform | Triangular | LogNormal | Empirical


@dataclass(frozen=True)
class Stage:
    """From `after` hours past the closure's start, `remaining` share of capacity is back."""

    remaining: float
    after: Distribution


@dataclass(frozen=True)
class Restoration:
    """Stages of recovery, in order; the last one usually brings capacity back to 1.0."""

    stages: tuple[Stage, ...]
    source: str | None = None
    assumption: str | None = None

    def sample_hours(self, rng: np.random.Generator) -> list[float]:
        """Hours from the closure's start to each stage, non-decreasing."""
        times: list[float] = []
        latest = 0.0
        for stage in self.stages:
            latest = max(latest, stage.after.sample(rng))
            times.append(latest)
        return times

    def describe(self) -> str:
        return "; ".join(
            f"{stage.remaining:g} after {stage.after.describe()}" for stage in self.stages
        )


def fixed_restoration(hours: float) -> Restoration:
    """Capacity fully back after exactly `hours`."""
    return Restoration((Stage(1.0, Fixed(hours)),))


NEVER = Restoration(())  # a closure that lasts past the horizon
