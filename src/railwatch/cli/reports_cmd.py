"""`railwatch ingest`, `railwatch incidents`, `railwatch eval-extract`: reports to incidents."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console, Group
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
from railwatch.reports.incident_store import ENV_VAR, IncidentStore, StoreError
from railwatch.reports.model import Incident, Report

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "reports" / "data" / "examples"


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


def _store(data_dir: str | None) -> IncidentStore:
    return IncidentStore(Path(data_dir) if data_dir else None)


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar=ENV_VAR,
    help=f"Where the incident store lives (default: the user data directory; env {ENV_VAR}).",
)


def expand_sources(paths: tuple[str, ...]) -> list[str | Path]:
    """Files to read: '-' stays stdin, directories are walked recursively."""
    from railwatch.reports.ingest_text import iter_report_files

    out: list[str | Path] = []
    for item in paths:
        if item == "-":
            out.append("-")
        else:
            out.extend(iter_report_files([Path(item)]))
    return out


def read_reports(
    sources: list[str | Path], published: date | None
) -> tuple[list[Report], list[dict[str, str]]]:
    """Read every source; a failure is recorded with its file name and the rest go on."""
    from railwatch.reports.ingest_text import ReportError, read_report

    reports, failures = [], []
    for source in sources:
        name = "<stdin>" if source == "-" else str(source)
        try:
            reports.append(read_report(source, published=published))
        except ReportError as exc:
            failures.append({"path": name, "error": str(exc)})
        except Exception as exc:  # a bug on one file must not lose the others
            failures.append({"path": name, "error": f"{name}: {type(exc).__name__}: {exc}"})
    return reports, failures


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
        overflow = "ellipsis" if header == "place" else "ignore"
        justify = "right" if header == "src" else "left"
        table.add_column(header, width=size, no_wrap=True, overflow=overflow, justify=justify)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def incident_records(incidents: list[Incident], reports: dict[str, Report]) -> Group:
    """Every field of each incident as a short block of labelled lines (`--wide`)."""
    blocks = []
    for inc in incidents:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        when = _when(inc)
        if inc.restored_at:
            when += f" (restored {inc.restored_at.start.isoformat()})"
        grid.add_row(Text(inc.id), Text(f"{inc.type}, {when}"))
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
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--wide", is_flag=True, help=wide_option_help)
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    network_path: str | None,
    data_dir: str | None,
    as_json: bool,
    wide: bool,
) -> None:
    """Read reports (files, directories, '-' for stdin), place and merge them into the store."""
    console = make_console(stderr=as_json)
    when = _parse_published(published)
    network = load_network_or_exit(network_path)
    sources = expand_sources(paths)
    reports, failures = read_reports(sources, when)
    store = _store(data_dir)
    try:
        new_ids = store.add_reports(reports, network) if reports else []
        incidents = store.incidents()
        stored = {r.id: r for r in store.reports()}
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    ingested = {r.id for r in reports}
    touched = [i for i in incidents if ingested & set(i.reports)]
    if as_json:
        from railwatch.reports.export import incident_record

        payload = {
            "store": str(store.file),
            "read": [
                {"path": r.path or "<stdin>", "report": r.id, "incidents": len(r.incidents)}
                for r in reports
            ],
            "new_reports": new_ids,
            "failed": failures,
            "incidents": [incident_record(i, stored) for i in touched],
        }
        echo_json(payload, indent=2)
    else:
        for failure in failures:
            console.print(
                Text("error: ", style="bold red") + Text(failure["error"]), soft_wrap=True
            )
        already = len(reports) - len(new_ids)
        console.print(
            Text(
                f"read {len(reports)} report(s) ({len(new_ids)} new, {already} already stored), "
                f"{len(failures)} failed; store: {store.file}"
            ),
            soft_wrap=True,
        )
        if touched:
            print_incidents(console, touched, stored, "Incidents in these reports", wide)
        elif reports:
            console.print(Text("no incidents found in these reports"))
    if failures:
        sys.exit(1)


@cli.command()
@data_dir_option
@click.option("--json", "fmt", flag_value="json", help="JSON array of incident records.")
@click.option("--geojson", "fmt", flag_value="geojson", help="GeoJSON FeatureCollection.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV, one row per incident.")
@click.option("--wide", is_flag=True, help=wide_option_help)
def incidents(data_dir: str | None, fmt: str | None, wide: bool) -> None:
    """List the incidents that earlier `ingest` runs found, with sources and claims."""
    from railwatch.reports.export import to_csv, to_geojson, to_json

    store = _store(data_dir)
    try:
        found = store.incidents()
        reports = {r.id: r for r in store.reports()}
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
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
                Text(f"no incidents stored yet ({store.file}); run `railwatch ingest` first")
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
            f"background events reported: {result.background_reported}"
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
    store = IncidentStore(workdir / "incident-store")
    store.add_reports(reports, default_network())
    stored = {r.id: r for r in store.reports()}
    found = store.incidents()
    console.print(
        Text(f"{len(reports)} sample reports -> {len(found)} incident(s); store: {store.file}")
    )
    for failure in failures:
        console.print(Text("error: ", style="red") + Text(failure["error"]), soft_wrap=True)
    print_incidents(console, found, stored, "Incidents from the sample reports", wide=True)
