"""Scenario checks on hostile input: every error at once, bounded YAML, limits named."""

import os
import subprocess
import sys
import textwrap
import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netfixtures import small_fc
from railwatch.network import RailNetwork, save_network
from railwatch.simulate import Scenario, ScenarioError, load_scenario, parse_scenario
from railwatch.simulate.safe_yaml import YAMLLimitError, safe_load
from railwatch.simulate.scenario import CELLS_ENV

NET = RailNetwork.from_geojson(small_fc())
BASE = {
    "demand": [{"origin": "a", "destination": "d", "trains_per_day": 4}],
    "horizon": "10d",
    "closures": [{"target": "big_tunnel", "start": "1d", "duration": "2d"}],
}

BOMB = textwrap.dedent(
    """\
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
    demand: *i
    """
)


def errors_of(data, name="s.yaml"):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(data, name=name, network=NET)
    return info.value.errors


def test_eight_problems_in_one_run_each_with_its_key_path():
    data = {
        "colour": "red",
        "step": "week",
        "runs": 0,
        "horizon": "forever",
        "description": ["a", "list"],
        "demand": [{"origin": "a", "destination": "zz", "trains_per_day": float("nan")}],
        "closures": [
            {"target": "big_tunel", "start": "1d", "duration": "2d"},
            {"target": "ab", "start": "1d", "duration": "1d", "remaining": 2, "id": 7},
        ],
        "restoration_defaults": {"fire": {"dist": "gauss"}},
    }
    errors = errors_of(data)
    paths = [e.split(": ")[1] for e in errors]
    assert sorted(paths) == sorted(
        [
            "colour",
            "step",
            "runs",
            "horizon",
            "description",
            "demand[0].destination",
            "demand[0].trains_per_day",
            "closures[0].target",
            "closures[1].id",
            "closures[1].remaining",
            "restoration_defaults.fire.dist",
        ]
    )
    assert "s.yaml: runs: expected a whole number >= 1, got 0" in errors
    assert "s.yaml: description: expected text, got ['a', 'list']" in errors
    assert "s.yaml: closures[1].id: expected text, got 7" in errors
    assert "s.yaml: closures[1].remaining: expected a number from 0 to 1, got 2" in errors


@pytest.mark.parametrize(
    ("change", "path", "needle"),
    [
        ({"horizon": "100000000d"}, "horizon", "expected a duration up to 7305d"),
        ({"horizon": "9" * 400 + "d"}, "horizon", "expected a duration up to"),
        ({"runs": 10**12}, "runs", "<= 1,000,000 (the limit on runs)"),
        ({"runs": 10**400}, "runs", "the limit on runs"),
        ({"runs": "10**12"}, "runs", "expected a whole number >= 1, got '10**12'"),
        ({"seed": -1}, "seed", "expected a whole number >= 0"),
        ({"horizon": "0d"}, "horizon", "expected a positive duration, got '0d'"),
        ({"max_backlog": "1e9d"}, "max_backlog", "expected a duration with a unit"),
    ],
)
def test_limits_fail_instantly_and_say_what_was_expected(change, path, needle):
    started = time.perf_counter()
    errors = errors_of({**BASE, **change})
    assert time.perf_counter() - started < 2
    assert any(e.startswith(f"s.yaml: {path}: ") and needle in e for e in errors), errors


def test_runs_times_steps_times_pairs_limit_names_the_variable(monkeypatch):
    data = {**BASE, "runs": 900_000, "horizon": "7000d", "step": "day"}
    [message] = errors_of(data)
    assert message.startswith("s.yaml: runs: 900,000 runs x 7,000 day steps x 1 pair(s)")
    assert CELLS_ENV in message
    monkeypatch.setenv(CELLS_ENV, str(10**10))
    scenario = parse_scenario(data, name="s.yaml", network=NET)
    assert scenario.runs == 900_000


@pytest.mark.parametrize(
    ("closure", "path", "needle"),
    [
        ({"probability": float("inf")}, "probability", "from 0 to 1"),
        ({"remaining": float("nan")}, "remaining", "from 0 to 1"),
        ({"target": ["ab"]}, "target", "expected text, got ['ab']"),
        ({"description": {"a": 1}}, "description", "expected text"),
        ({"source": [None]}, "source", "expected text or a list of texts, got None"),
        ({"id": 12}, "id", "expected text, got 12"),
        ({"direction": "up"}, "direction", "expected one of both, forward, backward"),
        ({"start": 5}, "start", "expected a date-time"),
        ({"duration": "1e9d"}, "duration", "expected a duration with a unit"),
        ({"duration": "99999999d"}, "duration", "up to 7305d"),
    ],
)
def test_closure_fields_are_typed_and_ranged(closure, path, needle):
    data = {**BASE, "closures": [{**BASE["closures"][0], **closure}]}
    errors = errors_of(data)
    assert any(e.startswith(f"s.yaml: closures[0].{path}: ") and needle in e for e in errors), (
        errors
    )


