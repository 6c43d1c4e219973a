"""The shared-capacity flow LP over routes, by column and row generation.

The LP of `flows.SharedFlowLP` (maximise delivered trains minus `eps` per train-km, all
pairs sharing arc and node capacity) written over routes instead of arcs: the flow
decomposition of any optimal arc flow is an optimal route flow, and back. A master holds
one column per known route, one row per pair (its demand) and rows only for the arcs and
nodes that the known routes could overfill; new routes come from a shortest path under
the duals (column generation), new rows from the arcs the solution overfills (row
generation). It stops when neither exists, which is the optimality test of the full LP
(to a reduced-cost tolerance of 1e-10). Used by the simulation (`simulate.stepflow`) and
the unmet-demand N-1 (`unmet_routes`).
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.highs import new_highs

DEMAND_DECIMALS = 6  # decimals kept of delivered trains (as flows.ROUND)
SLACK = 1e-9  # capacity use within this of the limit counts as fitting
# A route improves the master if its reduced cost is below -PRICE_TOL. Far tighter than
# HiGHS's default 1e-7 (the master is small): a route 2 cm shorter is already preferred,
# so near-ties between routes resolve the same way whatever basis the master started from.
PRICE_TOL = 1e-10
MAX_ROUNDS = 200  # column/row generation rounds per solve before giving up (never seen)


@dataclass(frozen=True)
class Routes:
    """Each pair's shortest route over a set of usable link arcs (shared by states)."""

    arcs: list[np.ndarray]  # per pair, link arcs in order (empty if unreachable)
    nodes: list[np.ndarray]  # per pair, junctions in order (empty if unreachable)
    arc_use: sp.csr_matrix  # (K, 2L) 1 where a pair's route uses the arc
    node_use: sp.csr_matrix  # (K, J) 1 where a pair's route passes the junction
    km: np.ndarray  # (K,) route lengths
    reachable: np.ndarray  # (K,) bool


class ArcGroups:
    """The usable arcs grouped by (tail, head), sorted, for shortest paths under any weights.

    Parallel arcs (a tunnel and its bypass) are one edge for Dijkstra: the cheapest of
    them, the lowest arc id on a tie. The grouping depends only on which arcs are usable.
    """

    def __init__(self, tail: np.ndarray, head: np.ndarray, n: int, usable: np.ndarray):
        self.tail, self.head = tail, head  # of every arc, usable or not
        arc_ids = np.flatnonzero(usable)
        t, h = tail[arc_ids], head[arc_ids]
        order = np.lexsort((arc_ids, h, t))
        self.arc_ids = arc_ids[order]
        t, h = t[order], h[order]
        first = np.ones(len(t), dtype=bool)
        first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
        self.starts = np.flatnonzero(first)
        self.group = np.cumsum(first) - 1
        self.parallel = len(self.starts) < len(t)
        self.n = n
        tails, self.heads = t[first], h[first]
        self.key = tails * self.n + self.heads  # sorted
        self.indptr = np.searchsorted(tails, np.arange(self.n + 1))

    def graph(self, weight: np.ndarray):
        """(CSR of the cheapest arc per group, its arc id per group) under `weight`."""
        w = weight[self.arc_ids]
        if not self.parallel:
            chosen, best = self.arc_ids, w
        else:
            best = np.minimum.reduceat(w, self.starts) if len(w) else w
            at_best = np.flatnonzero(w == best[self.group])
            firsts = np.ones(len(at_best), dtype=bool)
            firsts[1:] = self.group[at_best[1:]] != self.group[at_best[:-1]]
            chosen = self.arc_ids[at_best[firsts]]
        csr = sp.csr_matrix((best, self.heads, self.indptr), shape=(self.n, self.n))
        return csr, chosen


def _walk(pred: np.ndarray, o: int, d: int, key, arc_ids, n: int):
    """(link arcs, junctions) of the route to d in a predecessor row; empty if none.

    `key` (sorted tail * n + head) and `arc_ids` name the arc used for each edge.
    """
    if o == d or pred[d] < 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    walk = [d]
    while walk[-1] != o:
        walk.append(int(pred[walk[-1]]))
    nodes = np.asarray(walk[::-1], dtype=np.int64)
    arcs = arc_ids[np.searchsorted(key, nodes[:-1] * n + nodes[1:])]
    return arcs.astype(np.int64), nodes


