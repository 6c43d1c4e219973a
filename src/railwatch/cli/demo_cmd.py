"""`railwatch demo`: the end-to-end run on the embedded corridor."""

from __future__ import annotations

import importlib
from pathlib import Path

import click
from rich.markup import escape

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.network import default_network

# Later stages add a `demo_step(console, workdir)` to their CLI module; each runs in this order.
DEMO_STEPS = (
    ("railwatch.cli.reports_cmd", "Reports to incidents"),
    ("railwatch.cli.impact_cmd", "Impact of the closures"),
    ("railwatch.cli.simulate_cmd", "Simulation and report"),
)


@cli.command()
@click.option(
    "-o",
    "--output-dir",
    default="railwatch-demo",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Where the map, the incident store and the report are written.",
)
def demo(output_dir: str) -> None:
    """Run railwatch end to end on the embedded corridor network."""
    console = make_console()
    workdir = Path(output_dir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    console.rule("[bold]The network")
    net = default_network()
    summary = net.summary()
    console.print(
        f"embedded corridor: {summary['nodes']} nodes, {summary['sections']} sections, "
        f"{summary['structures']} structures, {summary['total_km']:,.0f} km "
        "(full tables: railwatch network info)"
    )
    from railwatch.render.network_map import draw_network_map

    map_path = workdir / "corridor-map.png"
    with console.status("drawing the map..."):
        draw_network_map(net, map_path, title="railwatch: the embedded corridor")
    console.print(f"map: {escape(str(map_path))}")
    for module_name, title in DEMO_STEPS:
        step = getattr(importlib.import_module(module_name), "demo_step", None)
        if step is None:
            continue
        console.rule(f"[bold]{title}")
        step(console, workdir)
    console.rule()
    console.print(f"[green]done[/]: outputs in {escape(str(workdir))}")
