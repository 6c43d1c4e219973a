"""A lead that says "the incident was caused by falling drone debris" (a cause that is the
deed itself) still breaks the news: a report that gives no date takes the publication day. A
cause found later ("the derailment was caused by a worn rail") does not. The sentences are
written for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 6, 3)


def _date(text: str, language: str):
    found = extract_incidents(text, language, PUBLISHED)
    assert found
    return found[0].occurred


def test_en_drone_debris_cause_in_the_lead_is_breaking() -> None:
    text = (
        "Power in the overhead line at Kotelnikovo station was lost.\n\n"
        "According to the railway, the incident was caused by falling debris from a drone. "
        "Several trains are running late."
    )
    found = _date(text, "en")
    assert found is not None and found.start == PUBLISHED


def test_ru_drone_debris_cause_in_the_lead_is_breaking() -> None:
    text = (
        "На станции Котельниково пропало напряжение в контактной сети.\n\n"
        "По данным железной дороги, причиной стало падение обломков беспилотника. "
        "Несколько поездов задерживаются."
    )
    found = _date(text, "ru")
    assert found is not None and found.start == PUBLISHED
