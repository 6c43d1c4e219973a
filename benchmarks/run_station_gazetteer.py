"""How long the national station gazetteer takes to build and to answer.

.venv/bin/python benchmarks/run_station_gazetteer.py   # writes benchmarks/results/station_gazetteer.md

The reference in the same run is loading the two station tables themselves (what any use
of them costs, pandas import included); the build excludes module imports; lookups are compared with one plain dict hit. Each timing is the best of a
few runs in a fresh process so that caches do not flatter the build.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

_BUILD = """
import time
t = time.perf_counter()
from railwatch.network.stations import load_adjacency, load_stations
load_stations(); load_adjacency()
t_load = time.perf_counter() - t
from railwatch.reports.place.stations_gazetteer import station_index  # imports not counted
t = time.perf_counter()
station_index()
print(t_load, time.perf_counter() - t)
"""

QUERIES = (
    "Kuteynikovo", "Корфовской", "Ulyanovsk-2", "Severobaykalsk", "Гудачах", "Bamovskaya",
    "Erofey Pavlovich", "Valuyki-Sortirovochnye", "the", "station", "Zzzyxx",
)  # fmt: skip


def _fresh_build(runs: int = 3) -> tuple[float, float]:
    loads, builds = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _BUILD], check=True, capture_output=True, text=True
        ).stdout.split()
        loads.append(float(out[0]))
        builds.append(float(out[1]))
    return min(loads), min(builds)


def _lookups(fuzzy: bool, repeat: int = 20) -> float:
    from railwatch.reports.place.stations_gazetteer import station_index

    index = station_index()
    index.find("warm-up")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(repeat):
            for query in QUERIES:
                index.find(query, fuzzy=fuzzy)
        best = min(best, (time.perf_counter() - t) / (repeat * len(QUERIES)))
    return best


def _dict_hit(repeat: int = 200_000) -> float:
    table = {f"k{i}": i for i in range(16_000)}
    t = time.perf_counter()
    for _ in range(repeat):
        table.get("k12345")
    return (time.perf_counter() - t) / repeat


def main() -> None:
    load, build = _fresh_build()
    exact, fuzzy = _lookups(False), _lookups(True)
    plain = _dict_hit()
    lines = [
        "# National station gazetteer: build and lookup",
        "",
        "Command: `.venv/bin/python benchmarks/run_station_gazetteer.py` (best of 3 fresh "
        "processes for the build; lookups over "
        f"{len(QUERIES)} names, English, Russian inflected, common words and a miss).",
        "",
        "| what | time | ratio |",
        "|---|---|---|",
        f"| load both station tables (reference) | {load * 1000:.0f} ms | 1.0 |",
        f"| build the index (lazily, once per process) | {build * 1000:.0f} ms | "
        f"{build / load:.1f} × the load |",
        f"| one lookup, exact/spelling/stem keys | {exact * 1e6:.0f} µs | "
        f"{exact / plain:.0f} × a dict hit |",
        f"| one lookup, typos allowed | {fuzzy * 1e6:.0f} µs | {fuzzy / plain:.0f} × a dict hit |",
        "",
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} during the run; minima are reported because the machine is "
        "shared: the figures depend on that load.",
    ]
    (HERE / "results" / "station_gazetteer.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
