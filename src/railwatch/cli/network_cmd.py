"""`railwatch network ...`: inspect, validate, export, map and import rail networks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from railwatch.atomic import WriteError
from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.json_output import echo_json
from railwatch.cli.options import load_network_or_exit, network_option
from railwatch.cli.tables import (
    add_fixed_column,
    add_id_column,
    add_number_column,
    add_text_column,
    new_table,
    remaining_width,
    wide_option_help,
)
from railwatch.network import (
    NetworkError,
    save_network,
    validate_feature_collection,
)
from railwatch.network.io import GEOJSON_SUFFIXES, GPKG_SUFFIXES, load_network, read_network_dict

if TYPE_CHECKING:
    from railwatch.network.model import Match, RailNetwork


@cli.group()
def network() -> None:
    """Inspect, validate, export, map and import rail networks."""


def summary_line(summary: dict) -> str:
    """One line: name and counts."""
    return (
        f"{summary['name']}: {summary['nodes']:,} nodes, {summary['sections']:,} sections, "
        f"{summary['structures']:,} structures, {summary['total_km']:,.0f} km"
    )


def print_summary(console: Console, summary: dict, *, wide: bool = False) -> None:
    """The network summary: counts, kilometres by line, structures."""
    console.print(Text(summary_line(summary), style="bold"))
    lines = new_table("Kilometres by line", wide=wide)
    km_by_line = sorted(summary["km_by_line"].items(), key=lambda kv: -kv[1])
    longest = max((len(str(line)) for line, _ in km_by_line), default=4)
    add_text_column(
        lines, "line", wide=wide, max_width=remaining_width(console.width, [6], longest)
    )
    add_number_column(lines, "km", [f"{km:,.0f}" for _, km in km_by_line])
    for line, km in km_by_line:
        lines.add_row(Text(str(line)), f"{km:,.0f}")
    console.print(lines)
    if summary["structure_list"]:
        rows = summary["structure_list"]
        structures = new_table("Structures", wide=wide)
        # ids are what users type into --close: never folded, never cut
        add_id_column(structures, "id", [row["id"] for row in rows])
        add_fixed_column(structures, "kind", [str(row["kind"]) for row in rows])
        lengths = ["" if r["length_m"] is None else f"{r['length_m']:,.0f}" for r in rows]
        add_number_column(structures, "length m", lengths)
        fixed = [max(len(r["id"]) for r in rows), 15, 8]
        names = max(len(str(r["name"])) for r in rows)
        add_text_column(
            structures, "name", wide=wide, max_width=remaining_width(console.width, fixed, names)
        )
        if wide:
            add_id_column(structures, "section", [str(row["section"]) for row in rows])
        for row, length in zip(rows, lengths, strict=True):
            cells: list[Text | str] = [
                Text(row["id"]),
                Text(str(row["kind"])),
                length,
                Text(str(row["name"])),
            ]
            if wide:
                cells.append(Text(str(row["section"])))
            structures.add_row(*cells)
        console.print(structures)


@network.command("info")
@network_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--wide", is_flag=True, help=wide_option_help)
def info(network_path: str | None, as_json: bool, wide: bool) -> None:
    """Counts, kilometres by line and structures of a network."""
    net = load_network_or_exit(network_path)
    summary = net.summary()
    if as_json:
        echo_json(summary, indent=1)
        return
    print_summary(make_console(), summary, wide=wide)


@network.command("validate")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def validate_cmd(path: str, as_json: bool) -> None:
    """Check a network file; exit 1 listing every error, exit 0 with a summary when valid."""
    try:
        report = validate_feature_collection(read_network_dict(path), path)
    except NetworkError as exc:
        errors, warnings, components = exc.errors, [], []
    else:
        errors, warnings, components = report.errors, report.warnings, report.components
    if as_json:
        click.echo(
            json.dumps(
                {
                    "valid": not errors,
                    "errors": errors,
                    "warnings": warnings,
                    "components": components,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        sys.exit(1 if errors else 0)
    console = make_console()
    for warning in warnings:
        console.print(f"[yellow]warning:[/] {escape(warning)}")
    if errors:
        console.print(f"[red]{len(errors)} error(s)[/] in {escape(path)}:")
        for problem in errors:
            console.print(f"  - {escape(problem)}")
        sys.exit(1)
    net = load_network(path)
    console.print(
        Text("valid", style="green") + Text(f": {summary_line(net.summary())}"),
        soft_wrap=True,
    )


@network.command("export")
@network_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "gpkg"]),
    default=None,
    help="Output format (default: from the file suffix).",
)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def export(network_path: str | None, fmt: str | None, output: str) -> None:
    """Write the network as GeoJSON or GeoPackage."""
    net = load_network_or_exit(network_path)
    out = Path(output)
    if fmt is not None and out.suffix.lower() not in (
        {".gpkg"} if fmt == "gpkg" else GEOJSON_SUFFIXES
    ):
        out = out.with_suffix(".gpkg" if fmt == "gpkg" else ".geojson")
    if fmt is None and out.suffix.lower() not in GEOJSON_SUFFIXES | GPKG_SUFFIXES:
        raise click.BadParameter(
            "give --format or an output ending in .geojson or .gpkg", param_hint="-o"
        )
    try:
        written = save_network(net, out)
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {written}")


@network.command("map")
@network_option
@click.option(
    "-o", "--output", default="network.png", show_default=True, type=click.Path(dir_okay=False)
)
def map_cmd(network_path: str | None, output: str) -> None:
    """Draw the network over country outlines to a PNG."""
    from railwatch.render.network_map import MapError, draw_network_map

    net = load_network_or_exit(network_path)
    try:
        draw_network_map(net, output, title=f"railwatch: {net.name}")
    except MapError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}")


@network.command("import-osm")
@click.argument("osm_file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--keep-service", is_flag=True, help="Keep sidings, yards, spurs and crossovers.")
def import_osm_cmd(osm_file: str, output: str, keep_service: bool) -> None:
    """Build a network from an OpenStreetMap extract (.osm, .osm.pbf)."""
    from railwatch.network.model import RailNetwork
    from railwatch.network.osm import OSMImportError, import_osm

    err = make_console(stderr=True)
    try:
        with err.status("reading OpenStreetMap data..."):
            fc = import_osm(osm_file, keep_service=keep_service)
        net = RailNetwork.from_geojson(fc, source_name=osm_file)
    except (OSMImportError, NetworkError) as exc:
        raise click.ClickException(str(exc)) from None
    try:
        save_network(net, output)
    except WriteError as exc:
        raise click.ClickException(str(exc)) from None
    s = net.summary()
    click.echo(
        f"wrote {output}: {s['nodes']} nodes, {s['sections']} sections, "
        f"{s['structures']} structures, {s['total_km']:,.1f} km"
    )


def feature_details(net: RailNetwork, match: Match) -> dict:
    """What a user needs to tell matches apart: kind, id, names and where it sits."""
    row = net.table(match.kind).loc[match.id]

    def text(key: str) -> str:
        value = row.get(key)
        return value if isinstance(value, str) else ""

    if match.kind == "section":
        where = f"{text('from')} – {text('to')}"
    elif match.kind == "structure":
        where = f"on {text('section')}"
    else:
        where = ", ".join(v for v in (text("region"), text("railway"), text("country")) if v)
    return {
        "kind": match.kind,
        "id": match.id,
        "name": text("name") or match.name,
        "name_ru": text("name_ru"),
        "where": where,
        "score": match.score,
    }


@network.command("find")
@click.argument("name")
@network_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def find_cmd(name: str, network_path: str | None, as_json: bool) -> None:
    """Nodes, sections and structures whose id, name (English or Russian) or alias matches NAME."""
    net = load_network_or_exit(network_path)
    rows = [feature_details(net, match) for match in net.lookup(name)]
    if as_json:
        echo_json(rows, indent=1)
        return
    console = make_console()
    if not rows:
        console.print(Text(f"no node, section or structure matches {name!r}"))
        sys.exit(1)
    table = new_table(f"{len(rows)} match(es) for {name!r} in {net.name}")
    columns = ("kind", "id", "name", "name_ru", "where")
    add_fixed_column(table, "kind", [str(row["kind"]) for row in rows])
    add_id_column(table, "id", [str(row["id"]) for row in rows])
    kinds = max(len(str(row["kind"])) for row in rows)
    ids = max(len(str(row["id"])) for row in rows)
    # the three text columns share what the kind and the id leave, each cut with an ellipsis
    share = (console.width - kinds - ids - 2 * 4) // 3
    for column in columns[2:]:
        longest = max(len(str(row[column])) for row in rows)
        add_text_column(table, column, wide=False, max_width=max(6, min(longest, share)))
    for row in rows:
        table.add_row(*(Text(str(row[c])) for c in columns))
    console.print(table)
