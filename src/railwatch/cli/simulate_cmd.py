"""`railwatch simulate` (Monte Carlo over a scenario) and `railwatch report` (one HTML file)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from railwatch.cli import cli
from railwatch.cli.console import make_console
from railwatch.cli.json_output import echo_json
from railwatch.cli.tables import (
    add_fixed_column,
    add_id_column,
    add_number_column,
    new_table,
)
from railwatch.simulate import (
    MonteCarloResult,
    Scenario,
    ScenarioError,
    build_model,
    example_scenario_path,
    load_scenario,
    run_monte_carlo,
)

DEMO_RUNS = 200


def _load(path: str | None) -> Scenario:
    try:
        return load_scenario(path or example_scenario_path())
    except ScenarioError as exc:
        raise click.ClickException(str(exc)) from None


def run_with_progress(
    scenario: Scenario,
    *,
    runs: int | None,
    workers: int | None,
    scheduler: str | None,
    console: Console,
) -> tuple[MonteCarloResult, float]:
    """Run the Monte Carlo with a progress bar on `console`; returns (result, seconds)."""
    runs = runs or scenario.runs
    model = build_model(scenario)
    columns = (
        TextColumn("[bold]simulating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("runs"),
        TimeElapsedColumn(),
    )
    started = time.perf_counter()
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("runs", total=runs)
        result = run_monte_carlo(
            model,
            runs=runs,
            seed=scenario.seed,
            workers=workers,
            scheduler=scheduler,
            progress=lambda n: bar.advance(task, n),
        )
    return result, time.perf_counter() - started


def write_bands_png(scenario: Scenario, result: MonteCarloResult, path: Path) -> Path:
    from railwatch.render.bands import save_figure, scenario_bands_figure

    return save_figure(scenario_bands_figure(scenario, result), path)


def _fmt(band: dict, digits: int = 1) -> str:
    values = [band.get(f"p{p}") for p in (10, 50, 90)]
    return " / ".join("-" if v is None else f"{v:,.{digits}f}" for v in values)


def _compact(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def _band(band: dict) -> str:
    """The median with its P10–P90 range: '27 [3.0–158]'."""
    low, mid, high = (_compact(band.get(f"p{p}")) for p in (10, 50, 90))
    return mid if low == mid == high else f"{mid} [{low}–{high}]"


def print_summary(console: Console, scenario: Scenario, summary: dict, seconds: float) -> None:
    console.print(
        f"[bold]{escape(scenario.name)}[/]: {summary['runs']} runs x {summary['steps']} steps "
        f"of {summary['step_hours']} h, seed {summary['seed']}, {seconds:.1f} s "
        f"({summary['runs'] / max(seconds, 1e-9):.0f} runs/s, {summary['lp_solves']} LP solves)"
    )
    console.print(f"baseline: {summary['baseline_trains_per_day']:g} trains/day delivered")
    measures = [
        ("days to recover to 95% of baseline", _fmt(summary["days_to_recover"])),
        ("cumulative delay (train-days)", _fmt(summary["train_days_of_delay"])),
        ("peak trains behind baseline", _fmt(summary["peak_trains_behind"])),
        ("trains lost at the horizon", _fmt(summary["trains_lost"])),
    ]
    table = new_table("P10 / P50 / P90 over runs")
    add_fixed_column(table, "measure", [m for m, _ in measures])
    add_number_column(table, "P10 / P50 / P90", [v for _, v in measures])
    for measure, value in measures:
        table.add_row(measure, value)
    console.print(table)
    rows = [
        [
            row["origin"],
            row["destination"],
            _band(row["train_days_of_delay"]),
            _band(row["peak_backlog"]),
            _band(row["detour_train_km"]),
        ]
        for row in summary["pairs"]
    ]
    pairs = new_table("per origin-destination pair: median [P10–P90] over runs")
    pairs.caption = "delay in train-days, peak backlog in trains, detour in train-km"
    add_id_column(pairs, "origin", [r[0] for r in rows])
    add_id_column(pairs, "destination", [r[1] for r in rows])
    for index, header in enumerate(("delay", "peak backlog", "detour"), start=2):
        add_number_column(pairs, header, [r[index] for r in rows])
    for row in rows:
        pairs.add_row(*(Text(cell) for cell in row))
    console.print(pairs)
    console.print(
        f"runs short of baseline at some step: {summary['runs_short_of_baseline']} of "
        f"{summary['runs']}; not recovered within the horizon: {summary['runs_not_recovered']}"
    )


@cli.command()
@click.argument("scenario_file", required=False, type=click.Path(dir_okay=False))
@click.option("--runs", type=click.IntRange(min=1), help="Runs (default: the scenario's).")
@click.option("--workers", type=click.IntRange(min=1), help="Local processes (default: CPUs).")
@click.option(
    "--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://scheduler-host:8786."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the bands plot (PNG).")
@click.option("--save", type=click.Path(dir_okay=False), help="Write all run arrays (.npz).")
def simulate(scenario_file, runs, workers, scheduler, as_json, output, save) -> None:
    """Monte Carlo simulation of SCENARIO_FILE (default: the packaged Nov 2023 example)."""
    scenario = _load(scenario_file)
    console = make_console(stderr=True)
    result, seconds = run_with_progress(
        scenario, runs=runs, workers=workers, scheduler=scheduler, console=console
    )
    summary = result.summary()
    summary["scenario"] = scenario.name
    summary["seconds"] = round(seconds, 3)
    summary["spawn_keys"] = "SeedSequence(seed).spawn(runs): run i uses spawn key (i,)"
    if output:
        write_bands_png(scenario, result, Path(output))
        summary["plot"] = str(Path(output).resolve())
    if save:
        result.save_npz(save)
        summary["saved"] = str(Path(save).resolve())
    if as_json:
        echo_json(summary)
        return
    out = make_console()
    print_summary(out, scenario, summary, seconds)
    if output:
        out.print(f"bands plot: {escape(summary['plot'])}")
    if save:
        out.print(f"run arrays: {escape(summary['saved'])}")


@cli.command()
@click.argument("scenario_file", required=False, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    default="report.html",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The HTML file to write.",
)
@click.option(
    "--runs", type=click.IntRange(min=1), help="Monte Carlo runs (default: the scenario's)."
)
@click.option("--workers", type=click.IntRange(min=1), help="Local processes (default: CPUs).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address.")
@click.option(
    "--data-dir",
    "--store",
    "store",
    type=click.Path(file_okay=False),
    help="Incident store to list, as for `ingest` (default: the user data directory).",
)
def report(scenario_file, output, runs, workers, scheduler, store) -> None:
    """Write one self-contained HTML report for SCENARIO_FILE (default: the Nov 2023 example)."""
    from railwatch.render import write_report

    scenario = _load(scenario_file)
    console = make_console(stderr=True)
    result, _ = run_with_progress(
        scenario, runs=runs, workers=workers, scheduler=scheduler, console=console
    )
    with console.status("writing the report..."):
        path = write_report(scenario, result, output, store_path=store)
    click.echo(str(path))


def demo_step(console: Console, workdir: Path) -> None:
    """The demo's last step: simulate the example scenario, write the plot and the report."""
    from railwatch.render import write_report

    scenario = _load(None)
    result, seconds = run_with_progress(
        scenario, runs=DEMO_RUNS, workers=None, scheduler=None, console=console
    )
    summary = result.summary()
    print_summary(console, scenario, summary, seconds)
    bands = write_bands_png(scenario, result, workdir / "simulation-bands.png")
    console.print(f"bands plot: {escape(str(bands))}")
    from railwatch.api.simulation_file import write_simulation

    write_simulation(scenario, result, workdir / "simulation.json")  # for `demo --serve`
    # The reports step of the demo keeps its store here; without it, the report says so
    # rather than reading the user's own store.
    store = workdir / "incident-store"
    path = write_report(scenario, result, workdir / "report.html", store_path=store)
    console.print(f"[bold green]report[/]: {escape(str(path))}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(cli())
