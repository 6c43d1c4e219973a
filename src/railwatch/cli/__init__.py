"""The `railwatch` command line: one module per command group, imported only when used.

`railwatch --help` and `--version` import no command module (and so none of geopandas,
igraph or matplotlib): each module is named here with its one-line help and loaded when its
command runs. A module registers its commands on `cli` with the usual click decorators.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from railwatch import __version__

# name -> (module that defines it, one-line help shown by `railwatch --help`)
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("railwatch.cli.demo_cmd", "Run railwatch end to end on the embedded corridor."),
    "network": ("railwatch.cli.network_cmd", "Inspect, validate, export, map and import networks."),
    "ingest": ("railwatch.cli.reports_cmd", "Read reports, extract incidents, store them."),
    "incidents": ("railwatch.cli.reports_cmd", "List the stored incidents."),
    "eval-extract": ("railwatch.cli.reports_cmd", "Score extraction against a gold corpus."),
    "review": ("railwatch.cli.review_cmd", "Confirm, reject, merge, split, correct incidents."),
    "db": ("railwatch.cli.db_cmd", "Upgrade, inspect, export and import the incident database."),
    "impact": ("railwatch.cli.impact_cmd", "Capacity, reroute and losses for closures."),
    "criticality": ("railwatch.cli.impact_cmd", "Rank sections and structures by impact."),
    "simulate": ("railwatch.cli.simulate_cmd", "Day-by-day flow with restoration, Monte Carlo."),
    "report": ("railwatch.cli.simulate_cmd", "Write the self-contained HTML report."),
    "serve": ("railwatch.cli.serve_cmd", "Serve the REST API and the dashboard."),
}

DEBUG_ENV = "RAILWATCH_DEBUG"


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(LAZY_COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            importlib.import_module(LAZY_COMMANDS[cmd_name][0])
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit=60)))
            else:
                rows.append((name, LAZY_COMMANDS[name][1]))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="railwatch")
@click.option(
    "--debug",
    is_flag=True,
    help=f"Show the Python trace of an unexpected error (or set {DEBUG_ENV}=1).",
)
def cli(debug: bool) -> None:
    """railwatch: incidents, capacity, rerouting and recovery for a rail network."""
    if debug:
        os.environ[DEBUG_ENV] = "1"


def _register() -> None:
    """Import every command module now (for tests and tools that walk all commands)."""
    for module_name, _ in LAZY_COMMANDS.values():
        importlib.import_module(module_name)


def main() -> None:
    """Console-script entry point: an unexpected error is one clear line, not a trace."""
    try:
        cli.main(prog_name="railwatch")
    except Exception as exc:  # click's own errors and exits never reach here
        if os.environ.get(DEBUG_ENV):
            raise
        message = str(exc).splitlines()[0] if str(exc) else ""
        click.echo(f"error: {type(exc).__name__}: {message}".rstrip(": "), err=True)
        click.echo("(an unexpected error: rerun with --debug for the trace)", err=True)
        sys.exit(1)
