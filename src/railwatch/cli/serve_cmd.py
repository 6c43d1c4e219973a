"""`railwatch serve`: the REST API and the dashboard in one process (uvicorn)."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.options import network_option
from railwatch.reports.incident_store import ENV_VAR


def run_server(settings, host: str, port: int, console: Console | None = None) -> None:
    """Build the app for `settings`, say what it serves and whether it writes, and serve."""
    import uvicorn

    from railwatch.api import create_app
    from railwatch.api.settings import TOKEN_ENV

    console = console or make_console(stderr=True)
    app = create_app(settings)
    ctx = app.state.ctx
    console.print(
        f"railwatch: store {escape(ctx.backend.kind)} at {escape(ctx.backend.location)}; "
        f"network {escape(ctx.network.name)}"
    )
    if settings.read_only:
        console.print(
            f"[yellow]read-only[/]: {TOKEN_ENV} is not set, so every write (POST) is refused; "
            "set it to accept reports and reviews."
        )
    else:
        console.print("writes need 'Authorization: Bearer <token>'")
    console.print(
        f"dashboard http://{escape(host)}:{port}/  ·  API docs http://{escape(host)}:{port}/docs"
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@network_option
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    envvar=ENV_VAR,
    help=f"Where the incident store lives (default: the user data directory; env {ENV_VAR}).",
)
@click.option(
    "--demand",
    type=click.Path(dir_okay=False, exists=True),
    help="Demand CSV (origin,destination,trains_per_day) whose pairs are the corridors "
    "of the impact panel (default: the seed scenario's).",
)
@click.option(
    "--simulation",
    type=click.Path(dir_okay=False),
    help="Saved simulation bands (JSON) for the impact panel.",
)
@click.option(
    "--body-limit",
    default=2 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1024),
    help="Largest request body accepted, in bytes.",
)
def serve(host, port, network_path, data_dir, demand, simulation, body_limit) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/)."""
    from railwatch.api.settings import ApiSettings
    from railwatch.cli.options import load_network_or_exit

    load_network_or_exit(network_path)  # every problem of a bad network file, then exit
    settings = ApiSettings.from_env(
        data_dir=Path(data_dir) if data_dir else None,
        network_path=network_path,
        demand_path=demand,
        simulation_file=Path(simulation) if simulation else None,
        body_limit=body_limit,
    )
    if host not in ("127.0.0.1", "localhost", "::1") and settings.read_only is False:
        make_console(stderr=True).print(
            f"[yellow]note[/]: listening on {escape(host)}; the token travels in clear "
            "text without TLS in front of this server."
        )
    run_server(settings, host, port)
