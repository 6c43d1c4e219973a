"""`railwatch demo`: the end-to-end run on the embedded corridor."""

from __future__ import annotations

import importlib
from pathlib import Path

import click
from rich.console import Console
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
@click.option(
    "--serve",
    is_flag=True,
    help="Then serve the dashboard and the API on a fresh database store of the demo.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="With --serve: address.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
def demo(output_dir: str, serve: bool, host: str, port: int) -> None:
    """Run railwatch end to end on the embedded corridor network."""
    console = make_console()
    workdir = Path(output_dir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    if serve:
        fresh_store(workdir / "incident-store")
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
    if serve:
        serve_demo(console, workdir, host, port)


def fresh_store(directory: Path) -> None:
    """Remove the demo's database so the served store holds this run's reports only."""
    for leftover in directory.glob("railwatch.sqlite*"):
        leftover.unlink()


def serve_demo(console: Console, workdir: Path, host: str, port: int) -> None:
    """Serve the demo's store (the sample reports), network and simulation bands."""
    from railwatch.api.settings import ApiSettings
    from railwatch.cli.serve_cmd import run_server

    console.rule("[bold]Dashboard")
    simulation = workdir / "simulation.json"
    settings = ApiSettings.from_env(
        data_dir=workdir / "incident-store",
        simulation_file=simulation if simulation.exists() else None,
    )
    run_server(settings, host, port, console)
