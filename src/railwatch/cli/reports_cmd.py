"""`railwatch ingest`, `railwatch incidents`, `railwatch eval-extract`: reports to incidents.

`ingest` and `incidents` work on the database store (railwatch.store): SQLite in the data
directory by default, PostgreSQL when --db or RAILWATCH_DATABASE_URL names one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console, Group, JustifyMethod, OverflowMethod, RenderableType
from rich.table import Table
from rich.text import Text

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.json_output import echo_json
from railwatch.cli.options import load_network_or_exit, network_option
from railwatch.cli.tables import (
    new_table,
    wide_option_help,
)
from railwatch.reports.incident_store import ENV_VAR
from railwatch.reports.model import Incident, Report
from railwatch.reports.text.limits import MAX_BYTES, MAX_CHARS

if TYPE_CHECKING:
    from railwatch.store import Store

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "reports" / "data" / "examples"


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def open_store_or_exit(data_dir: str | None, db_url: str | None) -> Store:
    """The store the options name, created or upgraded; a clear error if it cannot open."""
    from railwatch.store import StoreError, open_store

    try:
        return open_store(db_url, data_dir=Path(data_dir) if data_dir else None)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def store_location(data_dir: str | None, db_url: str | None) -> str:
    """Where the options point (file path or URL without password), without opening it."""
    from railwatch.reports.incident_store import default_data_dir
    from railwatch.store.engine import StoreError, resolve_url, safe_url

    directory = Path(data_dir) if data_dir else default_data_dir()
    try:
        url = resolve_url(db_url, directory)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    return url.removeprefix("sqlite:///") if url.startswith("sqlite") else safe_url(url)


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar=ENV_VAR,
    help=f"Where the SQLite store lives (default: the user data directory; env {ENV_VAR}).",
)
db_option = click.option(
    "--db",
    "db_url",
    envvar="RAILWATCH_DATABASE_URL",
    help="Database URL, e.g. postgresql://user@host/db (env RAILWATCH_DATABASE_URL); "
    "default: SQLite in the data directory.",
)


def store_options(function):
    """--data-dir and --db: which store a command uses."""
    return data_dir_option(db_option(function))


def expand_sources(paths: tuple[str, ...]) -> tuple[list[str | Path], list[dict[str, str]]]:
    """Files to read ('-' stays stdin, directories are walked recursively), and a failure
    for each directory that holds no report file (it would otherwise pass unnoticed)."""
    from railwatch.reports.text.ingest_text import TEXT_SUFFIXES, iter_report_files

    out: list[str | Path] = []
    failures: list[dict[str, str]] = []
    for item in paths:
        if item == "-":
            out.append("-")
            continue
        found = iter_report_files([Path(item)])
        if not found:
            suffixes = ", ".join(sorted(s for s in TEXT_SUFFIXES if s))
            error = f"{item}: no report file in this directory (expected {suffixes} or result.json)"
            failures.append({"path": item, "error": error})
        out.extend(found)
    return out, failures


def read_reports(
    sources: Sequence[str | Path], published: date | None, **limits: int
) -> tuple[list[Report], list[dict[str, str]]]:
    """Read every source; a failure is recorded with its file name and the rest go on.

    `limits` are `read_report`'s max_bytes and max_chars."""
    from railwatch.reports.pipeline import read_and_extract
    from railwatch.reports.text.ingest_text import ReportError
    from railwatch.reports.text.telegram import looks_like_export_path

    reports: list[Report] = []
    failures: list[dict[str, str]] = []
    for source in sources:
        name = "<stdin>" if source == "-" else str(source)
        if source != "-" and looks_like_export_path(Path(source)):
            found, errors = _read_export(Path(source), published, **limits)
            reports.extend(found)
            failures.extend({"path": name, "error": error} for error in errors)
            continue
        try:
            reports.append(read_and_extract(source, published=published, **limits))
        except ReportError as exc:
            failures.append({"path": name, "error": str(exc)})
        except Exception as exc:  # a bug on one file must not lose the others
            failures.append({"path": name, "error": f"{name}: {type(exc).__name__}: {exc}"})
    return reports, failures


def _read_export(
    path: Path, published: date | None, **limits: int
) -> tuple[list[Report], list[str]]:
    """A Telegram Desktop export: its reports and one error line per message it cannot read."""
    from railwatch.reports.text.limits import MAX_BYTES, MAX_CHARS, MAX_EXPORT_BYTES
    from railwatch.reports.text.telegram import TelegramExportError, read_telegram_export

    # an export holds a whole channel: --max-bytes raises its limit, never lowers it below
    # the export default
    max_bytes = max(limits.get("max_bytes", MAX_BYTES), MAX_EXPORT_BYTES)
    try:
        return read_telegram_export(
            path,
            published=published,
            max_bytes=max_bytes,
            max_chars=limits.get("max_chars", MAX_CHARS),
        )
    except TelegramExportError as exc:
        return [], [str(exc)]


