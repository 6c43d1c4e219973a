"""A text of unknown publication date reads its "29 November" in the latest year it names, but
a year that dates a structure's history ("the tunnel, opened in 2003", «построенного в 1974
году моста») says nothing of when the news happened: when it is the only year named, the
day's year is unknown and the incident is left undated. A year that dates the news still
counts. The sentences are written for this test, in English and Russian."""

from railwatch.reports.extract.dates import year_unknown
from railwatch.reports.extract.extract import extract_incidents


def test_en_structure_opening_year_gives_no_year() -> None:
    text = (
        "A freight train was blown up on the bypass around the Alpha tunnel on November 29. "
        "The bypass serves as a detour around the tunnel, opened in 2003."
    )
    assert year_unknown(text, None)
    found = extract_incidents(text, "en", None)
    assert found and found[0].occurred is None


def test_ru_structure_opening_year_gives_no_year() -> None:
    text = (
        "На объездном пути вокруг тоннеля Альфа 29 ноября подорван грузовой поезд. Обход "
        "используется как объездная дорога вокруг открытого в 2003 году тоннеля."
    )
    assert year_unknown(text, None)
    found = extract_incidents(text, "ru", None)
    assert found and found[0].occurred is None


def test_ru_built_since_years_give_no_year() -> None:
    assert year_unknown("Мост построен в 1974 году, с 1990 года его не ремонтировали.", None)


def test_en_year_of_the_news_still_counts() -> None:
    text = (
        "A freight train was blown up on the bypass around the Alpha tunnel on November 29, "
        "2023. The bypass serves as a detour around the tunnel, opened in 2003."
    )
    assert not year_unknown(text, None)
    found = extract_incidents(text, "en", None)
    assert found and found[0].occurred is not None
    assert found[0].occurred.start.isoformat() == "2023-11-29"
