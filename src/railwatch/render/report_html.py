"""One self-contained HTML report: inline CSS, images as data URIs, no external requests.

The page is the Jinja2 template `templates/report.html` with autoescape on, so every text
that comes from scenarios, networks or news reports is escaped wherever it appears. Sources
are links only when they are http(s) URLs (anything else is plain text); links are
navigation, never resources the page loads. Times are in the scenario's own time zone.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2

from railwatch.network.queries import feature_label, section_label
from railwatch.render.clock import (
    calendar_text,
    scenario_start,
    scenario_zone,
    when_text,
    zone_name,
)
from railwatch.render.report_incidents import IncidentRow, SourceRef, source_ref, store_incidents
from railwatch.render.wording import event_label, kind_words

if TYPE_CHECKING:
    from railwatch.impact.compare import CapacityComparison
    from railwatch.network.model import RailNetwork
    from railwatch.simulate.montecarlo import MonteCarloResult
    from railwatch.simulate.scenario import Scenario


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("railwatch.render", "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,  # a misspelt field is an error, not a blank
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _num(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float) and math.isinf(value):
        return "not within horizon"
    return f"{value:,.{digits}f}"


def _band(band: dict, digits: int = 1) -> str:
    return " / ".join(_num(band.get(f"p{p}"), digits) for p in (10, 50, 90))


def _text(value: Any) -> str:
    """Scenario fields may hold numbers where text is expected (YAML `description: 42`)."""
    return "" if value is None else str(value)


def _scenario_source(value: Any) -> SourceRef:
    """A scenario's source: a URL is a link whose text is its host and path, shortened."""
    ref = source_ref(_text(value))
    if ref.url is None:
        return ref
    parts = urlsplit(ref.url)
    host = parts.netloc.removeprefix("www.")
    path = parts.path.rstrip("/")
    text = host + (path if len(path) <= 32 else path[:31] + "\u2026")
    return SourceRef(text, ref.url)


def _closure_view(scenario: Scenario, closure: Any) -> dict:
    restoration = closure.restoration
    basis = []
    if restoration.source is not None and _text(restoration.source).strip():
        basis.append("source: " + _text(restoration.source))
    if restoration.assumption is not None and _text(restoration.assumption).strip():
        basis.append("assumption: " + _text(restoration.assumption))
    return {
        "label": event_label(closure, scenario.network, limit=120),
        "id": _text(closure.id),
        "type": kind_words(closure.type),
        "target": _target_text(scenario.network, _text(closure.target)),
        "start": when_text(scenario, closure.start_h),
        "probability": f"{closure.probability:g}",
        "restoration": _restoration_words(closure.remaining, restoration),
        "basis": basis,
        "description": _text(closure.description),
        "claims": [_text(c) for c in closure.claims],
        "sources": [_scenario_source(s) for s in closure.sources],
    }


def _restoration_words(remaining: float, restoration: Any) -> str:
    """'closed; 100% of capacity back after lognormal median 73 h, p90 168 h'."""
    first = "closed" if remaining <= 0 else f"{remaining:.0%} of capacity left"
    stages = [
        f"{stage.remaining:.0%} of capacity back after {stage.after.describe()}"
        for stage in restoration.stages
    ]
    return f"{first}; " + ("; then ".join(stages) if stages else "not restored in the horizon")


def _target_text(network: RailNetwork, target: str) -> str:
    """'bam:severomuysky_tunnel (Severomuysky Tunnel, structure)' where the network names it."""
    kind = network.kind_of(target)
    label = feature_label(network, target)
    if kind is None:
        return target
    return f"{target} ({label}, {kind})" if label and label != target else f"{target} ({kind})"


def _comparison_views(scenario: Scenario, comparison: CapacityComparison) -> tuple[list, list]:
    pairs = [
        {
            "origin": r.origin,
            "destination": r.destination,
            "demand": _num(r.demand),
            "delivered_before": _num(r.delivered_before),
            "delivered_after": _num(r.delivered_after),
            "km_per_train_before": _num(r.km_per_train_before, 0),
            "km_per_train_after": _num(r.km_per_train_after, 0),
            "max_before": _num(r.max_before),
            "max_after": _num(r.max_after),
        }
        for r in comparison.pairs.itertuples()
    ]
    sections = [
        {
            "section": r.section,
            "name": section_label(scenario.network, str(r.section)),
            "capacity_before": _num(r.capacity_before),
            "capacity_after": _num(r.capacity_after),
            "flow_before": _num(r.flow_before),
            "flow_after": _num(r.flow_after),
        }
        for r in comparison.sections.itertuples()
    ]
    return pairs, sections


