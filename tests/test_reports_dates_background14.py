"""Older events told after the main one must not lend it their date or place: a date weeks
before the report that names another region ("on 3 February a collision was reported in X"),
and an undated "Earlier, at <another section>, ..." after a dated incident. "Earlier, the
railway said ..." still speaks of the same event. The sentences are written for this test,
in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2024, 3, 20)


def _main(text: str, language: str):
    found = extract_incidents(text, language, PUBLISHED)
    assert found
    return found[0]


def test_ru_weeks_old_date_elsewhere_is_not_the_breaking_date() -> None:
    text = (
        "На перегоне Ключи — Озёрная сошли с рельсов 12 вагонов грузового поезда. "
        "Движение поездов приостановлено.\n"
        "3 февраля стало известно о столкновении поездов в Курганской области."
    )
    main = _main(text, "ru")
    assert main.occurred is not None and main.occurred.start == PUBLISHED


def test_en_weeks_old_date_elsewhere_is_not_the_breaking_date() -> None:
    text = (
        "Twelve wagons of a freight train derailed on the Klyuchi - Ozyornaya section. "
        "Train traffic was suspended.\n"
        "On 3 February a collision of two trains was reported in Kurgan Oblast."
    )
    main = _main(text, "en")
    assert main.occurred is not None and main.occurred.start == PUBLISHED


def test_ru_undated_earlier_event_at_another_section_is_not_merged() -> None:
    text = (
        "Вечером 19 марта в Томской области с рельсов сошли 8 вагонов товарного поезда.\n"
        "Ранее на перегоне Ключи — Озёрная 15 вагонов сошли с путей из-за столкновения с "
        "грузовиком."
    )
    main = _main(text, "ru")
    assert not any("Ключи" in p.text for p in main.places)


def test_en_undated_earlier_event_at_another_section_is_not_merged() -> None:
    text = (
        "On the evening of 19 March eight wagons of a freight train derailed in Tomsk Oblast.\n"
        "Earlier, on the Klyuchi - Ozyornaya section, 15 wagons derailed after a collision "
        "with a truck."
    )
    main = _main(text, "en")
    assert not any("Klyuchi" in p.text for p in main.places)


def test_ru_earlier_report_of_the_same_event_stays_one() -> None:
    text = (
        "Вечером 19 марта в Томской области с рельсов сошли 8 вагонов товарного поезда.\n"
        "Ранее сообщалось, что на перегоне Ключи — Озёрная сошли с рельсов вагоны."
    )
    assert len(extract_incidents(text, "ru", PUBLISHED)) == 1
