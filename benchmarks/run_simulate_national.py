"""Benchmark (issue 12): a three-closure scenario on `russia`, 100 OD pairs, daily steps.

    .venv/bin/python benchmarks/run_simulate_national.py [--runs 1000] [--workers 1]
        [--trains-per-day 0.3] [--out FILE]

With --out, the result replaces its own section (`national-wN`, N = workers) of FILE
(benchmarks/results/simulate.md; see `results_file.py`).

The pairs are the 100 seeded pairs of `run_national.py`; the three closures are put on the
three busiest sections of the baseline run (so that they do change the flows), lognormal
restoration with medians 2, 3 and 4 days. Timed in this process with `run_monte_carlo`;
peak memory is this process's and its workers' maximum resident set size; CPU time is
user + system of this process and its workers (the machine is shared, so wall time alone
says little). Checksums: delivered trains (all delivered by the horizon here, so also a
check on the totals), the backlog summed over runs, steps and pairs, and the detour km.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from pathlib import Path

import numpy as np

from railwatch.network import resolve_network
from railwatch.simulate import engine, run_monte_carlo
from railwatch.simulate.engine import SimulationModel, baseline_run
from railwatch.simulate.restoration import LogNormal, Restoration, Stage
from railwatch.simulate.timeline import TimedClosure
from results_file import write_section
from run_national import national_demand

HERE = Path(__file__).resolve().parent


def national_model(trains_per_day: float, closures: int = 3, steps: int = 180) -> SimulationModel:
    network = resolve_network("russia")
    pairs = [(o, d) for o, d, _ in national_demand(network)]
    demand = np.round(np.full(len(pairs), trains_per_day), 6)

    def model(targets, timed) -> SimulationModel:
        return SimulationModel(
            network=network,
            pairs=pairs,
            demand_step=demand,
            closures=tuple(timed),
            targets=targets,
            n_steps=steps,
            step_hours=24,
            max_backlog=None,
            key=f"national-{trains_per_day}-{len(targets)}",
        )

    open_run = baseline_run(model([], []))
    busiest = np.argsort(-np.nan_to_num(open_run.utilisation.max(axis=0)), kind="stable")
    ids = network.compiled.section_ids
    targets = [(str(ids[s]), "both") for s in busiest[:closures]]
    timed = [
        TimedClosure(
            start_h=24.0 * (5 + 3 * i),
            remaining=0.0,
            probability=1.0,
            restoration=Restoration((Stage(1.0, LogNormal(24.0 * (2 + i), 24.0 * (6 + 2 * i))),)),
        )
        for i in range(closures)
    ]
    return model(targets, timed)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--trains-per-day", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    started = time.perf_counter()
    model = national_model(args.trains_per_day)
    prepared = time.perf_counter() - started
    engine._CACHES.pop(model.key, None)
    t0 = time.perf_counter()
    cpu0 = cpu_seconds()
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        print(f"{done[0]} runs, {time.perf_counter() - t0:.0f} s", flush=True)

    result = run_monte_carlo(
        model, runs=args.runs, seed=args.seed, workers=args.workers, progress=progress
    )
    seconds = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    checksum = float(np.round(result.delivered.sum(), 6))
    backlog = float(np.round(result.backlog.sum(), 6))
    detour = float(np.round(result.detour_km.sum(), 3))
    lines = [
        f"runs={args.runs} workers={args.workers} trains/day/pair={args.trains_per_day}",
        f"closures on sections: {', '.join(t for t, _ in model.targets)}",
        f"model + open-network baseline: {prepared:.1f} s",
        f"Monte Carlo wall time: {seconds:.1f} s ({args.runs / seconds:.1f} runs/s)",
        f"Monte Carlo CPU time (user + system, with workers): {cpu:.1f} s",
        f"LP solves: {result.lp_solves}",
        f"peak RSS: {peak_mb():.0f} MB",
        f"checksum of delivered trains: {checksum:.6f}",
        f"checksum of backlog (train-steps): {backlog:.6f}; of detour train-km: {detour:.3f}",
        f"load average before: {' '.join(load)}; after: "
        + " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
    ]
    text = "\n".join(lines)
    print(text, flush=True)
    if args.out:
        write_section(args.out, f"national-w{args.workers}", f"```\n{text}\n```")


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
