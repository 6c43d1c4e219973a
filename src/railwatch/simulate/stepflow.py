"""The flow of one step, fast: on the reduced graph, with a shortcut, a memo and a small LP.

For a given capacity state the impact engine's multi-commodity LP (maximise delivered
trains, then fewest train-km; one commodity per pair) is solved only when it has to be,
and never on the whole network:

0. Reduced graph. Chains of plain two-section stations are merged into links once per
   model (`impact.chains`), keeping the pairs' ends, the closures' nodes and every node
   with a throughput limit as junctions. A link's capacity in each direction is the
   smallest of its sections' in that direction, so flows, train-km and deliveries are
   the same as on the full network; section utilisation is read back from its link.
1. Uncongested shortcut. If every pair's whole demand fits on its shortest open route
   without filling any arc or node, that routing is the LP optimum (everything is
   delivered, each train on a shortest path), so no solve is needed. Routes depend only
   on which link arcs are usable, so states that close the same links share them.
2. Memo. Otherwise the result is cached by (capacity state, demand vector). Demands and
   backlogs are rounded to 1e-6 trains, and capacity shares to whole hours, so the same
   states recur within a run and across runs. States and memos are kept in LRUs, so
   memory stays bounded however many states a Monte Carlo visits.
3. LP by routes (`RouteLP`). The same LP written over routes instead of arcs (the flow
   decomposition of any optimal arc flow is an optimal route flow, and back): a master
   with one column per known route, one row per pair (its demand) and rows only for the
   arcs and nodes that the known routes could overfill; new routes come from a shortest
   path under the duals (column generation), new rows from the arcs the solution
   overfills (row generation). It stops when neither exists, which is the optimality
   test of the full LP (to a reduced-cost tolerance of 1e-10). The master has a few
   hundred columns instead of the arc LP's (pairs x link arcs), so a solve takes
   milliseconds, not the arc LP's 0.1-0.3 s of refactorising a 130,000-row basis.

Every answer is a pure function of (state, demand): each solve starts from the same
master (the state's shortest routes) and runs the same deterministic steps, so cached and
fresh results are identical, and results do not depend on the order of solves or how runs
are split across processes or machines. This matters where the optimum is not unique
(two pairs through one closure share the same detour: which of them takes it is a tie).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from railwatch.impact.chains import Links, reduce_chains
from railwatch.impact.closures import Closure, arc_capacities, resolve_target
from railwatch.impact.highs import new_highs

DEMAND_DECIMALS = 6
SLACK = 1e-9  # capacity use within this of the limit counts as fitting
# A route improves the master if its reduced cost is below -PRICE_TOL. Far tighter than
# HiGHS's default 1e-7 (the master is small): a route 2 cm shorter is already preferred,
# so near-ties between routes resolve the same way whatever basis the master started from.
PRICE_TOL = 1e-10
STATES_KEPT = 256  # capacity states kept per process (about 40 KB each)
ROUTE_SETS_KEPT = 64  # shortest-route sets (one per set of usable arcs) kept per process
MEMO_BYTES = 128 * 2**20  # link flows kept in the memo, at most
MAX_ROUNDS = 200  # column/row generation rounds per solve before giving up (never seen)


@dataclass(frozen=True)
class StepFlow:
    """What one step delivers: per pair delivered and train-km; per section utilisation."""

    delivered: np.ndarray  # (K,)
    train_km: np.ndarray  # (K,)
    link_flow: np.ndarray  # (2L,) trains per step on each link arc of the reduced graph
    state: StateFlow
    solved: bool  # True if the LP was called (for statistics and tests)

    @property
    def utilisation(self) -> np.ndarray:
        """(m,) max over both directions of flow / capacity per section; NaN if closed."""
        return self.state.reduced.utilisation(self.link_flow, self.state.section_arc_cap())


class ReducedGraph:
    """The network with chains merged, and the maps between sections and link arcs."""

    def __init__(self, network, keep_nodes: list[int]):
        graph = network.compiled
        finite = np.flatnonzero(np.isfinite(graph.node_capacity))
        self.links: Links = reduce_chains(graph, [*keep_nodes, *finite.tolist()])
        links = self.links
        self.m = graph.n_sections
        self.n_links = links.n_links
        self.n_junctions = links.n_junctions
        self.tail = np.concatenate([links.tail, links.head])
        self.head = np.concatenate([links.head, links.tail])
        self.length = np.concatenate([links.length_km, links.length_km])
        forward = links.section_forward
        # For each section arc (forward, then backward), the link arc that carries it.
        along = links.section_link
        against = links.section_link + self.n_links
        self.arc_link_arc = np.concatenate(
            [np.where(forward, along, against), np.where(forward, against, along)]
        )
        # Section arcs sorted by link arc, so a link's capacity is one reduceat.
        self._by_link = np.argsort(self.arc_link_arc, kind="stable")
        sorted_links = self.arc_link_arc[self._by_link]
        self._link_start = np.searchsorted(sorted_links, np.arange(2 * self.n_links))
        self._has_sections = np.bincount(sorted_links, minlength=2 * self.n_links) > 0
        self.junction_of = np.full(graph.n_nodes, -1, dtype=np.int64)
        self.junction_of[links.junction_node] = np.arange(links.n_junctions)

    def link_capacity(self, arc_cap: np.ndarray, node_cap: np.ndarray):
        """(2L,) link arc capacities and (J,) junction capacities for full-network ones."""
        cap = np.full(2 * self.n_links, np.inf)
        starts = np.minimum(self._link_start, len(self._by_link) - 1)
        mins = np.minimum.reduceat(arc_cap[self._by_link], starts)
        cap[self._has_sections] = mins[self._has_sections]
        return cap, node_cap[self.links.junction_node]

    def utilisation(self, link_flow: np.ndarray, arc_cap: np.ndarray) -> np.ndarray:
        flow = link_flow[self.arc_link_arc]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(arc_cap > 0, flow / arc_cap, np.nan)
        fwd, bwd = ratio[: self.m], ratio[self.m :]
        out = np.fmax(fwd, bwd)  # NaN only where both directions are closed
        return out


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

    def __init__(self, reduced: ReducedGraph, usable: np.ndarray):
        arc_ids = np.flatnonzero(usable)
        t, h = reduced.tail[arc_ids], reduced.head[arc_ids]
        order = np.lexsort((arc_ids, h, t))
        self.arc_ids = arc_ids[order]
        t, h = t[order], h[order]
        first = np.ones(len(t), dtype=bool)
        first[1:] = (t[1:] != t[:-1]) | (h[1:] != h[:-1])
        self.starts = np.flatnonzero(first)
        self.group = np.cumsum(first) - 1
        self.parallel = len(self.starts) < len(t)
        self.n = reduced.n_junctions
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


def usable_arcs(reduced: ReducedGraph, cap: np.ndarray, node_cap: np.ndarray) -> np.ndarray:
    """(2L,) bool: arcs with capacity between junctions that are open, and not loops."""
    usable = (cap > 0) & (node_cap[reduced.tail] > 0) & (node_cap[reduced.head] > 0)
    return usable & (reduced.tail != reduced.head)


def shortest_routes(reduced: ReducedGraph, origin, dest, groups: ArcGroups) -> Routes:
    """Per pair the shortest route over the usable arcs (ties: lowest arc ids first)."""
    csr, arc_ids = groups.graph(reduced.length)
    key = groups.key
    n = reduced.n_junctions
    preds: dict[int, np.ndarray] = {}
    arcs_out, nodes_out = [], []
    for o, d in zip(origin.tolist(), dest.tolist(), strict=True):
        if o not in preds:
            _, preds[o] = dijkstra(csr, directed=True, indices=o, return_predecessors=True)
        arcs, nodes = _walk(preds[o], o, d, key, arc_ids, n)
        arcs_out.append(arcs)
        nodes_out.append(nodes)
    k = len(arcs_out)
    arc_use = _incidence(arcs_out, 2 * reduced.n_links)
    node_use = _incidence(nodes_out, n)
    km = np.array([reduced.length[a].sum() for a in arcs_out]) if k else np.zeros(0)
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
    Starts from `pool`: fixed per state, so every solve starts the same way.
    """

    def __init__(self, state: StateFlow, pool: RoutePool):
        cache = state.cache
        self.reduced = cache.reduced
        self.origin, self.dest = cache.origin, cache.dest
        self.k = len(self.origin)
        self.eps = cache.eps
        self.cap = state.cap
        self.node_cap = state.junction_cap
        self.groups = state.groups
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
        km = float(self.reduced.length[arcs].sum())
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
        weight = self.eps * self.reduced.length - y - z[self.reduced.head]
        weight = np.maximum(weight, 0.0)
        csr, arc_ids = self.groups.graph(weight)
        key = self.groups.key
        origins = np.unique(self.origin)
        dist, pred = dijkstra(csr, directed=True, indices=origins, return_predecessors=True)
        at = np.searchsorted(origins, self.origin)
        reduced_cost = dist[at, self.dest] - 1.0 - row_dual[: self.k] - z[self.origin]
        added = 0
        n = self.reduced.n_junctions
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


