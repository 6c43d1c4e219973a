"""The report's figures: the map of the closures and the capacity before and after.

"After" is the worst case the scenario describes: every closure in force at once with its
initial remaining capacity (uncertain incidents included), which is what a reader asks
first ("what if all of it happens?"); the Monte Carlo bands then say how long it lasts.
The numbers come from `impact.compare`, the one place that computes them.

Figures are `matplotlib.figure.Figure` objects on their own Agg canvas (no pyplot, no
global backend); no text from data is parsed as mathtext.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from railwatch.impact.closures import Closure
from railwatch.impact.compare import CapacityComparison, compare_capacity
from railwatch.network.queries import feature_point
from railwatch.render.wording import event_label

if TYPE_CHECKING:
    from railwatch.simulate.scenario import Scenario

BEFORE = "tab:blue"
AFTER = "tab:red"


def png_data_uri(fig: Figure, *, dpi: int = 110) -> str:
    """The figure as a base64 PNG data URI."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def worst_case_closures(scenario: Scenario) -> list[Closure]:
    """Every closure of the scenario in force at once, at its initial remaining capacity."""
    return [Closure(c.target, c.remaining, c.direction) for c in scenario.closures]


def scenario_comparison(scenario: Scenario) -> CapacityComparison:
    """Capacity per demand pair, open and with every closure in force."""
    return compare_capacity(
        scenario.network,
        worst_case_closures(scenario),
        scenario.pairs,
        scenario.demand["trains_per_day"].to_numpy(float),
    )


def map_figure(scenario: Scenario, comparison: CapacityComparison) -> Figure:
    """The network with closed sections, the sections that gain traffic, and the incidents."""
    from railwatch.render.network_map import draw_network_map

    network = scenario.network
    sections = comparison.sections
    gained = sections.loc[sections["flow_after"] > sections["flow_before"], "section"].tolist()
    incidents = []
    for c in scenario.closures:
        point = feature_point(network, c.target)
        if point is not None:
            label = event_label(c, network, limit=40)
            incidents.append({"lon": point[0], "lat": point[1], "label": label})
    return draw_network_map(
        network,
        highlight_sections=gained,
        closed_sections=[c.target for c in scenario.closures],
        incidents=incidents,
        title=f"{scenario.name}: closures (red), sections taking the reroute (yellow)",
        figsize=(12, 6.5),
        dpi=110,
    )


def capacity_figure(comparison: CapacityComparison) -> Figure:
    """Per pair: trains delivered per day, and km per delivered train, before and after."""
    table = comparison.pairs
    labels = [f"{o} \u2192 {d}" for o, d in zip(table["origin"], table["destination"], strict=True)]
    y = np.arange(len(labels))
    fig = Figure(figsize=(10, 0.55 * len(labels) + 1.6), layout="constrained")
    FigureCanvasAgg(fig)
    delivered, length = fig.subplots(1, 2, sharey=True, width_ratios=[3, 2])
    _paired_bars(delivered, y, table["delivered_before"], table["delivered_after"])
    delivered.scatter(
        table["demand"], y, marker="|", s=260, color="black", label="demand", zorder=3
    )
    delivered.set_xlabel("trains delivered per day (shared network)")
    # below the panels, so it never hides a bar
    fig.legend(
        *delivered.get_legend_handles_labels(), loc="outside lower center", ncols=3, fontsize=8
    )
    _paired_bars(length, y, table["km_per_train_before"], table["km_per_train_after"])
    for k, value in enumerate(table["km_per_train_after"]):
        if not np.isfinite(value):
            length.annotate(
                "none delivered after",
                (0, k + 0.2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7.5,
                color=AFTER,
            )
    length.set_xlabel("km per delivered train")
    delivered.set_yticks(y, labels)
    for label in delivered.get_yticklabels():
        label.set_parse_math(False)  # node ids are data
    delivered.invert_yaxis()
    fig.suptitle("Before and after the closures (all in force at once)", fontsize=10)
    return fig


def _paired_bars(ax, y: np.ndarray, before, after) -> None:
    before = np.nan_to_num(np.asarray(before, float))
    after = np.nan_to_num(np.asarray(after, float))
    ax.barh(y - 0.2, before, 0.4, label="before", color=BEFORE)
    ax.barh(y + 0.2, after, 0.4, label="after (all closures)", color=AFTER)
    ax.grid(axis="x", alpha=0.3)