def _when(inc: Incident) -> str:
    if not inc.occurred:
        return "?"
    start, end = inc.occurred.start.isoformat(), inc.occurred.end.isoformat()
    # a range shows only what changes at its end: 2023-11-29–30, 2023-11-30–12-01
    if end == start:
        return start
    if end[:8] == start[:8]:
        return f"{start}–{end[8:]}"
    return f"{start}–{end[5:]}" if end[:5] == start[:5] else f"{start}–{end}"


# Narrow labels for the one-line table; --json and --wide keep the stored values.
SHORT_EFFECT = {"blocked_both": "blocked", "blocked_one": "one track"}
SHORT_TYPE = {"drone_strike": "drone"}


def _is_contested(inc: Incident) -> bool:
    """Claims that disagree: a denial beside another stance, or two different causes."""
    stances = {c.stance for c in inc.claims}
    causes = {c.cause for c in inc.claims}
    return ("denies" in stances and len(stances) > 1) or len(causes) > 1


def incident_table(
    incidents: list[Incident], reports: dict[str, Report], title: str, *, width: int = 80
) -> Table:
    """Incidents, one line each, fitted to `width` columns: the place is cut, ids never.

    Cells are `Text`, so report text is never read as rich markup.
    """
    rows = []
    for inc in incidents:
        place = "unplaced"
        if inc.location:
            place = inc.location.name or inc.location.id or inc.location.kind
        rows.append(
            [
                inc.id,
                _when(inc),
                SHORT_TYPE.get(inc.type, inc.type),
                place,
                SHORT_EFFECT.get(inc.effect or "", inc.effect or "-"),
                f"{len(inc.reports)}{'!' if _is_contested(inc) else ''}",
            ]
        )
    headers = ["incident", "date", "type", "place", "effect", "src"]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    # two characters between columns (padding and divider); the place gets what is left
    gaps = 2 * (len(headers) - 1)
    widths[3] = max(8, min(widths[3], width - (sum(widths) - widths[3]) - gaps))
    table = new_table(title)
    table.caption = "src: reports (! contested claims); every field: --wide or --json"
    for header, size in zip(headers, widths, strict=True):
        overflow: OverflowMethod = "ellipsis" if header == "place" else "ignore"
        justify: JustifyMethod = "right" if header == "src" else "left"
        table.add_column(header, width=size, no_wrap=True, overflow=overflow, justify=justify)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def incident_records(incidents: list[Incident], reports: dict[str, Report]) -> Group:
    """Every field of each incident as a short block of labelled lines (`--wide`)."""
    blocks: list[RenderableType] = []
    for inc in incidents:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        when = _when(inc)
        if inc.restored_at:
            when += f" (restored {inc.restored_at.start.isoformat()})"
        grid.add_row(Text(inc.id), Text(f"{inc.type}, {when}"))
        status = inc.status if not inc.merged_into else f"{inc.status} into {inc.merged_into}"
        grid.add_row("status", Text(status))
        if inc.location:
            loc = inc.location
            grid.add_row("place", Text(f"{loc.name} — {loc.id or loc.kind} ({loc.precision})"))
        grid.add_row("effect", Text(inc.effect or "-"))
        for rid in inc.reports:
            report = reports.get(rid)
            label = (report.outlet or report.url or report.path) if report else None
            grid.add_row("source", Text(f"{label or 'report'} [{rid[:8]}]"))
        for claim in inc.claims:
            grid.add_row("claim", Text(f"{claim.claimant}: {claim.stance} {claim.cause}"))
        blocks.append(grid)
        blocks.append(Text(""))
    return Group(*blocks)


def print_incidents(
    console: Console, incidents: list[Incident], reports: dict[str, Report], title: str, wide: bool
) -> None:
    """The incident list as a one-line-per-incident table, or in full with `wide`."""
    if wide:
        console.print(Text(title, style="bold"))
        console.print(incident_records(incidents, reports))
    else:
        console.print(incident_table(incidents, reports, title, width=console.width))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for reports that carry none.")
