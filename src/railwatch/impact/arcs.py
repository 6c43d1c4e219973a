"""Arc arrays shared by the flow and path code: two arcs per section, one per direction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from railwatch.impact.closures import Closure, arc_capacities, unknown_id_message
from railwatch.network.names import resolve_name
from railwatch.network.queries import arc_endpoints

if TYPE_CHECKING:
    from railwatch.network.model import CompiledGraph, RailNetwork

__all__ = ["arc_endpoints", "arc_section", "capacities_for", "node_indices"]


def arc_section(graph: CompiledGraph) -> np.ndarray:
    """Section index of each of the 2m arcs."""
    m = graph.n_sections
    return np.concatenate([np.arange(m), np.arange(m)])


def capacities_for(
    network: RailNetwork,
    closures: Iterable[Closure | str] = (),
    arc_cap: np.ndarray | None = None,
    node_cap: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Use the given capacity arrays, or derive them from the closures."""
    if arc_cap is not None and node_cap is not None:
        return np.asarray(arc_cap, dtype=float), np.asarray(node_cap, dtype=float)
    derived_arc, derived_node = arc_capacities(network, closures)
    return (
        derived_arc if arc_cap is None else np.asarray(arc_cap, dtype=float),
        derived_node if node_cap is None else np.asarray(node_cap, dtype=float),
    )


def node_indices(network: RailNetwork, ids: str | Iterable[str], role: str) -> list[int]:
    """Node indices for ids given as a list or a comma-separated string."""
    if isinstance(ids, str):
        ids = [part.strip() for part in ids.split(",") if part.strip()]
    ids = list(ids)
    if not ids:
        raise ValueError(f"no {role} node given")
    index = network.compiled.node_index
    out = []
    for nid in ids:
        if nid not in index:
            # a station name or alias in English or Russian stands for its node
            found = resolve_name(network, nid, ("node",))
            if found is None:
                raise ValueError(f"{role}: " + unknown_id_message(network, nid, "node"))
            nid = found[1]
        out.append(index[nid])
    return out