def usable_arcs(tail, head, cap: np.ndarray, node_cap: np.ndarray) -> np.ndarray:
    """(arcs,) bool: arcs with capacity between nodes that are open, and not loops."""
    usable = (cap > 0) & (node_cap[tail] > 0) & (node_cap[head] > 0)
    return usable & (tail != head)


def shortest_routes(length: np.ndarray, origin, dest, groups: ArcGroups) -> Routes:
    """Per pair the shortest route over the usable arcs (ties: lowest arc ids first)."""
    csr, arc_ids = groups.graph(length)
    key = groups.key
    n = groups.n
    preds: dict[int, np.ndarray] = {}
    arcs_out, nodes_out = [], []
    for o, d in zip(origin.tolist(), dest.tolist(), strict=True):
        if o not in preds:
            _, preds[o] = dijkstra(csr, directed=True, indices=o, return_predecessors=True)
        arcs, nodes = _walk(preds[o], o, d, key, arc_ids, n)
        arcs_out.append(arcs)
        nodes_out.append(nodes)
    k = len(arcs_out)
    arc_use = _incidence(arcs_out, len(length))
    node_use = _incidence(nodes_out, n)
    km = np.array([length[a].sum() for a in arcs_out]) if k else np.zeros(0)
    reachable = np.array([len(x) > 0 for x in nodes_out], dtype=bool)
    return Routes(arcs_out, nodes_out, arc_use, node_use, km, reachable)


def _incidence(rows: list[np.ndarray], width: int) -> sp.csr_matrix:
    lengths = [len(r) for r in rows]
    index = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return sp.csr_matrix((np.ones(len(index)), index, ptr), shape=(len(rows), width))


@dataclass(frozen=True)
class RoutePool:
    """Routes (columns) and capacity rows a master starts from; never changed once made."""

    pair: np.ndarray  # (R,) pair of each route
    arcs: tuple[np.ndarray, ...]  # link arcs of each route
    nodes: tuple[np.ndarray, ...]  # junctions each route counts at: origin, then each head
    km: np.ndarray  # (R,)
    row_arcs: np.ndarray  # arcs with a capacity row, in row order
    row_nodes: np.ndarray  # junctions with a capacity row, in row order


