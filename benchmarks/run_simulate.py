"""Benchmark: Monte Carlo runs per second on the corridor example (180 days, daily steps).

    .venv/bin/python benchmarks/run_simulate.py [--runs 1000] [--workers 1 2] [--out FILE]

Each configuration starts with cold caches (no capacity state or LP answer reused from an
earlier configuration); the wall time includes starting the worker processes.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

import numpy as np

from railwatch.simulate import (
    build_model,
    engine,
    example_scenario_path,
    load_scenario,
    run_monte_carlo,
)
from results_file import write_section
from run_simulate_national import cpu_seconds


def measure(runs: int, workers: int) -> dict:
    scenario = load_scenario(example_scenario_path())
    engine._CACHES.clear()  # cold start, as in a fresh process
    model = build_model(scenario)
    started = time.perf_counter()
    cpu0 = cpu_seconds()
    result = run_monte_carlo(model, runs=runs, seed=scenario.seed, workers=workers)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu0
    return {
        "workers": workers,
        "runs": runs,
        "seconds": seconds,
        "cpu": cpu,
        "runs_per_s": runs / seconds,
        "lp_solves": result.lp_solves,
        "steps": result.delivered.shape[1],
        "checksum": float(np.round(result.delivered.sum(), 6)),
        "summary": result.summary(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "simulate.md"))
    args = parser.parse_args()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    rows = [measure(args.runs, w) for w in args.workers]
    same = len({r["checksum"] for r in rows}) == 1
    lines = [
        f"Scenario: `{example_scenario_path().name}` (corridor network, 4 OD pairs, 2 closures,"
        f" {rows[0]['steps']} daily steps). Command: `.venv/bin/python benchmarks/run_simulate.py"
        f" --runs {args.runs}`.",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}.",
        "",
        f"Load average before: {load}.",
        "",
        "| workers | runs | wall time (s) | CPU time (s) | runs/s | LP solves |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['workers']} | {r['runs']} | {r['seconds']:.2f} | {r['cpu']:.2f} |"
            f" {r['runs_per_s']:.0f} |"
            f" {r['lp_solves']} |"
        )
    lines += [
        "",
        f"Identical results across worker counts: {'yes' if same else 'NO'} "
        f"(checksum of all delivered trains: {rows[0]['checksum']:g}).",
        "Target: 1,000 runs in under 60 s on 2 cores.",
        "",
    ]
    text = "\n".join(lines)
    write_section(Path(args.out), "corridor", text)
    print(text)


if __name__ == "__main__":
    main()
