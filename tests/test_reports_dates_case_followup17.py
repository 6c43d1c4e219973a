"""A report whose headline and lead tell only the case about a deed (its classification as a
terrorist act, a criminal case opened after it) follows the deed: when it gives the deed no
date, the publication day does not stand in for it (gold convention: undated follow-ups are
null). A report whose lead tells the deed itself still takes the publication day. The
sentences are written for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 4, 9)


def test_en_case_opened_after_a_blast_leaves_the_blast_undated() -> None:
    text = (
        "The blast on a freight train near Alpha station is classified as a terrorist attack\n\n"
        "Transport investigators opened a criminal case under the article on terrorism after "
        "an explosion and fire on a freight train near Alpha station in Tver Oblast."
    )
    found = extract_incidents(text, "en", PUBLISHED)
    assert found and found[0].occurred is None


def test_ru_case_opened_after_a_blast_leaves_the_blast_undated() -> None:
    text = (
        "Подрыв грузового поезда у станции Альфа признали терактом\n\n"
        "Транспортные следователи возбудили уголовное дело по статье о теракте после взрыва "
        "и пожара грузового поезда у станции Альфа в Тверской области."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert found and found[0].occurred is None


def test_ru_lead_telling_the_blast_still_takes_the_publication_day() -> None:
    text = (
        "У станции Альфа взорвалась цистерна грузового поезда\n\n"
        "У станции Альфа в Тверской области взорвалась цистерна грузового поезда. "
        "Следователи возбудили уголовное дело после взрыва."
    )
    found = extract_incidents(text, "ru", PUBLISHED)
    assert found and found[0].occurred is not None
    assert found[0].occurred.start == PUBLISHED
