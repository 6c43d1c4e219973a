"""Closures: what is shut, how much of it is left, and which way.

A closure names a section, a structure or a node. A structure acts on the section it
sits on (so a tunnel and its parallel bypass, being two sections, close independently);
a node closure stops all traffic through the node. `arc_capacities` turns a list of
closures into the per-arc and per-node capacity arrays that every flow and path
algorithm in this package runs on.

Arc numbering: arcs ``0..m-1`` run along sections ``from -> to``; arcs ``m..2m-1`` run
``to -> from``. Capacity is per direction (trains per day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

DIRECTIONS = ("both", "forward", "backward")


@dataclass(frozen=True)
class Closure:
    """A section, structure or node with `remaining` share of capacity (0 = blocked)."""

    target: str
    remaining: float = 0.0
    direction: str = "both"

    def __post_init__(self) -> None:
        if not self.target:
            raise ValueError("closure: the id is empty")
        if not 0.0 <= float(self.remaining) <= 1.0:
            raise ValueError(
                f"closure {self.target!r}: remaining capacity must be between 0 and 1, "
                f"got {self.remaining}"
            )
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"closure {self.target!r}: direction must be one of {', '.join(DIRECTIONS)}, "
                f"got {self.direction!r}"
            )

    def __str__(self) -> str:
        text = self.target
        if self.direction != "both":
            return f"{text}:{self.remaining:g}:{self.direction}"
        if self.remaining:
            return f"{text}:{self.remaining:g}"
        return text


def _as_share(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value


def parse_closure(text: str, network: RailNetwork | None = None) -> Closure:
    """Parse ``ID``, ``ID:0.5``, ``ID:0.5:forward`` or ``ID::backward``.

    ID may be an incident id of the store (``inc-…``): the closure is then what the incident
    is placed on.

    Ids may themselves contain colons (``bam:itykit-okusikan:tunnel``), so the optional
    share and direction are read from the right. With `network`, a text that is a
    known id as a whole is always taken as that id.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("closure: empty text; expected ID, ID:0.5 or ID:0.5:forward")
    if network is not None and network.kind_of(raw) is not None:
        return Closure(raw)
    parts = raw.split(":")
    direction = "both"
    if len(parts) > 1 and parts[-1].lower() in DIRECTIONS:
        direction = parts.pop().lower()
        share_text = parts.pop() if len(parts) > 1 else ""
        if share_text == "":
            remaining = 0.0
        else:
            share = _as_share(share_text)
            if share is None:
                raise ValueError(
                    f"closure {raw!r}: {share_text!r} is not a share of capacity "
                    "(expected a number from 0 to 1, e.g. ID:0.5:forward)"
                )
            remaining = share
    elif len(parts) > 1 and _as_share(parts[-1]) is not None:
        remaining = float(parts.pop())
    else:
        remaining = 0.0
    target = ":".join(parts)
    if not target:
        raise ValueError(f"closure {raw!r}: no id before the ':'")
    if target.startswith(INCIDENT_PREFIX) and (network is None or not network.kind_of(target)):
        target = incident_target(target, network)
    return Closure(target, remaining, direction)


INCIDENT_PREFIX = "inc-"


def incident_target(incident_id: str, network: RailNetwork | None = None, store=None) -> str:
    """The section, structure or node an incident of the store is placed on, so that
    ``--close INCIDENT_ID`` closes what the reports name (the default store, or `store`)."""
    from railwatch.store import open_store

    own = store is None
    store = open_store() if own else store
    try:
        detail = store.incident(incident_id)
    finally:
        if own:
            store.close()
    if detail is None:
        raise ValueError(
            f"unknown incident id {incident_id!r} in the incident store {store.location}"
        )
    incident = detail.incident
    where = incident.location
    if where is None or where.kind not in ("section", "structure", "node") or not where.id:
        placed = f"placed only as {where.precision} ({where.name})" if where else "not placed"
        raise ValueError(
            f"incident {incident_id}: {placed}; a closure needs a section, structure or node"
        )
    if network is not None and network.kind_of(where.id) is None:
        raise ValueError(
            f"incident {incident_id} is placed on {where.id!r}, which is not in network "
            f"{network.name!r} (ingest its reports with this network)"
        )
    return where.id


