"""The railway's formula for a wreck on a double-track line, the clearance of the adjacent
track fouled or not («нарушен габарит соседнего пути»), tells whether the other track is
shut too; a washout named by its noun, speeding and a "main version" are causes and a hedge
(sentences written for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import find_causes, find_claims
from railwatch.reports.extract.effects import effect_mentions, last_effect, sentence_effects
from railwatch.reports.text.ingest_text import read_report

PUBLISHED = date(2025, 7, 14)


@pytest.mark.parametrize(
    "sentence",
    [
        "На перегоне Тайга — Литвиново с рельсов сошли восемь вагонов, нарушен габарит соседнего пути.",
        "Габарит соседнего пути был нарушен, поэтому поезда стоят.",
        "Из-за схода оказался нарушен габарит смежного пути.",
        "Eight wagons left the rails and the clearance of the adjacent track was violated.",
        "The dimension of the neighbouring track was infringed by the wreck.",
        "The overturned wagons fouled the adjacent track.",
    ],
)
def test_the_adjacent_track_fouled_shuts_both_tracks(sentence: str) -> None:
    assert last_effect(effect_mentions(sentence)) == "blocked_both"


@pytest.mark.parametrize(
    "sentence",
    [
        "Шесть вагонов сошли с рельсов, габарит соседнего пути не нарушен.",
        "Никто не пострадал; габарит соседнего пути не был нарушен.",
        "Six wagons derailed; the clearance of the adjacent track was not violated.",
    ],
)
def test_the_adjacent_track_left_clear_is_one_track_shut(sentence: str) -> None:
    assert sentence_effects(sentence) == {"blocked_one"}


def test_a_report_with_the_adjacent_track_fouled_ends_blocked_both() -> None:
    text = (
        "Под Читой сошли с рельсов вагоны\n"
        "13 июля на перегоне Могзон — Сохондо с рельсов сошли девять вагонов с углём. "
        "Задержаны три пассажирских поезда. В результате схода нарушен габарит соседнего пути.\n"
    )
    report = read_report(text, published=PUBLISHED)
    assert [i.effect for i in report.incidents] == ["blocked_both"]


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Причиной назвали превышение скорости машинистом.", "safety_violation"),
        ("Машинист превысил допустимую скорость на спуске.", "safety_violation"),
        ("Police believe the driver was speeding.", "safety_violation"),
        ("The train exceeded the speed limit on the curve.", "safety_violation"),
        ("Движение остановлено из-за размытия насыпи.", "weather"),
        ("Heavy water caused erosion of the railway embankment.", "weather"),
    ],
)
def test_speeding_and_a_washout_are_causes(text: str, cause: str) -> None:
    assert cause in find_causes(text)


def test_a_main_version_is_a_hedge() -> None:
    claims = find_claims(
        "Телеграм-канал Mash утверждает, что главная версия схода — превышение скорости."
    )
    assert [(c.stance, c.cause) for c in claims] == [("speculates", "safety_violation")]


def test_a_washout_named_by_its_noun_in_the_headline_is_a_breaking_report() -> None:
    text = (
        "Транссиб закрыт после размытия насыпи у Могочи\n"
        "Движение по магистрали прервано: размытие насыпи случилось после ливней.\n"
        "Восстановительные работы идут круглосуточно, сообщил губернатор.\n"
    )
    report = read_report(text, published=PUBLISHED)
    assert [(i.type, i.occurred and i.occurred.start) for i in report.incidents] == [
        ("blockage", PUBLISHED)
    ]