class StateFlow:
    """All the flow answers for one capacity state (shares of each closure's target)."""

    def __init__(self, cache: FlowCache, shares: np.ndarray):
        self.cache = cache
        self.reduced = cache.reduced
        self.key = shares.tobytes()
        # Capacities per step: the daily figures times the step's length in days. Only
        # the arcs a closure changes are kept at section level (for utilisation).
        arc_cap, node_cap = cache.capacities(shares)
        self.changed = np.flatnonzero(arc_cap != cache.open_arc_cap)
        self.changed_cap = arc_cap[self.changed]
        self.cap, self.junction_cap = self.reduced.link_capacity(arc_cap, node_cap)
        self.usable = usable_arcs(self.reduced, self.cap, self.junction_cap)
        self.groups, self.routes = cache.routes(self.usable)
        self.finite_nodes = np.isfinite(self.junction_cap)
        self.solves = 0
        self._seed: RoutePool | None = None

    def seed(self) -> RoutePool:
        """The routes and rows a solve in this state starts from (made once per state).

        The shortest routes, plus the routes and rows found while solving the reference
        demand from them: later solves then mostly need one round of pricing.
        """
        if self._seed is None:
            routes = self.routes
            reachable = np.flatnonzero(routes.reachable)
            nodes = [
                np.concatenate([[self.cache.origin[p]], routes.nodes[p][1:]]) for p in reachable
            ]
            start = RoutePool(
                reachable,
                tuple(routes.arcs[p] for p in reachable),
                tuple(nodes),
                routes.km[reachable],
                np.zeros(0, dtype=np.int64),
                np.zeros(0, dtype=np.int64),
            )
            seed = start
            reference = self.cache.reference_demand
            if reference is not None:
                lp = RouteLP(self, start)
                lp.solve(reference)
                seed = lp.pool()
            self._seed = seed
        return self._seed

    def section_arc_cap(self) -> np.ndarray:
        """(2m,) capacity per section arc and step in this state."""
        arc_cap = self.cache.open_arc_cap.copy()
        arc_cap[self.changed] = self.changed_cap
        return arc_cap

    def solve(self, demand: np.ndarray) -> StepFlow:
        """Delivered trains for `demand` (trains per step, already rounded) in this state."""
        memo = self.cache.memo
        key = (self.key, demand.tobytes())
        hit = memo.get(key)
        if hit is not None:
            memo.move_to_end(key)
            return hit
        result = self._shortcut(demand)
        if result is None:
            # A fresh master from the state's seed each time: the answer must not depend
            # on earlier solves.
            delivered, train_km, link_flow = RouteLP(self, self.seed()).solve(demand)
            self.solves += 1
            self.cache.solves += 1
            result = StepFlow(delivered, train_km, link_flow, self, True)
        memo[key] = result
        if len(memo) > self.cache.memo_kept:
            memo.popitem(last=False)
        return result

    def _shortcut(self, demand: np.ndarray) -> StepFlow | None:
        """The LP optimum without the LP when all demand fits on shortest routes."""
        routes = self.routes
        sent = np.where(routes.reachable, demand, 0.0)
        arc_flow = routes.arc_use.T @ sent
        if (arc_flow > self.cap + SLACK).any():
            return None
        if self.finite_nodes.any():
            node_flow = routes.node_use.T @ sent
            if (node_flow[self.finite_nodes] > self.junction_cap[self.finite_nodes] + SLACK).any():
                return None
        return StepFlow(sent, sent * routes.km, arc_flow, self, False)


