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

import numpy as np

from railwatch.impact.chains import Links, reduce_chains
from railwatch.impact.closures import Closure, arc_capacities, resolve_target
from railwatch.impact.route_lp import (
    DEMAND_DECIMALS as DEMAND_DECIMALS,  # re-exported: the engine and tests use it
)
from railwatch.impact.route_lp import (
    SLACK,
    ArcGroups,
    RouteLP,
    RoutePool,
    Routes,
    shortest_routes,
    usable_arcs,
)

STATES_KEPT = 256  # capacity states kept per process (about 40 KB each)
ROUTE_SETS_KEPT = 64  # shortest-route sets (one per set of usable arcs) kept per process
MEMO_BYTES = 128 * 2**20  # link flows kept in the memo, at most


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
        r = self.reduced
        self.usable = usable_arcs(r.tail, r.head, self.cap, self.junction_cap)
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
                lp = self.route_lp(start)
                lp.solve(reference)
                seed = lp.pool()
            self._seed = seed
        return self._seed

    def route_lp(self, pool: RoutePool) -> RouteLP:
        """A route master for this state, starting from `pool`."""
        c = self.cache
        args = (self.reduced.length, c.origin, c.dest, c.eps, self.cap, self.junction_cap)
        return RouteLP(self.groups, *args, pool)

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
            delivered, train_km, link_flow = self.route_lp(self.seed()).solve(demand)
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
            r = self.reduced
            groups = ArcGroups(r.tail, r.head, r.n_junctions, usable)
            found = (groups, shortest_routes(r.length, self.origin, self.dest, groups))
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
