"""Detection of incidents in follow-up reports. The sentences are written for this test, in
English and Russian.

- A report whose lead tells only the traffic (reopened) and which tells its incident only as
  a reminder ("Recall that ...", «Напомним, что ...») is news of that incident: the recalled
  incident is its own, not background to another. A reminder beside a fresh incident of the
  report's own stays background.
"""

from datetime import date

from railwatch.reports.extract.effects import effect_mentions
from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 6, 11)


def test_en_reopening_report_recalling_its_derailment_tells_it() -> None:
    text = (
        "Traffic on the Alpha - Beta section has been fully restored, the railway said.\n\n"
        "Recall that eight wagons of a freight train with gravel derailed on the section "
        "early on Tuesday. Nobody was hurt."
    )
    found = extract_incidents(text, "en", PUBLISHED)
    assert [i.type for i in found] == ["derailment"]


def test_ru_reopening_report_recalling_its_derailment_tells_it() -> None:
    text = (
        "Движение поездов на перегоне Альфа — Бета полностью восстановили.\n\n"
        "Напомним, что утром на перегоне произошёл сход восьми вагонов грузового поезда со "
        "щебнем. Пострадавших нет."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert [i.type for i in found] == ["derailment"]


def test_ru_reminder_beside_a_fresh_incident_stays_background() -> None:
    text = (
        "Сегодня на перегоне Альфа — Бета сошли с рельсов шесть вагонов грузового поезда.\n\n"
        "Напомним, что в марте на соседнем перегоне Гамма — Дельта загорелся тепловоз."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert [i.type for i in found] == ["derailment"]


def test_ru_active_reopening_after_a_named_section_is_resumed() -> None:
    found = effect_mentions("Движение поездов на перегоне Альфа — Бета полностью восстановили.")
    assert any(m.kind == "resumed" for m in found)
