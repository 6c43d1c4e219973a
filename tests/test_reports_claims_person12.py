"""A person named by title and name, then by surname alone, is one voice (sentences written
for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

TEXTS = {
    "en": (
        "Drone debris halts trains near Kirovsk station.\n\n"
        "A drone attack cut the power line at Kirovsk station overnight, said Governor "
        "Pavel Orlov. Orlov said that drone debris also damaged two sheds nearby."
    ),
    "ru": (
        "Обломки беспилотника остановили поезда у станции Кировск.\n\n"
        "Губернатор Павел Орлов сообщил, что из-за атаки беспилотника на станции Кировск "
        "повреждена линия электропередачи. Орлов добавил, что обломки дрона также "
        "повредили два сарая."
    ),
}


def _claims(language: str) -> list[tuple[str, str]]:
    incidents = extract_incidents(TEXTS[language], language, date(2025, 7, 1))
    return [(c.claimant, c.cause) for i in incidents for c in i.claims]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_surname_after_title_and_name_is_the_same_voice(language: str) -> None:
    claims = _claims(language)
    assert [cause for _, cause in claims].count("drone") == 1, claims


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Drone debris halts trains near Kirovsk station.\n\n"
            "A drone attack cut the power line at Kirovsk station, said Governor Pavel Orlov. "
            "Mayor Ivan Sokolov said that drone debris also damaged two sheds nearby.",
        ),
        (
            "ru",
            "Обломки беспилотника остановили поезда у станции Кировск.\n\n"
            "Губернатор Павел Орлов сообщил, что из-за атаки беспилотника на станции Кировск "
            "повреждена линия электропередачи. Мэр Иван Соколов сообщил, что обломки дрона "
            "повредили два сарая.",
        ),
    ],
)
def test_another_person_keeps_a_voice_of_their_own(language: str, text: str) -> None:
    incidents = extract_incidents(text, language, date(2025, 7, 1))
    drone = [c.claimant for i in incidents for c in i.claims if c.cause == "drone"]
    assert len(drone) == 2, drone