def suggest_ids(network: RailNetwork, text: str, n: int = 3) -> list[str]:
    """Close matches for an unknown id among node, section and structure ids and names."""
    ids = [
        *network.sections.index.astype(str),
        *network.structures.index.astype(str),
        *network.nodes.index.astype(str),
    ]
    from rapidfuzz import fuzz, process, utils

    # rapidfuzz's C scorer: on the national network's 40,000 ids difflib took seconds
    found = process.extract(
        text, ids, scorer=fuzz.ratio, processor=utils.default_process, limit=n, score_cutoff=60
    )
    close = [match for match, _score, _index in found]
    for match in network.lookup(text):
        if match.id not in close:
            close.append(match.id)
    return close[:n]


def unknown_id_message(
    network: RailNetwork, text: str, what: str = "section, structure or node"
) -> str:
    """'unknown ...' error text with suggestions, shared by closures, demand files and CLI."""
    hint = suggest_ids(network, text)
    msg = f"unknown {what} id {text!r} in network {network.name!r}"
    if hint:
        msg += f"; did you mean {', '.join(repr(h) for h in hint)}?"
    return msg


def resolve_target(network: RailNetwork, target: str) -> tuple[str, str]:
    """(kind, id) for a closure target: an id, or a name that matches exactly one feature."""
    from railwatch.network.names import resolve_name

    found = resolve_name(network, target)  # raises AmbiguousName listing the candidates
    if found is not None:
        return found
    raise ValueError(unknown_id_message(network, target))


def _section_of(network: RailNetwork, kind: str, fid: str) -> int:
    graph = network.compiled
    if kind == "section":
        return graph.section_index[fid]
    return graph.structure_section[fid]


def arc_capacities(
    network: RailNetwork, closures: Iterable[Closure | str] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Per-arc capacities (2m,) and per-node capacities (n,) after the closures.

    Several closures on the same arc or node keep the smallest remaining share (two
    reports of the same fire do not halve the line twice). A partial closure of a node
    with unlimited capacity caps it at that share of the traffic its sections can bring in.
    """
    graph = network.compiled
    m = graph.n_sections
    arc_cap = np.concatenate([graph.capacity, graph.capacity]).astype(float)
    node_cap = graph.node_capacity.astype(float).copy()
    arc_share = np.ones(2 * m)
    node_share = np.ones(graph.n_nodes)
    for item in closures:
        closure = parse_closure(item, network) if isinstance(item, str) else item
        kind, fid = resolve_target(network, closure.target)
        if kind == "node":
            if closure.direction != "both":
                raise ValueError(
                    f"closure {closure.target!r}: a node closure has no direction "
                    f"(got {closure.direction!r})"
                )
            idx = graph.node_index[fid]
            node_share[idx] = min(node_share[idx], closure.remaining)
            continue
        sec = _section_of(network, kind, fid)
        arcs = {"both": (sec, sec + m), "forward": (sec,), "backward": (sec + m,)}
        for arc in arcs[closure.direction]:
            arc_share[arc] = min(arc_share[arc], closure.remaining)
    arc_cap *= arc_share
    partial = node_share < 1.0
    if partial.any():
        inflow = np.zeros(graph.n_nodes)
        both_heads = np.concatenate([graph.dst, graph.src])
        np.add.at(inflow, both_heads, np.concatenate([graph.capacity, graph.capacity]))
        limit = np.where(np.isinf(node_cap), inflow, node_cap)
        node_cap = np.where(partial, limit * node_share, node_cap)
    return arc_cap, node_cap
