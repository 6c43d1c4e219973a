"""Monte Carlo over restoration times: many runs, in local processes or on a Dask cluster.

Run `i` always draws from child `i` of ``SeedSequence(seed)``, so a run's result does not
depend on which process computes it or how runs are chunked; local and Dask executions
of the same scenario and seed give identical arrays. Seed and spawn keys are saved with
the results.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

import numpy as np

from railwatch.simulate.engine import (
    SimulationModel,
    baseline_run,
    flow_cache,
    run_seed,
    simulate_run,
)

RECOVERY_SHARE = 0.95
PERCENTILES = (10, 50, 90)
NEVER = 1e18  # stands in for "not within the horizon" while taking percentiles


@dataclass
class MonteCarloResult:
    """All runs of a scenario: arrays indexed [run, step, pair] plus the baseline."""

    seed: int
    spawn_keys: list[tuple[int, ...]]
    step_hours: int
    pairs: list[tuple[str, str]]
    delivered: np.ndarray  # (R, T, K) trains per step
    backlog: np.ndarray  # (R, T, K)
    unmet: np.ndarray  # (R, T, K)
    detour_km: np.ndarray  # (R, T, K) train-km beyond the open network's shortest routes
    baseline_delivered: np.ndarray  # (T, K)
    baseline_backlog: np.ndarray  # (T, K)
    utilisation_mean: np.ndarray  # (T, m) mean over runs; NaN where closed in every run
    occurred: np.ndarray  # (R, C)
    restored_h: np.ndarray  # (R, C)
    lp_solves: int = 0
    info: dict = field(default_factory=dict)

    @property
    def runs(self) -> int:
        return self.delivered.shape[0]

    @property
    def steps_per_day(self) -> float:
        return 24.0 / self.step_hours

    def delivered_per_day(self) -> np.ndarray:
        """(R, T) trains per day, all pairs together."""
        return self.delivered.sum(axis=2) * self.steps_per_day

    def baseline_per_day(self) -> np.ndarray:
        return self.baseline_delivered.sum(axis=1) * self.steps_per_day

    def shortfall(self) -> np.ndarray:
        """(R, T) trains behind the baseline at the end of each step (extra backlog + lost)."""
        gap = self.baseline_delivered.sum(axis=1)[None, :] - self.delivered.sum(axis=2)
        return np.cumsum(gap, axis=1)

    def cumulative_loss(self) -> np.ndarray:
        """(R, T) train-days of delay up to each step: trains behind the baseline x days.

        A train held back for three days counts 3; a train lost for good keeps counting
        until the horizon. This grows while service is short and levels off once recovered.
        """
        return np.cumsum(np.clip(self.shortfall(), 0.0, None), axis=1) * self.step_hours / 24.0

    def days_to_recover(self, share: float = RECOVERY_SHARE) -> np.ndarray:
        """(R,) days from the first disruption until service is back to `share` of baseline.

        Back means: delivered trains per step at least `share` of the baseline's and the
        extra backlog below (1 - share) of one baseline step's demand, from that step on.
        0 for runs that never fell short; inf if not back within the horizon.
        """
        base = self.baseline_delivered.sum(axis=1)
        base_backlog = self.baseline_backlog.sum(axis=1)
        delivered = self.delivered.sum(axis=2)
        extra_backlog = self.backlog.sum(axis=2) - base_backlog[None, :]
        short = (delivered < share * base[None, :] - 1e-9) | (
            extra_backlog > (1.0 - share) * np.maximum(base[None, :], 1e-9) + 1e-9
        )
        out = np.zeros(self.runs)
        for r in range(self.runs):
            bad = np.flatnonzero(short[r])
            if len(bad) == 0:
                continue
            first = bad[0]
            out[r] = np.inf if bad[-1] == short.shape[1] - 1 else (bad[-1] + 1 - first)
        return out * self.step_hours / 24.0

    def bands(self) -> dict[str, np.ndarray]:
        """P10/P50/P90 per step of delivered trains per day and of cumulative loss."""
        per_day = self.delivered_per_day()
        loss = self.cumulative_loss()
        out = {}
        for p in PERCENTILES:
            out[f"delivered_p{p}"] = np.percentile(per_day, p, axis=0)
            out[f"loss_p{p}"] = np.percentile(loss, p, axis=0)
        out["baseline"] = self.baseline_per_day()
        return out

    def summary(self) -> dict:
        """Plain numbers for people and JSON: loss and recovery percentiles, per pair too."""
        loss_total = self.cumulative_loss()[:, -1]
        recover = self.days_to_recover()
        short = recover > 0
        peak_shortfall = self.shortfall().max(axis=1)

        def pct(values: np.ndarray) -> dict:
            if len(values) == 0:
                return {f"p{p}": None for p in PERCENTILES}
            # inf ("never recovered") would turn interpolated percentiles into NaN.
            finite = np.where(np.isinf(values), NEVER, values)
            found = np.percentile(finite, PERCENTILES)
            return {
                f"p{p}": (math.inf if v >= NEVER / 2 else _plain(v))
                for p, v in zip(PERCENTILES, found, strict=True)
            }

        per_pair = []
        base_pair = self.baseline_delivered.sum(axis=0)
        for k, (o, d) in enumerate(self.pairs):
            behind = np.cumsum(
                self.baseline_delivered[None, :, k] - self.delivered[:, :, k], axis=1
            )
            delay = np.clip(behind, 0.0, None).sum(axis=1) * self.step_hours / 24.0
            per_pair.append(
                {
                    "origin": o,
                    "destination": d,
                    "baseline_trains": _plain(base_pair[k]),
                    "train_days_of_delay": pct(delay),
                    "peak_trains_behind": pct(behind.max(axis=1)),
                    "unmet": pct(self.unmet[:, :, k].sum(axis=1)),
                    "backlog_at_end": pct(self.backlog[:, -1, k]),
                    "peak_backlog": pct(self.backlog[:, :, k].max(axis=1)),
                    "detour_train_km": pct(self.detour_km[:, :, k].sum(axis=1)),
                }
            )
        return {
            "runs": self.runs,
            "seed": self.seed,
            "step_hours": self.step_hours,
            "steps": int(self.delivered.shape[1]),
            "baseline_trains_per_day": _plain(self.baseline_per_day().mean()),
            "train_days_of_delay": pct(loss_total),
            "peak_trains_behind": pct(peak_shortfall),
            "trains_lost": pct(self.unmet.sum(axis=(1, 2)) + self.shortfall()[:, -1].clip(0)),
            "days_to_recover": pct(recover),
            "runs_short_of_baseline": int(short.sum()),
            "runs_not_recovered": int(np.isinf(recover).sum()),
            "pairs": per_pair,
            "lp_solves": self.lp_solves,
        }

    def save_npz(self, path) -> None:
        """All arrays plus seed and spawn keys, so the random state goes with the results."""
        np.savez_compressed(
            path,
            seed=self.seed,
            spawn_keys=np.asarray(self.spawn_keys, dtype=np.int64),
            step_hours=self.step_hours,
            pairs=np.asarray(self.pairs, dtype=str),
            delivered=self.delivered,
            backlog=self.backlog,
            unmet=self.unmet,
            detour_km=self.detour_km,
            baseline_delivered=self.baseline_delivered,
            baseline_backlog=self.baseline_backlog,
            utilisation_mean=self.utilisation_mean,
            occurred=self.occurred,
            restored_h=self.restored_h,
        )


def _plain(value) -> float | None:
    value = float(value)
    if math.isnan(value):
        return None
    if math.isinf(value):
        return value
    return round(value, 3)


PER_STEP = ("delivered", "backlog", "unmet", "detour_km")


def run_chunk(model: SimulationModel, seed: int, runs: list[int]) -> dict:
    """Simulate the given run indices.

    Returns, per run, only the window of steps that differs from the baseline (most of a
    long horizon does not), so little data goes back from worker processes; plus the
    utilisation sums over runs.
    """
    baseline_run(model)
    cache = flow_cache(model)
    solves_before = cache.solves
    base_km = baseline_km_per_train(model)
    base_arrays = _baseline_arrays(model, base_km)
    t, m = model.n_steps, model.m
    n, c = len(runs), len(model.closures)
    windows = np.zeros((n, 2), dtype=np.int64)
    pieces: dict[str, list[np.ndarray]] = {name: [] for name in PER_STEP}
    occurred = np.zeros((n, c), dtype=bool)
    restored_h = np.zeros((n, c))
    util_sum = np.zeros((t, m))
    util_count = np.zeros((t, m))
    on_baseline = np.zeros(t)  # per step, the runs whose utilisation is the baseline's
    for i, run in enumerate(runs):
        result = simulate_run(model, run_seed(seed, run))
        arrays = {
            "delivered": result.delivered,
            "backlog": result.backlog,
            "unmet": result.unmet,
            "detour_km": np.clip(result.train_km - result.delivered * base_km, 0.0, None),
        }
        differs = np.zeros(t, dtype=bool)
        for name in PER_STEP:
            differs |= (arrays[name] != base_arrays[name]).any(axis=1)
        lo, hi = (0, 0)
        if differs.any():
            lo = int(np.argmax(differs))
            hi = t - int(np.argmax(differs[::-1]))
        windows[i] = (lo, hi)
        for name in PER_STEP:
            pieces[name].append(arrays[name][lo:hi])
        occurred[i] = result.occurred
        restored_h[i] = result.restored_h
        # Only the recomputed steps are summed here; the baseline's rows are added once
        # per step below, weighted by the number of runs that kept them.
        # Each distinct flow's utilisation is built once, added to every step that had it.
        for flow, steps in result.util_groups():
            row = flow.utilisation
            seen = ~np.isnan(row)
            util_sum[steps] += np.where(seen, row, 0.0)
            util_count[steps] += seen
        a, n_rows = result.util_first, len(result.util_flows)
        on_baseline[:a] += 1
        on_baseline[a + n_rows :] += 1
    base_util = baseline_run(model).utilisation
    base_seen = ~np.isnan(base_util)
    util_sum += on_baseline[:, None] * np.where(base_seen, base_util, 0.0)
    util_count += on_baseline[:, None] * base_seen
    k = len(model.pairs)
    out = {
        "runs": list(runs),
        "windows": windows,
        "occurred": occurred,
        "restored_h": restored_h,
        "util_sum": util_sum,
        "util_count": util_count,
        "lp_solves": cache.solves - solves_before,
    }
    for name in PER_STEP:
        out[name] = np.concatenate(pieces[name]) if pieces[name] else np.zeros((0, k))
    return out


def _baseline_arrays(model: SimulationModel, base_km: np.ndarray) -> dict[str, np.ndarray]:
    base = baseline_run(model)
    return {
        "delivered": base.delivered,
        "backlog": base.backlog,
        "unmet": base.unmet,
        "detour_km": np.clip(base.train_km - base.delivered * base_km, 0.0, None),
    }


def baseline_km_per_train(model: SimulationModel) -> np.ndarray:
    """Per pair, the mean route length of the baseline's trains (0 where none run).

    Detours are measured against this, not against the shortest route: on a busy network
    some trains already take longer routes without any closure.
    """
    base = baseline_run(model)
    trains = base.delivered.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(trains > 0, base.train_km.sum(axis=0) / trains, 0.0)


def split_runs(runs: int, chunks: int) -> list[list[int]]:
    """Run indices 0..runs-1 in `chunks` contiguous, nearly equal pieces."""
    chunks = max(1, min(chunks, runs))
    edges = np.linspace(0, runs, chunks + 1).round().astype(int)
    return [list(range(a, b)) for a, b in zip(edges[:-1], edges[1:], strict=True) if b > a]


class _Parts:
    """Chunk results as they come back, with their utilisation sums folded in run order.

    Each chunk's (steps x sections) sums are about 40 MB on a national network; folding
    them as soon as the chunks before have arrived keeps few of them alive, and adding in
    run order gives the same bits whatever order the chunks finish in.
    """

    def __init__(self, chunks: list[list[int]]):
        self.order = [chunk[0] for chunk in chunks]
        self.parts: list[dict] = []
        self.pending: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.folded = 0
        self.util_sum: np.ndarray | None = None
        self.util_count: np.ndarray | None = None

    def add(self, part: dict) -> None:
        self.pending[part["runs"][0]] = (part.pop("util_sum"), part.pop("util_count"))
        self.parts.append(part)
        while self.folded < len(self.order) and self.order[self.folded] in self.pending:
            util_sum, util_count = self.pending.pop(self.order[self.folded])
            if self.util_sum is None or self.util_count is None:
                self.util_sum, self.util_count = util_sum, util_count
            else:
                self.util_sum += util_sum
                self.util_count += util_count
            self.folded += 1


def _assemble(model: SimulationModel, seed: int, runs: int, got: _Parts) -> MonteCarloResult:
    parts = sorted(got.parts, key=lambda p: p["runs"][0])
    base = baseline_run(model)
    base_arrays = _baseline_arrays(model, baseline_km_per_train(model))
    full = {name: np.repeat(base_arrays[name][None], runs, axis=0) for name in PER_STEP}
    for part in parts:
        offset = 0
        for run, (lo, hi) in zip(part["runs"], part["windows"], strict=True):
            for name in PER_STEP:
                full[name][run, lo:hi] = part[name][offset : offset + hi - lo]
            offset += hi - lo

    def stack(name):
        return np.concatenate([p[name] for p in parts], axis=0)

    util_sum, util_count = got.util_sum, got.util_count
    if util_sum is None or util_count is None:
        raise RuntimeError("the Monte Carlo lost a chunk of runs")
    with np.errstate(invalid="ignore", divide="ignore"):
        util_mean = np.where(util_count > 0, util_sum / util_count, np.nan)
    return MonteCarloResult(
        seed=seed,
        spawn_keys=[(r,) for r in range(runs)],
        step_hours=model.step_hours,
        pairs=list(model.pairs),
        delivered=full["delivered"],
        backlog=full["backlog"],
        unmet=full["unmet"],
        detour_km=full["detour_km"],
        baseline_delivered=base.delivered.copy(),
        baseline_backlog=base.backlog.copy(),
        utilisation_mean=util_mean,
        occurred=stack("occurred"),
        restored_h=stack("restored_h"),
        lp_solves=int(sum(p["lp_solves"] for p in parts)),
    )


# The model local worker processes inherit when they are forked (see _run_local).
_WORKER_MODEL: list[SimulationModel] = []


def _worker_chunk(seed: int, runs: list[int]) -> dict:
    return run_chunk(_WORKER_MODEL[0], seed, runs)


def _dask_chunk(model: SimulationModel, seed: int, runs: list[int]) -> dict:
    return run_chunk(model, seed, runs)


def run_monte_carlo(
    model: SimulationModel,
    *,
    runs: int,
    seed: int,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> MonteCarloResult:
    """Simulate `runs` runs of the model.

    workers: local processes (default: the number of CPUs; 1 = in this process).
    scheduler: a Dask scheduler address (tcp://host:port); runs go to its workers.
    progress: called with the number of runs finished after each chunk.
    """
    workers = workers or os.cpu_count() or 1
    if chunk_runs is None:
        chunk_runs = max(1, min(100, math.ceil(runs / (4 * workers))))
    chunks = split_runs(runs, math.ceil(runs / chunk_runs))
    if scheduler:
        parts = _run_dask(model, seed, chunks, scheduler, progress)
    elif workers == 1:
        parts = _Parts(chunks)
        for chunk in chunks:
            parts.add(run_chunk(model, seed, chunk))
            if progress:
                progress(len(chunk))
    else:
        parts = _run_local(model, seed, chunks, workers, progress)
    result = _assemble(model, seed, runs, parts)
    result.info = {"workers": workers if not scheduler else None, "scheduler": scheduler}
    return result


def _run_local(model, seed, chunks, workers, progress) -> _Parts:
    import multiprocessing

    # fork: workers inherit the imported modules, the model and the caches already warmed
    # here (baseline and open state), instead of re-importing and re-solving them. Every
    # cached answer is a pure function of its inputs, so inheriting it changes no result.
    baseline_run(model)
    _WORKER_MODEL[:] = [model]
    context = multiprocessing.get_context("fork")
    parts = _Parts(chunks)
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
            futures = {pool.submit(_worker_chunk, seed, chunk): len(chunk) for chunk in chunks}
            for future in as_completed(futures):
                parts.add(future.result())
                if progress:
                    progress(futures[future])
    finally:
        _WORKER_MODEL.clear()
    return parts


def _without_baseline(model: SimulationModel) -> SimulationModel:
    from dataclasses import replace

    return replace(model, baseline=None)


def _run_dask(model, seed, chunks, address, progress) -> _Parts:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(address, timeout="30s") as client:
        [model_future] = client.scatter([_without_baseline(model)], broadcast=True)
        futures = client.map(
            _dask_chunk,
            [model_future] * len(chunks),
            [seed] * len(chunks),
            chunks,
            pure=False,
        )
        sizes = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
        parts = _Parts(chunks)
        for future in dask_completed(futures):
            parts.add(future.result())
            if progress:
                progress(sizes[future.key])
        return parts
