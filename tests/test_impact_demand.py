"""The one demand reader: CSV files, scenario rows and tables obey the same rules."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netfixtures import small_fc
from railwatch.impact.demand import (
    DemandError,
    check_demand,
    demand_rows_from_table,
    read_demand,
)
from railwatch.impact.flows import od_losses
from railwatch.network import RailNetwork

HEADER = "origin,destination,trains_per_day\n"


@pytest.fixture(scope="module")
def net():
    return RailNetwork.from_geojson(small_fc(), source_name="small")


def _csv(tmp_path, body: str):
    path = tmp_path / "demand.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_reads_a_good_file(tmp_path, net):
    path = _csv(tmp_path, "# a comment\na,d,4\n\nb,c,2.5\n")
    frame = read_demand(path, net)
    assert frame.to_dict("list") == {
        "origin": ["a", "b"],
        "destination": ["d", "c"],
        "trains_per_day": [4.0, 2.5],
    }


def test_duplicate_pair_is_an_error_naming_both_lines(tmp_path, net):
    path = _csv(tmp_path, "a,d,4\nb,c,1\na,d,2\n")
    with pytest.raises(DemandError) as err:
        read_demand(path, net)
    assert err.value.errors == [
        f"{path}: line 4: the pair a -> d is already given at {path}: line 2; "
        "give each pair once (add the figures up yourself if both are meant)"
    ]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("nan", "got NaN"),
        ("", "got an empty value"),
        ("-1", "got -1"),
        ("inf", "got inf"),
        ("1e308", "got 1e+308"),
        ("many", "got 'many'"),
    ],
)
def test_bad_trains_per_day_names_file_line_and_field(tmp_path, net, cell, shown):
    path = _csv(tmp_path, f"a,d,{cell}\n")
    with pytest.raises(DemandError) as err:
        read_demand(path, net)
    (message,) = err.value.errors
    assert message.startswith(f"{path}: line 2: trains_per_day: expected a number from 0 to")
    assert shown in message


def test_every_problem_at_once(tmp_path, net):
    path = _csv(tmp_path, "a,zz,1\nb,b,2\na,d,nan\n,c,1\n")
    with pytest.raises(DemandError) as err:
        read_demand(path, net)
    errors = err.value.errors
    assert len(errors) == 4
    assert errors[0].startswith(f"{path}: line 2: destination: ") and "'zz'" in errors[0]
    assert errors[1] == f"{path}: line 3: origin and destination are the same ('b')"
    assert errors[2].startswith(f"{path}: line 4: trains_per_day")
    assert errors[3] == f"{path}: line 5: origin: expected a node id, got an empty value"


def test_file_level_errors(tmp_path, net):
    with pytest.raises(DemandError, match="file not found"):
        read_demand(tmp_path / "missing.csv", net)
    bad_header = tmp_path / "h.csv"
    bad_header.write_text("from,to,trains\na,b,1\n")
    with pytest.raises(DemandError, match="line 1: missing column"):
        read_demand(bad_header, net)
    only_header = _csv(tmp_path, "")
    with pytest.raises(DemandError, match="no demand rows after the header"):
        read_demand(only_header, net)
    with pytest.raises(DemandError, match="not a regular file"):
        read_demand(tmp_path, net)


def test_inline_rows_need_text_ids_and_numbers():
    rows = [
        ("demand[0]", {"origin": ["a"], "destination": "d", "trains_per_day": 1}),
        ("demand[1]", {"origin": "a", "destination": 5, "trains_per_day": True}),
        ("demand[2]", {"origin": "a", "destination": "d", "trains_per_day": 10**400}),
        ("demand[3]", "a,d,1"),
    ]
    with pytest.raises(DemandError) as err:
        check_demand(rows)
    errors = err.value.errors
    assert errors[0] == "demand[0]: origin: expected a node id (text), got ['a']"
    assert errors[1] == "demand[1]: destination: expected a node id (text), got 5"
    assert errors[2].startswith("demand[1]: trains_per_day: expected a number")
    assert errors[3].endswith("got a 401-digit number")
    assert errors[4].startswith("demand[3]: expected origin, destination and trains_per_day")


def test_tables_follow_the_same_rules_but_may_repeat_a_pair(net):
    table = pd.DataFrame({"origin": ["a"], "destination": ["d"], "trains_per_day": [math.nan]})
    with pytest.raises(DemandError, match="demand row 0: trains_per_day: .*got NaN"):
        od_losses(net, table)
    repeated = {"origin": ["a", "a"], "destination": ["d", "d"], "trains_per_day": [1, 2]}
    assert od_losses(net, repeated)["delivered"].tolist() == [1.0, 2.0]
    with pytest.raises(DemandError, match="demand row 1: the pair a -> d is already given"):
        check_demand(demand_rows_from_table(repeated), net)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d", "zz", "", " a "]),
            st.sampled_from(["a", "b", "c", "d", "", "x"]),
            st.one_of(
                st.floats(allow_nan=True, allow_infinity=True).map(repr),
                st.integers(-5, 20).map(str),
                st.text(max_size=4),
            ),
        ),
        max_size=6,
    )
)
def test_any_rows_give_a_clean_table_or_a_demand_error(net, rows):
    records = [
        (f"row {i}", {"origin": o, "destination": d, "trains_per_day": t})
        for i, (o, d, t) in enumerate(rows)
    ]
    try:
        frame = check_demand(records, net)
    except DemandError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        return
    values = frame["trains_per_day"].to_numpy()
    assert ((values >= 0) & (values <= 10_000)).all()
    pairs = list(zip(frame["origin"], frame["destination"], strict=True))
    assert len(pairs) == len(set(pairs)) and all(o != d for o, d in pairs)


def test_rows_from_table_needs_the_columns():
    with pytest.raises(DemandError, match="missing column"):
        demand_rows_from_table({"origin": ["a"], "destination": ["b"]})
