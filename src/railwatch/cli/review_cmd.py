"""`railwatch review ...`: confirm, reject, reopen, merge, split, correct, set restoration,
and the audit history of an incident. Every change is recorded with who made it and when."""

from __future__ import annotations

import getpass
import json
import os
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.options import load_network_or_exit, network_option
from railwatch.cli.reports_cmd import open_store_or_exit, print_incidents, store_options

WHO_ENV = "RAILWATCH_REVIEWER"


def _default_who() -> str:
    try:
        return os.environ.get(WHO_ENV) or getpass.getuser()
    except Exception:  # no login name (some containers): the reviewer must say who they are
        return ""


who_option = click.option(
    "--who",
    default=_default_who,
    show_default=f"${WHO_ENV} or the login name",
    help="Who makes the change (recorded in the audit).",
)
note_option = click.option("--note", help="Why (recorded in the audit).")
json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


@cli.group()
def review() -> None:
    """Review incidents: every change is an audit row (who, when, before, after)."""


def _apply(
    data_dir: str | None,
    db_url: str | None,
    incident_id: str,
    action: str,
    who: str,
    as_json: bool,
    **fields: Any,
) -> None:
    from railwatch.reports.export import incident_record
    from railwatch.store import ReviewError, StoreError

    fields = {k: v for k, v in fields.items() if v is not None or k == "restored_at"}
    store = open_store_or_exit(data_dir, db_url)
    try:
        changed = store.review(incident_id, action, who=who, **fields)
        reports = {r.id: r for r in store.reports([i for c in changed for i in c.reports])}
    except ReviewError as exc:
        raise click.UsageError(str(exc)) from exc
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    if as_json:
        click.echo(
            json.dumps([incident_record(c, reports) for c in changed], ensure_ascii=False, indent=2)
        )
        return
    console = make_console()
    console.print(Text(f"{action} by {who}: {', '.join(c.id for c in changed)}"), soft_wrap=True)
    print_incidents(console, changed, reports, "After the change", wide=False)


def _status_command(action: str, summary: str) -> None:
    @review.command(name=action, help=summary)
    @click.argument("incident_id")
    @who_option
    @note_option
    @store_options
    @json_option
    def command(
        incident_id: str,
        who: str,
        note: str | None,
        data_dir: str | None,
        db_url: str | None,
        as_json: bool,
    ) -> None:
        _apply(data_dir, db_url, incident_id, action, who, as_json, note=note)


_status_command("confirm", "Mark an incident as confirmed.")
_status_command("reject", "Mark an incident as rejected (kept, listed with --status rejected).")
_status_command("reopen", "Put a confirmed or rejected incident back to unreviewed.")


@review.command()
@click.argument("incident_id")
@click.argument("other_id")
@who_option
@note_option
@store_options
@json_option
def merge(
    incident_id: str,
    other_id: str,
    who: str,
    note: str | None,
    data_dir: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Merge OTHER_ID into INCIDENT_ID (OTHER_ID is kept with status merged)."""
    _apply(data_dir, db_url, incident_id, "merge", who, as_json, other=other_id, note=note)


@review.command()
@click.argument("incident_id")
@click.argument("report_ids", nargs=-1, required=True)
@who_option
@note_option
@store_options
@json_option
def split(
    incident_id: str,
    report_ids: tuple[str, ...],
    who: str,
    note: str | None,
    data_dir: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Move REPORT_IDS (ids or unique prefixes) out of INCIDENT_ID into a new incident."""
    _apply(
        data_dir, db_url, incident_id, "split", who, as_json, reports=list(report_ids), note=note
    )


@review.command()
@click.argument("incident_id")
@click.option("--type", "kind", help="The incident type.")
@click.option("--place", help="Where it was: a network id or name, a town, or LON,LAT.")
@click.option("--start", help="First day it may have happened (YYYY-MM-DD).")
@click.option("--end", help="Last day it may have happened (YYYY-MM-DD).")
@click.option(
    "--effect",
    type=click.Choice(
        ["blocked_both", "blocked_one", "suspended", "reduced", "delayed", "resumed"]
    ),
    help="The effect on traffic.",
)
@network_option
@who_option
@note_option
@store_options
@json_option
def correct(
    incident_id: str,
    kind: str | None,
    place: str | None,
    start: str | None,
    end: str | None,
    effect: str | None,
    network_path: str | None,
    who: str,
    note: str | None,
    data_dir: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Correct an incident's type, place, dates or effect (kept over later merging)."""
    fields: dict[str, Any] = {"type": kind, "start": start, "end": end, "effect": effect}
    if place is not None:
        from railwatch.store.rows import lines_at
        from railwatch.store.where import PlaceNotFound, resolve_location

        network = load_network_or_exit(network_path)
        try:
            location = resolve_location(network, place)
        except PlaceNotFound as exc:
            raise click.BadParameter(str(exc), param_hint="--place") from exc
        fields["location"] = location
        fields["lines"] = lines_at(location, network)
    if all(v is None for v in fields.values()):
        raise click.UsageError(
            "correct: give at least one of --type, --place, --start, --end, --effect"
        )
    _apply(data_dir, db_url, incident_id, "correct", who, as_json, note=note, **fields)


@review.command()
@click.argument("incident_id")
@click.argument("day")
@who_option
@note_option
@store_options
@json_option
def restoration(
    incident_id: str,
    day: str,
    who: str,
    note: str | None,
    data_dir: str | None,
    db_url: str | None,
    as_json: bool,
) -> None:
    """Set when traffic resumed (DAY as YYYY-MM-DD, or 'none' for not yet)."""
    value = None if day.lower() == "none" else day
    _apply(data_dir, db_url, incident_id, "restoration", who, as_json, restored_at=value, note=note)


@review.command()
@click.argument("incident_id")
@store_options
@json_option
def history(incident_id: str, data_dir: str | None, db_url: str | None, as_json: bool) -> None:
    """Every review of an incident: who, when, what, and the values before and after."""
    store = open_store_or_exit(data_dir, db_url)
    try:
        entries = store.audit(incident_id)
        exists = store.incident(incident_id) is not None
    finally:
        store.close()
    if not exists:
        raise click.UsageError(f"no incident {incident_id!r} in the store")
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "incident": e.incident_id,
                        "action": e.action,
                        "who": e.who,
                        "at": e.at.isoformat(),
                        "fields": e.fields,
                        "before": e.before,
                        "after": e.after,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    table = Table(title=f"Reviews of {incident_id}")
    for column in ("when", "who", "action", "fields", "changed"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            Text(e.at.strftime("%Y-%m-%d %H:%M:%S UTC")),
            Text(e.who),
            Text(e.action),
            Text(json.dumps(e.fields, ensure_ascii=False)),
            Text(_changes(e.before, e.after)),
        )
    make_console().print(table)


def _changes(before: dict | None, after: dict | None) -> str:
    """Which top-level values an action changed ("type: fire -> explosion")."""
    if before is None:
        return "created"
    if after is None:
        return "-"
    lines = []
    for key in ("status", "type", "occurred", "location", "effect", "restored_at", "reports"):
        if before.get(key) != after.get(key):
            old, new = before.get(key), after.get(key)
            if isinstance(old, dict | list) or isinstance(new, dict | list):
                lines.append(f"{key} changed")
            else:
                lines.append(f"{key}: {old} -> {new}")
    return "\n".join(lines) or "-"