def test_restoration_stages_errors_have_deep_key_paths():
    restoration = {
        "stages": [
            {"remaining": 0.5, "after": {"dist": "uniform", "low": "3d", "high": "1d"}},
            {"remaining": 1.0, "after": {"dist": "lognormal", "median": "1d"}},
        ]
    }
    data = {**BASE, "closures": [{"target": "ab", "start": "1d", "restoration": restoration}]}
    assert errors_of(data) == [
        "s.yaml: closures[0].restoration.stages[0].after: expected low <= high",
        "s.yaml: closures[0].restoration.stages[1].after.p90: missing",
    ]


def test_the_yaml_bomb_is_refused_by_the_loader():
    with pytest.raises(YAMLLimitError, match="aliases expand to more than"):
        safe_load(BOMB)
    with pytest.raises(YAMLLimitError, match="recursive alias"):
        safe_load("a: &x [1, *x]\n")
    with pytest.raises(YAMLLimitError, match="nested more than"):
        safe_load("[" * 100_000 + "]" * 100_000)
    assert safe_load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_the_yaml_bomb_fails_fast_under_a_memory_limit(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)
    assert len(BOMB.encode()) < 600
    script = textwrap.dedent(
        f"""
        import resource, sys
        from railwatch.simulate import ScenarioError, load_scenario
        # 1 GiB of address space on top of what the imports took
        used = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        limit = used + 2**30
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        try:
            load_scenario({str(path)!r})
        except ScenarioError as exc:
            print(exc)
            sys.exit(3)
        """
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr[-2000:]
    assert time.perf_counter() - started < 30  # mostly the imports
    assert "refused: aliases expand to more than 200,000 values" in done.stdout
    assert "Traceback" not in done.stderr


def test_special_and_oversized_files_are_refused(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ScenarioError, match="not a regular file"):
        load_scenario(fifo)  # must not block waiting for a writer
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (6 * 1024 * 1024) + "\n")
    with pytest.raises(ScenarioError, match="larger than"):
        load_scenario(big)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(latin)


def test_duplicate_demand_rows_in_a_scenario_file_are_an_error(tmp_path):
    save_network(NET, tmp_path / "n.geojson")
    (tmp_path / "d.csv").write_text("origin,destination,trains_per_day\na,d,3\na,d,1\n")
    (tmp_path / "s.yaml").write_text(
        yaml.safe_dump({**BASE, "network": "n.geojson", "demand": "d.csv"})
    )
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "s.yaml")
    [message] = info.value.errors
    assert "d.csv: line 3: the pair a -> d is already given at" in message
    assert "line 2" in message


values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["0d", "1d", "2h", "ab", "big_tunnel", "a", "d", "2023-11-29", "never"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
keys = st.sampled_from(
    ["demand", "horizon", "step", "runs", "seed", "closures", "start", "max_backlog", "name"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(keys, values, max_size=6))
def test_any_mapping_gives_a_scenario_or_a_scenario_error(changes):
    try:
        result = parse_scenario({**BASE, **changes}, name="s.yaml", network=NET)
    except ScenarioError as exc:
        assert exc.errors and all(e.startswith("s.yaml") for e in exc.errors)
    else:
        assert isinstance(result, Scenario) and result.horizon_h > 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_gives_a_scenario_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("y") / "s.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_scenario(path)
    except ScenarioError as exc:
        assert exc.errors


def test_numbers_in_prose_are_read_as_text_but_ids_stay_strict():
    closure = {
        **BASE["closures"][0],
        "description": 12345,
        "source": [7, "https://example.org"],
        "claims": [{"officials": 3}],
    }
    scenario = parse_scenario({**BASE, "name": 2023, "closures": [closure]}, network=NET)
    [event] = scenario.closures
    assert (scenario.name, event.description) == ("2023", "12345")
    assert event.sources == ("7", "https://example.org")
    assert event.claims == ("officials: 3",)
    restoration = {"dist": "fixed", "value": "30h", "source": 7}
    data = {**BASE, "closures": [{"target": "ab", "start": "1d", "restoration": restoration}]}
    assert parse_scenario(data, network=NET).closures[0].restoration.source == "7"
    assert errors_of({**BASE, "closures": [{**closure, "target": 5}]}) == [
        "s.yaml: closures[0].target: expected text, got 5"
    ]
