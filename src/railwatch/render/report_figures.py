"""Figures and numbers for the report: the map, capacity before/after, the reroute.

"After" is the worst case the scenario describes: every closure in force at once with its
initial remaining capacity (uncertain incidents included), which is what a reader asks
first ("what if all of it happens?"); the Monte Carlo bands then say how long it lasts.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from railwatch.impact.closures import Closure, arc_capacities  # noqa: E402
from railwatch.impact.flows import MultiCommodityFlow  # noqa: E402
from railwatch.network.queries import feature_point, section_label  # noqa: E402
from railwatch.simulate.scenario import Scenario  # noqa: E402

FLOW_CHANGE = 0.01  # trains/day; smaller changes are LP noise, not a reroute


def png_data_uri(fig, *, dpi: int = 110) -> str:
    """The figure as a base64 PNG data URI (and the figure closed)."""
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi)
    finally:
        plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def worst_case_closures(scenario: Scenario) -> list[Closure]:
    return [Closure(c.target, c.remaining, c.direction) for c in scenario.closures]


@dataclass
class CapacityTables:
    """Per pair and per section numbers for the 'before and after' and 'reroute' sections."""

    pairs: list[dict]
    sections: list[dict]


def capacity_tables(scenario: Scenario) -> CapacityTables:
    """Delivered and maximum trains/day per pair, and section flows, open vs all closed."""
    network = scenario.network
    graph = network.compiled
    pairs = scenario.pairs
    demand = scenario.demand["trains_per_day"].to_numpy(float)
    open_arc, open_node = arc_capacities(network, [])
    shut_arc, shut_node = arc_capacities(network, worst_case_closures(scenario))
    shared = MultiCommodityFlow(network, pairs)
    before = shared.solve(demand, open_arc, open_node)
    after = shared.solve(demand, shut_arc, shut_node)
    rows = []
    for k, (origin, dest) in enumerate(pairs):
        alone = MultiCommodityFlow(network, [(origin, dest)])
        big = np.array([1e6])
        rows.append(
            {
                "origin": origin,
                "destination": dest,
                "demand": float(demand[k]),
                "delivered_before": float(before.delivered[k]),
                "delivered_after": float(after.delivered[k]),
                "max_before": float(alone.solve(big, open_arc, open_node).delivered[0]),
                "max_after": float(alone.solve(big, shut_arc, shut_node).delivered[0]),
                "km_per_train_before": _per_train(before.train_km[k], before.delivered[k]),
                "km_per_train_after": _per_train(after.train_km[k], after.delivered[k]),
            }
        )
    m = graph.n_sections
    flow_before = before.arc_flow[:m] + before.arc_flow[m:]
    flow_after = after.arc_flow[:m] + after.arc_flow[m:]
    sections = []
    for s in np.flatnonzero(np.abs(flow_after - flow_before) > FLOW_CHANGE):
        sid = str(graph.section_ids[s])
        sections.append(
            {
                "section": sid,
                "name": section_label(network, sid),
                "capacity_before": float(open_arc[s]),
                "capacity_after": float(min(shut_arc[s], shut_arc[s + m])),
                "flow_before": float(flow_before[s]),
                "flow_after": float(flow_after[s]),
            }
        )
    sections.sort(key=lambda r: -abs(r["flow_after"] - r["flow_before"]))
    return CapacityTables(rows, sections)


def _per_train(train_km: float, delivered: float) -> float | None:
    return float(train_km / delivered) if delivered > 1e-9 else None


def map_figure(scenario: Scenario, tables: CapacityTables):
    """The network with closed sections, the sections that gain traffic, and the incidents."""
    network = scenario.network
    closed = [c.target for c in scenario.closures]
    gained = [r["section"] for r in tables.sections if r["flow_after"] > r["flow_before"]]
    incidents = []
    for c in scenario.closures:
        point = feature_point(network, c.target)
        if point is not None:
            label = c.id if c.probability >= 1 else f"{c.id} (p={c.probability:g})"
            incidents.append({"lon": point[0], "lat": point[1], "label": label})
    try:
        from railwatch.render.network_map import draw_network_map
    except ImportError:
        return simple_map(network, closed, gained, incidents)
    return draw_network_map(
        network,
        highlight_sections=gained,
        closed_sections=closed,
        incidents=incidents,
        title=f"{scenario.name}: closures (red), sections taking the reroute (yellow)",
        figsize=(12, 6.5),
        dpi=110,
    )


def simple_map(network, closed, gained, incidents):
    """A plain lon/lat drawing of the sections (used when the mapping module is absent)."""
    closed_sections = set()
    for fid in closed:
        kind = network.kind_of(fid)
        if kind == "section":
            closed_sections.add(fid)
        elif kind == "structure":
            closed_sections.add(network.structures.loc[fid, "section"])
    fig, ax = plt.subplots(figsize=(12, 6), layout="constrained")
    for sid, geom in network.sections.geometry.items():
        xs, ys = geom.xy
        if sid in closed_sections:
            ax.plot(xs, ys, color="red", lw=2.2, ls="--")
        elif sid in gained:
            ax.plot(xs, ys, color="gold", lw=4, alpha=0.8)
            ax.plot(xs, ys, color="dimgrey", lw=1)
        else:
            ax.plot(xs, ys, color="dimgrey", lw=1)
    for item in incidents:
        ax.plot(item["lon"], item["lat"], marker="*", color="red", ms=14)
        ax.annotate(
            item["label"],
            (item["lon"], item["lat"]),
            fontsize=8,
            xytext=(4, 4),
            textcoords="offset points",
        )
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect(1.6)
    return fig


def capacity_figure(tables: CapacityTables):
    """Maximum trains/day per pair (alone on the network) before and after the closures."""
    labels = [f"{r['origin']} -> {r['destination']}" for r in tables.pairs]
    y = np.arange(len(labels))
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(labels) + 1.4), layout="constrained")
    ax.barh(y + 0.2, [r["max_before"] for r in tables.pairs], 0.4, label="before", color="tab:blue")
    ax.barh(
        y - 0.2,
        [r["max_after"] for r in tables.pairs],
        0.4,
        label="after (all closures)",
        color="tab:red",
    )
    ax.scatter(
        [r["demand"] for r in tables.pairs],
        y,
        marker="|",
        s=300,
        color="black",
        label="demand",
        zorder=3,
    )
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlabel("maximum trains per day for the pair alone")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    return fig
