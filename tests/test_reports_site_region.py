"""A sentence that says where "the incident" took place belongs to the incident whose region
its settlements lie in, not to another incident told just before it in another region.
Sample texts are our own."""

from datetime import date

import pytest

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 10, 20)


@pytest.mark.parametrize(
    ("language", "text", "region", "site"),
    [
        (
            "en",
            "Explosion derails freight train in Kursk region\n"
            "A freight train derailed on Monday in the Kursk region after an explosive device "
            "went off on the tracks, the governor said.\n"
            "In the Tver region, a bomb blew up a power line pylon next to the railway, its "
            "governor said.\n"
            "The railway said the incident took place between the town of Lgov and the town "
            "of Kurchatov.",
            "Kursk region",
            "town of Lgov",
        ),
        (
            "ru",
            "Взрыв пустил под откос грузовой поезд в Курской области\n"
            "В понедельник в Курской области после срабатывания взрывного устройства сошёл с "
            "рельсов грузовой поезд, сообщил губернатор.\n"
            "Губернатор Тверской области отдельно сообщил, что у железной дороги взорвали "
            "опору линии электропередачи.\n"
            "На железной дороге сообщили, что инцидент произошёл между городами Льгов и "
            "Курчатов.",
            "Курской области",
            "городами Льгов",
        ),
    ],
)
def test_the_site_goes_to_the_incident_of_its_region(
    language: str, text: str, region: str, site: str
) -> None:
    incidents = extract_incidents(text, language, PUBLISHED)
    assert len(incidents) == 2
    by_region = {p.text: [q.text for q in i.places] for i in incidents for p in i.places}
    assert site in by_region[region]
    other = next(i for i in incidents if region not in [p.text for p in i.places])
    assert site not in [p.text for p in other.places]
