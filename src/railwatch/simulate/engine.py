"""Day-by-day (or hour-by-hour) simulation of one run: capacities, flows, backlog.

Each step: capacities follow the closures active in the step; the step's demand plus the
backlog carried over is routed through the shared-capacity flow; what is not delivered
stays in the backlog (or, beyond `max_backlog`, is lost as unmet).

Steps before the first closure and after the network is open again with the baseline's
backlog are identical to the baseline run (no closures), so they are copied, not solved.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from railwatch.simulate.scenario import Scenario
from railwatch.simulate.stepflow import DEMAND_DECIMALS, FlowCache
from railwatch.simulate.timeline import TimedClosure, sample_closures, step_shares

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork


@dataclass
class RunResult:
    """One run, per step and pair: delivered, backlog (end of step), unmet, train-km."""

    delivered: np.ndarray  # (T, K) trains per step
    backlog: np.ndarray  # (T, K)
    unmet: np.ndarray  # (T, K) lost because the backlog limit was exceeded
    train_km: np.ndarray  # (T, K)
    shares: np.ndarray  # (C, T) capacity share left per closure
    occurred: np.ndarray  # (C,) bool
    restored_h: np.ndarray  # (C,) hours from the closure's start to full restoration (nan)
    # Per-section utilisation only for the steps this run recomputed (steps util_first ..
    # util_first + len - 1); every other step is the baseline's. A national network has
    # ~13,000 sections, so a full (T, m) copy per run cost more than the run's flows.
    util_rows: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    util_first: int = 0
    util_base: np.ndarray | None = field(default=None, repr=False)  # (T, m) of the baseline

    @property
    def utilisation(self) -> np.ndarray:
        """(T, m) utilisation per step and section (NaN where closed), built on demand."""
        if self.util_base is None:
            return self.util_rows
        full = self.util_base.copy()
        full[self.util_first : self.util_first + len(self.util_rows)] = self.util_rows
        return full


@dataclass
class SimulationModel:
    """A scenario prepared for simulation: plain arrays plus the network (picklable)."""

    network: RailNetwork
    pairs: list[tuple[str, str]]
    demand_step: np.ndarray  # (K,) trains per step
    closures: tuple[TimedClosure, ...]
    targets: list[tuple[str, str]]
    n_steps: int
    step_hours: int
    max_backlog: np.ndarray | None  # (K,) trains, or None for unlimited
    key: str = ""
    baseline: RunResult | None = field(default=None, repr=False)

    @property
    def step_days(self) -> float:
        return self.step_hours / 24.0

    @property
    def m(self) -> int:
        return self.network.compiled.n_sections


def build_model(scenario: Scenario) -> SimulationModel:
    """Turn a checked Scenario into a SimulationModel (baseline computed lazily)."""
    step_hours = scenario.step_hours
    demand_step = np.round(
        scenario.demand["trains_per_day"].to_numpy(dtype=float) * step_hours / 24.0,
        DEMAND_DECIMALS,
    )
    closures = tuple(
        TimedClosure(c.start_h, c.remaining, c.probability, c.restoration)
        for c in scenario.closures
    )
    max_backlog = None
    if scenario.max_backlog_h is not None:
        max_backlog = (
            scenario.demand["trains_per_day"].to_numpy(float) * scenario.max_backlog_h / 24
        )
    model = SimulationModel(
        network=scenario.network,
        pairs=scenario.pairs,
        demand_step=demand_step,
        closures=closures,
        targets=[(c.target, c.direction) for c in scenario.closures],
        n_steps=scenario.n_steps,
        step_hours=step_hours,
        max_backlog=max_backlog,
    )
    fingerprint = json.dumps(
        [
            network_fingerprint(scenario.network),
            model.pairs,
            demand_step.tolist(),
            [repr(c) for c in closures],
            model.targets,
            model.n_steps,
            step_hours,
            None if max_backlog is None else max_backlog.tolist(),
        ],
        default=str,
    )
    model.key = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
    return model


def network_fingerprint(network: RailNetwork) -> str:
    """A digest of what the flows depend on: ids, ends, capacities and lengths."""
    graph = network.compiled
    digest = hashlib.sha256()
    for array in (graph.src, graph.dst, graph.capacity, graph.length_km, graph.node_capacity):
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update("\n".join(map(str, graph.node_ids)).encode())
    digest.update("\n".join(map(str, graph.section_ids)).encode())
    digest.update(
        "\n".join(f"{k}={v}" for k, v in sorted(graph.structure_section.items())).encode()
    )
    return digest.hexdigest()


# Flow caches per model key, kept for the life of the process: runs in the same worker
# reuse every capacity state and LP answer already found.
_CACHES: dict[str, FlowCache] = {}


def flow_cache(model: SimulationModel) -> FlowCache:
    """This process's FlowCache for the model (created on first use)."""
    cache = _CACHES.get(model.key)
    if cache is None:
        cache = FlowCache(
            model.network, model.pairs, model.targets, model.step_days, model.demand_step
        )
        _CACHES[model.key] = cache
    return cache


