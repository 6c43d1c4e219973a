"""The Monte Carlo bands chart: trains delivered per day and cumulative delay over the runs.

What it draws, and why:

- Delivered trains are one value per step (a day or an hour), so they are drawn as steps,
  never joined by diagonals; the x-axis is the calendar in the scenario's own time zone.
- The band is pointwise: at each step, the 10th to 90th percentile over the runs, and the
  line is the pointwise median. Neither is a run; a few single runs are drawn thin so the
  shape of a real run (a dip, then recovery) stays visible.
- Cumulative delay accrues through each step, so it is a line through the step ends.
- Events are numbered on the chart and named below it from the scenario's descriptions.

The figure is a `matplotlib.figure.Figure` with its own Agg canvas: nothing here touches
pyplot or matplotlib's global backend, and no text from data is parsed as mathtext.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from railwatch.render.clock import calendar_text, scenario_start, zone_name
from railwatch.render.wording import event_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from railwatch.simulate.montecarlo import MonteCarloResult
    from railwatch.simulate.scenario import Scenario

SAMPLE_RUNS = 5
DELIVERED = "tab:blue"
SAMPLE_DELIVERED = "#08306b"  # darker than the band, so a single run is not read as its edge
DELAY = "tab:red"


def scenario_bands_figure(
    scenario: Scenario, result: MonteCarloResult, *, title: str | None = None
) -> Figure:
    """The bands chart of a scenario's runs: its calendar, its zone, its events in words."""
    events = [(c.start_h, event_label(c, scenario.network, limit=90)) for c in scenario.closures]
    return bands_figure(
        result,
        title=title or f"{scenario.name}: {result.runs} runs, seed {result.seed}",
        start=scenario_start(scenario),
        events=events,
    )


def bands_figure(
    result: MonteCarloResult,
    *,
    title: str = "",
    start: dt.datetime | None = None,
    events: Sequence[tuple[float, str]] = (),
    zoom: bool = True,
    samples: int = SAMPLE_RUNS,
) -> Figure:
    """Two panels (delivered per day, cumulative delay) and the list of events under them.

    start: the clock origin as an aware date-time (its zone is the axis' zone); None draws
    days from the start instead of dates. events: (hours from the start, label).
    zoom: show only the days where some band differs from the baseline (plus a margin).
    """
    bands = result.bands()
    steps = len(bands["baseline"])
    hours = np.arange(steps + 1) * float(result.step_hours)
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)
    x = _axis_values(hours, start)
    events = sorted(events, key=lambda e: e[0])
    fig = Figure(figsize=(9.5, 7.2 + 0.22 * len(events)), layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(3, 1, height_ratios=[3.2, 2.2, 0.2 + 0.16 * max(len(events), 1)])
    top = fig.add_subplot(grid[0])
    bottom = fig.add_subplot(grid[1], sharex=top)
    notes = fig.add_subplot(grid[2])
    picks = _sample_runs(result, samples)
    _delivered_panel(top, result, bands, x, picks)
    _delay_panel(bottom, result, bands, x, picks)
    _mark_events(top, bottom, notes, events, hours, x, start)
    _time_axis(top, bottom, bands, result, x, start, zoom)
    top.set_title(
        title or f"Monte Carlo bands, {result.runs} runs, seed {result.seed}",
        fontsize=10,
        parse_math=False,
    )
    return fig


def _axis_values(hours: np.ndarray, start: dt.datetime | None) -> np.ndarray:
    """Step edges on the axis: matplotlib dates from `start`, or days."""
    if start is None:
        return hours / 24.0
    return mdates.date2num(start) + hours / 24.0


def _sample_runs(result: MonteCarloResult, count: int) -> list[int]:
    """A few runs spread over the total delay (its 10th to 90th percentile), distinct."""
    if count <= 0 or result.runs == 0:
        return []
    total = result.cumulative_loss()[:, -1]
    order = np.argsort(total, kind="stable")
    quantiles = np.linspace(0.1, 0.9, count) if count > 1 else np.array([0.5])
    picks = order[np.round(quantiles * (result.runs - 1)).astype(int)]
    return list(dict.fromkeys(int(p) for p in picks))


def _delivered_panel(ax: Axes, result, bands: dict, x: np.ndarray, picks: list[int]) -> None:
    ax.stairs(
        bands["delivered_p90"],
        x,
        baseline=bands["delivered_p10"],
        fill=True,
        color=DELIVERED,
        alpha=0.22,
        lw=0,
        label=f"P10\u2013P90 band (pointwise, over {result.runs} runs)",
    )
    per_day = result.delivered_per_day()
    for n, run in enumerate(picks):
        ax.stairs(
            per_day[run],
            x,
            baseline=None,
            color=SAMPLE_DELIVERED,
            lw=0.6,
            alpha=0.6,
            label=f"{len(picks)} single runs" if n == 0 else None,
        )
    # baseline=None: no vertical edges down to zero at the ends of a line drawn as steps
    ax.stairs(
        bands["delivered_p50"], x, baseline=None, color=DELIVERED, lw=2, label="pointwise median"
    )
    ax.stairs(
        bands["baseline"],
        x,
        baseline=None,
        color="black",
        lw=1,
        ls="--",
        label="baseline (no closures)",
    )
    # A filled band's sticky edges would clip the thin runs that dip below it.
    shown = np.concatenate([bands["delivered_p10"], bands["delivered_p90"], bands["baseline"]])
    shown = np.concatenate([shown, *(per_day[run] for run in picks)])
    low, high = float(shown.min()), float(shown.max())
    pad = max(0.06 * (high - low), 0.5)
    ax.set_ylim(low - pad, high + pad)
    ax.set_ylabel("trains delivered per day\n(all pairs)")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)


