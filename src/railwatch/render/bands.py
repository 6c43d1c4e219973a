"""The Monte Carlo bands plot: delivered trains per day and cumulative loss, P10-P50-P90."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from railwatch.simulate.montecarlo import MonteCarloResult  # noqa: E402


def bands_figure(
    result: MonteCarloResult,
    *,
    title: str = "",
    start: dt.datetime | None = None,
    events: list[tuple[float, str]] = (),
    zoom: bool = True,
):
    """A two-panel figure; `events` are (hours from the start, label) marked as lines.

    zoom: show only the days where some band differs from the baseline (plus a margin),
    which on a long horizon is the part worth seeing.
    """
    bands = result.bands()
    steps = len(bands["baseline"])
    days = (np.arange(steps) + 0.5) * result.step_hours / 24.0
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True, layout="constrained")
    top.fill_between(
        days,
        bands["delivered_p10"],
        bands["delivered_p90"],
        color="tab:blue",
        alpha=0.25,
        label="P10-P90 of runs",
    )
    top.plot(days, bands["delivered_p50"], color="tab:blue", lw=1.6, label="P50 (median run)")
    top.plot(days, bands["baseline"], color="black", lw=1, ls="--", label="baseline (no closures)")
    top.set_ylabel("trains delivered per day")
    top.legend(loc="lower right", fontsize=8)
    bottom.fill_between(
        days, bands["loss_p10"], bands["loss_p90"], color="tab:red", alpha=0.25, label="P10-P90"
    )
    bottom.plot(days, bands["loss_p50"], color="tab:red", lw=1.6, label="P50")
    bottom.set_ylabel("cumulative delay\n(train-days vs baseline)")
    bottom.legend(loc="lower right", fontsize=8)
    origin = f" after {start:%Y-%m-%d %H:%M} UTC" if start else ""
    bottom.set_xlabel(f"days{origin}")
    for hours, label in events:
        for axis in (top, bottom):
            axis.axvline(hours / 24.0, color="grey", lw=0.8, ls=":")
        top.annotate(
            label,
            (hours / 24.0, 1.0),
            xycoords=("data", "axes fraction"),
            fontsize=7,
            rotation=90,
            va="top",
            ha="right",
            color="dimgrey",
        )
    for axis in (top, bottom):
        axis.grid(alpha=0.3)
    if zoom:
        end = _last_active_day(bands, result.step_hours)
        if end is not None and end < days[-1] * 0.6:
            top.set_xlim(0, end)
            bottom.set_xlabel(
                f"days{origin} (shown to day {end:g}; every band equals the baseline after it)"
            )
    top.set_title(
        title or f"Monte Carlo bands, {result.runs} runs, seed {result.seed}", fontsize=10
    )
    return fig


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


def save_figure(fig, path: str | os.PathLike, *, dpi: int = 120) -> Path:
    """Write a figure as PNG atomically (a failed write leaves no file) and close it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".png", dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=dpi, format="png")
        os.chmod(tmp, 0o644)  # mkstemp makes files private; a plot is meant to be shared
        os.replace(tmp, path)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
