"""Capacity before and after closures, computed once for every face that shows it.

Two questions, asked of the same closures:

- the most a pair (or a group of origins and destinations) can carry alone on the network,
  with its bottleneck: the maximum flow of `corridor_capacity`, open and with the closures;
- given a demand, what the shared network delivers to each pair and at what length per
  train, open and with the closures (the shared-capacity flow of `MultiCommodityFlow`),
  and which sections change their traffic — the reroute.

`railwatch impact` prints the first for the pair it is given; the HTML report shows both for
the scenario's demand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from railwatch.impact.capacity import CapacityResult, corridor_capacity
from railwatch.impact.closures import Closure, arc_capacities
from railwatch.impact.flows import MultiCommodityFlow

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

FLOW_CHANGE = 0.01  # trains/day; a smaller change of a section's flow is LP noise, not a reroute

PAIR_COLUMNS = [
    "origin",
    "destination",
    "max_before",
    "max_after",
    "demand",
    "delivered_before",
    "delivered_after",
    "km_per_train_before",
    "km_per_train_after",
]
SECTION_COLUMNS = ["section", "capacity_before", "capacity_after", "flow_before", "flow_after"]


@dataclass
class CapacityComparison:
    """Before and after the closures, per pair and per section.

    pairs: one row per pair (PAIR_COLUMNS); `max_*` is the most the pair can carry alone
    (trains/day); the demand columns are NaN when no demand was given.
    sections: the sections whose shared flow changes (SECTION_COLUMNS; both directions
    summed, capacity per direction), largest change first; empty without demand.
    before, after: the maximum-flow results per pair, with their bottlenecks.
    """

    pairs: pd.DataFrame
    sections: pd.DataFrame
    before: list[CapacityResult]
    after: list[CapacityResult]


def compare_capacity(
    network: RailNetwork,
    closures: Iterable[Closure | str],
    pairs: Sequence[tuple[str | Iterable[str], str | Iterable[str]]],
    demand: Sequence[float] | np.ndarray | None = None,
) -> CapacityComparison:
    """Capacity per pair with the network open and with `closures` in force.

    A pair's origin or destination may be a group of node ids ("a,b" or a list): its
    capacity is then the group's maximum flow. `demand` (trains/day, one per pair, single
    node ids only) adds the shared-capacity flow: delivered trains and km per train.
    """
    closures = list(closures)
    before = [corridor_capacity(network, o, d) for o, d in pairs]
    after = [corridor_capacity(network, o, d, closures) for o, d in pairs]
    table = pd.DataFrame(
        {
            "origin": [", ".join(r.origins) for r in before],
            "destination": [", ".join(r.destinations) for r in before],
            "max_before": [r.trains_per_day for r in before],
            "max_after": [r.trains_per_day for r in after],
        }
    )
    sections = pd.DataFrame(columns=SECTION_COLUMNS)
    if demand is None:
        for column in PAIR_COLUMNS[4:]:
            table[column] = np.nan
    else:
        shared, sections = _shared_flow(network, closures, table, np.asarray(demand, float))
        table = pd.concat([table, shared], axis=1)
    return CapacityComparison(table[PAIR_COLUMNS], sections, before, after)


def _shared_flow(
    network: RailNetwork, closures: list[Closure | str], table: pd.DataFrame, demand: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Delivered trains and km per train per pair, and the sections whose flow changes."""
    if len(demand) != len(table):
        raise ValueError(f"expected one demand figure per pair ({len(table)}), got {len(demand)}")
    flow = MultiCommodityFlow(
        network, list(zip(table["origin"], table["destination"], strict=True))
    )
    open_arc, open_node = arc_capacities(network, [])
    shut_arc, shut_node = arc_capacities(network, closures)
    before = flow.solve(demand, open_arc, open_node)
    after = flow.solve(demand, shut_arc, shut_node)
    shared = pd.DataFrame(
        {
            "demand": demand,
            "delivered_before": before.delivered,
            "delivered_after": after.delivered,
            "km_per_train_before": _per_train(before.train_km, before.delivered),
            "km_per_train_after": _per_train(after.train_km, after.delivered),
        }
    )
    graph = network.compiled
    m = graph.n_sections
    flow_before = before.arc_flow[:m] + before.arc_flow[m:]
    flow_after = after.arc_flow[:m] + after.arc_flow[m:]
    changed = np.flatnonzero(np.abs(flow_after - flow_before) > FLOW_CHANGE)
    sections = pd.DataFrame(
        {
            "section": [str(graph.section_ids[s]) for s in changed],
            "capacity_before": open_arc[changed],
            "capacity_after": np.minimum(shut_arc[changed], shut_arc[changed + m]),
            "flow_before": flow_before[changed],
            "flow_after": flow_after[changed],
        },
        columns=SECTION_COLUMNS,
    )
    change = (sections["flow_after"] - sections["flow_before"]).abs()
    sections = sections.iloc[np.argsort(-change.to_numpy(), kind="stable")].reset_index(drop=True)
    return shared, sections


def _per_train(train_km: np.ndarray, delivered: np.ndarray) -> np.ndarray:
    """Train-km per delivered train; NaN where nothing is delivered."""
    out = np.full(len(delivered), np.nan)
    moving = delivered > 1e-9
    out[moving] = train_km[moving] / delivered[moving]
    return out
