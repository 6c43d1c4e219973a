"""Benchmark: the database store's ingest cost against its size, and concurrent ingesters.

    .venv/bin/python benchmarks/run_store.py [--reports 10000] [--probes 30]
        [--backends sqlite postgresql] [--pg-url postgresql://postgres@127.0.0.1:5432/test]

1. Per-report ingest time (placing, finding candidate incidents, merging, one transaction)
   into an empty store and into one already holding `--reports` synthetic reports on the
   embedded corridor (spread over five years, 1-3 reports per incident, written straight
   into the database for speed). The same probe reports go into both stores, alternately,
   so load on the machine affects both alike. Target: full within 2x of empty.
2. Ten processes ingesting at once into one fresh store per backend: three reports of their
   own, one text all ten send, and one report each of an event all ten describe. Stored
   must equal sent, with no duplicate and the shared event in one incident.

PostgreSQL runs in a fresh schema that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import psycopg

from railwatch.network import RailNetwork, default_network
from railwatch.reports.merge import Item, PairScore, incident_id
from railwatch.reports.model import (
    Claim,
    DateValue,
    ExtractedIncident,
    Location,
    PlaceMention,
    Report,
)
from railwatch.reports.text.ingest_text import read_report
from railwatch.store import IncidentFilter, open_store
from railwatch.store import schema as t
from railwatch.store.engine import write_transaction
from railwatch.store.rows import (
    claim_rows,
    compose,
    incident_columns,
    item_row,
    lines_at,
    now,
    report_row,
)
from railwatch.store.where import feature_point

TYPES = ["explosion", "derailment", "fire", "arson", "drone_strike", "collision", "blockage"]
EFFECTS = [None, "blocked_both", "blocked_one", "delayed", "reduced"]
START, DAYS = date(2021, 1, 1), 5 * 365


@contextmanager
def database(backend: str, pg_url: str, workdir: Path):
    """A URL of a fresh, empty database for `backend`."""
    if backend == "sqlite":
        path = workdir / f"{uuid.uuid4().hex[:8]}.sqlite"
        yield f"sqlite:///{path}"
        return
    schema = f"rw_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{pg_url}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _features(network: RailNetwork) -> list[Location]:
    """Locations of every node, section and structure (as placing would give them)."""
    out = []
    for kind, frame, precision in (
        ("node", network.nodes, "near_node"),
        ("section", network.sections, "section"),
        ("structure", network.structures, "structure"),
    ):
        for fid in frame.index:
            point = feature_point(network, kind, str(fid))
            if point is None:
                continue
            name = str(frame.at[fid, "name"]) if "name" in frame.columns else str(fid)
            out.append(Location(kind, str(fid), point[1], point[0], precision, name, "synthetic"))
    return out


def fill(url: str, network: RailNetwork, count: int, seed: int = 7) -> float:
    """Write `count` synthetic reports, their items and incidents straight into the store."""
    rng = random.Random(seed)
    features = _features(network)
    store = open_store(url)
    started = time.perf_counter()
    stamp = now()
    reports, items, incidents, claims = [], [], [], []
    n = 0
    while n < count:
        where = rng.choice(features)
        when = START + timedelta(days=rng.randrange(DAYS))
        kind = rng.choice(TYPES)
        effect = rng.choice(EFFECTS)
        entries = []
        for k in range(min(rng.choice([1, 1, 2, 3]), count - n)):
            text = f"synthetic report {n}: {kind} at {where.name} on {when}"
            extracted = ExtractedIncident(
                type=kind,
                occurred=DateValue(when, when, "day", "explicit", when.isoformat()),
                places=[PlaceMention(where.name, where.name.lower(), "unknown", text)],
                effect=effect,
                claims=[Claim(f"outlet {n % 40}", "asserts", "unknown", text)],
            )
            report = Report(
                id=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                language="en",
                url=f"https://example.org/{n}",
                outlet=f"outlet {n % 40}",
                published_at=when + timedelta(days=1 + k),
                published_method="argument",
                path=None,
                incidents=[extracted],
            )
            item = Item(report, 0, extracted, where)
            score = None if k == 0 else PairScore(1.0, "same_feature+date_overlap+same_type")
            entries.append((item, score, "\n".join(lines_at(where, network))))
            reports.append(report_row(report, stamp + timedelta(microseconds=n)))
            claims.extend(claim_rows(report))
            n += 1
        iid = incident_id(entries[0][0].report.id, 0)
        for item, score, lines in entries:
            items.append(item_row(item, iid, score, lines.split("\n"), stamp))
        incident = compose(iid, entries, "unreviewed", None, {})
        incidents.append(
            {
                **incident_columns(incident),
                "id": iid,
                "origin": "ingest",
                "corrections": {},
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    with write_transaction(store.engine) as conn:
        for table, rows in (
            (t.reports, reports),
            (t.incidents, incidents),
            (t.items, items),
            (t.claims, claims),
        ):
            for i in range(0, len(rows), 2000):
                conn.execute(table.insert(), rows[i : i + 2000])
    store.close()
    return time.perf_counter() - started


def probe_reports(network: RailNetwork, count: int, seed: int = 11) -> list[Report]:
    """Realistic reports (read from text like any other) about stations of the network."""
    rng = random.Random(seed)
    names = [str(n) for n in network.nodes["name"] if isinstance(n, str) and n]
    probes = []
    for i in range(count):
        when = START + timedelta(days=rng.randrange(DAYS))
        text = (
            f"Published: {when + timedelta(days=1):%d %B %Y}\n\n"
            f"A freight train derailed near {rng.choice(names)} station on "
            f"{when.day} {when:%B %Y}, the railway said. Traffic was suspended (probe {i}).\n"
        )
        probes.append(read_report(text))
    return probes


def measure_growth(backend: str, args, network: RailNetwork, workdir: Path) -> dict:
    probes = probe_reports(network, args.probes)
    warm = probe_reports(network, 2, seed=99)
    with (
        database(backend, args.pg_url, workdir) as empty_url,
        database(backend, args.pg_url, workdir) as full_url,
    ):
        fill_s = fill(full_url, network, args.reports)
        empty, full = open_store(empty_url), open_store(full_url)
        held = full.count(IncidentFilter(status=None))
        for store, report in ((empty, warm[0]), (full, warm[1])):
            store.ingest([report], network=network)  # warm caches and connections
        times = {"empty": [], "full": []}
        for probe in probes:
            for name, store in (("empty", empty), ("full", full)):
                started = time.perf_counter()
                result = store.ingest([probe], network=network)
                times[name].append(time.perf_counter() - started)
                assert result.new == [probe.id]
        stored = len(full.reports())
        empty.close()
        full.close()
    median = {k: statistics.median(v) for k, v in times.items()}
    return {
        "backend": backend,
        "fill_s": fill_s,
        "held_incidents": held,
        "stored_after": stored,
        "empty_ms": median["empty"] * 1000,
        "full_ms": median["full"] * 1000,
        "empty_p90_ms": statistics.quantiles(times["empty"], n=10)[-1] * 1000,
        "full_p90_ms": statistics.quantiles(times["full"], n=10)[-1] * 1000,
        "ratio": median["full"] / median["empty"],
    }


WORKER = """
import sys
from pathlib import Path
from railwatch.network import default_network
from railwatch.reports.text.ingest_text import read_report
from railwatch.store import open_store
reports = [read_report(p) for p in sorted(Path(sys.argv[2]).glob("*.txt"))]
store = open_store(sys.argv[1])
store.ingest(reports, network=default_network())
store.close()
print(" ".join(r.id for r in reports))
"""


def measure_concurrency(backend: str, args, workdir: Path) -> dict:
    with database(backend, args.pg_url, workdir) as url:
        open_store(url).close()  # the schema exists before the race
        folders = []
        for p in range(10):
            folder = workdir / f"{backend}-{p}"
            folder.mkdir()
            for k in range(3):
                when = date(2024, 1, 1) + timedelta(days=5 * (3 * p + k))
                (folder / f"own-{k}.txt").write_text(
                    f"Published: {when + timedelta(days=1):%d %B %Y}\n\nA freight train derailed "
                    f"near Tynda on {when.day} {when:%B %Y}, the railway said (desk {p}).\n",
                    encoding="utf-8",
                )
            (folder / "same-text.txt").write_text(
                "Published: 2 August 2024\n\nA freight train derailed near Skovorodino on "
                "1 August 2024, the railway said.\n",
                encoding="utf-8",
            )
            (folder / "same-event.txt").write_text(
                "Published: 30 November 2023\n\nAn explosion hit a fuel train in the "
                f"Severomuysky tunnel on 29 November 2023. Traffic was suspended (desk {p}).\n",
                encoding="utf-8",
            )
            folders.append(folder)
        started = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, url, str(folder)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for folder in folders
        ]
        outs = [proc.communicate(timeout=1800) for proc in procs]
        seconds = time.perf_counter() - started
        failed = [err for proc, (_, err) in zip(procs, outs, strict=True) if proc.returncode]
        sent_rows = sum(len(out.split()) for out, _ in outs)
        sent = {rid for out, _ in outs for rid in out.split()}
        store = open_store(url)
        stored = [r.id for r in store.reports()]
        incidents = store.incidents(IncidentFilter(status=None))
        tunnel = [i for i in incidents if i.location and i.location.kind == "structure"]
        in_incidents = [rid for i in incidents for rid in i.reports]
        store.close()
    return {
        "backend": backend,
        "processes": len(procs),
        "failed": len(failed),
        "sent": sent_rows,
        "distinct_sent": len(sent),
        "stored": len(stored),
        "duplicates": len(stored) - len(set(stored)) + len(in_incidents) - len(set(in_incidents)),
        "lost": len(sent - set(stored)),
        "shared_event_incidents": len(tunnel),
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--probes", type=int, default=30)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-concurrency", action="store_true")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "store.md"))
    args = parser.parse_args()
    network = default_network()
    growth, concurrency = [], []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for backend in args.backends:
            growth.append(measure_growth(backend, args, network, workdir))
            print(growth[-1], flush=True)
        if not args.skip_concurrency:
            for backend in args.backends:
                concurrency.append(measure_concurrency(backend, args, workdir))
                print(concurrency[-1], flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines = [
        "# Store benchmark",
        "",
        f"Command: `.venv/bin/python benchmarks/run_store.py --reports {args.reports} "
        f"--probes {args.probes}`. Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; load average {load:.1f} at the end of the run "
        "(the machine was shared).",
        "",
        "## Ingest time against store size",
        "",
        f"Per-report time of `Store.ingest` (placing on the embedded corridor, candidate query, "
        f"merging, one transaction) for {args.probes} probe reports, median and P90, into an "
        f"empty store and into one holding {args.reports:,} synthetic reports (five years, "
        "1-3 reports per incident, every station, section and structure of the corridor). "
        "Target: full within 2x of empty.",
        "",
        "| backend | incidents held | empty: median (P90) ms | full: median (P90) ms | "
        "full / empty | fill time (s) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for g in growth:
        lines.append(
            f"| {g['backend']} | {g['held_incidents']:,} | {g['empty_ms']:.1f} "
            f"({g['empty_p90_ms']:.1f}) | {g['full_ms']:.1f} ({g['full_p90_ms']:.1f}) | "
            f"**{g['ratio']:.2f}x** | {g['fill_s']:.1f} |"
        )
    if concurrency:
        lines += [
            "",
            "## Ten concurrent ingesters",
            "",
            "Ten processes at once into one fresh store: three reports of their own each, one "
            "text all ten send, one report each of an event all ten describe.",
            "",
            "| backend | processes | failed | reports sent (distinct) | stored | lost | "
            "duplicates | incidents for the shared event | wall time (s) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for c in concurrency:
            lines.append(
                f"| {c['backend']} | {c['processes']} | {c['failed']} | {c['sent']} "
                f"({c['distinct_sent']}) | {c['stored']} | {c['lost']} | {c['duplicates']} | "
                f"{c['shared_event_incidents']} | {c['seconds']:.1f} |"
            )
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
