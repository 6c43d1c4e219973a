"""Detection mechanisms: mudflow words, an arrest lead that dates the deed in a sentence of
its own, a foiling verb that averts only the consequences, and an arrest for a deed named
only by its legal word (sabotage, «диверсия»)."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.report_kind import INCIDENT, report_kind
from railwatch.reports.extract.triggers import find_triggers
from railwatch.reports.text.sentences import split_sentences

PUBLISHED = date(2025, 10, 20)


def _kind(language: str, text: str) -> str:
    return report_kind([s.text for s in split_sentences(text)], language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("A mudflow covered the tracks near the tunnel after two days of rain.", "en"),
        ("Debris flows reached the railway embankment overnight.", "en"),
        ("Ливни вызвали селевые потоки, которые накрыли пути у станции.", "ru"),
        ("Сход селевых масс на железную дорогу продолжается.", "ru"),
    ],
)
def test_mudflow_words_are_blockage_triggers(sentence: str, language: str) -> None:
    assert "blockage" in {t.type for t in find_triggers(sentence, language)}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "A student has been arrested on suspicion of setting fire to a signal cabinet, "
            "police said.\n"
            "The incident occurred on the night of October 19 on the stretch between Ozerki "
            "and Lesnaya.\n"
            "A train driver alerted the police to the fire.",
        ),
        (
            "ru",
            "Студент арестован по подозрению в поджоге релейного шкафа, сообщили в полиции.\n"
            "Происшествие случилось в ночь на 19 октября на перегоне Озерки — Лесная.\n"
            "О возгорании шкафа полиции сообщил машинист поезда.",
        ),
    ],
)
def test_a_lead_that_dates_the_deed_on_its_own_makes_an_arrest_report_news(
    language: str, text: str
) -> None:
    # the fresh date is read by extract_incidents (report_kind alone is given none)
    assert len(extract_incidents(text, language, PUBLISHED)) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            # the same wording with an old date: still only news of the arrest
            "A student has been arrested on suspicion of setting fire to a signal cabinet, "
            "police said.\n"
            "The incident occurred in March 2023 on the stretch between Ozerki and Lesnaya.",
        ),
        (
            "ru",
            "Студент арестован по подозрению в поджоге релейного шкафа, сообщили в полиции.\n"
            "Происшествие случилось в марте 2023 года на перегоне Озерки — Лесная.",
        ),
    ],
)
def test_an_old_date_of_the_deed_keeps_an_arrest_report_one(language: str, text: str) -> None:
    assert extract_incidents(text, language, PUBLISHED) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Heavy rain triggered a landslide onto the railway line near Lesnaya.\n"
            "A warning sensor on the stretch spotted it early and helped prevent more serious "
            "consequences.\n"
            "Crews are clearing the tracks.",
        ),
        (
            "ru",
            "Сильные дожди вызвали оползень на линии у станции Лесная.\n"
            "Датчик на перегоне вовремя заметил его и позволил предотвратить тяжёлые "
            "последствия.\n"
            "Рабочие расчищают пути.",
        ),
    ],
)
def test_averting_the_consequences_is_not_a_foiled_plot(language: str, text: str) -> None:
    assert _kind(language, text) == INCIDENT
    assert len(extract_incidents(text, language, PUBLISHED)) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Security service detains man over sabotage on the southern railway\n"
            "Officers detained a 40-year-old man who was involved in sabotage on the "
            "railway, the agency said.\n"
            "Earlier it was reported that a student had set fire to a signal cabinet near "
            "Ozerki.",
        ),
        (
            "ru",
            "ФСБ задержала мужчину, причастного к диверсии на железной дороге\n"
            "Сотрудники задержали 40-летнего мужчину, причастного к диверсиям на Южной "
            "железной дороге, сообщили в ведомстве.\n"
            "Ранее сообщалось, что студент поджёг релейный шкаф у станции Озерки.",
        ),
    ],
)
def test_an_arrest_for_a_deed_named_only_by_its_legal_word_is_no_incident(
    language: str, text: str
) -> None:
    assert _kind(language, text) != INCIDENT
    assert extract_incidents(text, language, PUBLISHED) == []


_UNDATED = {
    "en": "Relay cabinet set on fire near Ozerki\n"
    "A relay cabinet has been set on fire on the stretch between Ozerki and Lesnaya, police "
    "said.\n"
    "Investigators found traces of petrol on the equipment.\n",
    "ru": "У станции Озерки подожгли релейный шкаф\n"
    "На перегоне Озерки — Лесная подожгли релейный шкаф, сообщили в полиции.\n"
    "Следователи нашли на оборудовании следы бензина.\n",
}


@pytest.mark.parametrize(
    ("language", "tail"),
    [
        ("en", ""),
        ("en", "A 17-year-old suspect was detained at the scene."),
        ("ru", ""),
        ("ru", "Подозреваемый, 17-летний студент, задержан на месте."),
    ],
)
def test_an_arrest_at_the_scene_keeps_a_breaking_report_dated(language: str, tail: str) -> None:
    # breaking news often tells an arrest made at once: that alone makes no follow-up, so
    # the incident keeps the publication day
    (incident,) = extract_incidents(_UNDATED[language] + tail, language, PUBLISHED)
    assert incident.occurred is not None


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Traffic on the stretch will be fully restored within a few hours.", "en"),
        ("Crews are doing their best to speed up the reopening of the line.", "en"),
        ("Движение на участке будет полностью восстановлено в течение нескольких часов.", "ru"),
        ("Рабочие делают всё, чтобы ускорить восстановление движения на линии.", "ru"),
    ],
)
def test_a_reopening_still_to_come_is_not_a_resumption(sentence: str, language: str) -> None:
    from railwatch.reports.extract.effects import sentence_effects

    assert "resumed" not in sentence_effects(sentence)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Luckily, rail traffic was not disrupted by the fire.", "en"),
        ("К счастью, движение электричек не было прервано.", "ru"),
        ("Движение грузовых поездов не было нарушено.", "ru"),
    ],
)
def test_traffic_that_was_not_disrupted_is_no_effect(sentence: str, language: str) -> None:
    from railwatch.reports.extract.effects import sentence_effects

    assert sentence_effects(sentence) == {"none"}
