"""The impact of the day's closures: capacity per corridor, reroutes, OD losses, criticality.

A corridor is one origin-destination pair of the demand. The demand defaults to the seed
scenario's (shipped with the package) on the embedded corridor; `--demand CSV` replaces it.
Everything here calls `railwatch.impact`; nothing is recomputed differently.
"""

from __future__ import annotations

import math
import threading
from datetime import date
from typing import TYPE_CHECKING, Any

import pandas as pd

from railwatch.api.closures_now import ASSUMPTION, ActiveClosure
from railwatch.impact import Closure, corridor_capacity, od_losses, reroute

if TYPE_CHECKING:
    from railwatch.network import RailNetwork


def default_demand(network: RailNetwork, demand_path: str | None) -> pd.DataFrame:
    """The demand table: a CSV if given, else the seed scenario's when its nodes all exist."""
    if demand_path:
        from railwatch.impact.demand import read_demand

        return read_demand(demand_path, network)
    from importlib import resources

    import yaml

    spec = yaml.safe_load(
        resources.files("railwatch.simulate")
        .joinpath("data/severomuysky-2023.yaml")
        .read_text(encoding="utf-8")
    )
    frame = pd.DataFrame(spec.get("demand") or [])
    index = network.compiled.node_index
    if frame.empty or not all(n in index for n in pd.concat([frame.origin, frame.destination])):
        return pd.DataFrame(columns=["origin", "destination", "trains_per_day"])
    return frame[["origin", "destination", "trains_per_day"]]


def _num(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return round(value, 3) if math.isfinite(value) else None


def impact_of(
    network: RailNetwork, demand: pd.DataFrame, closures: list[ActiveClosure], day: date
) -> dict:
    """Capacity before/after per corridor, the reroutes and the OD losses on `day`."""
    applied = [Closure(c.target, c.remaining) for c in closures]
    corridors, reroutes = [], []
    for origin, destination in dict.fromkeys(zip(demand.origin, demand.destination, strict=True)):
        before = corridor_capacity(network, origin, destination)
        after = corridor_capacity(network, origin, destination, applied)
        route = reroute(network, origin, destination, applied)[0].as_dict()
        new_sections = []
        if route["fastest"] and route["base_fastest"]:
            base = set(route["base_fastest"]["sections"])
            new_sections = [s for s in route["fastest"]["sections"] if s not in base]
        corridors.append(
            {
                "origin": origin,
                "destination": destination,
                "before": _num(before.trains_per_day),
                "after": _num(after.trains_per_day),
                "lost": _num(before.trains_per_day - after.trains_per_day),
                "bottleneck_after": after.bottleneck,
            }
        )
        route["new_sections"] = new_sections
        reroutes.append(route)
    losses = []
    if len(demand):
        frame = od_losses(network, demand, applied)
        losses = [
            {k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]
    return {
        "date": day.isoformat(),
        "closures": [c.__dict__ for c in closures],
        "assumption": ASSUMPTION,
        "corridors": corridors,
        "reroutes": reroutes,
        "od_losses": losses,
        "unmet_trains_per_day": _num(sum(row["unmet"] or 0 for row in losses)),
        "unit": "trains/day",
    }


class CriticalityCache:
    """N-1 criticality of the network under the demand, computed once per process."""

    def __init__(self, network: RailNetwork, demand: pd.DataFrame):
        self.network, self.demand = network, demand
        self._lock = threading.Lock()
        self._rows: list[dict] | None = None

    def top(self, n: int) -> list[dict]:
        with self._lock:
            if self._rows is None:
                self._rows = _criticality_rows(self.network, self.demand)
        return self._rows[:n]


def _criticality_rows(network: RailNetwork, demand: pd.DataFrame) -> list[dict]:
    from railwatch.impact.criticality import criticality

    if demand.empty:
        return []
    result = criticality(
        network,
        demand,
        metrics=("capacity_lost", "detour_train_km_per_day"),
        rank_by="detour_train_km_per_day",
        workers=1,
    )
    rows = []
    for row in result.table.to_dict(orient="records"):
        rows.append({k: (_num(v) if isinstance(v, float) else v) for k, v in row.items()})
    return rows
