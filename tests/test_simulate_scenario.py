"""Scenario files: parsing, defaults, and errors that name the file, the key and the need."""

import filecmp
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from netfixtures import small_fc
from railwatch.network import RailNetwork
from railwatch.simulate import ScenarioError, example_scenario_path, load_scenario, parse_scenario
from railwatch.simulate.durations import parse_duration_hours
from railwatch.simulate.restoration import LogNormal

NET = RailNetwork.from_geojson(small_fc())
BASE = {
    "demand": [{"origin": "a", "destination": "d", "trains_per_day": 4}],
    "horizon": "10d",
    "closures": [{"target": "big_tunnel", "start": "1d", "duration": "2d"}],
}


def errors_of(data, name="scenario.yaml"):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(data, name=name, network=NET)
    return info.value.errors


def with_closure(**changes):
    closure = {"target": "big_tunnel", "start": "1d", **changes}
    return {**BASE, "closures": [BASE["closures"][0], closure]}


def test_unknown_distribution_names_file_key_path_and_choices():
    data = with_closure(restoration={"dist": "gauss", "median": "3d"})
    assert errors_of(data) == [
        "scenario.yaml: closures[1].restoration.dist: expected one of fixed, uniform, "
        "triangular, lognormal, empirical, got 'gauss'"
    ]


def test_every_problem_is_listed_at_once():
    data = {
        **BASE,
        "step": "week",
        "runs": 0,
        "colour": "red",
        "closures": [{"target": "big_tunnel", "start": "1d", "duration": 3}],
    }
    errors = errors_of(data)
    assert any("colour: unknown key" in e for e in errors)
    assert any("step: expected one of day, hour, got 'week'" in e for e in errors)
    assert any("runs: expected a whole number >= 1, got 0" in e for e in errors)
    assert any("closures[0].duration: expected a duration with a unit" in e for e in errors)


def test_unknown_target_suggests_close_ids():
    data = {**BASE, "closures": [{"target": "big_tunel", "start": "1d", "duration": "1d"}]}
    [message] = errors_of(data)
    assert message.startswith("scenario.yaml: closures[0].target: unknown")
    assert "big_tunnel" in message


def test_unknown_demand_node_is_named():
    data = {**BASE, "demand": [{"origin": "a", "destination": "zz", "trains_per_day": 1}]}
    [message] = errors_of(data)
    assert "demand[0].destination" in message and "'zz'" in message


def test_closure_needs_an_end_or_a_known_type():
    assert errors_of(with_closure()) == [
        "scenario.yaml: closures[1]: needs an end, a duration, a restoration or a type with a default"
    ]
    [message] = errors_of(with_closure(type="meteor"))
    assert "closures[1].type: no default restoration for 'meteor'" in message


def test_lognormal_needs_p90_above_median():
    data = with_closure(restoration={"dist": "lognormal", "median": "3d", "p90": "2d"})
    assert errors_of(data) == ["scenario.yaml: closures[1].restoration: expected 0 < median < p90"]


def test_type_defaults_carry_their_source_and_can_be_overridden():
    scn = parse_scenario(with_closure(type="tunnel_damage"), name="s.yaml", network=NET)
    default = scn.closures[1].restoration
    assert default.stages[0].after == LogNormal(73.0, 168.0)
    assert "Severomuysky" in default.source
    override = {
        **with_closure(type="tunnel_damage"),
        "restoration_defaults": {"tunnel_damage": {"dist": "fixed", "value": "5d"}},
    }
    scn = parse_scenario(override, name="s.yaml", network=NET)
    assert scn.closures[1].restoration.stages[0].after.hours == 120.0


def test_derailment_default_restores_one_track_then_both():
    scn = parse_scenario(with_closure(type="derailment"), name="s.yaml", network=NET)
    stages = scn.closures[1].restoration.stages
    assert [s.remaining for s in stages] == [0.5, 1.0]
    assert [s.after.median for s in stages] == [23.5, 42.0]


def test_dates_set_the_clock_and_end_becomes_a_fixed_restoration():
    data = {
        **BASE,
        "closures": [
            {
                "target": "big_tunnel",
                "start": "2023-11-29T17:20+03:00",
                "end": "2023-12-02T18:20+03:00",
            }
        ],
    }
    scn = parse_scenario(data, name="s.yaml", network=NET)
    [closure] = scn.closures
    assert scn.start.isoformat() == "2023-11-29T00:00:00"
    assert closure.start_h == pytest.approx(14 + 20 / 60)  # 14:20 UTC
    assert closure.restoration.stages[0].after.hours == pytest.approx(73.0)


def test_relative_paths_resolve_against_the_scenario_file(tmp_path):
    (tmp_path / "net").mkdir()
    from railwatch.network import save_network

    save_network(NET, tmp_path / "net" / "small.geojson")
    (tmp_path / "demand.csv").write_text("origin,destination,trains_per_day\na,d,3\n")
    (tmp_path / "s.yaml").write_text(
        yaml.safe_dump({**BASE, "network": "net/small.geojson", "demand": "demand.csv"})
    )
    scn = load_scenario(tmp_path / "s.yaml")
    assert scn.demand["trains_per_day"].tolist() == [3.0]
    assert scn.name == "s"


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("demand:\n  - {origin: a\nhorizon: 3d\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(path) in str(info.value) and "line" in str(info.value)


def test_packaged_example_loads_and_matches_the_examples_copy():
    scn = load_scenario(example_scenario_path())
    assert [c.id for c in scn.closures] == ["severomuysky-tunnel-fire", "devils-bridge-blast"]
    assert scn.closures[1].probability == 0.3
    copy = Path(__file__).parents[1] / "examples" / "severomuysky-2023.yaml"
    assert filecmp.cmp(copy, example_scenario_path(), shallow=False)


@given(
    days=st.integers(0, 400),
    hours=st.integers(0, 23),
    minutes=st.integers(0, 59),
)
def test_duration_text_round_trips(days, hours, minutes):
    text = f"{days}d {hours}h {minutes}min"
    assert parse_duration_hours(text) == pytest.approx(days * 24 + hours + minutes / 60)


@given(st.text(max_size=12))
def test_duration_parser_accepts_or_explains(text):
    try:
        value = parse_duration_hours(text)
    except ValueError as exc:
        assert "expected a duration with a unit" in str(exc)
    else:
        assert value >= 0
