"""Known answers for the one closure rule: incident type x effect -> closed or not, until when."""

from __future__ import annotations

from datetime import date

import pytest

from railwatch.api.closures_now import closure_of
from railwatch.render.report_incidents import closure_words
from railwatch.reports.model import DateValue, Incident, Location
from railwatch.store.closure_rule import DAMAGING, closed_on, closure_until, closure_verdict

TYPES = sorted(DAMAGING) + ["sabotage_claim", "other"]
EFFECTS = ["blocked_both", "suspended", "blocked_one", "reduced", "delayed", "", None, "resumed"]


def expected(kind: str, effect: str | None) -> float | None:
    """The rule written out by hand, one row per effect."""
    table = {"blocked_both": 0.0, "suspended": 0.0, "blocked_one": 0.5, "reduced": 0.5}
    if effect in table:
        return table[effect]
    if kind in DAMAGING and effect in ("delayed", "", None, "resumed"):
        return 0.0
    return None


@pytest.mark.parametrize("kind", TYPES)
@pytest.mark.parametrize("effect", EFFECTS)
def test_every_type_and_effect_on_a_section(kind, effect):
    verdict = closure_verdict(kind, effect, "section")
    want = expected(kind, effect)
    if want is None:
        assert verdict is None
    else:
        assert verdict is not None and verdict.remaining == want
        reported = effect in ("blocked_both", "suspended", "blocked_one", "reduced")
        assert verdict.basis.startswith("reported effect" if reported else "assumed from")


def test_spot_answers():
    assert closure_verdict("fire", "delayed", "structure").remaining == 0.0
    assert closure_verdict("derailment", None, "section").remaining == 0.0
    assert closure_verdict("explosion", "blocked_one", "section").remaining == 0.5
    assert closure_verdict("other", "delayed", "section") is None
    assert closure_verdict("fire", "resumed", "section").remaining == 0.0
    assert closure_verdict("other", "resumed", "section") is None


@pytest.mark.parametrize("where", ["node", "point", None])
def test_vague_places_close_nothing(where):
    assert closure_verdict("explosion", "blocked_both", where) is None


@pytest.mark.parametrize("status", ["rejected", "merged"])
def test_rejected_and_merged_close_nothing(status):
    assert closure_verdict("fire", "blocked_both", "section", status) is None
    assert closure_verdict("fire", "blocked_both", "section", "confirmed").remaining == 0.0


def test_closed_until_the_day_traffic_resumed():
    assert not closed_on("2023-11-29", "2023-12-03", date(2023, 11, 28))
    assert closed_on("2023-11-29", "2023-12-03", date(2023, 11, 29))
    assert closed_on(date(2023, 11, 29), date(2023, 12, 3), date(2023, 12, 2))
    assert not closed_on("2023-11-29", "2023-12-03", date(2023, 12, 3))
    assert closed_on("2023-11-29", None, date(2030, 1, 1))  # no reported end
    assert not closed_on(None, None, date(2023, 12, 1))  # no start: never placed in time


def _incident(kind: str, effect: str | None, restored: date | None) -> Incident:
    first = date(2023, 11, 29)
    day = DateValue(first, first, "day", "explicit", "29 Nov")
    back = DateValue(restored, restored, "day", "explicit", "back") if restored else None
    return Incident(
        id="inc-1",
        type=kind,
        occurred=day,
        location=Location("structure", "bam:tunnel", None, None, "structure", "Tunnel", "alias"),
        effect=effect,
        quantities=[],
        casualties={},
        claims=[],
        restored_at=back,
        reports=["r1"],
        merge=[],
        confidence=0.9,
    )


def test_the_api_and_the_html_report_give_the_same_answer():
    fire = _incident("fire", "delayed", date(2023, 12, 3))
    record = {
        "id": "inc-1",
        "type": "fire",
        "effect": "delayed",
        "location_kind": "structure",
        "location_id": "bam:tunnel",
        "date_start": "2023-11-29",
        "restored_at": "2023-12-03",
    }
    assert closure_of(record).remaining == 0.0
    words = closure_words(fire)
    assert words.startswith(
        "Tunnel: all of it, from 2023-11-29 until traffic resumed on 2023-12-03"
    )
    assert "assumed from the incident type: fire" in words
    assert closure_words(_incident("other", "delayed", None)).startswith("nothing")
    assert "50% of it" in closure_words(_incident("other", "reduced", None))


def test_resumed_without_a_date_closes_the_incident_day_only():
    # the reported day of resumption wins; without one, "resumed" ends the day after
    assert closure_until("resumed", "2023-12-03", "2023-11-29") == date(2023, 12, 3)
    assert closure_until("resumed", None, date(2023, 11, 30)) == date(2023, 12, 1)
    assert closure_until("resumed", None, "2023-11") is None  # a month is no day to end on
    assert closure_until("blocked_both", None, "2023-11-29") is None  # still closed
    record = {
        "id": "inc-2",
        "type": "explosion",
        "effect": "resumed",
        "location_kind": "section",
        "location_id": "s1",
        "date_start": "2023-11-29",
        "date_end": "2023-11-30",
    }
    closure = closure_of(record)
    assert closure.remaining == 0.0 and closure.until == "2023-12-01"
    assert closed_on(closure.since, closure.until, date(2023, 11, 30))
    assert not closed_on(closure.since, closure.until, date(2023, 12, 1))
    words = closure_words(_incident("explosion", "resumed", None))
    assert "until traffic resumed on 2023-11-30" in words
