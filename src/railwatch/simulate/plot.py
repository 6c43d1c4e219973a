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
):
    """A two-panel figure; `events` are (hours from the start, label) marked as lines."""
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
    top.set_title(
        title or f"Monte Carlo bands, {result.runs} runs, seed {result.seed}", fontsize=10
    )
    return fig


def save_figure(fig, path: str | os.PathLike, *, dpi: int = 120) -> Path:
    """Write a figure as PNG atomically (a failed write leaves no file) and close it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".png", dir=path.parent)
    os.close(fd)
    try:
        fig.savefig(tmp, dpi=dpi, format="png")
        os.replace(tmp, path)
    finally:
        plt.close(fig)
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