@network_option
@store_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--wide", is_flag=True, help=wide_option_help)
@click.option(
    "--max-bytes",
    type=click.IntRange(1, 1 << 30),
    default=MAX_BYTES,
    show_default=True,
    help="Most bytes read from one report (file, pipe or stdin).",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1, 1 << 28),
    default=MAX_CHARS,
    show_default=True,
    help="Most characters of cleaned text extracted from one report.",
)
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    network_path: str | None,
    data_dir: str | None,
    db_url: str | None,
    as_json: bool,
    wide: bool,
    max_bytes: int,
    max_chars: int,
) -> None:
    """Read reports (files, directories, '-' for stdin), place and merge them into the store."""
    console = make_console(stderr=as_json)
    when = _parse_published(published)
    network = load_network_or_exit(network_path)
    sources, failures = expand_sources(paths)
    reports, unread = read_reports(sources, when, max_bytes=max_bytes, max_chars=max_chars)
    failures += unread
    from railwatch.store import IngestResult, StoreError

    result, touched, stored = IngestResult(), [], {}
    location = store_location(data_dir, db_url)
    if reports:  # only failures: nothing is written, not even an empty store
        store = open_store_or_exit(data_dir, db_url)
        try:
            result = store.ingest(reports, network=network)
            touched = store.incidents_of_reports([r.id for r in reports])
            wanted = sorted({i for t in touched for i in t.reports})
            stored = {r.id: r for r in store.reports(wanted)}
        except StoreError as exc:
            raise click.ClickException(str(exc)) from exc
        finally:
            store.close()
    new_ids = result.new
    if as_json:
        from railwatch.reports.export import incident_record

        payload = {
            "store": location,
            "read": [
                {"path": r.path or "<stdin>", "report": r.id, "incidents": len(r.incidents)}
                for r in reports
            ],
            "new_reports": new_ids,
            "failed": failures,
            "incidents": [incident_record(i, stored) for i in touched],
        }
        echo_json(payload, indent=2)
    # every unreadable input is named on stderr, whatever the output format
    errors = make_console(stderr=True)
    for failure in failures:
        errors.print(Text("error: ", style="bold red") + Text(failure["error"]), soft_wrap=True)
    if not reports:
        # said on stderr in both formats: the store was not opened, so not created or changed
        errors.print(
            Text("error: ", style="bold red")
            + Text(f"no report could be read; nothing written (store left as it was: {location})"),
            soft_wrap=True,
        )
        sys.exit(1)
    if not as_json:
        already = len(reports) - len(new_ids)
        console.print(
            Text(
                f"read {len(reports)} report(s) ({len(new_ids)} new, {already} already stored), "
                f"{len(failures)} failed; store: {location}"
            ),
            soft_wrap=True,
        )
        if touched:
            print_incidents(console, touched, stored, "Incidents in these reports", wide)
        else:
            console.print(Text("no incidents found in these reports"))
    if failures or not reports:
        sys.exit(1)


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from exc


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        numbers = tuple(float(part) for part in value.split(","))
    except ValueError:
        numbers = ()
    if len(numbers) != 4:
        raise click.BadParameter(
            f"expected four numbers WEST,SOUTH,EAST,NORTH, got {value!r}", param_hint="--bbox"
        )
    return numbers


SORT_CHOICES = ["date", "-date", "confidence", "-confidence", "reports", "-reports"]
SORT_CHOICES += ["updated", "-updated"]


@cli.command()
@store_options
@click.option("--since", help="Only incidents on or after this day (YYYY-MM-DD).")
@click.option("--until", help="Only incidents on or before this day (YYYY-MM-DD).")
@click.option("--type", "kind", help="Only this incident type (explosion, derailment, ...).")
@click.option("--line", help="Only incidents on a line whose name contains this (e.g. BAM).")
@click.option("--near", help="Only incidents near this place: a network name, a town or LON,LAT.")
@click.option("--km", type=float, default=50.0, show_default=True, help="Radius for --near.")
@click.option(
    "--status",
    type=click.Choice(["unreviewed", "confirmed", "rejected", "merged"]),
    help="Only incidents with this review status (default: all but merged ones).",
)
@click.option("--bbox", help="Only incidents inside WEST,SOUTH,EAST,NORTH (degrees).")
@click.option(
    "--sort",
    type=click.Choice(SORT_CHOICES),
    default="date",
    show_default=True,
    help="Order; '-' for descending.",
)
@click.option("--limit", type=click.IntRange(min=0), help="At most this many incidents.")
@network_option
@click.option("--json", "fmt", flag_value="json", help="JSON array of incident records.")
@click.option("--geojson", "fmt", flag_value="geojson", help="GeoJSON FeatureCollection.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV, one row per incident.")
@click.option("--wide", is_flag=True, help=wide_option_help)
def incidents(
    data_dir: str | None,
    db_url: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    line: str | None,
    near: str | None,
    km: float,
    status: str | None,
    bbox: str | None,
    sort: str,
    limit: int | None,
    network_path: str | None,
    fmt: str | None,
    wide: bool,
) -> None:
    """List stored incidents with sources and claims, filtered and sorted."""
    from railwatch.reports.export import to_csv, to_geojson, to_json
    from railwatch.store import FilterError, IncidentFilter, StoreError

    point = None
    if near is not None:
        from railwatch.store.where import PlaceNotFound, resolve_point

        try:
            lon, lat, _ = resolve_point(load_network_or_exit(network_path), near)
        except PlaceNotFound as exc:
            raise click.BadParameter(str(exc), param_hint="--near") from exc
        point = (lon, lat, km)
    filters = IncidentFilter(
        since=_parse_day(since, "--since"),
        until=_parse_day(until, "--until"),
        type=kind,
        line=line,
        near=point,
        bbox=_parse_bbox(bbox),
        status=status,
        sort=sort,
        limit=limit,
    )
    try:
        filters.check()
    except FilterError as exc:
        raise click.UsageError(str(exc)) from exc
    store = open_store_or_exit(data_dir, db_url)
    try:
        found = store.incidents(filters)
        reports = {r.id: r for r in store.reports(sorted({i for f in found for i in f.reports}))}
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if fmt == "json":
        click.echo(to_json(found, reports))
    elif fmt == "geojson":
        echo_json(to_geojson(found, reports))
    elif fmt == "csv":
        click.echo(to_csv(found, reports), nl=False)
    else:
        console = make_console()
        if not found:
            console.print(
                Text(f"no incidents match ({store.location}); `railwatch ingest` adds reports"),
                soft_wrap=True,
            )
            return
        title = f"{len(found)} incident(s) from {len(reports)} report(s)"
        print_incidents(console, found, reports, title, wide)


