"""Detection of incidents in follow-up reports. The sentences are written for this test, in
English and Russian.

- A report whose lead tells only the traffic (reopened) and which tells its incident only as
  a reminder ("Recall that ...", «Напомним, что ...») is news of that incident: the recalled
  incident is its own, not background to another. A reminder beside a fresh incident of the
  report's own stays background.
- A report that a case went to court («дело направили в суд») is a court follow-up, not news
  of an incident, even under a dateline of the day. English says it "sent for trial" (the
  lexicon's "trial"; a bare "court" also stands in an incident lead's subordinate clause, "a
  week after a court jailed two men", where the parse may not keep it out of the main one).
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


def test_ru_case_sent_to_court_is_no_incident() -> None:
    text = (
        "Дело о поджоге тепловоза подростками в Тверской области направили в суд\n\n"
        "ТВЕРЬ, 11 июн. Расследование дела двух подростков, которые за деньги подожгли "
        "тепловоз на станции Альфа, завершено, дело направлено в суд, сообщили в СК."
    )
    assert extract_incidents(text, "ru", PUBLISHED) == []


def test_en_case_sent_to_court_is_no_incident() -> None:
    text = (
        "Case of teenagers who set fire to a locomotive in Tver Oblast sent for trial\n\n"
        "TVER, June 11. Investigators have completed the case of two teenagers who set fire "
        "to a locomotive at Alpha station for money, and it has been sent for trial."
    )
    assert extract_incidents(text, "en", PUBLISHED) == []
