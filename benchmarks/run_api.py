"""API latency under load: 50 concurrent clients for 30 s on a filtered incident query.

    .venv/bin/python benchmarks/run_api.py [--incidents 10000] [--clients 50] [--seconds 30]

Builds (once, cached in --work-dir) a SQLite store of synthetic incidents through the
store's real ingest, starts `railwatch serve` as a subprocess on a free loopback port, and
drives it with `--clients` keep-alive HTTP clients (httpx, asyncio) for `--seconds`. Each
request asks for one incident type, one year and a bounding box (a few dozen incidents of the
10,000). Reference in the same run: GET /api/status (no store work) under the same load.
Writes benchmarks/results/api.md.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "api.md"
TYPES = ("fire", "explosion", "derailment", "collision", "blockage")
EFFECTS = (None, "blocked_both", "delayed", "reduced")


def synthetic_export(n: int, seed: int = 7) -> dict:
    """A store export document of `n` one-report incidents at the network's stations."""
    from railwatch.network import default_network
    from railwatch.reports.codec import to_dict
    from railwatch.reports.model import (
        DateValue,
        ExtractedIncident,
        Incident,
        Location,
        PlaceMention,
        Report,
    )
    from railwatch.store.rows import lines_at
    from railwatch.store.transfer import EXPORT_FORMAT, EXPORT_VERSION

    network = default_network()
    nodes = network.nodes
    rng = random.Random(seed)
    stamp = "2026-01-01T00:00:00+00:00"
    reports, incidents, items = [], [], []
    for k in range(n):
        node_id = str(nodes.index[k % len(nodes)])
        node = nodes.loc[node_id]
        lon, lat = float(node.geometry.x), float(node.geometry.y)
        day = date(1990, 1, 1) + timedelta(days=(k // len(nodes)) * 40 + rng.randrange(5))
        text = f"Benchmark report {k}: an incident at {node['name']} on {day.isoformat()}.\n"
        when = DateValue(day, day, "day", "explicit", day.isoformat())
        extracted = ExtractedIncident(
            type=rng.choice(TYPES),
            occurred=when,
            places=[PlaceMention(node["name"], node["name"].lower(), "station", text)],
            effect=rng.choice(EFFECTS),
        )
        report_id = hashlib.sha256(text.encode()).hexdigest()
        report = Report(report_id, text, "en", None, "Bench Wire", day, "argument", None)
        report.incidents = [extracted]
        location = Location("node", node_id, lat, lon, "near_node", node["name"], "benchmark")
        incident_id = f"inc-bench{k:06d}"
        incident = Incident(
            incident_id,
            extracted.type,
            when,
            location,
            extracted.effect,
            [],
            {},
            [],
            None,
            [report_id],
            [{"report": report_id, "rule": "first", "score": None}],
            0.5,
        )
        reports.append({**to_dict(report), "added_at": stamp})
        incidents.append(
            {"id": incident_id, "status": "unreviewed", "origin": "import", "corrections": {},
             "payload": to_dict(incident), "created_at": stamp}
        )  # fmt: skip
        items.append(
            {"report": report_id, "index": 0, "incident": incident_id,
             "location": to_dict(location), "lines": lines_at(location, network),
             "rule": "first", "score": None, "added_at": stamp}
        )  # fmt: skip
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "reports": reports,
        "incidents": incidents,
        "items": items,
        "audit": [],
    }


def build_store(directory: Path, n: int) -> tuple[int, float]:
    """A store holding `n` incidents (kept between runs); (incidents, seconds to build).

    Built through the store's own import of an export document: the ingest path places and
    merges every report (its cost is benchmarked by the store), which is not what this
    benchmark measures.
    """
    from railwatch.store import open_store

    store = open_store(data_dir=directory)
    try:
        have = store.count()
        if have >= n:
            return have, 0.0
        started = time.perf_counter()
        store.import_(synthetic_export(n))
        return store.count(), time.perf_counter() - started
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(directory: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("RAILWATCH_DATABASE_URL",)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "railwatch", "serve", "--port", str(port)]
        + ["--data-dir", str(directory)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/api/status", timeout=2)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


def filtered_path(rng: random.Random) -> str:
    """One type, one quarter of a year, the eastern half of the corridor."""
    year, quarter = rng.randrange(1990, 2007), rng.randrange(4)
    kind = rng.choice(TYPES)
    since = date(year, 1 + 3 * quarter, 1)
    until = date(year + (quarter == 3), (1 + 3 * (quarter + 1)) % 12 or 12, 1) - timedelta(1)
    return f"/api/incidents?format=json&type={kind}&since={since}&until={until}&bbox=100,40,145,60"


async def load(url: str, clients: int, seconds: float, path_for) -> dict:
    """Closed loop: each client sends its next request when the last one is answered."""
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}
    sizes: list[int] = []
    stop_at = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as http:

        async def client(k: int) -> None:
            nonlocal errors
            rng = random.Random(k)
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                what = None
                try:
                    response = await http.get(path_for(rng))
                    if response.status_code != 200:
                        what = f"HTTP {response.status_code}"
                    elif response.text[:1] == "[":
                        sizes.append(len(response.json()))
                    else:
                        sizes.append(1)
                except httpx.HTTPError as exc:
                    what = type(exc).__name__
                latencies.append(time.perf_counter() - started)
                if what:
                    errors += 1
                    kinds[what] = kinds.get(what, 0) + 1

        await asyncio.gather(*(client(k) for k in range(clients)))
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    return {
        "requests": len(ordered),
        "errors": errors,
        "rps": len(ordered) / seconds,
        "p50": pct(50),
        "p90": pct(90),
        "p99": pct(99),
        "max": ordered[-1] * 1000,
        "mean_rows": statistics.mean(sizes) if sizes else 0,
        "error_kinds": ", ".join(f"{k}: {v}" for k, v in sorted(kinds.items())) or "none",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/railwatch-bench-api"))
    parser.add_argument("--no-write", action="store_true", help="do not write api.md")
    args = parser.parse_args()
    if args.clients > 200 or args.seconds > 120:
        raise SystemExit("bounded: at most 200 clients and 120 s")
    store_dir = args.work_dir / f"store-{args.incidents}"
    count, build_s = build_store(store_dir, args.incidents)
    print(f"store: {count:,} incidents ({build_s:.0f} s to build)", file=sys.stderr)
    proc, url = start_server(store_dir)
    try:
        httpx.get(url + filtered_path(random.Random(0)), timeout=60)  # warm up
        reference = asyncio.run(load(url, args.clients, args.seconds, lambda rng: "/api/status"))
        filtered = asyncio.run(load(url, args.clients, args.seconds, filtered_path))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    rows = [("GET /api/status (reference: no store work)", reference)]
    rows.append(("filtered incident query (type + quarter + bbox, JSON)", filtered))
    lines = [
        "# API under load",
        "",
        f"`.venv/bin/python benchmarks/run_api.py --incidents {args.incidents} "
        f"--clients {args.clients} --seconds {args.seconds:g}`",
        "",
        f"{count:,} incidents in a SQLite store (synthetic, one report each, built through the "
        "store's import of an export document"
        + (f" in {build_s:.0f} s" if build_s else ", reused from an earlier run")
        + f"); `railwatch serve` as a subprocess (one uvicorn process) on loopback; "
        f"{args.clients} closed-loop keep-alive clients (httpx, asyncio, one process) for "
        f"{args.seconds:g} s each. Machine: {platform.machine()}, {os.cpu_count()} CPUs "
        "shared with the client and with other work.",
        "",
        "| request | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | rows/answer |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['requests']:,} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p90']:.1f} "
            f"| {r['p99']:.1f} | {r['max']:.1f} | {r['errors']} | {r['mean_rows']:.1f} |"
        )
    load_avg = os.getloadavg()
    met = filtered["p99"] < 50 and filtered["errors"] == 0
    lines += [
        "",
        f"Errors: reference {reference['error_kinds']}; filtered {filtered['error_kinds']}. "
        f"Load average at the end: {load_avg[0]:.1f} on {os.cpu_count()} CPUs.",
        "",
        f"Target: p99 < 50 ms and 0 errors for the filtered query: **{'met' if met else 'not met'}**.",
        "With closed-loop clients, latency is about clients / throughput: one Python process "
        "answering N requests a second keeps each of 50 clients waiting about 50 / N s.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
