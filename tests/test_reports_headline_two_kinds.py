"""A headline naming two kinds of one event ("derailed after a blast") announces one incident
when the body's sentence of the second kind names no place of its own (own texts)."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents


def test_a_cause_told_later_without_a_place_is_the_same_incident_en() -> None:
    text = (
        "Twelve freight cars derail after a blast in the Tver region\n\n"
        "On Sunday, November 5, twelve cars of a freight train derailed near Likhoslavl "
        "station in the Tver region.\n\n"
        "A source told a news agency that an explosion occurred before the cars left the track."
    )
    incidents = extract_incidents(text, "en", date(2023, 11, 5))
    assert len(incidents) == 1
    assert incidents[0].type in ("explosion", "derailment")


def test_a_cause_told_later_without_a_place_is_the_same_incident_ru() -> None:
    text = (
        "В Тверской области поезд наехал на взрывчатку и сошёл с рельсов\n\n"
        "В воскресенье, 5 ноября, у станции Лихославль сошли с рельсов 12 вагонов грузового "
        "поезда.\n\n"
        "По данным источника, на путях случился взрыв."
    )
    incidents = extract_incidents(text, "ru", date(2023, 11, 5))
    assert len(incidents) == 1
    assert incidents[0].type == "explosion"


def test_a_country_adjective_names_no_region() -> None:
    from railwatch.reports.place.places_text import find_places

    found = find_places("A freight train derailed in a Russian region bordering Ukraine.")
    assert not [m for m in found if m.kind_hint == "region"]
    found = find_places("A freight train derailed in the Kursk region bordering Ukraine.")
    assert [m.text for m in found if m.kind_hint == "region"] == ["Kursk region"]


def test_a_later_sentence_in_a_russian_region_is_the_same_incident() -> None:
    text = (
        "Governor: an explosive device went off on the tracks in the Kursk region\n\n"
        "The governor said the blast occurred in the Lgov district on the 52nd kilometre of "
        "the Lgov-Kursk railway.\n\n"
        "A train of 40 wagons derailed in the Russian region bordering Ukraine on Monday, May 1."
    )
    incidents = extract_incidents(text, "en", date(2023, 5, 1))
    assert len(incidents) == 1