class FlowCache:
    """The reduced graph, an LRU of capacity states and one memo; lives for one process."""

    def __init__(self, network, pairs, targets, step_days: float, reference_demand=None):
        graph = network.compiled
        self.network = network
        self.reference_demand = (
            None if reference_demand is None else np.asarray(reference_demand, dtype=float)
        )
        self.targets = targets  # per closure: (target id, direction)
        self.step_days = step_days
        keep = [graph.node_index[o] for o, _ in pairs] + [graph.node_index[d] for _, d in pairs]
        for target, _ in targets:
            kind, fid = resolve_target(network, target)
            if kind == "node":
                keep.append(graph.node_index[fid])
        self.reduced = ReducedGraph(network, keep)
        junction = self.reduced.junction_of
        self.origin = junction[[graph.node_index[o] for o, _ in pairs]]
        self.dest = junction[[graph.node_index[d] for _, d in pairs]]
        # eps as in impact.flows.SharedFlowLP on the reduced graph: one train more always
        # outweighs any extra distance; among equal deliveries, fewer train-km.
        self.eps = 0.5 / (float(self.reduced.length.sum()) / 2 or 1.0)
        open_arc, open_node = arc_capacities(network, [])
        self.open_arc_cap = open_arc * step_days
        self.open_node_cap = open_node * step_days
        self.states: OrderedDict[bytes, StateFlow] = OrderedDict()
        self._routes: OrderedDict[bytes, tuple[ArcGroups, Routes]] = OrderedDict()
        self.memo: OrderedDict[tuple[bytes, bytes], StepFlow] = OrderedDict()
        entry = 8 * (2 * self.reduced.n_links + 2 * len(pairs)) + 300
        self.memo_kept = max(64, MEMO_BYTES // entry)
        self.solves = 0

    def capacities(self, shares: np.ndarray):
        """(2m,) section arc and (n,) node capacities per step for one column of shares."""
        if (shares >= 1.0).all():
            return self.open_arc_cap, self.open_node_cap
        closures = [
            Closure(target, float(share), direction)
            for (target, direction), share in zip(self.targets, shares, strict=True)
            if share < 1.0
        ]
        arc_cap, node_cap = arc_capacities(self.network, closures)
        return arc_cap * self.step_days, node_cap * self.step_days

    def routes(self, usable: np.ndarray) -> tuple[ArcGroups, Routes]:
        """The arc groups and shortest routes over a set of usable arcs (cached by it)."""
        key = np.packbits(usable).tobytes()
        found = self._routes.get(key)
        if found is None:
            groups = ArcGroups(self.reduced, usable)
            found = (groups, shortest_routes(self.reduced, self.origin, self.dest, groups))
            self._routes[key] = found
            if len(self._routes) > ROUTE_SETS_KEPT:
                self._routes.popitem(last=False)
        else:
            self._routes.move_to_end(key)
        return found

    def state(self, shares: np.ndarray) -> StateFlow:
        """The StateFlow for one column of closure shares (1.0 = untouched)."""
        key = shares.tobytes()
        found = self.states.get(key)
        if found is not None:
            self.states.move_to_end(key)
            return found
        found = StateFlow(self, shares)
        self.states[key] = found
        if len(self.states) > STATES_KEPT:
            self.states.popitem(last=False)
        return found
