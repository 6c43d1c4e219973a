"""The `railwatch` command line: one module per command group, registered here."""

from __future__ import annotations

import click

from railwatch import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="railwatch")
def cli() -> None:
    """railwatch: incidents, capacity, rerouting and recovery for a rail network."""


def _register() -> None:
    # Imported late so that each command module can import `cli` and register itself.
    from railwatch.cli import (  # noqa: F401
        demo_cmd,
        impact_cmd,
        network_cmd,
        reports_cmd,
        simulate_cmd,
    )


def main() -> None:
    """Console-script entry point."""
    _register()
    cli()
