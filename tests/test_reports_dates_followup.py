"""Dates of follow-up reports and sentence cuts that hide a date from its event. The
sentences are written for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.text.sentences import split_sentences

PUBLISHED = date(2024, 5, 20)  # a Monday
SATURDAY = date(2024, 5, 18)

# --- a case opened weeks later: the day the investigators tell dates the incident -------------


def test_ru_case_report_takes_the_day_investigators_tell() -> None:
    text = (
        "Транспортные следователи завели дело после схода вагонов под Тулой\n\n"
        "ТУЛА, 19 мая - Следователи возбудили уголовное дело по факту схода с рельсов трёх "
        "вагонов грузового поезда, сообщили в управлении на транспорте. По версии следствия, "
        "3 марта 2024 года на станции Ивановка Московской железной дороги при маневровых "
        "работах были нарушены правила"
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == date(2024, 3, 3)


def test_en_case_report_takes_the_day_investigators_tell() -> None:
    text = (
        "Criminal case opened after freight wagons derail near Tula\n\n"
        "Transport investigators have opened a criminal case over the derailment of three "
        "freight wagons, the investigative department said. According to investigators, on "
        "March 3, 2024, at Ivanovka station of the Moscow Railway, safety rules were broken "
        "during shunting"
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == date(2024, 3, 3)


def test_ru_old_day_at_another_place_does_not_date_the_incident() -> None:
    text = (
        "Вагоны сошли с рельсов под Тулой\n\n"
        "Сегодня на перегоне Ивановка — Петровка сошли с рельсов три вагона грузового поезда. "
        "Станция Сидоровка была открыта 5 мая 1998 года на Московской железной дороге."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == PUBLISHED


def test_en_day_without_a_stated_year_does_not_date_a_case_report() -> None:
    text = (
        "Criminal case opened after freight wagons derail near Tula\n\n"
        "Transport investigators have opened a criminal case over the derailment of three "
        "freight wagons near Tula, the investigative department said. Work at Ivanovka station "
        "on the railway ended on March 3."
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is None or incidents[0].occurred.start != date(2024, 3, 3)


# --- an abbreviation closing a compound does not end the sentence -----------------------------


def test_en_compound_ending_in_abbreviation_keeps_the_sentence() -> None:
    text = "A bomb derailed a Moscow-to-St. Petersburg train Saturday, officials said."
    assert len(split_sentences(text)) == 1


def test_ru_compound_ending_in_abbreviation_keeps_the_sentence() -> None:
    text = "Поезд Москва-Ст. Петербург сошёл с рельсов в субботу, сообщили в дороге."
    assert len(split_sentences(text)) == 1


def test_en_weekday_after_a_compound_abbreviation_dates_the_event() -> None:
    text = (
        "Bomb derails express train\n\n"
        "May 20, 2024|By Ivan Writer Daily Courier\n\n"
        "MOSCOW — A bomb derailed a Moscow-to-St. Petersburg passenger train Saturday near "
        "Bologoye, killing 3 people, officials said Monday."
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == SATURDAY


def test_ru_weekday_after_a_compound_abbreviation_dates_the_event() -> None:
    text = (
        "Экспресс сошёл с рельсов\n\n"
        "20 мая 2024|Автор Иван Петров\n\n"
        "Поезд Москва-Ст. Петербург сошёл с рельсов в субботу у Бологого, сообщили в "
        "понедельник в дороге."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == SATURDAY


# --- a death toll told as a participle: two reports of one event share it (merge) -----------


def test_en_killing_participle_counts_the_dead() -> None:
    from railwatch.reports.extract.quantities import find_casualties

    sentence = (
        "A bomb derailed an express train on Friday, killing at least 26 people and "
        "injuring 14 passengers, officials said."
    )
    assert find_casualties(sentence) == {"killed": 26, "injured": 14}
    assert find_casualties("Crews were killing time for 20 minutes at the station.") == {}


def test_ru_participle_counts_the_dead() -> None:
    from railwatch.reports.extract.quantities import find_casualties

    sentence = "В пятницу взрыв пустил под откос скорый поезд, унеся жизни не менее 26 человек."
    assert find_casualties(sentence) == {"killed": 26}
