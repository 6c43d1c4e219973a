"""The graph the unmet-demand LP runs on: dead ends cut off, chains merged (hand-solved)."""

import numpy as np

from railwatch.impact.prune import prune_for_flow


def test_dead_ends_cut_off_and_chains_merged():
    """Terminals 0 and 3. Between them: 0-1-2-3 (a chain), 0-4-3 with a loop 4-5-6-4
    hanging off 4 (a dead end once 5 is merged away), and 0-7-3 where 7 limits its
    throughput (kept). 1-3 has no capacity and 3-3 is a loop: both carry nothing."""
    links = [(0, 1), (1, 2), (2, 3), (0, 4), (4, 3), (4, 5), (5, 6), (6, 4)]
    links += [(0, 7), (7, 3), (1, 3), (3, 3)]
    tail, head = np.array(links).T
    cap = np.array([9, 7, 8, 5, 6, 3, 3, 3, 4, 4, 0, 5], dtype=float)
    length = np.array([10, 20, 30, 40, 50, 1, 1, 1, 60, 70, 5, 5], dtype=float)
    node_cap = np.full(8, np.inf)
    node_cap[7] = 3.0
    pruned = prune_for_flow(8, tail, head, cap, length, node_cap, [0, 3])
    assert pruned.n_nodes == 3  # 0, 3 and 7
    assert list(pruned.node_map[[0, 3, 7]]) == [0, 1, 2]
    assert (pruned.node_map[[1, 2, 4, 5, 6]] == -1).all()
    chain = pruned.link_map[[0, 1, 2]]
    assert len(set(chain)) == 1 and chain[0] >= 0  # one link for 0-1-2-3
    assert pruned.link_map[3] == pruned.link_map[4] != chain[0]  # one for 0-4-3
    assert (pruned.link_map[[5, 6, 7, 10, 11]] == -1).all()  # the loop, 1-3, 3-3
    assert pruned.n_links == 4
    ends = {
        int(k): sorted([int(pruned.tail[k]), int(pruned.head[k])]) for k in range(pruned.n_links)
    }
    assert ends[chain[0]] == [0, 1] and ends[pruned.link_map[3]] == [0, 1]
    assert pruned.capacity[chain[0]] == 7 and pruned.length_km[chain[0]] == 60
    assert pruned.capacity[pruned.link_map[3]] == 5 and pruned.length_km[pruned.link_map[3]] == 90
    assert ends[pruned.link_map[8]] == [0, 2] and ends[pruned.link_map[9]] == [1, 2]
    assert pruned.node_capacity[2] == 3.0


def test_a_terminal_at_the_end_of_a_branch_keeps_the_branch():
    # 0-1-2 with 2 a terminal: nothing is cut, the chain through 1 becomes one link
    pruned = prune_for_flow(3, [0, 1], [1, 2], [4.0, 6.0], [1.0, 2.0], np.full(3, np.inf), [0, 2])
    assert pruned.n_links == 1 and list(pruned.link_map) == [0, 0]
    assert pruned.capacity[0] == 4 and pruned.length_km[0] == 3
    # without 2 as a terminal the whole branch is a dead end
    pruned = prune_for_flow(3, [0, 1], [1, 2], [4.0, 6.0], [1.0, 2.0], np.full(3, np.inf), [0])
    assert pruned.n_links == 0 and list(pruned.link_map) == [-1, -1] and pruned.n_nodes == 1
