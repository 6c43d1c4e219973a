"""One self-contained HTML report: inline CSS, images as data URIs, no external requests.

All text that comes from scenarios, networks or news reports is escaped with
`html.escape`; URLs appear only as escaped text, never as links or resources.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from html import escape
from pathlib import Path

from railwatch.render.report_figures import (
    capacity_figure,
    capacity_tables,
    map_figure,
    png_data_uri,
)
from railwatch.render.report_incidents import IncidentRow, store_incidents
from railwatch.simulate.montecarlo import MonteCarloResult
from railwatch.simulate.scenario import Scenario

CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;
color:#222;line-height:1.45;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
th,td{border:1px solid #ddd;padding:.25em .6em;vertical-align:top}th{background:#f3f3f3;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;border:1px solid #eee}
.muted{color:#666;font-size:.9em}.src{font-size:.85em;color:#555;word-break:break-all}
ul.claims{margin:.2em 0 .2em 1.1em;padding:0}
"""


def _num(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and math.isinf(value):
        return "not within horizon"
    return f"{value:,.{digits}f}"


def _band(band: dict, digits: int = 1) -> str:
    return " / ".join(_num(band.get(f"p{p}"), digits) for p in (10, 50, 90))


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
            for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _list(items, css: str = "") -> str:
    if not items:
        return '<span class="muted">none</span>'
    klass = f' class="{css}"' if css else ""
    return f"<ul{klass}>" + "".join(f"<li>{escape(str(i))}</li>" for i in items) + "</ul>"


def _when(scenario: Scenario, hours: float) -> str:
    if scenario.start is None:
        return f"+{hours:g} h"
    return (scenario.start + dt.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M UTC")


def _scenario_incidents(scenario: Scenario) -> str:
    rows = []
    for c in scenario.closures:
        restoration = c.restoration
        basis = []
        if restoration.source:
            basis.append("source: " + restoration.source)
        if restoration.assumption:
            basis.append("assumption: " + restoration.assumption)
        rows.append(
            [
                escape(c.id)
                + (f"<br><span class='muted'>{escape(c.type)}</span>" if c.type else ""),
                escape(c.target),
                escape(_when(scenario, c.start_h)),
                escape(f"{c.probability:g}"),
                escape(f"{c.remaining:g} left, then " + (restoration.describe() or "not restored"))
                + _list(basis, "src"),
                escape(c.description or ""),
                _list(c.claims, "claims"),
                _list(c.sources, "src"),
            ]
        )
    return _table(
        ["closure", "target", "start", "probability", "restoration", "what", "claims", "sources"],
        rows,
    )


def _store_section(rows: list[IncidentRow], note: str) -> str:
    if not rows:
        return f"<p>{escape(note)}</p>"
    body = [
        [
            escape(r.id),
            escape(r.type),
            escape(r.when),
            escape(r.where),
            escape(r.effect),
            escape(r.confidence),
            _list(r.claims, "claims"),
            _list(r.sources, "src"),
        ]
        for r in rows
    ]
    table = _table(
        ["id", "type", "when", "where", "effect", "confidence", "claims", "sources"], body
    )
    return f"<p>{escape(note)}</p>{table}"


def build_report_html(
    scenario: Scenario,
    result: MonteCarloResult,
    *,
    bands_uri: str,
    store: tuple[list[IncidentRow], str],
) -> str:
    """The whole report as one HTML string."""
    tables = capacity_tables(scenario)
    map_uri = png_data_uri(map_figure(scenario, tables))
    capacity_uri = png_data_uri(capacity_figure(tables))
    summary = result.summary()
    pair_rows = [
        [
            escape(r["origin"]),
            escape(r["destination"]),
            _num(r["demand"]),
            _num(r["delivered_before"]),
            _num(r["delivered_after"]),
            _num(r["max_before"]),
            _num(r["max_after"]),
            _num(r["km_per_train_before"], 0),
            _num(r["km_per_train_after"], 0),
        ]
        for r in tables.pairs
    ]
    section_rows = [
        [
            escape(r["section"]),
            escape(r["name"]),
            _num(r["capacity_before"]),
            _num(r["capacity_after"]),
            _num(r["flow_before"]),
            _num(r["flow_after"]),
        ]
        for r in tables.sections
    ]
    mc_rows = [
        ["days to recover to 95% of baseline", _band(summary["days_to_recover"])],
        ["cumulative delay, train-days", _band(summary["train_days_of_delay"])],
        ["peak trains behind baseline", _band(summary["peak_trains_behind"])],
        ["trains lost at the horizon", _band(summary["trains_lost"])],
    ]
    per_pair = [
        [
            escape(p["origin"]),
            escape(p["destination"]),
            _band(p["train_days_of_delay"]),
            _band(p["peak_backlog"]),
            _band(p["detour_train_km"], 0),
        ]
        for p in summary["pairs"]
    ]
    start = scenario.start.strftime("%Y-%m-%d %H:%M UTC") if scenario.start else "time 0"
    facts = [
        ["network", escape(f"{scenario.network_ref} ({scenario.network!r})")],
        ["clock starts", escape(start)],
        ["horizon", escape(f"{scenario.horizon_h / 24:g} days in {scenario.step} steps")],
        [
            "Monte Carlo",
            escape(
                f"{result.runs} runs, seed {result.seed} "
                "(run i draws from SeedSequence(seed).spawn(runs)[i])"
            ),
        ],
        ["baseline", escape(f"{summary['baseline_trains_per_day']:g} trains/day delivered")],
    ]
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(scenario.name)} - railwatch report</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{escape(scenario.name)}</h1>",
        f'<p class="muted">railwatch report, generated {escape(generated)}</p>',
        f"<p>{escape(scenario.description or '')}</p>",
        _table(["", ""], facts),
        "<h2>Map: incidents and closed sections</h2>",
        f'<img alt="map of the network with the closures" src="{map_uri}">',
        "<p class='muted'>Red: sections closed by the scenario's closures (all in force at "
        "once). Yellow: sections that carry more trains when they are. Stars: the incidents.</p>",
        "<h2>Capacity before and after</h2>",
        "<p>Trains per day with all closures in force (uncertain ones included): what the "
        "shared network delivers of the demand, and the most each pair could get alone.</p>",
        _table(
            [
                "origin",
                "destination",
                "demand",
                "delivered before",
                "delivered after",
                "max alone before",
                "max alone after",
                "km/train before",
                "km/train after",
            ],
            pair_rows,
            numeric={2, 3, 4, 5, 6, 7, 8},
        ),
        f'<img alt="capacity before and after per pair" src="{capacity_uri}">',
        "<h2>The reroute</h2>",
        "<p>Sections whose traffic changes when the closures are in force (trains per day, "
        "both directions together; capacity per direction).</p>",
        _table(
            [
                "section",
                "between",
                "capacity before",
                "capacity after",
                "trains before",
                "trains after",
            ],
            section_rows,
            numeric={2, 3, 4, 5},
        )
        if section_rows
        else "<p>No section changes its traffic.</p>",
        "<h2>Monte Carlo bands</h2>",
        f'<img alt="Monte Carlo bands of delivered trains and cumulative delay" src="{bands_uri}">',
        "<p class='muted'>Top: trains delivered per day, all pairs, P10-P90 band and median over "
        "runs, against the baseline without closures. Bottom: cumulative delay in train-days "
        "(trains behind the baseline, summed over days).</p>",
        _table(["measure (P10 / P50 / P90 over runs)", "value"], mc_rows, numeric={1}),
        _table(
            ["origin", "destination", "delay train-days", "peak backlog", "detour train-km"],
            per_pair,
            numeric={2, 3, 4},
        ),
        "<p class='muted'>"
        + escape(
            f"{summary['runs_short_of_baseline']} of {summary['runs']} runs fell below 95% of the "
            f"baseline at some step; {summary['runs_not_recovered']} did not recover within the "
            "horizon."
        )
        + "</p>",
        "<h2>Incidents in the scenario</h2>",
        _scenario_incidents(scenario),
        "<h2>Incidents in the store</h2>",
        _store_section(*store),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(
    scenario: Scenario,
    result: MonteCarloResult,
    path: str | os.PathLike,
    *,
    store_path: str | os.PathLike | None = None,
    store: tuple[list[IncidentRow], str] | None = None,
) -> Path:
    """Write the report atomically; returns its absolute path."""
    from railwatch.render.bands import bands_figure

    events = [(c.start_h, c.id) for c in scenario.closures]
    bands = bands_figure(
        result, title=f"{scenario.name}: {result.runs} runs", start=scenario.start, events=events
    )
    text = build_report_html(
        scenario,
        result,
        bands_uri=png_data_uri(bands),
        store=store if store is not None else store_incidents(store_path),
    )
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".html", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; a report is meant to be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
