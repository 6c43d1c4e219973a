"""A line "between X and Y Oblast" names X's region too: a sentence that then tells the deed
"in X Oblast" goes on about the same incident, not another one in another region."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 3, 12)


def test_english_region_named_after_a_section_end_is_the_same_incident() -> None:
    text = (
        "Partisans sabotage a railway line linking Bryansk to Kursk Oblast\n\n"
        "A photo shows the area targeted in an alleged railway sabotage attack on March 10.\n\n"
        "A partisan group sabotaged a key railway line between Bryansk and Kursk Oblast, "
        "the group claimed on March 11.\n\n"
        "An operative burned down a relay cabinet near the village of Sinezerki in Bryansk "
        "Oblast, the group said."
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1


def test_russian_region_named_after_a_section_end_is_the_same_incident() -> None:
    text = (
        "Партизаны повредили железную дорогу между Брянском и Курской областью\n\n"
        "Партизанская группа 11 марта заявила, что вывела из строя дорогу между Брянском "
        "и Курской областью.\n\n"
        "Её участник поджёг релейный шкаф у деревни Синезерки в Брянской области, "
        "сообщила группа."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1


def test_a_roundup_of_two_regions_still_gives_two_incidents() -> None:
    text = (
        "Rail incidents in two regions.\n\n"
        "On March 10 a freight train derailed near Liski station in the Voronezh region.\n\n"
        "Saboteurs set fire to a relay cabinet on a railway in the Bryansk region, "
        "local channels reported."
    )
    assert len(extract_incidents(text, "en", PUBLISHED)) == 2
