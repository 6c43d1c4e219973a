"""Rerouting: the fastest and the shortest route around closures, and the detour they cost.

Routes come from the network query layer (scipy's Dijkstra on the compiled arrays). An arc is usable while it has any
capacity left and both its end nodes are open; a partial closure leaves the route as it
was (it costs capacity, not distance). Since closures only remove arcs, a detour is
never negative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from railwatch.impact.arcs import capacities_for, node_indices
from railwatch.impact.closures import Closure
from railwatch.network.queries import Path, arc_endpoints, shortest_paths, weighted_csr

if TYPE_CHECKING:
    from railwatch.network.model import CompiledGraph, RailNetwork

__all__ = ["Reroute", "Route", "best_routes", "reroute", "usable_arcs", "weighted_csr"]


# One route: nodes and sections in order, with length and running time (the query layer's Path).
Route = Path


@dataclass(frozen=True)
class Reroute:
    """Routes on the open network and after the closures; None where there is no route."""

    origin: str
    destination: str
    base_fastest: Route | None
    base_shortest: Route | None
    fastest: Route | None
    shortest: Route | None

    @property
    def reachable(self) -> bool:
        return self.fastest is not None

    @property
    def detour_km(self) -> float | None:
        """Extra length of the shortest route over the open network's shortest."""
        if self.shortest is None or self.base_shortest is None:
            return None
        return max(0.0, self.shortest.length_km - self.base_shortest.length_km)

    @property
    def detour_h(self) -> float | None:
        """Extra running time of the fastest route over the open network's fastest."""
        if self.fastest is None or self.base_fastest is None:
            return None
        return max(0.0, self.fastest.time_h - self.base_fastest.time_h)

    def as_dict(self) -> dict:
        def opt(route: Route | None) -> dict | None:
            return None if route is None else route.as_dict()

        return {
            "origin": self.origin,
            "destination": self.destination,
            "reachable": self.reachable,
            "detour_km": None if self.detour_km is None else round(self.detour_km, 3),
            "detour_h": None if self.detour_h is None else round(self.detour_h, 3),
            "fastest": opt(self.fastest),
            "shortest": opt(self.shortest),
            "base_fastest": opt(self.base_fastest),
            "base_shortest": opt(self.base_shortest),
        }


def usable_arcs(graph: CompiledGraph, arc_cap: np.ndarray, node_cap: np.ndarray) -> np.ndarray:
    """Arcs with capacity left whose both end nodes are open."""
    tail, head = arc_endpoints(graph)
    return (arc_cap > 0) & (node_cap[tail] > 0) & (node_cap[head] > 0)


def best_routes(
    network: RailNetwork, origin: int, targets: list[int], usable: np.ndarray, weight: np.ndarray
) -> list[Route | None]:
    """Routes from one origin to each target minimising `weight` over usable arcs."""
    return shortest_paths(network.compiled, origin, targets, weight=weight, usable=usable)


def reroute(
    network: RailNetwork,
    origins: str | Iterable[str],
    destinations: str | Iterable[str],
    closures: Iterable[Closure | str] = (),
    *,
    arc_cap: np.ndarray | None = None,
    node_cap: np.ndarray | None = None,
) -> list[Reroute]:
    """Fastest (time = length / speed) and shortest routes for every origin-destination
    pair, on the open network and after the closures."""
    graph = network.compiled
    src = node_indices(network, origins, "origin")
    dst = node_indices(network, destinations, "destination")
    arc_cap, node_cap = capacities_for(network, closures, arc_cap, node_cap)
    open_arc = np.concatenate([graph.capacity, graph.capacity])
    open_usable = usable_arcs(graph, open_arc, graph.node_capacity)
    closed_usable = usable_arcs(graph, arc_cap, node_cap)
    time_w = np.concatenate([graph.time_h, graph.time_h])
    length_w = np.concatenate([graph.length_km, graph.length_km])
    out = []
    for o in src:
        targets = [t for t in dst if t != o]
        if not targets:
            continue
        bf = best_routes(network, o, targets, open_usable, time_w)
        bs = best_routes(network, o, targets, open_usable, length_w)
        cf = best_routes(network, o, targets, closed_usable, time_w)
        cs = best_routes(network, o, targets, closed_usable, length_w)
        for k, t in enumerate(targets):
            out.append(
                Reroute(
                    origin=str(graph.node_ids[o]),
                    destination=str(graph.node_ids[t]),
                    base_fastest=bf[k],
                    base_shortest=bs[k],
                    fastest=cf[k],
                    shortest=cs[k],
                )
            )
    return out
