"""A report that tells several incidents in several regions gives one incident each; one
event told over several sentences stays one."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2025, 3, 12)


def _places(incident) -> str:
    return " ".join(p.normalized for p in incident.places).lower()


def test_english_roundup_of_three_regions_gives_three_incidents() -> None:
    text = (
        "Rail incidents in three Russian regions.\n\n"
        "On March 10 a freight train derailed near Liski station in the Voronezh region. "
        "Twelve tank cars left the rails and traffic on the line was halted.\n\n"
        "Saboteurs blew up a relay cabinet on a railway in the Sverdlovsk region, "
        "local channels reported.\n\n"
        "A locomotive caught fire at a depot in the Krasnodar region on Tuesday."
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 3
    assert "voronezh" in _places(incidents[0])
    assert "sverdlovsk" in _places(incidents[1])
    assert "krasnodar" in _places(incidents[2])


def test_russian_roundup_of_two_regions_gives_two_incidents() -> None:
    text = (
        "Сходы и поджоги на железной дороге.\n\n"
        "10 марта в Воронежской области у станции Лиски сошли с рельсов 12 цистерн. "
        "Движение поездов на участке было остановлено.\n\n"
        "Неизвестные подожгли релейный шкаф на железной дороге в Свердловской области."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 2


def test_one_event_told_over_five_sentences_with_station_and_region_stays_one() -> None:
    text = (
        "Freight train derails in Voronezh region.\n\n"
        "On March 10 a freight train derailed near Liski station in the Voronezh region. "
        "Twelve tank cars left the rails between Liski and Rossosh. "
        "The derailment damaged 300 metres of track in the Rossosh district. "
        "Passenger trains from Moscow to the Rostov region were delayed. "
        "The train was carrying fuel oil, the railway said."
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1


def test_russian_one_event_with_recap_in_another_region_stays_one() -> None:
    text = (
        "Сход вагонов под Лисками.\n\n"
        "10 марта у станции Лиски в Воронежской области сошли с рельсов 12 цистерн. "
        "Движение поездов на участке было остановлено. "
        "Из-за этого ЧП задержаны поезда в Ростовской области."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1


def test_russian_earlier_event_in_another_region_is_background() -> None:
    text = (
        "Пожар на перегоне в Пермском крае.\n\n"
        "Вечером 19 ноября на перегоне Шамары – Кордон в Пермском крае загорелись цистерны "
        "грузового поезда. Движение поездов было остановлено.\n\n"
        "Ранее в Смоленской области грузовой поезд врезался в грузовик на переезде."
    )
    incidents = extract_incidents(text, "ru", date(2025, 11, 20))
    assert len(incidents) == 1
    assert incidents[0].type == "fire"