@cli.command("eval-extract")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False))
@network_option
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option(
    "--half",
    type=click.Choice(["dev", "test", "all"]),
    default="all",
    show_default=True,
    help="Score the development half, the test half (measure only) or all of the corpus; "
    "the split is by event and fixed in code.",
)
@click.option(
    "--errors",
    "show_errors",
    is_flag=True,
    help="List each missed, spurious or wrong incident (refused for the test half).",
)
def eval_extract(
    corpus_dir: str, network_path: str | None, as_json: bool, half: str, show_errors: bool
) -> None:
    """Precision, recall and F1 of extraction, placing and merging against a gold corpus
    (the project's gold/ + reports/ layout, or gold.jsonl + texts/ of real reports)."""
    from railwatch.reports.evaluate import CorpusError, evaluate_corpus

    if show_errors and half == "test":
        raise click.UsageError("--errors is for the dev half; the test half is measured only")
    network = load_network_or_exit(network_path)
    try:
        result = evaluate_corpus(Path(corpus_dir), network, half=half)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from exc
    data = result.as_dict()
    if show_errors:
        data["errors"] = result.errors
    if as_json:
        echo_json(data, indent=2)
        return
    console = make_console()
    table = Table(title=f"{result.reports} report(s) evaluated (half: {half})")
    for column in ("metric", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for name, values in data["metrics"].items():
        table.add_row(
            Text(name),
            f"{values['precision']:.3f}",
            f"{values['recall']:.3f}",
            f"{values['f1']:.3f}",
            str(values["tp"]),
            str(values["predicted"]),
            str(values["gold"]),
        )
    console.print(table)
    console.print(
        Text(
            f"incidents from non-incident texts: {result.non_incident_incidents} "
            f"(from {result.non_incident_reports} text(s)); "
            f"background events reported: {result.background_reported}; "
            f"places the gold gives no point to check: {result.location_without_gold_point}"
        )
    )
    for error in data.get("errors", []):
        console.print(Text(json.dumps(error, ensure_ascii=False)), soft_wrap=True)
    for failure in result.failures:
        console.print(Text("could not read: ", style="red") + Text(failure), soft_wrap=True)


def demo_step(console: Console, workdir: Path) -> None:
    """Ingest the bundled late-November 2023 sample reports into a store under `workdir`
    and print the incidents with their claims."""
    from railwatch.network import default_network

    files = sorted(EXAMPLES_DIR.glob("*.txt"))
    reports, failures = read_reports(files, None)
    from railwatch.store import open_store

    store = open_store(data_dir=workdir / "incident-store")
    try:
        store.ingest(reports, network=default_network())
        found = store.incidents_of_reports([r.id for r in reports])
        stored = {r.id: r for r in store.reports([i for f in found for i in f.reports])}
    finally:
        store.close()
    console.print(
        Text(f"{len(reports)} sample reports -> {len(found)} incident(s); store: {store.location}")
    )
    for failure in failures:
        console.print(Text("error: ", style="red") + Text(failure["error"]), soft_wrap=True)
    print_incidents(console, found, stored, "Incidents from the sample reports", wide=True)
