"""Origin-destination losses: one multi-commodity flow in which all pairs share capacity.

Each OD pair is a commodity. The linear program (solved by HiGHS through
`scipy.optimize.linprog`) has one flow variable per (pair, arc) and one delivered-trains
variable per pair:

    maximise   sum_k delivered_k  -  eps * sum_k sum_a length_a * x_ka
    subject to flow conservation per pair and node,
               sum_k x_ka <= arc capacity                  (arcs are shared)
               sum_k (inflow of k at v, or delivered_k if k starts at v) <= node capacity
               0 <= delivered_k <= demand_k

`eps = 0.5 / total network km`: one train more always outweighs any extra distance (a
simple path is never longer than the whole network), and among equally good deliveries
the LP prefers fewer train-km, so routes follow the shortest paths where capacity allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from railwatch.impact.arcs import arc_endpoints, capacities_for
from railwatch.impact.closures import Closure, unknown_id_message
from railwatch.impact.demand import check_demand, demand_rows_from_table
from railwatch.impact.routes import usable_arcs, weighted_csr

if TYPE_CHECKING:
    from railwatch.network.model import RailNetwork

ROUND = 6  # decimals kept in reported trains per day (LP tolerances are ~1e-7)


@dataclass
class FlowResult:
    """Solution of one multi-commodity flow."""

    delivered: np.ndarray  # (K,) trains/day per pair
    arc_flow: np.ndarray  # (2m,) trains/day per arc, summed over pairs
    train_km: np.ndarray  # (K,) train-km/day per pair
    pair_arc_flow: np.ndarray  # (K, 2m)


class SharedFlowLP:
    """The shared-capacity LP on plain arrays (any graph: the network or a reduced one)."""

    def __init__(
        self,
        n: int,
        tail: np.ndarray,
        head: np.ndarray,
        length: np.ndarray,
        origin: np.ndarray,
        dest: np.ndarray,
    ):
        m2 = len(tail)
        k = len(origin)
        self.n, self.m2, self.k = n, m2, k
        self.tail, self.head = np.asarray(tail), np.asarray(head)
        self.length = np.asarray(length, dtype=float)
        self.origin = np.asarray(origin, dtype=np.int64)
        self.dest = np.asarray(dest, dtype=np.int64)
        self._build()

    def _build(self) -> None:
        n, m2, k = self.n, self.m2, self.k
        tail, head, origin, dest = self.tail, self.head, self.origin, self.dest
        nvar = k * m2 + k
        # Conservation rows (pair p, node v): out - in - [v = o_p] d_p + [v = t_p] d_p = 0
        pk = np.repeat(np.arange(k), m2)
        arc = np.tile(np.arange(m2), k)
        col_x = np.arange(k * m2)
        rows = np.concatenate(
            [
                pk * n + tail[arc],
                pk * n + head[arc],
                np.arange(k) * n + origin,
                np.arange(k) * n + dest,
            ]
        )
        cols = np.concatenate([col_x, col_x, k * m2 + np.arange(k), k * m2 + np.arange(k)])
        vals = np.concatenate([np.ones(k * m2), -np.ones(k * m2), -np.ones(k), np.ones(k)])
        self.a_eq = sp.csr_matrix((vals, (rows, cols)), shape=(k * n, nvar))
        # Shared arc capacity rows, then node throughput rows.
        arc_rows = sp.csr_matrix((np.ones(k * m2), (arc, col_x)), shape=(m2, nvar))
        node_rows = sp.csr_matrix(
            (
                np.ones(k * m2 + k),
                (
                    np.concatenate([head[arc], origin]),
                    np.concatenate([col_x, k * m2 + np.arange(k)]),
                ),
            ),
            shape=(n, nvar),
        )
        self.arc_rows = arc_rows
        self.node_rows = node_rows
        # Each section appears as two arcs, so half the arc total is the network's km.
        total_km = float(self.length.sum()) / 2 or 1.0
        self.eps = 0.5 / total_km
        self.cost = np.concatenate([np.tile(self.eps * self.length, k), -np.ones(k)])

    def solve(self, demand: np.ndarray, arc_cap: np.ndarray, node_cap: np.ndarray) -> FlowResult:
        """Deliver as much of `demand` (trains/day per pair) as the capacities allow."""
        demand = np.asarray(demand, dtype=float)
        if demand.shape != (self.k,):
            raise ValueError(f"demand must have one value per pair ({self.k}), got {demand.shape}")
        if (demand < 0).any() or not np.isfinite(demand).all():
            raise ValueError("demand must be finite and non-negative")
        if self.k == 0:
            return FlowResult(np.zeros(0), np.zeros(self.m2), np.zeros(0), np.zeros((0, self.m2)))
        usable = (arc_cap > 0) & (node_cap[self.tail] > 0) & (node_cap[self.head] > 0)
        cap = np.where(usable, arc_cap, 0.0)
        finite_nodes = np.flatnonzero(np.isfinite(node_cap))
        a_ub = sp.vstack([self.arc_rows, self.node_rows[finite_nodes]], format="csr")
        b_ub = np.concatenate([cap, node_cap[finite_nodes]])
        x_upper = np.tile(cap, self.k)
        bounds = np.column_stack(
            [np.zeros(self.k * self.m2 + self.k), np.concatenate([x_upper, demand])]
        )
        # Imported here: scipy.optimize costs about 0.4 s of start-up, and the commands that
        # only read routes or the unmet-demand LP (HiGHS) never call linprog.
        from scipy.optimize import linprog

        res = linprog(
            self.cost,
            A_ub=a_ub,
            b_ub=b_ub,
            A_eq=self.a_eq,
            b_eq=np.zeros(self.a_eq.shape[0]),
            bounds=bounds,
            method="highs",
        )
        if res.status != 0:
            raise RuntimeError(f"the OD flow LP did not solve: {res.message}")
        x = np.clip(res.x[: self.k * self.m2], 0.0, None).reshape(self.k, self.m2)
        delivered = np.round(np.clip(res.x[self.k * self.m2 :], 0.0, demand), ROUND)
        return FlowResult(
            delivered=delivered,
            arc_flow=x.sum(axis=0),
            train_km=x @ self.length,
            pair_arc_flow=x,
        )


class MultiCommodityFlow(SharedFlowLP):
    """The shared-capacity LP for fixed OD pairs of a network, built once, solved for any
    capacities (from `arc_capacities`) and demand (trains/day per pair)."""

    def __init__(self, network: RailNetwork, pairs: list[tuple[str, str]]):
        graph = network.compiled
        self.network = network
        self.pairs = [(str(o), str(t)) for o, t in pairs]
        for o, t in self.pairs:
            for nid in (o, t):
                if nid not in graph.node_index:
                    raise ValueError(unknown_id_message(network, nid, "node"))
            if o == t:
                raise ValueError(f"OD pair {o} -> {t}: origin and destination are the same")
        tail, head = arc_endpoints(graph)
        super().__init__(
            graph.n_nodes,
            tail,
            head,
            np.concatenate([graph.length_km, graph.length_km]),
            np.array([graph.node_index[o] for o, _ in self.pairs], dtype=np.int64),
            np.array([graph.node_index[t] for _, t in self.pairs], dtype=np.int64),
        )


def _shortest_km(network: RailNetwork, origin: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """Open-network shortest length per pair (inf where unreachable)."""
    from scipy.sparse.csgraph import dijkstra

    graph = network.compiled
    tail, head = arc_endpoints(graph)
    weight = np.concatenate([graph.length_km, graph.length_km])
    usable = usable_arcs(graph, np.concatenate([graph.capacity] * 2), graph.node_capacity)
    csr, _ = weighted_csr(graph.n_nodes, tail, head, weight, usable)
    out = np.full(len(origin), np.inf)
    for o in np.unique(origin):
        dist = dijkstra(csr, directed=True, indices=int(o))
        mask = origin == o
        out[mask] = dist[dest[mask]]
    return out


def demand_frame(network: RailNetwork, demand: Any) -> pd.DataFrame:
    """Check a demand table (origin, destination, trains_per_day) against the network.

    The rules of a demand file (`impact.demand.check_demand`), except that a pair may
    appear on several rows (each its own flow, answered row by row); raises DemandError.
    """
    return check_demand(demand_rows_from_table(demand), network, repeated_pairs=True)


def od_losses(
    network: RailNetwork,
    demand,
    closures: Iterable[Closure | str] = (),
    *,
    arc_cap: np.ndarray | None = None,
    node_cap: np.ndarray | None = None,
) -> pd.DataFrame:
    """Demanded, delivered and unmet trains per day for every OD pair, sharing capacity.

    Returns one row per demand row: origin, destination, demanded, delivered, unmet,
    train_km (per day, of the delivered trains), base_km (the pair's shortest route on the
    open network) and detour_train_km = train_km - delivered * base_km, the train-km per
    day run beyond the open network's shortest route (never negative).
    """
    frame = demand_frame(network, demand)
    arc_cap, node_cap = capacities_for(network, closures, arc_cap, node_cap)
    model = MultiCommodityFlow(
        network, list(zip(frame["origin"], frame["destination"], strict=True))
    )
    result = model.solve(frame["trains_per_day"].to_numpy(), arc_cap, node_cap)
    base_km = _shortest_km(network, model.origin, model.dest)
    detour = np.where(
        result.delivered > 0, result.train_km - result.delivered * np.nan_to_num(base_km), 0.0
    )
    frame = frame.rename(columns={"trains_per_day": "demanded"})
    frame["delivered"] = result.delivered
    frame["unmet"] = np.round(frame["demanded"] - result.delivered, ROUND)
    frame["train_km"] = np.round(result.train_km, 3)
    frame["base_km"] = base_km
    frame["detour_train_km"] = np.round(np.clip(detour, 0.0, None), 3)
    return frame