def _store_view(rows: list[IncidentRow]) -> list[dict]:
    return [
        {
            "id": _text(r.id),
            "type": kind_words(r.type),
            "when": _text(r.when),
            "where": _text(r.where),
            "effect": _text(r.effect),
            "closes": _text(r.closes),
            "confidence": _text(r.confidence),
            "claims": [_text(c) for c in r.claims],
            "sources": [source_ref(s) for s in r.sources],
        }
        for r in rows
    ]


def build_report_html(
    scenario: Scenario,
    result: MonteCarloResult,
    *,
    bands_uri: str,
    store: tuple[list[IncidentRow], str],
) -> str:
    """The whole report as one HTML string."""
    from railwatch.render.report_figures import (
        capacity_figure,
        map_figure,
        png_data_uri,
        scenario_comparison,
    )

    comparison = scenario_comparison(scenario)
    pairs, sections = _comparison_views(scenario, comparison)
    summary = result.summary()
    zone = scenario_zone(scenario)
    start = scenario_start(scenario)
    now = dt.datetime.now(dt.UTC).astimezone(zone)
    rows, note = store
    context = {
        "name": _text(scenario.name),
        "description": _text(scenario.description),
        "generated": calendar_text(now),
        "zone": zone_name(start or now),
        "facts": [
            ("network", f"{_text(scenario.network_ref)} ({scenario.network!r})"),
            (
                "clock starts",
                calendar_text(start) if start else "time 0",
            ),
            ("horizon", f"{scenario.horizon_h / 24:g} days in {scenario.step} steps"),
            (
                "Monte Carlo",
                f"{result.runs} runs, seed {result.seed} "
                "(run i draws from SeedSequence(seed).spawn(runs)[i])",
            ),
            ("baseline", f"{summary['baseline_trains_per_day']:g} trains/day delivered"),
        ],
        "map_uri": png_data_uri(map_figure(scenario, comparison)),
        "capacity_uri": png_data_uri(capacity_figure(comparison)),
        "bands_uri": bands_uri,
        "pairs": pairs,
        "sections": sections,
        "measures": [
            ("days to recover to 95% of baseline", _band(summary["days_to_recover"])),
            ("cumulative delay, train-days", _band(summary["train_days_of_delay"])),
            ("peak trains behind baseline", _band(summary["peak_trains_behind"])),
            ("trains lost at the horizon", _band(summary["trains_lost"])),
        ],
        "per_pair": [
            {
                "origin": p["origin"],
                "destination": p["destination"],
                "delay": _band(p["train_days_of_delay"]),
                "backlog": _band(p["peak_backlog"]),
                "detour": _band(p["detour_train_km"], 0),
            }
            for p in summary["pairs"]
        ],
        "runs_note": f"{summary['runs_short_of_baseline']} of {summary['runs']} runs fell below "
        f"95% of the baseline at some step; {summary['runs_not_recovered']} did not recover "
        "within the horizon.",
        "closures": [_closure_view(scenario, c) for c in scenario.closures],
        "store_rows": _store_view(rows),
        "store_note": _text(note),
    }
    return _environment().get_template("report.html").render(context)


def write_report(
    scenario: Scenario,
    result: MonteCarloResult,
    path: str | os.PathLike,
    *,
    store_path: str | os.PathLike | None = None,
    store: tuple[list[IncidentRow], str] | None = None,
) -> Path:
    """Write the report atomically; returns its absolute path."""
    from railwatch.render.bands import scenario_bands_figure
    from railwatch.render.report_figures import png_data_uri

    text = build_report_html(
        scenario,
        result,
        bands_uri=png_data_uri(scenario_bands_figure(scenario, result)),
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
