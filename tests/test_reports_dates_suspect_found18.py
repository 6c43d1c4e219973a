"""A report that tells its incident's suspect found (identified, caught at home, confessing)
comes days after the incident: when it gives the incident no date, the publication day does
not stand in for it and the date stays unknown. A date the text does give is kept, and a
report that tells no such thing still takes the publication day. The sentences are written
for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 3, 12)

EN_LEAD = (
    "Police received a report of a burning relay cabinet on the railway between Alpha and "
    "Beta stations in Tver Oblast. Investigators found that the cabinet had been set on fire."
)
RU_LEAD = (
    "В полицию поступило сообщение о горящем релейном шкафе на железной дороге между "
    "станциями Альфа и Бета в Тверской области. Следователи установили, что шкаф подожгли."
)


def test_en_suspect_identified_leaves_an_undated_incident_unknown() -> None:
    text = (
        EN_LEAD + "\n\nOfficers identified the suspect, a 16-year-old local resident, and "
        "detained him at his home. He confessed, saying a stranger had offered him money."
    )
    found = extract_incidents(text, "en", PUBLISHED)
    assert found and found[0].occurred is None


def test_ru_suspect_identified_leaves_an_undated_incident_unknown() -> None:
    text = (
        RU_LEAD + "\n\nСотрудники полиции установили личность подозреваемого, 16-летнего "
        "местного жителя, и задержали его по месту жительства. Он дал признательные показания."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert found and found[0].occurred is None


def test_ru_a_stated_date_is_kept_when_the_suspect_is_found() -> None:
    text = (
        "В ночь на 9 марта в полицию поступило сообщение о горящем релейном шкафе на железной "
        "дороге между станциями Альфа и Бета в Тверской области. Следователи установили, что "
        "шкаф подожгли.\n\nСотрудники полиции установили личность подозреваемого. Он дал "
        "признательные показания."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert found and found[0].occurred is not None
    assert found[0].occurred.end == date(2025, 3, 9)


def test_en_without_a_suspect_found_the_publication_day_stands_in() -> None:
    found = extract_incidents(EN_LEAD, "en", PUBLISHED)
    assert found and found[0].occurred is not None and found[0].occurred.start == PUBLISHED


def test_ru_without_a_suspect_found_the_publication_day_stands_in() -> None:
    found = extract_incidents(RU_LEAD, "ru", PUBLISHED)
    assert found and found[0].occurred is not None and found[0].occurred.start == PUBLISHED
