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
from railwatch.simulate.stepflow import DEMAND_DECIMALS, FlowCache, StepFlow
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
    # The flow of each step this run recomputed (steps util_first .. util_first + len - 1);
    # every other step is the baseline's. Per-section utilisation (~13,000 sections on a
    # national network) is built from these only when asked for, once per distinct flow.
    util_flows: list[StepFlow] = field(default_factory=list, repr=False)
    n_sections: int = 0
    util_first: int = 0
    util_base: np.ndarray | None = field(default=None, repr=False)  # (T, m) of the baseline

    def util_groups(self) -> list[tuple[StepFlow, np.ndarray]]:
        """(flow, the steps that had it) for each distinct recomputed flow, in first-seen order."""
        groups: dict[int, tuple[StepFlow, list[int]]] = {}
        for i, flow in enumerate(self.util_flows):
            groups.setdefault(id(flow), (flow, []))[1].append(self.util_first + i)
        return [(flow, np.asarray(steps)) for flow, steps in groups.values()]

    @property
    def util_rows(self) -> np.ndarray:
        """(len(util_flows), m) utilisation of the recomputed steps."""
        out = np.empty((len(self.util_flows), self.n_sections))
        for flow, steps in self.util_groups():
            out[steps - self.util_first] = flow.utilisation
        return out

    @property
    def utilisation(self) -> np.ndarray:
        """(T, m) utilisation per step and section (NaN where closed), built on demand."""
        if self.util_base is None:
            return self.util_rows
        full = self.util_base.copy()
        full[self.util_first : self.util_first + len(self.util_flows)] = self.util_rows
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
        n_sections=model.m,
        shares=np.ones((n_closures, t)),
        occurred=np.zeros(n_closures, dtype=bool),
        restored_h=np.full(n_closures, np.nan),
    )


def _step_loop(model, cache, shares, out: RunResult, first: int, last: int, backlog) -> list:
    """Fill `out` from step `first`; stop once open again and back on the baseline's backlog.

    Returns the flow of every step filled, in order from `first`. A step whose state is
    the previous step's and whose backlog is the one that step started with offers the
    same demand, so it has the same flow and leaves the same backlog: from there on every
    step repeats until the state changes. Such spans are filled at once.
    """
    base = model.baseline
    demand = model.demand_step
    n_steps = model.n_steps
    # Steps where the capacity state differs from the step before (and the horizon).
    changes = np.flatnonzero((shares[:, 1:] != shares[:, :-1]).any(axis=0)) + 1
    changes = np.append(changes, n_steps)
    state = None
    state_col = None
    flows: list[StepFlow] = []
    t = first
    while t < n_steps:
        if t > last and base is not None and np.array_equal(backlog, base.backlog[t - 1]):
            return flows  # the rest equals the baseline, already copied into `out`
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
        end = t + 1
        if np.array_equal(left, backlog):  # a fixed point: repeat until the state changes
            end = int(changes[np.searchsorted(changes, t, side="right")])
            if base is not None and end > last + 1:
                # Stop where the baseline's backlog is this one (the loop would return there).
                after = np.arange(max(t + 1, last + 1), end)
                back = (base.backlog[after - 1] == left).all(axis=1)
                if back.any():
                    end = int(after[np.argmax(back)])
        out.delivered[t:end] = flow.delivered
        out.train_km[t:end] = flow.train_km
        out.backlog[t:end] = left
        out.unmet[t:end] = unmet
        flows.extend([flow] * (end - t))
        backlog = left
        t = end
    return flows


def baseline_run(model: SimulationModel) -> RunResult:
    """The run without any closure (computed once per model and process)."""
    if model.baseline is None:
        cache = flow_cache(model)
        out = _empty(model, len(model.closures))
        shares = np.ones((len(model.closures), model.n_steps))
        out.util_flows = _step_loop(
            model, cache, shares, out, 0, model.n_steps, np.zeros(len(model.pairs))
        )
        # Kept as a table: every run copies the baseline's utilisation outside its window.
        out.util_base = out.util_rows
        out.util_flows, out.util_first = [], model.n_steps
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
        n_sections=model.m,
        util_base=base.util_base,
    )
    disrupted = np.asarray((shares < 1.0).any(axis=0))
    if not disrupted.any():
        return out
    first = int(np.argmax(disrupted))
    last = model.n_steps - 1 - int(np.argmax(disrupted[::-1]))
    backlog = base.backlog[first - 1].copy() if first > 0 else np.zeros(len(model.pairs))
    out.util_flows = _step_loop(model, cache, shares, out, first, last, backlog)
    out.util_first = first
    return out


def run_seed(seed: int, run: int) -> np.random.Generator:
    """The generator of run `run`: child `run` of SeedSequence(seed), however runs are split."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(run,)))
