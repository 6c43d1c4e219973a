"""`railwatch ingest`, `railwatch incidents`, `railwatch eval-extract`: reports to incidents."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from railwatch.cli import cli
from railwatch.cli.options import load_network_or_exit, network_option
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


def incident_table(incidents: list[Incident], reports: dict[str, Report], title: str) -> Table:
    """A rich table of incidents with their sources and claims (all text escaped)."""
    table = Table(title=title, show_lines=True)
    for column in ("incident", "type", "date", "place", "effect", "sources", "claims"):
        table.add_column(column, overflow="fold")
    for inc in incidents:
        when = "?"
        if inc.occurred:
            when = inc.occurred.start.isoformat()
            if inc.occurred.end != inc.occurred.start:
                when += f" – {inc.occurred.end.isoformat()}"
        if inc.restored_at:
            when += f"\nrestored {inc.restored_at.start.isoformat()}"
        place = "unplaced"
        if inc.location:
            loc = inc.location
            place = f"{loc.name}\n{loc.id or loc.kind} ({loc.precision})"
        sources = []
        for rid in inc.reports:
            report = reports.get(rid)
            label = (report.outlet or report.url or report.path) if report else None
            sources.append(f"{label or 'report'} [{rid[:8]}]")
        claims = [f"{c.claimant}: {c.stance} {c.cause} [{c.report_id[:8]}]" for c in inc.claims]
        table.add_row(
            Text(inc.id),
            Text(inc.type),
            Text(when),
            Text(place),
            Text(inc.effect or "-"),
            Text("\n".join(sources)),
            Text("\n".join(claims) or "-"),
        )
    return table


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for reports that carry none.")
@network_option
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def ingest(
    paths: tuple[str, ...],
    published: str | None,
    network_path: str | None,
    data_dir: str | None,
    as_json: bool,
) -> None:
    """Read reports (files, directories, '-' for stdin), place and merge them into the store."""
    console = Console(stderr=as_json)
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
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
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
            console.print(incident_table(touched, stored, "Incidents in these reports"))
        elif reports:
            console.print(Text("no incidents found in these reports"))
    if failures:
        sys.exit(1)


@cli.command()
@data_dir_option
@click.option("--json", "fmt", flag_value="json", help="JSON array of incident records.")
@click.option("--geojson", "fmt", flag_value="geojson", help="GeoJSON FeatureCollection.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV, one row per incident.")
def incidents(data_dir: str | None, fmt: str | None) -> None:
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
        click.echo(json.dumps(to_geojson(found, reports), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(to_csv(found, reports), nl=False)
    else:
        console = Console()
        if not found:
            console.print(
                Text(f"no incidents stored yet ({store.file}); run `railwatch ingest` first")
            )
            return
        console.print(
            incident_table(
                found, reports, f"{len(found)} incident(s) from {len(reports)} report(s)"
            )
        )


@cli.command("eval-extract")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False))
@network_option
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
def eval_extract(corpus_dir: str, network_path: str | None, as_json: bool) -> None:
    """Precision, recall and F1 of extraction, placing and merging against a gold corpus."""
    from railwatch.reports.evaluate import CorpusError, evaluate_corpus

    network = load_network_or_exit(network_path)
    try:
        result = evaluate_corpus(Path(corpus_dir), network)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from exc
    data = result.as_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console()
    table = Table(title=f"{result.reports} report(s) evaluated")
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
    console.print(incident_table(found, stored, "Incidents from the sample reports"))