def _empty(model: SimulationModel, n_closures: int) -> RunResult:
    t, k = model.n_steps, len(model.pairs)
    return RunResult(
        delivered=np.zeros((t, k)),
        backlog=np.zeros((t, k)),
        unmet=np.zeros((t, k)),
        train_km=np.zeros((t, k)),
        util_rows=np.zeros((0, model.m)),
        shares=np.ones((n_closures, t)),
        occurred=np.zeros(n_closures, dtype=bool),
        restored_h=np.full(n_closures, np.nan),
    )


def _step_loop(model, cache, shares, out: RunResult, first: int, last: int, backlog) -> list:
    """Fill `out` from step `first`; stop once open again and back on the baseline's backlog.

    Returns the utilisation rows of the steps filled, in order from `first`.
    """
    base = model.baseline
    demand = model.demand_step
    state = None
    state_col = None
    rows: list[np.ndarray] = []
    for t in range(first, model.n_steps):
        if t > last and base is not None and np.array_equal(backlog, base.backlog[t - 1]):
            return rows  # the rest equals the baseline, already copied into `out`
        col = shares[:, t]
        if state is None or state_col is None or not np.array_equal(col, state_col):
            state = cache.state(np.ascontiguousarray(col))
            state_col = col
        offered = np.round(demand + backlog, DEMAND_DECIMALS)
        flow = state.solve(offered)
        left = np.round(offered - flow.delivered, DEMAND_DECIMALS)
        unmet = np.zeros_like(left)
        if model.max_backlog is not None:
            unmet = np.round(np.clip(left - model.max_backlog, 0.0, None), DEMAND_DECIMALS)
            left = left - unmet
        out.delivered[t] = flow.delivered
        out.train_km[t] = flow.train_km
        rows.append(flow.utilisation)
        out.backlog[t] = left
        out.unmet[t] = unmet
        backlog = left
    return rows


def baseline_run(model: SimulationModel) -> RunResult:
    """The run without any closure (computed once per model and process)."""
    if model.baseline is None:
        cache = flow_cache(model)
        out = _empty(model, len(model.closures))
        shares = np.ones((len(model.closures), model.n_steps))
        rows = _step_loop(model, cache, shares, out, 0, model.n_steps, np.zeros(len(model.pairs)))
        out.util_rows = np.array(rows).reshape(model.n_steps, model.m)
        model.baseline = out
    return model.baseline


def simulate_run(model: SimulationModel, rng: np.random.Generator) -> RunResult:
    """One run with restoration times (and uncertain incidents) drawn from `rng`."""
    base = baseline_run(model)
    cache = flow_cache(model)
    drawn = sample_closures(model.closures, rng)
    shares = step_shares(model.closures, drawn, model.n_steps, model.step_hours)
    out = RunResult(
        delivered=base.delivered.copy(),
        backlog=base.backlog.copy(),
        unmet=base.unmet.copy(),
        train_km=base.train_km.copy(),
        shares=shares,
        occurred=np.array([d.occurred for d in drawn], dtype=bool),
        restored_h=np.array(
            [(d.stage_h[-1] - d.start_h) if d.occurred and d.stage_h else np.nan for d in drawn],
            dtype=float,
        ),
        util_rows=np.zeros((0, model.m)),
        util_base=base.util_rows,
    )
    disrupted = np.asarray((shares < 1.0).any(axis=0))
    if not disrupted.any():
        return out
    first = int(np.argmax(disrupted))
    last = model.n_steps - 1 - int(np.argmax(disrupted[::-1]))
    backlog = base.backlog[first - 1].copy() if first > 0 else np.zeros(len(model.pairs))
    rows = _step_loop(model, cache, shares, out, first, last, backlog)
    out.util_first = first
    out.util_rows = np.array(rows).reshape(len(rows), model.m)
    return out


def run_seed(seed: int, run: int) -> np.random.Generator:
    """The generator of run `run`: child `run` of SeedSequence(seed), however runs are split."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))
