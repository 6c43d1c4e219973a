"""Options and loaders that several command groups share."""

from __future__ import annotations

import sys

import click
from rich.markup import escape

from railwatch.cli.console import make_console
from railwatch.network import NetworkError, RailNetwork, resolve_network

network_option = click.option(
    "--network",
    "network_path",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="NAME|FILE",
    help="Network: 'corridor' (the embedded corridor, default), 'russia' (every station of "
    "the national network) or a .geojson/.gpkg file.",
)


def load_network_or_exit(network_path: str | None) -> RailNetwork:
    """Load the network for a command, or print every problem and exit 1."""
    try:
        return resolve_network(network_path)
    except NetworkError as exc:
        err = make_console(stderr=True)
        err.print(f"[red]error:[/] cannot load network {escape(str(network_path))}")
        for problem in exc.errors:
            err.print(f"  - {escape(problem)}")
        sys.exit(1)
