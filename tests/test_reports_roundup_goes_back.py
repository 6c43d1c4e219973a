"""A roundup whose lead gives one line per region and whose body then tells each again: a
body sentence that names only an earlier item's region goes back to that incident; a summary
naming both regions does not lend the later item the other's region; a capitalised
preposition that opens a sentence is not part of a place name."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.places_text import find_places

PUBLISHED = date(2025, 7, 25)

EN = (
    "Drone debris damaged a station building in Voronezh Oblast overnight. "
    "In Belgorod Oblast, drone debris also damaged a railway station, delaying trains.\n"
    "The ministry said 80 drones were shot down overnight. The drone attack caused damage "
    "in the Voronezh and Belgorod regions.\n"
    "In Voronezh Oblast, the governor said that drone debris hit the station in Liski, "
    "and a passenger train was damaged. "
    "In Belgorod Oblast, the governor said that a drone attack damaged a building at "
    "Valuyki station."
)
RU = (
    "Обломки беспилотника повредили здание вокзала в Воронежской области. "
    "В Белгородской области обломки беспилотника также повредили вокзал, поезда задержаны.\n"
    "Минобороны сообщило о 80 сбитых беспилотниках. Атака беспилотников причинила ущерб "
    "в Воронежской и Белгородской областях.\n"
    "В Воронежской области, по словам губернатора, обломки беспилотника упали на вокзал "
    "в Лисках и повредили пассажирский поезд. "
    "В Белгородской области, по словам губернатора, атака беспилотника повредила здание "
    "на станции Валуйки."
)


def _places(incident) -> str:
    return " ".join(p.normalized for p in incident.places).lower()


@pytest.mark.parametrize(
    ("text", "language", "first", "second"),
    [(EN, "en", "liski", "valuyki"), (RU, "ru", "лиск", "валуйк")],
)
def test_a_body_sentence_goes_back_to_the_lead_item_of_its_region(
    text: str, language: str, first: str, second: str
) -> None:
    incidents = extract_incidents(text, language, PUBLISHED)
    assert len(incidents) == 2
    assert first in _places(incidents[0]) and second not in _places(incidents[0])
    assert second in _places(incidents[1]) and first not in _places(incidents[1])


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("In Rostov Oblast, a drone hit the station.", "Rostov Oblast"),
        ("At Liski station a freight train derailed.", "Liski station"),
    ],
)
def test_an_opening_preposition_is_not_part_of_the_name(sentence: str, name: str) -> None:
    assert [p.text for p in find_places(sentence)] == [name]
