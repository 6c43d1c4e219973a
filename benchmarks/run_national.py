"""Whole-command timings of `railwatch criticality` at national scale.

    .venv/bin/python benchmarks/run_national.py [--network russia] [--runs 3]

Writes a seeded 100-pair demand for the network (10 origins x 10 destinations among the
junctions of its largest connected component, 1-10 trains/day), then runs the real
command in fresh processes, start to exit: the default (cheap) metrics, all three
metrics, and N-2 over the top 30. Each figure is the median of `--runs` runs; peak memory
is the largest resident set of the command and its workers. Appends a section to
benchmarks/results/impact.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RAILWATCH = [sys.executable, "-c", "from railwatch.cli import main; main()"]


def national_demand(network, pairs: int = 100, seed: int = 12) -> list[tuple[str, str, int]]:
    """Seeded OD pairs among junctions (degree >= 3) of the largest connected component."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    g = network.compiled
    adjacency = sp.coo_matrix((np.ones(g.n_sections), (g.src, g.dst)), shape=(g.n_nodes,) * 2)
    _, label = connected_components(adjacency, directed=False)
    degree = np.bincount(np.concatenate([g.src, g.dst]), minlength=g.n_nodes)
    candidates = np.flatnonzero((label == np.bincount(label).argmax()) & (degree >= 3))
    rng = np.random.default_rng(seed)
    side = int(np.sqrt(pairs))
    pick = rng.choice(candidates, 2 * side, replace=False)
    return [
        (str(g.node_ids[o]), str(g.node_ids[d]), int(rng.integers(1, 11)))
        for o in pick[:side]
        for d in pick[side:]
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str]) -> tuple[float, float, float, dict]:
    """(wall seconds, CPU seconds of the command and its workers, peak MB of this child
    and its workers, parsed JSON) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu_before = _children_cpu()
    start = time.perf_counter()
    out = subprocess.run([*RAILWATCH, *args], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, cpu, peak, json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", default="russia")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "impact.md")
    parser.add_argument("--skip-unmet", action="store_true", help="cheap metrics only")
    args = parser.parse_args()
    from railwatch.network import resolve_network

    network = resolve_network(args.network)
    work = Path(tempfile.mkdtemp(prefix="railwatch-national-"))
    demand = work / "demand.csv"
    demand.write_text(
        "origin,destination,trains_per_day\n"
        + "".join(f"{o},{d},{t}\n" for o, d, t in national_demand(network)),
        encoding="utf-8",
    )
    base = ["criticality", "--network", args.network, "--demand", str(demand), "--json"]
    configs = [("default metrics (capacity lost, detour)", base)]
    if not args.skip_unmet:
        configs += [
            ("all three metrics", [*base, "--metrics", "all"]),
            ("N-2 over the top 30, default metrics", [*base, "--n2", "30"]),
        ]
    rows = []
    load = os.getloadavg()[0]
    for label, command in configs:
        walls, cpus, peaks, data = [], [], [], {}
        for _ in range(args.runs):
            wall, cpu, peak, data = timed(command)
            walls.append(wall)
            cpus.append(cpu)
            peaks.append(peak)
        med = statistics.median(walls)
        rows.append((label, med, min(walls), max(walls), statistics.median(cpus), max(peaks), data))
        print(label, walls, cpus, flush=True)
    load = max(load, os.getloadavg()[0])
    g = network.compiled
    lines = [
        "",
        f"## National network `{args.network}`: whole command, start to exit",
        "",
        f"Command: `.venv/bin/python benchmarks/run_national.py{' '.join([''] + sys.argv[1:])}`."
        f" {g.n_sections:,} sections, {g.n_nodes:,} nodes, 100 OD pairs (seeded, see the script)."
        f" Machine: {os.cpu_count()} CPUs shared with other jobs (1-minute load average up to"
        f" {load:.1f} during the run), Python {platform.python_version()}."
        f" Median of {args.runs} runs (min-max); CPU = user + system of the command and its"
        " workers.",
        "",
        "| command | wall time, median (min-max) | CPU s, median | peak memory | notes |",
        "|---|---|---|---|---|",
    ]
    for label, med, lo, hi, cpu, peak, data in rows:
        notes = f"{data['base']['links']:,} links after merging chains"
        if "unmet_resolves" in data["base"]:
            counts = data["base"]["unmet_resolves"]
            lp = counts["lp_graph"]
            notes += (
                f"; unmet LP on {lp['links']:,} links after pruning; of the"
                f" {counts['closures_with_flow']} closures with flow"
                f" {counts['settled_by_reroute']} settled by the reroute test,"
                f" {counts['settled_by_other_solutions']} by other loss-free solutions,"
                f" {counts['lp_resolves']} by an LP re-solve"
            )
        if data.get("n2"):
            notes += f"; {len(data['n2'])} pairs"
        lines.append(
            f"| {label} | {med:.2f} s ({lo:.2f}-{hi:.2f}) | {cpu:.2f} | {peak:.0f} MB | {notes} |"
        )
    text = "\n".join(lines) + "\n"
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


if __name__ == "__main__":
    main()