class RouteLP:
    """The shared-capacity LP of one state over routes, by column and row generation.

    Master (minimise): sum over routes r of (eps * km_r - 1) * f_r, subject to
    sum of a pair's f_r <= its demand, and for the arcs and junctions that have a row,
    the routes' flow through them <= their capacity. Trains through a junction count
    where they enter it, and at their origin (as in `impact.flows.SharedFlowLP`).
    Starts from `pool`: a caller that starts every solve of a state from the same pool
    gets the same answer whatever it solved before.
    """

    def __init__(
        self, groups: ArcGroups, length, origin, dest, eps: float, cap, node_cap, pool: RoutePool
    ):
        self.length, self.head = length, groups.head
        self.origin, self.dest = origin, dest
        self.k = len(self.origin)
        self.eps = eps
        self.cap = cap
        self.node_cap = node_cap
        self.groups = groups
        self.route_pair = pool.pair.tolist()
        self.route_arcs = list(pool.arcs)
        self.route_nodes = list(pool.nodes)
        self.route_km = pool.km.tolist()
        self.known = {
            (p, a.tobytes()) for p, a in zip(self.route_pair, self.route_arcs, strict=True)
        }
        self.row_arcs = pool.row_arcs.tolist()
        self.row_nodes = pool.row_nodes.tolist()
        self.arc_row = np.full(len(self.cap), -1, dtype=np.int64)
        self.arc_row[pool.row_arcs] = self.k + np.arange(len(pool.row_arcs))
        self.node_row = np.full(len(self.node_cap), -1, dtype=np.int64)
        self.node_row[pool.row_nodes] = self.k + len(pool.row_arcs) + np.arange(len(pool.row_nodes))
        self.n_rows = self.k + len(pool.row_arcs) + len(pool.row_nodes)
        self.highs = new_highs()
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("solver", "simplex")
        self.highs.setOptionValue("dual_feasibility_tolerance", PRICE_TOL)
        self._pass_model()

    def pool(self) -> RoutePool:
        """The routes and rows this master holds now (to start later solves from)."""
        return RoutePool(
            np.asarray(self.route_pair, dtype=np.int64),
            tuple(self.route_arcs),
            tuple(self.route_nodes),
            np.asarray(self.route_km),
            np.asarray(self.row_arcs, dtype=np.int64),
            np.asarray(self.row_nodes, dtype=np.int64),
        )

    def _entries(self, members: list[np.ndarray], row_of: np.ndarray):
        """(row, column) of every route's entry in the rows of `row_of`."""
        if not members:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        items = np.concatenate(members)
        cols = np.repeat(np.arange(len(members)), [len(x) for x in members])
        rows = row_of[items]
        keep = rows >= 0
        return rows[keep], cols[keep]

    def _pass_model(self) -> None:
        """Give HiGHS the whole master at once (columns and rows known so far)."""
        n_col = len(self.route_pair)
        arc_r, arc_c = self._entries(self.route_arcs, self.arc_row)
        node_r, node_c = self._entries(self.route_nodes, self.node_row)
        rows = np.concatenate([np.asarray(self.route_pair, dtype=np.int64), arc_r, node_r])
        cols = np.concatenate([np.arange(n_col), arc_c, node_c])
        matrix = sp.csc_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n_rows, n_col))
        model = highspy.HighsLp()
        model.num_col_ = n_col
        model.num_row_ = self.n_rows
        model.col_cost_ = self.eps * np.asarray(self.route_km, dtype=float) - 1.0
        model.col_lower_ = np.zeros(n_col)
        model.col_upper_ = np.full(n_col, np.inf)
        model.row_lower_ = np.full(self.n_rows, -np.inf)
        model.row_upper_ = np.concatenate(
            [np.zeros(self.k), self.cap[self.row_arcs], self.node_cap[self.row_nodes]]
        )
        model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        model.a_matrix_.start_ = matrix.indptr
        model.a_matrix_.index_ = matrix.indices
        model.a_matrix_.value_ = matrix.data
        self.highs.passModel(model)

    def _add_route(self, pair: int, arcs: np.ndarray, heads: np.ndarray) -> bool:
        tag = (pair, arcs.tobytes())
        if tag in self.known:
            return False
        self.known.add(tag)
        nodes = np.concatenate([[self.origin[pair]], heads]).astype(np.int64)
        km = float(self.length[arcs].sum())
        rows = [pair]
        rows += self.arc_row[arcs][self.arc_row[arcs] >= 0].tolist()
        rows += self.node_row[nodes][self.node_row[nodes] >= 0].tolist()
        self.highs.addCol(
            self.eps * km - 1.0, 0.0, np.inf, len(rows), np.asarray(rows, dtype=np.int32),
            np.ones(len(rows)),
        )  # fmt: skip
        self.route_pair.append(pair)
        self.route_arcs.append(arcs)
        self.route_nodes.append(nodes)
        self.route_km.append(km)
        return True

    def _add_rows(self, arcs: np.ndarray, nodes: np.ndarray) -> None:
        """Capacity rows for these arcs and junctions, over every known route."""
        for items, row_of, members, limit, listed in (
            (arcs, self.arc_row, self.route_arcs, self.cap, self.row_arcs),
            (nodes, self.node_row, self.route_nodes, self.node_cap, self.row_nodes),
        ):
            if not len(items):
                continue
            new_row = np.full(len(row_of), -1, dtype=np.int64)
            new_row[items] = np.arange(len(items))
            rows, cols = self._entries(members, new_row)
            order = np.lexsort((cols, rows))
            rows, cols = rows[order], cols[order]
            starts = np.searchsorted(rows, np.arange(len(items))).astype(np.int32)
            self.highs.addRows(
                len(items), np.full(len(items), -np.inf), limit[items].astype(float),
                len(cols), starts, cols.astype(np.int32), np.ones(len(cols)),
            )  # fmt: skip
            row_of[items] = self.n_rows + np.arange(len(items))
            self.n_rows += len(items)
            listed.extend(items.tolist())

    def _loads(self, flows: np.ndarray):
        used = np.flatnonzero(flows > 0).tolist()
        arcs = np.zeros(len(self.cap))
        nodes = np.zeros(len(self.node_cap))
        for c in used:
            arcs[self.route_arcs[c]] += flows[c]
            nodes[self.route_nodes[c]] += flows[c]
        return arcs, nodes

    def _price(self, row_dual: np.ndarray) -> int:
        """Add the best route of every pair whose reduced cost is negative; count them."""
        y = np.zeros(len(self.cap))
        has_row = self.arc_row >= 0
        y[has_row] = row_dual[self.arc_row[has_row]]
        z = np.zeros(len(self.node_cap))
        has_node = self.node_row >= 0
        z[has_node] = row_dual[self.node_row[has_node]]
        # Duals of <= rows in a minimisation are <= 0, so these weights are >= eps * km.
        weight = self.eps * self.length - y - z[self.head]
        weight = np.maximum(weight, 0.0)
        csr, arc_ids = self.groups.graph(weight)
        key = self.groups.key
        origins = np.unique(self.origin)
        dist, pred = dijkstra(csr, directed=True, indices=origins, return_predecessors=True)
        at = np.searchsorted(origins, self.origin)
        reduced_cost = dist[at, self.dest] - 1.0 - row_dual[: self.k] - z[self.origin]
        added = 0
        n = self.groups.n
        for p in np.flatnonzero(reduced_cost < -PRICE_TOL).tolist():
            o, d = int(self.origin[p]), int(self.dest[p])
            arcs, nodes = _walk(pred[at[p]], o, d, key, arc_ids, n)
            if len(nodes) and self._add_route(p, arcs, nodes[1:]):
                added += 1
        return added

    def solve(self, demand: np.ndarray):
        """(delivered, train_km, link_flow) of the LP optimum for `demand` in this state."""
        self.highs.changeRowsBounds(  # type: ignore[attr-defined]  # in highspy, not its stubs
            self.k, np.arange(self.k, dtype=np.int32), np.full(self.k, -np.inf), demand
        )
        for _ in range(MAX_ROUNDS):
            self.highs.run()
            status = self.highs.getModelStatus()
            if status != highspy.HighsModelStatus.kOptimal:
                raise RuntimeError(
                    f"the OD flow LP did not solve: {self.highs.modelStatusToString(status)}"
                )
            solution = self.highs.getSolution()
            flows = np.clip(np.asarray(solution.col_value), 0.0, None)
            arc_load, node_load = self._loads(flows)
            over_arcs = np.flatnonzero((arc_load > self.cap + SLACK) & (self.arc_row < 0))
            over_nodes = np.flatnonzero((node_load > self.node_cap + SLACK) & (self.node_row < 0))
            if len(over_arcs) or len(over_nodes):
                self._add_rows(over_arcs, over_nodes)
                continue
            if self._price(np.asarray(solution.row_dual)) == 0:
                return self._outputs(flows, demand)
        raise RuntimeError(f"the OD flow LP did not converge in {MAX_ROUNDS} rounds")

    def _outputs(self, flows: np.ndarray, demand: np.ndarray):
        delivered = np.zeros(self.k)
        train_km = np.zeros(self.k)
        link_flow = np.zeros(len(self.cap))
        for c in np.flatnonzero(flows > 0).tolist():
            p, f = self.route_pair[c], float(flows[c])
            delivered[p] += f
            train_km[p] += f * self.route_km[c]
            link_flow[self.route_arcs[c]] += f
        rounded = np.round(np.clip(delivered, 0.0, demand), DEMAND_DECIMALS)
        return rounded, train_km, link_flow
