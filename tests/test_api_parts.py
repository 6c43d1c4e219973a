"""The API's pure parts: CSV neutralising, Telegram exports, the day's closures, contested."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railwatch.api.backend import is_contested
from railwatch.api.closures_now import active_on, closure_of, closures_on
from railwatch.api.csv_safe import records_to_csv
from railwatch.api.filters import parse_bbox, parse_near
from railwatch.reports.export import FIELDS, csv_safe_cell
from railwatch.reports.text.telegram import TelegramExportError, telegram_posts


def record(**values) -> dict:
    base = {key: None for key in FIELDS}
    base.update(
        {"id": "inc-1", "claims": [], "sources": [], "reports": [], "merge": [], "quantities": []}
    )
    base.update({"casualties": {}, "line": None, "status": "unreviewed"})
    base.update(values)
    return base


# ---- CSV ---------------------------------------------------------------------------------


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("cell", ["=1+1", "+7", "-2", "@SUM(A1)", "\tx"])
def test_formula_cells_get_an_apostrophe(cell):
    text = records_to_csv([record(location_name=cell)])
    assert next(csv.DictReader(io.StringIO(text)))["location_name"] == "'" + cell


def test_plain_cells_and_numbers_are_untouched():
    text = records_to_csv([record(location_name="Kodar tunnel", lon=-3.5, lat=56.1)])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["location_name"] == "Kodar tunnel"
    assert row["lon"] == "-3.5"  # a negative number is a number, not a formula


@given(st.text(max_size=40), st.text(max_size=40))
def test_no_cell_of_report_text_reaches_a_spreadsheet_as_a_formula(name, date_text):
    text = records_to_csv([record(location_name=name, date_text=date_text, type=name)])
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    for key, original in (("location_name", name), ("date_text", date_text), ("type", name)):
        cell = row[key]
        assert not cell.startswith(FORMULA_START)
        # the cell reads back whole: what the project's one CSV rule makes of it
        assert cell == csv_safe_cell(original)


# ---- Telegram exports --------------------------------------------------------------------


def test_telegram_posts_flatten_entities_and_skip_service_messages():
    export = {
        "name": "Channel",
        "messages": [
            {"id": 1, "type": "service", "date": "2024-01-01T00:00:00"},
            {"id": 2, "type": "message", "date": "2024-01-02T10:00:00", "text": ""},
            {
                "id": 3,
                "type": "message",
                "date": "2024-01-03T10:00:00",
                "text": ["A ", {"type": "link", "text": "fire"}, " on the line."],
            },
        ],
    }
    (post,) = telegram_posts(export)
    assert (post.channel, post.message_id, post.published) == ("Channel", 3, date(2024, 1, 3))
    assert post.text == "A fire on the line."


@pytest.mark.parametrize(
    ("export", "words"),
    [
        ([], "messages"),
        ({"messages": {}}, "messages"),
        ({"messages": [5]}, "messages[0]: expected an object"),
        ({"messages": [{"text": [1]}]}, "messages[0].text"),
        ({"messages": [{"text": "x", "date": "30.11.2023"}]}, "messages[0].date"),
    ],
)
def test_bad_exports_name_the_message_and_field(export, words):
    with pytest.raises(TelegramExportError, match=words.replace("[", r"\[").replace("]", r"\]")):
        telegram_posts(export)


pieces = st.one_of(
    st.text(max_size=20), st.fixed_dictionaries({"type": st.just("bold"), "text": st.text()})
)


@given(st.lists(st.lists(pieces, max_size=4), max_size=6))
def test_any_wellformed_export_gives_one_post_per_message_with_text(bodies):
    messages = [
        {"id": i, "type": "message", "date": "2024-02-01T00:00:00", "text": body}
        for i, body in enumerate(bodies)
    ]
    posts = telegram_posts({"name": "c", "messages": messages})
    texts = [
        "".join(p if isinstance(p, str) else p["text"] for p in body).strip() for body in bodies
    ]
    assert [p.text for p in posts] == [t for t in texts if t]


# ---- the day's closures ------------------------------------------------------------------


def test_closures_follow_effect_type_and_restoration():
    fire = record(
        id="a",
        type="fire",
        effect="delayed",
        location_kind="structure",
        location_id="bam:severomuysky_tunnel",
        date_start="2023-11-29",
        restored_at="2023-12-03",
    )
    half = record(
        id="b",
        type="other",
        effect="reduced",
        location_kind="section",
        location_id="s1",
        date_start="2023-11-30",
    )
    vague = record(id="c", type="explosion", effect="blocked_both", location_kind="point")
    near = record(id="d", type="fire", location_kind="node", location_id="n1", date_start="2023")
    delayed_only = record(
        id="e", type="other", effect="delayed", location_kind="section", location_id="s2"
    )
    assert closure_of(fire).remaining == 0.0
    assert closure_of(fire).basis.startswith("assumed from the incident type")
    assert (
        closure_of(half).remaining == 0.5 and closure_of(half).basis == "reported effect: reduced"
    )
    assert closure_of(vague) is None and closure_of(near) is None
    assert closure_of(delayed_only) is None
    assert closure_of({**fire, "status": "rejected"}) is None
    tunnel = closure_of(fire)
    assert not active_on(tunnel, date(2023, 11, 28))
    assert active_on(tunnel, date(2023, 11, 29)) and active_on(tunnel, date(2023, 12, 2))
    assert not active_on(tunnel, date(2023, 12, 3))  # the day traffic resumed
    on = closures_on([fire, half, vague, near], date(2023, 12, 1))
    assert [(c.target, c.remaining) for c in on] == [
        ("bam:severomuysky_tunnel", 0.0),
        ("s1", 0.5),
    ]


def test_two_incidents_on_one_target_keep_the_harshest():
    common = {"location_kind": "section", "location_id": "s1", "date_start": "2024-01-01"}
    reduced = record(id="a", type="other", effect="reduced", **common)
    blocked = record(id="b", type="other", effect="blocked_both", **common)
    (only,) = closures_on([reduced, blocked], date(2024, 1, 2))
    assert (only.incident, only.remaining) == ("b", 0.0)


# ---- contested claims and parsing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([], False),
        ([{"stance": "asserts", "cause": "sabotage"}], False),
        ([{"stance": "asserts", "cause": "sabotage"}] * 2, False),
        (
            [
                {"stance": "asserts", "cause": "sabotage"},
                {"stance": "attributes", "cause": "short_circuit"},
            ],
            True,
        ),
        (
            [{"stance": "asserts", "cause": "sabotage"}, {"stance": "denies", "cause": "sabotage"}],
            True,
        ),
        (
            [{"stance": "speculates", "cause": "unknown"}, {"stance": "asserts", "cause": "x"}],
            False,
        ),
    ],
)
def test_contested_means_the_claims_disagree(claims, expected):
    assert is_contested(claims) is expected


def test_spatial_filters_parse_or_say_what_is_wrong():
    assert parse_bbox("1,2,3,4") == (1.0, 2.0, 3.0, 4.0)
    assert parse_near("113.2,56.1", 50) == (113.2, 56.1, 50)
    for text, words in (("1,2,3", "4 numbers"), ("a,b,c,d", "numbers"), ("3,2,1,4", "swapped")):
        with pytest.raises(ValueError, match=words):
            parse_bbox(text)
    with pytest.raises(ValueError, match="lon,lat"):
        parse_near("113", 5)
