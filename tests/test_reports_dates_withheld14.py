"""A report that says the event's date was not given ("without specifying their date",
«не уточнив дату») leaves the date unknown: neither the publication day nor a byline's date
stands in for it. A report that says nothing of the kind still takes the publication day.
The sentences are written for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2024, 5, 14)


def test_en_date_not_given_leaves_it_unknown() -> None:
    text = (
        "Saboteurs burn relay cabinets near Kursk\n\n"
        "14/05/2024\n\n"
        "Partisans set fire to two relay cabinets on the railway near Kursk, the group said, "
        "posting a video without specifying its date."
    )
    found = extract_incidents(text, "en", PUBLISHED)
    assert found and found[0].occurred is None


def test_ru_date_not_given_leaves_it_unknown() -> None:
    text = (
        "Партизаны подожгли релейные шкафы под Курском\n\n"
        "14.05.2024\n\n"
        "Партизаны подожгли два релейных шкафа на железной дороге под Курском, сообщила "
        "группа, опубликовав видео и не уточнив дату."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert found and found[0].occurred is None


def test_en_breaking_report_without_that_takes_the_publication_day() -> None:
    text = "Partisans set fire to two relay cabinets on the railway near Kursk, the group said."
    found = extract_incidents(text, "en", PUBLISHED)
    assert found and found[0].occurred is not None and found[0].occurred.start == PUBLISHED
