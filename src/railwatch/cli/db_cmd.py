"""`railwatch db upgrade|export|import|info`: the database store itself."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.text import Text

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.options import load_network_or_exit, network_option
from railwatch.cli.reports_cmd import open_store_or_exit, store_options


@cli.group()
def db() -> None:
    """Create, upgrade, export and import the incident database."""


@db.command()
@store_options
def upgrade(data_dir: str | None, db_url: str | None) -> None:
    """Create the database or migrate it to this version's schema."""
    from railwatch.store.engine import current_revision, head_revision

    store = open_store_or_exit(data_dir, db_url)  # opening runs the migrations
    try:
        revision = current_revision(store.engine)
    finally:
        store.close()
    make_console().print(
        Text(f"{store.location}: schema at revision {revision} (newest: {head_revision()})"),
        soft_wrap=True,
    )


@db.command()
@store_options
def info(data_dir: str | None, db_url: str | None) -> None:
    """Where the store is and how much it holds."""
    from railwatch.store import IncidentFilter
    from railwatch.store.engine import current_revision

    store = open_store_or_exit(data_dir, db_url)
    try:
        counts = {
            status: store.count(IncidentFilter(status=status))
            for status in ("unreviewed", "confirmed", "rejected", "merged")
        }
        data = store.export_counts()
        revision = current_revision(store.engine)
    finally:
        store.close()
    click.echo(
        json.dumps(
            {"store": store.location, "revision": revision, **data, "incidents_by_status": counts},
            indent=2,
        )
    )


@db.command("export")
@store_options
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: stdout)."
)
def export_cmd(data_dir: str | None, db_url: str | None, output: str | None) -> None:
    """Everything in the store (reports, incidents, reviews, audit) as one JSON document."""
    from railwatch.reports.incident_store import write_atomic

    store = open_store_or_exit(data_dir, db_url)
    try:
        document = store.export()
    finally:
        store.close()
    text = json.dumps(document, ensure_ascii=False, indent=1)
    if output is None:
        click.echo(text)
    else:
        write_atomic(Path(output), text + "\n")
        make_console(stderr=True).print(
            Text(
                f"exported {len(document['reports'])} report(s), "
                f"{len(document['incidents'])} incident(s), {len(document['audit'])} review(s) "
                f"to {output}"
            ),
            soft_wrap=True,
        )


@db.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@store_options
@network_option
def import_cmd(
    path: str, data_dir: str | None, db_url: str | None, network_path: str | None
) -> None:
    """Add a `db export` document, or a railwatch 0.1 reports.json, to the store.

    All or nothing; what the store already has is skipped. The 0.1 file's reports are placed
    on --network again (default: the embedded corridor) to merge future reports with them.
    """
    from railwatch.store import StoreError, StoreImportError

    store = open_store_or_exit(data_dir, db_url)
    try:
        network = None
        if network_path is not None:
            network = load_network_or_exit(network_path)
        counts = store.import_(Path(path), network=network)
    except (StoreError, StoreImportError) as exc:
        raise click.ClickException(f"{path}: {exc}") from exc
    finally:
        store.close()
    added = ", ".join(f"{n} {what}" for what, n in counts.items())
    make_console().print(Text(f"imported into {store.location}: {added}"), soft_wrap=True)
