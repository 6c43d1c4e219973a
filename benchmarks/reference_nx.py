"""Plain NetworkX reference for railwatch's N-1: remove each section, recompute everything.

For every section: remove it; for every OD group (an origin with all its destinations)
recompute the maximum flow (node-split graph, super sink), and for every OD pair the
shortest length (one single-source Dijkstra per origin). No reduction, no skipping, no
parallelism: the slow, obvious method the fast one must agree with.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

SINK = ("sink",)


def _flow_graph(net, removed: str | None, dests: list[str]) -> nx.DiGraph:
    g = nx.DiGraph()
    for nid, cap in zip(net.nodes.index, _node_caps(net), strict=True):
        g.add_edge((nid, "in"), (nid, "out"), capacity=cap) if np.isfinite(cap) else g.add_edge(
            (nid, "in"), (nid, "out")
        )
    for sid, row in net.sections.iterrows():
        if sid == removed:
            continue
        for a, b in ((row["from"], row["to"]), (row["to"], row["from"])):
            u, v = (a, "out"), (b, "in")
            if g.has_edge(u, v):
                g[u][v]["capacity"] += row["capacity"]
            else:
                g.add_edge(u, v, capacity=float(row["capacity"]))
    for d in dests:
        g.add_edge((d, "out"), SINK)  # no capacity attribute = unlimited
    return g


def _node_caps(net) -> np.ndarray:
    return np.fmin(
        net.nodes["capacity"].to_numpy(float), net.nodes["transshipment_capacity"].to_numpy(float)
    )


def _path_graph(net, removed: str | None) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(net.nodes.index)
    for sid, row in net.sections.iterrows():
        if sid == removed:
            continue
        a, b, w = row["from"], row["to"], float(row["length_km"])
        if a == b:
            continue
        if not g.has_edge(a, b) or g[a][b]["w"] > w:
            g.add_edge(a, b, w=w)
    return g


def _state(net, demand: pd.DataFrame, removed: str | None):
    groups = {
        o: sorted(set(part["destination"])) for o, part in demand.groupby("origin", sort=True)
    }
    flows = {}
    for origin, dests in groups.items():
        g = _flow_graph(net, removed, dests)
        flows[origin] = nx.maximum_flow_value(g, (origin, "in"), SINK)
    pg = _path_graph(net, removed)
    lengths = {}
    for origin in groups:
        dist = nx.single_source_dijkstra_path_length(pg, origin, weight="w")
        for d in groups[origin]:
            lengths[(origin, d)] = dist.get(d, np.inf)
    return flows, lengths


def n1_reference(net, demand: pd.DataFrame, sections: list[str] | None = None) -> pd.DataFrame:
    """capacity_lost, detour_train_km_per_day and disconnected_trains_per_day per section."""
    demand = demand[demand["trains_per_day"] > 0]
    base_flow, base_len = _state(net, demand, None)
    rows = []
    for sid in sections if sections is not None else list(net.sections.index):
        flow, length = _state(net, demand, sid)
        lost = sum(max(0.0, base_flow[o] - flow[o]) for o in base_flow)
        detour = disconnected = 0.0
        for o, d, trains in demand[["origin", "destination", "trains_per_day"]].itertuples(
            index=False
        ):
            before, after = base_len[(o, d)], length[(o, d)]
            if not np.isfinite(before):
                continue
            if np.isfinite(after):
                detour += trains * (after - before)
            else:
                disconnected += trains
        rows.append(
            {
                "id": sid,
                "capacity_lost": lost,
                "detour_train_km_per_day": detour,
                "disconnected_trains_per_day": disconnected,
            }
        )
    return pd.DataFrame(rows)
