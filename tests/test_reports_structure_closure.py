"""A bridge or tunnel shut to trains with no deed named (a security closure of the Crimean
bridge) is a disruption of its own, typed other; a closure for works, a notice of one to come
and a road-only closure are none (texts written for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.triggers import structure_closure
from railwatch.reports.text.ingest_text import read_report

PUBLISHED = date(2025, 7, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "Rail traffic across the Crimean bridge was halted overnight.",
        "The closure of the Crimean bridge held up nine trains.",
        "Движение поездов по Крымскому мосту перекрыто.",
        "Составы стоят у Керчи из-за перекрытия Крымского моста.",
    ],
)
def test_a_bridge_shut_to_trains_is_a_disruption(sentence: str) -> None:
    found = structure_closure(sentence)
    assert found is not None and found.type == "other"


@pytest.mark.parametrize(
    "sentence",
    [
        "Traffic on the Amur bridge will be suspended on Sunday for maintenance.",
        "Trains across the bridge were stopped for four hours of scheduled repairs.",
        "Движение поездов по мосту через Обь будет приостановлено на шесть часов.",
        "Движение по мосту перекрыто на время ремонта путей.",
        "Автомобильный мост через Волгу перекрыли, автобусы идут в объезд.",
        "Road traffic on the Crimean bridge was halted; trains kept running.",
        "The bridge is 19 km long.",
    ],
)
def test_works_a_notice_or_a_road_closure_is_none(sentence: str) -> None:
    assert structure_closure(sentence) is None


@pytest.mark.parametrize(
    "text",
    [
        "Crimean bridge shut again\n"
        "Rail traffic across the Crimean bridge was halted on Sunday night and six trains were "
        "delayed, the carrier said.\n",
        "Крымский мост снова перекрыт\n"
        "Движение поездов по Крымскому мосту перекрыто в ночь на 14 июля, задерживаются шесть "
        "составов, сообщил перевозчик.\n",
    ],
)
def test_a_report_of_a_bridge_closure_gives_one_incident_of_type_other(text: str) -> None:
    report = read_report(text, published=PUBLISHED)
    assert [i.type for i in report.incidents] == ["other"]
    assert report.incidents[0].effect in {"suspended", "delayed", "blocked_both"}


def test_a_closure_beside_a_deed_keeps_the_deed_as_the_type() -> None:
    text = (
        "Blast on a rail bridge\n"
        "An explosion damaged a rail bridge near Kursk on Sunday; traffic across the bridge was "
        "halted, the governor said.\n"
    )
    report = read_report(text, published=PUBLISHED)
    assert [i.type for i in report.incidents] == ["explosion"]
