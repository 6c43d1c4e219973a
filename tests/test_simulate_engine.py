"""Known-answer simulations on tiny networks, hand-computed."""

import numpy as np
import pytest

from netfixtures import node, section, small_fc
from railwatch.network import RailNetwork
from railwatch.simulate import build_model, parse_scenario, run_seed, simulate_run


def line_network(capacity=15):
    fc = {
        "type": "FeatureCollection",
        "features": [
            node("a", 0, 0),
            node("b", 1, 0),
            section("ab", "a", "b", [[0, 0], [1, 0]], capacity=capacity),
        ],
    }
    return RailNetwork.from_geojson(fc)


def scenario(network, closures, *, demand=10, horizon="12d", step="day", **extra):
    data = {
        "demand": [{"origin": "a", "destination": "b", "trains_per_day": demand}],
        "horizon": horizon,
        "step": step,
        "runs": 4,
        "seed": 7,
        "closures": closures,
        **extra,
    }
    return parse_scenario(data, name="test.yaml", network=network)


def run_once(scn, run=0):
    return simulate_run(build_model(scn), run_seed(scn.seed, run))


def test_cut_for_three_days_builds_backlog_then_spare_capacity_drains_it():
    # Capacity 15, demand 10: cut on days 1-3 -> backlog 10, 20, 30; then 5 a day of spare
    # capacity clears it in 6 days.
    scn = scenario(line_network(15), [{"target": "ab", "start": "1d", "duration": "3d"}])
    result = run_once(scn)
    assert result.delivered[:, 0].tolist() == [10, 0, 0, 0, 15, 15, 15, 15, 15, 15, 10, 10]
    assert result.backlog[:, 0].tolist() == [0, 10, 20, 30, 25, 20, 15, 10, 5, 0, 0, 0]
    assert result.unmet.sum() == 0


def test_without_spare_capacity_the_backlog_never_clears():
    scn = scenario(line_network(10), [{"target": "ab", "start": "1d", "duration": "3d"}])
    result = run_once(scn)
    assert result.backlog[:, 0].tolist() == [0, 10, 20, 30] + [30] * 8
    assert result.delivered[4:, 0].tolist() == [10] * 8


def test_partial_day_closure_takes_the_time_weighted_share():
    # Closed from hour 30 to hour 42: day 1 keeps 12/24 of 15 = 7.5 trains.
    scn = scenario(line_network(15), [{"target": "ab", "start": "30h", "duration": "12h"}])
    result = run_once(scn)
    assert result.delivered[:4, 0].tolist() == [10, 7.5, 12.5, 10]
    assert result.backlog[:4, 0].tolist() == [0, 2.5, 0, 0]


def test_partial_restoration_stages_give_back_capacity_in_steps():
    # Half capacity (7.5) from day 2, full from day 4: backlog 10 (day 1), 12.5, 15, then drains.
    closure = {
        "target": "ab",
        "start": "1d",
        "restoration": {
            "stages": [{"remaining": 0.5, "after": "1d"}, {"remaining": 1, "after": "3d"}]
        },
    }
    result = run_once(scenario(line_network(15), [closure]))
    assert result.delivered[:7, 0].tolist() == [10, 0, 7.5, 7.5, 15, 15, 15]
    assert result.backlog[:7, 0].tolist() == [0, 10, 12.5, 15, 10, 5, 0]


def test_max_backlog_turns_the_excess_into_unmet():
    scn = scenario(
        line_network(15),
        [{"target": "ab", "start": "1d", "duration": "3d"}],
        max_backlog="2d",
    )
    result = run_once(scn)
    assert result.backlog[1:4, 0].tolist() == [10, 20, 20]
    assert result.unmet[1:4, 0].tolist() == [0, 0, 10]


def test_hourly_steps_match_daily_totals_for_whole_day_closures():
    closures = [{"target": "ab", "start": "1d", "duration": "3d"}]
    daily = run_once(scenario(line_network(15), closures))
    hourly = run_once(scenario(line_network(15), closures, step="hour"))
    assert hourly.delivered.shape == (12 * 24, 1)
    per_day = hourly.delivered[:, 0].reshape(12, 24).sum(axis=1)
    assert per_day[:4].tolist() == pytest.approx([10, 0, 0, 0])
    # Hourly steps release backlog sooner, so recovery ends no later than with daily steps.
    assert per_day.sum() >= daily.delivered.sum() - 1e-6


def test_tunnel_closure_moves_traffic_to_the_bypass_with_a_detour():
    net = RailNetwork.from_geojson(small_fc())
    data = {
        "demand": [{"origin": "a", "destination": "d", "trains_per_day": 4}],
        "horizon": "5d",
        "seed": 1,
        "closures": [{"target": "big_tunnel", "start": "1d", "duration": "2d"}],
    }
    scn = parse_scenario(data, name="t.yaml", network=net)
    model = build_model(scn)
    result = simulate_run(model, run_seed(1, 0))
    assert result.delivered[:, 0].tolist() == [4, 4, 4, 4, 4]
    # 4 trains x (140 - 100) km extra on the bypass on days 1 and 2.
    extra = result.train_km[:, 0] - result.train_km[0, 0]
    assert extra.tolist() == pytest.approx([0, 160, 160, 0, 0])
    tunnel = list(net.compiled.section_ids).index("bc:tunnel")
    assert np.isnan(result.utilisation[1, tunnel])
    assert result.utilisation[0, tunnel] == pytest.approx(4 / 16)


def test_uncertain_incident_happens_in_about_its_share_of_runs():
    scn = scenario(
        line_network(15),
        [{"target": "ab", "start": "1d", "duration": "1d", "probability": 0.3}],
    )
    model = build_model(scn)
    hits = [simulate_run(model, run_seed(3, r)).occurred[0] for r in range(400)]
    assert 0.22 < np.mean(hits) < 0.38