def _delay_panel(ax: Axes, result, bands: dict, x: np.ndarray, picks: list[int]) -> None:
    # Cumulative delay is known at the end of each step and accrues during it: a line
    # through the step ends, from zero at the start.
    ends = x
    zero = np.zeros(1)
    ax.fill_between(
        ends,
        np.r_[zero, bands["loss_p10"]],
        np.r_[zero, bands["loss_p90"]],
        color=DELAY,
        alpha=0.22,
        lw=0,
        label="P10\u2013P90 band (pointwise)",
    )
    loss = result.cumulative_loss()
    for n, run in enumerate(picks):
        ax.plot(
            ends,
            np.r_[zero, loss[run]],
            color=DELAY,
            lw=0.6,
            alpha=0.55,
            label=f"{len(picks)} single runs" if n == 0 else None,
        )
    ax.plot(ends, np.r_[zero, bands["loss_p50"]], color=DELAY, lw=2, label="pointwise median")
    ax.set_ylabel("cumulative delay\n(train-days behind baseline)")
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)


def _mark_events(top, bottom, notes, events, hours, x, start) -> None:
    """A numbered dotted line per event on both panels; the numbers explained below."""
    notes.set_axis_off()
    per_hour = (x[-1] - x[0]) / max(hours[-1] - hours[0], 1e-9)
    lines = []
    for number, (at_h, label) in enumerate(events, start=1):
        where = x[0] + at_h * per_hour
        for axis in (top, bottom):
            axis.axvline(where, color="dimgrey", lw=0.8, ls=":")
        top.annotate(
            str(number),
            (where, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -3),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=7.5,
            color="dimgrey",
            bbox={"boxstyle": "circle,pad=0.2", "fc": "white", "ec": "dimgrey", "lw": 0.6},
        )
        when = (
            calendar_text(start + dt.timedelta(hours=float(at_h)), zone=False)
            if start is not None
            else f"day {at_h / 24:g}"
        )
        lines.append(f"{number}  {when}  {label}")
    text = "\n".join(lines) if lines else "no closure events"
    notes.text(
        0.0,
        1.0,
        text,
        transform=notes.transAxes,
        va="top",
        ha="left",
        fontsize=8,
        color="dimgrey",
        parse_math=False,
        usetex=False,
    )


def _time_axis(top, bottom, bands, result, x, start, zoom: bool) -> None:
    """Calendar dates in the start's zone (or days), zoomed to where something happens."""
    shown_to = None
    top.set_xlim(x[0], x[-1])  # the horizon, no margins before the start or after the end
    if zoom:
        end_day = _last_active_day(bands, result.step_hours)
        horizon_days = x[-1] - x[0]
        if end_day is not None and end_day < horizon_days * 0.6:
            shown_to = end_day
            top.set_xlim(x[0], x[0] + end_day)
    if start is None:
        label = "days from the start"
    else:
        zone = start.tzinfo
        locator = mdates.AutoDateLocator(tz=zone, maxticks=12)
        bottom.xaxis.set_major_locator(locator)
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=zone))
        label = f"date ({zone_name(start)}; each step is {result.step_hours} h)"
    if shown_to is not None:
        label += f", shown to day {shown_to:g}: every band equals the baseline after it"
    bottom.set_xlabel(label, fontsize=9)
    top.tick_params(labelbottom=False)


def _last_active_day(bands: dict, step_hours: int) -> float | None:
    """Last day on which any band differs from the baseline or the delay still grows."""
    base = bands["baseline"]
    moving = np.zeros(len(base), dtype=bool)
    for name in ("delivered_p10", "delivered_p50", "delivered_p90"):
        moving |= np.abs(bands[name] - base) > 1e-9
    for name in ("loss_p10", "loss_p50", "loss_p90"):
        moving[1:] |= np.diff(bands[name]) > 1e-9
    if not moving.any():
        return None
    last = (np.flatnonzero(moving)[-1] + 1) * step_hours / 24.0
    return float(np.ceil(last * 1.25 + 3))


def save_figure(fig: Figure, path: str | os.PathLike, *, dpi: int = 120) -> Path:
    """Write a figure as PNG atomically (a failed write leaves no file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".png", dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=dpi, format="png")
        os.chmod(tmp, 0o644)  # mkstemp makes files private; a plot is meant to be shared
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
