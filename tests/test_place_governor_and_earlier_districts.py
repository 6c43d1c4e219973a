"""A governor named after the region's name is a person, not a second name of the region
(«Губернатор Белгородской области Иван Петров»); an undated "Earlier, ..." sentence about
other districts than the incident's site tells an older event, which does not join it."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.places_text import find_places


@pytest.mark.parametrize(
    ("sentence", "region"),
    [
        (
            "Губернатор Белгородской области Иван Петров сообщил о падении дрона.",
            "Белгородской области",
        ),
        ("Врио губернатора Курской области Пётр Сидоров заявил об атаке.", "Курской области"),
        (
            "Belgorod Oblast Governor Ivan Petrov said a drone fell near the track.",
            "Belgorod Oblast",
        ),
    ],
)
def test_the_governor_after_the_region_is_no_place(sentence: str, region: str) -> None:
    assert [(p.text, p.kind_hint) for p in find_places(sentence)] == [(region, "region")]


PUBLISHED = date(2025, 8, 23)


@pytest.mark.parametrize(
    ("text", "language", "site", "other"),
    [
        (
            "Drone debris cut power at Liski station on the night of August 23, and trains "
            "were delayed. "
            "Earlier, Governor Pyotr Sidorov reported drones shot down over the Rossoshansky "
            "and Kantemirovsky districts.",
            "en",
            "liski",
            "kantemirov",
        ),
        (
            "В ночь на 23 августа обломки беспилотника обесточили контактную сеть на станции "
            "Лиски, поезда задержаны. "
            "Ранее врио губернатора Пётр Сидоров сообщал об отражении атаки беспилотников в "
            "Россошанском и Кантемировском районах.",
            "ru",
            "лиск",
            "кантемиров",
        ),
    ],
)
def test_an_earlier_sentence_about_other_districts_does_not_join_the_incident(
    text: str, language: str, site: str, other: str
) -> None:
    incidents = extract_incidents(text, language, PUBLISHED)
    main = " ".join(p.normalized for p in incidents[0].places).lower()
    assert site in main
    assert other not in main
