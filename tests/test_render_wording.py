"""Stored values in words, and times in the scenario's own zone."""

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from railwatch.render.clock import calendar_text, scenario_start, scenario_zone, when_text
from railwatch.render.report_incidents import source_ref, web_address
from railwatch.render.wording import (
    claim_sentence,
    effect_words,
    event_label,
    first_clause,
    kind_words,
    shorten,
)


@pytest.mark.parametrize(
    ("claimant", "stance", "cause", "expected"),
    [
        ("Russian officials", "denies", "unknown", "Russian officials deny the cause"),
        ("Russian Railways", "denies", "sabotage", "Russian Railways denies it was sabotage"),
        ("SBU", "asserts", "sabotage", "SBU says it was sabotage"),
        ("police", "asserts", "arson", "Police say it was arson"),
        (
            "Russian Railways",
            "attributes",
            "short_circuit",
            "Russian Railways attributes it to a short circuit",
        ),
        (
            "transport prosecutors",
            "speculates",
            "safety_violation",
            "Transport prosecutors suggest it may have been a breach of safety rules",
        ),
        ("Baza", "asserts", "new_cause", "Baza says it was new cause"),
    ],
)
def test_claims_in_words(claimant, stance, cause, expected):
    assert claim_sentence(claimant, stance, cause) == expected


def test_no_raw_enum_values_in_words():
    assert effect_words("blocked_both") == "traffic blocked both ways"
    assert effect_words(None) == "not reported"
    assert kind_words("drone_strike") == "drone strike"


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("https://example.org/a?x=1&y=2", "https://example.org/a?x=1&y=2"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org/x", None),
        ("data:text/html,<b>x</b>", None),
        ("https://", None),
        ("Outlet https://example.net/story", None),
        ("corridor_facts.md section 7", None),
        (7, None),
    ],
)
def test_only_http_urls_are_links(value, url):
    assert web_address(value) == url
    assert source_ref(value).url == url
    assert source_ref(value).text == str(value)


@given(st.text())
def test_web_address_never_raises_and_only_says_http(text):
    url = web_address(text)
    assert url is None or url.lower().startswith(("http://", "https://"))


def test_shorten_and_first_clause():
    assert first_clause("Fire in the tunnel; crew out. More.") == "Fire in the tunnel"
    assert first_clause("Trains via St. Petersburg stop") == "Trains via St. Petersburg stop"
    assert shorten("one two three four", 10) == "one two\u2026"
    assert shorten("short", 10) == "short"


def _closure(**fields):
    base = {"description": None, "probability": 1.0, "target": "big_tunnel", "id": "tun-fire"}
    return SimpleNamespace(**{**base, **fields})


def test_event_label_from_description_not_id():
    label = event_label(_closure(description="Fire in the tunnel; train stopped"))
    assert label == "Fire in the tunnel"
    assert "tun-fire" not in label
    assert event_label(_closure(description=42)) == "42"
    uncertain = event_label(_closure(description="Blast", probability=0.3))
    assert uncertain == "Blast (p = 0.3)"


def test_event_label_without_description_names_the_target():
    from netfixtures import small_fc
    from railwatch.network import RailNetwork

    net = RailNetwork.from_geojson(small_fc())
    assert event_label(_closure(), net) == "Big_Tunnel closed"


def _scenario(raw, start):
    return SimpleNamespace(raw=raw, start=start)


def test_times_in_the_zone_the_scenario_was_written_in():
    scenario = _scenario(
        {"start": "2023-11-29T00:00+03:00"},
        dt.datetime(2023, 11, 28, 21, 0),  # naive UTC
    )
    assert scenario_zone(scenario).utcoffset(None) == dt.timedelta(hours=3)
    assert scenario_start(scenario).hour == 0
    assert when_text(scenario, 17 + 20 / 60) == "29 Nov 2023 17:20 (UTC+03:00)"


def test_zone_from_a_dated_closure_or_utc():
    closure_dated = _scenario(
        {"closures": [{"start": "41h"}, {"start": "2024-01-05T10:00-05:30"}]},
        dt.datetime(2024, 1, 5, 0, 0),
    )
    assert calendar_text(scenario_start(closure_dated)) == "4 Jan 2024 18:30 (UTC-05:30)"
    plain = _scenario({"start": "2024-01-05"}, dt.datetime(2024, 1, 5))
    assert calendar_text(scenario_start(plain)) == "5 Jan 2024 00:00 (UTC)"
    assert when_text(_scenario({}, None), 41) == "+41 h"


def test_first_clause_keeps_abbreviations():
    assert first_clause("Tunnel named after V. A. Bessolov shut. Later") == (
        "Tunnel named after V. A. Bessolov shut"
    )
