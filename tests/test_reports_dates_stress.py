"""A stress set for the main event's date: short news-style paragraphs written for this test,
English and Russian, each with a publication date and the day (or month) the main event
happened. They mix the forms real reports use (weekdays counted from publication, "a day
after", datelines, night-of, numeric dates) with look-alikes that must not be taken: the
date of an older event, of a court hearing, of a case opened, of a statement.

The gold conventions are those of the real corpus: a night is its later day; a relative date
counts from publication; a same-day breaking report without a date is the publication day;
a follow-up without a date, or a weekday in a text of unknown publication date, is unknown.
A day is compared within one day, a month by its month."""

from datetime import date, timedelta

import pytest

from railwatch.reports.extract.dates import find_dates
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.model import DateValue
from railwatch.reports.pipeline import read_and_extract
from railwatch.reports.text.ingest_text import month_from_url

THU = date(2025, 10, 9)  # a Thursday

# (name, language, published, text, expected day or None, expected precision)
CASES: list[tuple[str, str, date | None, str, date | None, str]] = [
    # --- weekdays counted from publication ---------------------------------------------------
    (
        "en_late_on_sunday",
        "en",
        date(2025, 10, 7),
        "Freight train derails near Uzlovaya\nA freight train derailed late on Sunday near "
        "Uzlovaya station, Russian Railways said on Tuesday.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "en_wednesday_night",
        "en",
        THU,
        "Blast hits rail bridge in Bryansk region\nAn explosion damaged a railway bridge near "
        "Klintsy on Wednesday night, the governor said on Thursday.",
        date(2025, 10, 9),
        "day",
    ),
    (
        "en_published_days_later_monday",
        "en",
        date(2025, 10, 10),
        "Investigators examine derailed train\nInvestigators are still examining the wreckage "
        "of a freight train that derailed on Monday near Kotelnich station.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_last_friday",
        "en",
        date(2025, 10, 14),
        "Fuel tanks burn after derailment\nFourteen fuel tank cars derailed and caught fire "
        "near Zima station last Friday, the regional emergencies ministry said.",
        date(2025, 10, 10),
        "day",
    ),
    (
        "ru_past_friday",
        "ru",
        date(2025, 10, 13),
        "Сход вагонов под Тайшетом\nВ минувшую пятницу на перегоне Тайшет — Юрты сошли с "
        "рельсов восемь вагонов грузового поезда.",
        date(2025, 10, 10),
        "day",
    ),
    (
        "ru_sunday_late_evening",
        "ru",
        date(2025, 10, 7),
        "Столкновение локомотивов\nВ воскресенье поздно вечером на станции Лиски столкнулись "
        "два маневровых локомотива.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "ru_weekday_from_dateline",
        "ru",
        date(2025, 10, 10),
        "ХАБАРОВСК, 10 октября — В понедельник на станции Корфовская сошли с рельсов шесть "
        "вагонов с углем, сообщили в ДВЖД.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_dateline_then_monday",
        "en",
        date(2025, 10, 11),
        "MOSCOW, Oct 10 (Reuters) - A fuel train derailed and caught fire on Monday near Zima "
        "station in the Irkutsk region, the railway said.",
        date(2025, 10, 6),
        "day",
    ),
    # --- Telegram posts and same-day words ---------------------------------------------------
    (
        "ru_telegram_this_morning",
        "ru",
        THU,
        "Сегодня утром на станции Могоча загорелся тепловоз. Движение поездов не нарушено.",
        THU,
        "day",
    ),
    (
        "ru_yesterday_evening",
        "ru",
        THU,
        "Вчера вечером под Тындой с рельсов сошли 12 вагонов грузового поезда.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_breaking_no_date",
        "en",
        THU,
        "Locomotive on fire at Kotelnich\nA locomotive is on fire at Kotelnich station, "
        "emergency services say. Traffic through the station is suspended.",
        THU,
        "day",
    ),
    # --- explicit dates written in several ways ----------------------------------------------
    (
        "en_oct_dot",
        "en",
        THU,
        "A tank wagon caught fire at Kinel station on Oct. 7, Russian Railways said.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_ordinal_day",
        "ru",
        THU,
        "7-го октября на станции Лиски загорелся тепловоз, сообщили в ЮВЖД.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_numeric_date",
        "ru",
        THU,
        "Как сообщили в РЖД, 7.10.2025 на перегоне Тында — Сковородино сошли с рельсов 5 вагонов.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_night_from_to",
        "ru",
        THU,
        "В ночь с 6 на 7 октября на перегоне Россошь — Евстратовка произошел подрыв путей.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_unknown_publication_explicit",
        "ru",
        None,
        "В ночь на 7 октября 2025 года на перегоне Тайшет — Юрты сошли с рельсов 10 вагонов.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_unknown_publication_explicit",
        "en",
        None,
        "A freight train derailed near Tayshet on 7 October 2025, the railway said.",
        date(2025, 10, 7),
        "day",
    ),
    # --- unknown ------------------------------------------------------------------------------
    (
        "en_unknown_publication_weekday",
        "en",
        None,
        "A freight train derailed near Tayshet on Tuesday, the railway said.",
        None,
        "unknown",
    ),
    # --- months and weeks ----------------------------------------------------------------------
    (
        "en_month_only",
        "en",
        THU,
        "A freight train derailed near Chita in early September, blocking the line for a day.",
        date(2025, 9, 5),
        "month",
    ),
    (
        "ru_month_only",
        "ru",
        THU,
        "В сентябре на перегоне Чита — Карымская сошли с рельсов 15 цистерн, сообщили в ЗабЖД.",
        date(2025, 9, 15),
        "month",
    ),
    (
        "en_earlier_this_week",
        "en",
        THU,
        "Earlier this week, a freight train derailed near Yaroslavl, blocking the main line.",
        date(2025, 10, 7),
        "month",
    ),
    (
        "ru_this_week",
        "ru",
        THU,
        "На этой неделе под Ярославлем сошли с рельсов вагоны грузового поезда.",
        date(2025, 10, 7),
        "month",
    ),
    # --- look-alikes: dates of other events ---------------------------------------------------
    (
        "en_older_fire_same_station",
        "en",
        THU,
        "A locomotive caught fire at Mogocha station on Tuesday, the railway said. In August "
        "2024, a similar fire destroyed two cars at the same station.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_court_date",
        "en",
        THU,
        "Two freight cars derailed near Tikhoretsk on Wednesday. On Sept. 30 a court sentenced "
        "a local man to 12 years for setting fire to a relay box on the same line.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_case_opened_later",
        "en",
        THU,
        "Saboteurs blew up a section of track near Kursk on Oct. 5, officials said. A criminal "
        "case was opened on Oct. 7.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "en_statement_day_first",
        "en",
        THU,
        "The Investigative Committee said on Thursday that a bomb had derailed a freight train "
        "near Bryansk on Monday.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_statement_date_explicit",
        "en",
        THU,
        "On Oct. 8, the railway said a freight train had derailed near Tulun on Oct. 6.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_background_first",
        "en",
        THU,
        "Last month, a bridge on the same line was damaged by a blast. On Tuesday, saboteurs "
        "derailed a freight train near Bryansk.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_announced_later",
        "en",
        THU,
        "The derailment of a freight train near Kupino happened on Oct. 3, but police only announced it on Oct. 8.",
        date(2025, 10, 3),
        "day",
    ),
    (
        "ru_case_opened_later",
        "ru",
        THU,
        "Взрыв на железной дороге под Курском произошел 5 октября. Уголовное дело возбуждено 7 "
        "октября.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "ru_court_earlier",
        "ru",
        THU,
        "В Тверской области в среду сошли с рельсов 10 вагонов. Ранее, 15 сентября, суд "
        "приговорил жителя области к 12 годам за поджог релейного шкафа.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "ru_statement_day",
        "ru",
        THU,
        "Губернатор 9 октября заявил, что во вторник беспилотник атаковал станцию Валуйки.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_statement_thursday",
        "ru",
        THU,
        "В четверг в СК сообщили, что в понедельник под Брянском был подорван грузовой поезд.",
        date(2025, 10, 6),
        "day",
    ),
    # --- "a day after", "the next day", "накануне" --------------------------------------------
    (
        "en_day_after_complement",
        "en",
        THU,
        "Traffic resumed on Oct. 8, a day after a freight train derailed near Liski.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_next_day_restored",
        "en",
        THU,
        "A drone hit a traction substation near Rossosh on Oct. 5. The next day, traffic was "
        "fully restored.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "en_day_after_blast_second_charge",
        "en",
        THU,
        "A bridge near Klintsy was blown up on Saturday. A day after the blast, a second "
        "charge was found on the line.",
        date(2025, 10, 4),
        "day",
    ),
    (
        "ru_nakanune_after_restored",
        "ru",
        THU,
        "Движение на перегоне Лиски — Бобров восстановлено 8 октября. Накануне там сошли с "
        "рельсов 14 вагонов.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_next_day_restored",
        "ru",
        THU,
        "5 октября беспилотник атаковал тяговую подстанцию в Воронежской области. На следующий "
        "день движение поездов было восстановлено.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "en_week_after_similar",
        "en",
        THU,
        "A freight train derailed near Kupino on Monday, a week after a similar accident at "
        "the same station.",
        date(2025, 10, 6),
        "day",
    ),
    # --- longer reports: the lead dates the event, other paragraphs date other things -------
    (
        "en_long_background_paragraph",
        "en",
        date(2025, 10, 10),
        "Freight train derails in Kursk region after blast\nAn explosion derailed eleven cars "
        "of a freight train near Lgov on Wednesday night, the regional governor said.\n"
        "On Thursday, investigators opened a criminal case for a terrorist act.\n"
        "In August, a similar blast on Aug. 14 damaged the track near the same station.",
        date(2025, 10, 9),
        "day",
    ),
    (
        "en_day_after_other_event",
        "en",
        THU,
        "Blast derails freight train near Bryansk\nAn explosion derailed a freight train near "
        "Bryansk, the governor said.\nThe blast came a day after drones hit an oil refinery "
        "in Saratov on Oct. 5.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "ru_long_recap_and_court",
        "ru",
        date(2025, 10, 10),
        "Под Курском сошли с рельсов вагоны\nВ среду вечером на перегоне Льгов — Коренево сошли "
        "с рельсов семь вагонов грузового поезда.\nНапомним, 28 сентября на том же участке был "
        "подорван путь.\nСуд над задержанным назначен на 15 октября.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_restored_sunday_derailed_friday",
        "en",
        date(2025, 10, 13),
        "Rail traffic between Tulun and Zima was restored on Sunday after a freight train "
        "derailed late on Friday near Tulun.",
        date(2025, 10, 10),
        "day",
    ),
    (
        "ru_case_then_arson",
        "ru",
        THU,
        "СК возбудил уголовное дело 8 октября после того, как 6 октября неизвестные подожгли "
        "релейный шкаф на станции Лиски.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_claim_tuesday_sunday_night",
        "en",
        date(2025, 10, 8),
        "Ukrainian military intelligence said on Tuesday it had blown up a fuel train in the "
        "Bryansk region on Sunday night.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_breaking_with_older_attack",
        "en",
        THU,
        "Drone attack halts trains at Valuyki\nA drone attack damaged the overhead line at "
        "Valuyki station, the governor said. Trains are delayed.\nOn Oct. 2, a drone hit a "
        "locomotive at the same station.",
        THU,
        "day",
    ),
    (
        "ru_follow_up_no_date",
        "ru",
        THU,
        "Движение на участке Лиски — Бобров восстановлено после схода вагонов\nДвижение "
        "поездов на участке полностью восстановлено, сообщили в ЮВЖД. Причины схода вагонов "
        "устанавливает комиссия.",
        None,
        "unknown",
    ),
    (
        "ru_telegram_today_and_yesterday",
        "ru",
        THU,
        "⚡️Сегодня утром в Белгородской области беспилотник атаковал локомотив на станции "
        "Валуйки. Вчера в этом районе был поврежден путь.",
        THU,
        "day",
    ),
    (
        "en_day_before_statement",
        "en",
        THU,
        "Russian Railways said on Oct. 8 that traffic near Rossosh had resumed. The line had "
        "been closed the day before after a drone hit a traction substation.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_next_day_statement",
        "ru",
        THU,
        "Пожар на станции Кинель произошел 6 октября, а на следующий день губернатор заявил о "
        "поджоге.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_unknown_publication_weekday_old_year",
        "en",
        None,
        "On Tuesday night a freight train derailed near Tulun. In 2024, two trains derailed on "
        "the same line.",
        None,
        "unknown",
    ),
    (
        "en_said_wednesday_happened_tuesday",
        "en",
        THU,
        "A freight train derailed near Ryazan, the railway said on Wednesday, adding that the "
        "accident happened on Tuesday evening.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_said_wednesday_happened_tuesday",
        "ru",
        THU,
        "Грузовой поезд сошел с рельсов под Рязанью, сообщили в среду в пресс-службе дороги. "
        "Сход произошел во вторник вечером.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_dateline_yesterday_published_later",
        "en",
        date(2025, 10, 10),
        "KURSK, Oct 8 (Reuters) - A freight train derailed near Lgov yesterday after an "
        "explosion, the governor said.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_week_ago",
        "ru",
        THU,
        "Неделю назад на станции Кинель загорелась цистерна с бензином, сообщили в КбшЖД.",
        date(2025, 10, 2),
        "day",
    ),
    (
        "en_october_seventh_ordinal",
        "en",
        THU,
        "A freight train derailed on October 7th near Kupino, blocking the Trans-Siberian.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_saturday_published_monday_headline",
        "ru",
        date(2025, 10, 13),
        "В субботу под Брянском подорвали железнодорожный мост\nВзрыв прогремел в субботу на "
        "перегоне Клинцы — Унеча, сообщил губернатор в понедельник.",
        date(2025, 10, 11),
        "day",
    ),
    # --- more forms: abbreviated months, a time of day before a date, "сутками ранее" -------
    (
        "ru_abbreviated_month",
        "ru",
        THU,
        "⚡️7 окт. на станции Кинель загорелась цистерна с бензином, сообщили в КбшЖД.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_night_before_explicit_day",
        "ru",
        THU,
        "Ночью 7 октября на перегоне Лиски — Бобров сошли с рельсов 6 вагонов.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_past_tuesday_masculine",
        "ru",
        date(2025, 10, 14),
        "Сход вагонов под Тулуном\nВ минувший вторник на перегоне Тулун — Зима сошли с рельсов "
        "девять вагонов грузового поезда.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_day_before_restoration",
        "ru",
        THU,
        "Движение поездов через станцию Валуйки восстановлено 8 октября. Сутками ранее "
        "беспилотник повредил там контактную сеть.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_start_of_week",
        "ru",
        THU,
        "В начале недели под Ярославлем сошли с рельсов вагоны грузового поезда.",
        date(2025, 10, 7),
        "month",
    ),
    (
        "en_governor_on_tuesday_said",
        "en",
        THU,
        "The Kursk governor on Wednesday said a drone had hit a locomotive at Lgov station on "
        "Monday.",
        date(2025, 10, 6),
        "day",
    ),
    # --- a breaking report without a date: a later paragraph's date is another event's ------
    (
        "en_background_label",
        "en",
        THU,
        "Fuel train derails near Kotelnich\nNine tank cars of a freight train derailed near "
        "Kotelnich station, the railway said. No one was hurt.\nBackground: On Oct. 5, a tank "
        "car caught fire at Lyangasovo station in the same region.",
        THU,
        "day",
    ),
    (
        "en_later_paragraph_other_event",
        "en",
        THU,
        "Drone attack halts trains near Rossosh\nA drone damaged the overhead line near Rossosh "
        "station, the governor said. Trains are delayed.\nOn Oct. 6, drones struck an oil depot "
        "in the neighbouring Belgorod region, officials said then.",
        THU,
        "day",
    ),
    (
        "ru_spravka_label",
        "ru",
        THU,
        "Под Котельничем сошли вагоны\nНа станции Котельнич сошли с рельсов девять цистерн, "
        "пострадавших нет.\nСправка: 5 октября на станции Лянгасово загорелась цистерна.",
        THU,
        "day",
    ),
    (
        "en_site_sentence_dates_event",
        "en",
        THU,
        "Freight train derails in Irkutsk region\nTwelve wagons of a freight train left the "
        "track near Zima, blocking the Trans-Siberian.\nRepair crews are at the scene.\nThe "
        "accident happened on Oct. 7 at about 3 a.m., the railway said.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_follow_up_later_paragraph_dates_event",
        "ru",
        THU,
        "На перегоне Лиски — Бобров восстановлено движение\nДвижение поездов на перегоне "
        "полностью восстановлено, сообщили в ЮВЖД.\nСход 14 вагонов грузового поезда произошел "
        "7 октября.",
        date(2025, 10, 7),
        "day",
    ),
    # --- more anchors: statements days later, "the day after", "earlier this month" --------
    (
        "en_claimed_friday_late_wednesday",
        "en",
        date(2025, 10, 11),
        "Ukraine's military intelligence said on Friday it was behind an explosion that derailed "
        "a fuel train in the Bryansk region late on Wednesday.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_the_day_after_saboteurs",
        "en",
        THU,
        "Traffic was suspended for several hours on Tuesday, the day after saboteurs blew up a "
        "section of track near Kursk.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "ru_next_day_after_blast_restored",
        "ru",
        THU,
        "Во вторник, на следующий день после подрыва путей под Курском, движение поездов было "
        "восстановлено.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "ru_monday_then_tuesday_restored",
        "ru",
        THU,
        "Сход вагонов на станции Лиски произошел в понедельник, а во вторник движение "
        "восстановили.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "en_unknown_publication_last_week",
        "en",
        None,
        "A freight train derailed near Kupino station last week, the railway said.",
        None,
        "unknown",
    ),
    (
        "en_earlier_this_month_main",
        "en",
        THU,
        "Russian investigators said on Thursday they had identified the saboteurs behind a "
        "blast that derailed a freight train near Kursk earlier this month.",
        date(2025, 10, 5),
        "month",
    ),
    (
        "ru_earlier_this_month_main",
        "ru",
        THU,
        "В СК в четверг сообщили, что установили подозреваемых в подрыве грузового поезда под "
        "Курском, который произошел ранее в этом месяце.",
        date(2025, 10, 5),
        "month",
    ),
    (
        "en_third_since",
        "en",
        THU,
        "A freight train derailed near Kupino on Oct. 7, the third such incident on the line "
        "since Sept. 20.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_became_known",
        "ru",
        THU,
        "Как стало известно в четверг, во вторник вечером на станции Лиски загорелся тепловоз.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_dateline_nakanune",
        "ru",
        date(2025, 10, 10),
        "МОСКВА, 9 октября — Накануне вечером на станции Лиски загорелся маневровый тепловоз, "
        "сообщили в ЮВЖД.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_overnight_telegram",
        "en",
        THU,
        "Overnight, drones attacked a traction substation at Valuyki station, cutting power to "
        "trains.",
        THU,
        "day",
    ),
    (
        "ru_night_to_wednesday_published_friday",
        "ru",
        date(2025, 10, 10),
        "В ночь на среду на перегоне Тайшет — Юрты неизвестные подожгли релейный шкаф, сообщили "
        "в пятницу в транспортной полиции.",
        date(2025, 10, 8),
        "day",
    ),
    (
        "en_two_days_later_second",
        "en",
        THU,
        "A blast damaged the track near Lgov on Oct. 5. Two days later, a second device was "
        "found under a bridge nearby.",
        date(2025, 10, 5),
        "day",
    ),
    # --- long reports mixing everything ------------------------------------------------------
    (
        "en_long_wire_followup_weekday",
        "en",
        date(2025, 10, 10),
        "Russia says saboteurs derailed fuel train\nMOSCOW, Oct 10 (Reuters) - Russia's "
        "Investigative Committee said on Friday that saboteurs had blown up the track under a "
        "fuel train near Bryansk late on Tuesday, derailing 14 tank cars.\nThe committee said "
        "it had opened a terrorism case on Wednesday.\nIn September, a similar attack on Sept. "
        "12 damaged a bridge in the same region. Kyiv did not comment.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_long_telegram_followup",
        "ru",
        date(2025, 10, 10),
        "Подробности подрыва поезда под Брянском\nКак стало известно, взрыв под грузовым "
        "поездом прогремел во вторник около 23:00 на перегоне Унеча — Клинцы.\nВ среду "
        "возбуждено уголовное дело о теракте. В четверг движение по перегону восстановили.\n"
        "Напомним, 12 сентября на этом же направлении был подорван мост.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "en_long_month_only_main",
        "en",
        THU,
        "Report: fire at Chita depot was arson\nA fire that destroyed two locomotives at the "
        "Chita depot in September was started deliberately, investigators said on Thursday.\n"
        "The regional railway said on Oct. 2 that repairs would take a month.",
        date(2025, 9, 15),
        "month",
    ),
    (
        "ru_long_breaking_no_date_with_case_date",
        "ru",
        THU,
        "На станции Кинель горит цистерна\nНа станции Кинель загорелась цистерна с бензином, "
        "движение поездов приостановлено.\nНа месте работают пожарные. Уголовное дело "
        "возбуждено 2 октября по факту другого поджога на соседней станции Тяговая.",
        THU,
        "day",
    ),
    (
        "en_long_day_after_statement_chain",
        "en",
        date(2025, 10, 8),
        "Rail traffic resumes after blast\nRail traffic near Lgov resumed on Tuesday, a day "
        "after an explosion derailed a freight train there, the regional governor said.\nThe "
        "blast on Monday was the third on the line this year.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "ru_long_weekday_and_week",
        "ru",
        date(2025, 10, 12),
        "Серия поджогов на Транссибе\nНа этой неделе на Транссибе сгорели три релейных шкафа.\n"
        "Последний поджог произошел в пятницу на перегоне Тулун — Зима, сообщили в "
        "транспортной полиции в субботу.",
        date(2025, 10, 10),
        "day",
    ),
    # --- weekends, "this Monday", "двое суток назад" -----------------------------------------
    (
        "ru_weekend_na_vykhodnykh",
        "ru",
        date(2025, 10, 6),
        "На выходных под Тулуном сошли с рельсов шесть вагонов с углем, сообщили в ВСЖД.",
        date(2025, 10, 5),
        "day",
    ),
    (
        "ru_this_monday",
        "ru",
        THU,
        "В этот понедельник на станции Лиски загорелся маневровый тепловоз.",
        date(2025, 10, 6),
        "day",
    ),
    (
        "ru_two_days_ago_dvoe",
        "ru",
        THU,
        "Двое суток назад на перегоне Тайшет — Юрты сошли с рельсов 8 вагонов.",
        date(2025, 10, 7),
        "day",
    ),
    (
        "ru_end_of_last_week",
        "ru",
        THU,
        "В конце прошлой недели на станции Кинель загорелась цистерна с мазутом.",
        date(2025, 10, 3),
        "day",
    ),
    # --- follow-ups that give no date: unknown, not the publication day ----------------------
    (
        "en_follow_up_wreckage",
        "en",
        THU,
        "Crews clear wreckage at Kotelnich\nRepair crews worked through the night to clear the "
        "wreckage of a freight train that derailed near Kotelnich, the railway said.",
        None,
        "unknown",
    ),
    (
        "ru_follow_up_investigation",
        "ru",
        THU,
        "Следователи выясняют причины схода вагонов под Котельничем\nСледователи продолжают "
        "выяснять причины схода 12 вагонов грузового поезда под Котельничем, сообщили в СК.",
        None,
        "unknown",
    ),
    (
        "en_breaking_repair_crews_at_scene",
        "en",
        THU,
        "Freight train derails near Kotelnich\nTwelve cars of a freight train derailed near "
        "Kotelnich station. Repair crews are at the scene.",
        THU,
        "day",
    ),
]


def _main_date(language: str, published: date | None, text: str) -> DateValue | str:
    """The main (first reported) incident's date, or why there is none."""
    incidents = extract_incidents(text, language, published)
    if not incidents:
        return "no incident"
    return incidents[0].occurred or "unknown"


def _matches(found: DateValue | str, expected: date | None, precision: str) -> bool:
    """A day within one day (a night is its later day; a week must hold the day), a month by
    its month, unknown by no date."""
    if isinstance(found, str) or expected is None:
        return found == "unknown" and precision == "unknown"
    day = found.end if found.precision == "night" else found.start
    if precision == "month":
        return (day.year, day.month) == (expected.year, expected.month)
    if found.precision == "week":
        return found.start - timedelta(days=1) <= expected <= found.end + timedelta(days=1)
    return found.precision in {"day", "night"} and abs(day - expected) <= timedelta(days=1)


# Cases the extractor still gets wrong, and why; they must keep failing until fixed.
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize(
    ("language", "published", "text", "expected", "precision"),
    [
        pytest.param(
            *case[1:],
            id=case[0],
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[case[0]])]
            if case[0] in KNOWN_GAPS
            else [],
        )
        for case in CASES
    ],
)
def test_main_event_date(
    language: str, published: date | None, text: str, expected: date | None, precision: str
) -> None:
    found = _main_date(language, published, text)
    assert _matches(found, expected, precision), found


def test_an_undated_page_filed_under_a_month_dates_its_days() -> None:
    """A page without a publication date whose address files it under July 2012 tells of
    "24 июля": that is 24 July 2012, not a day of no knowable year."""
    text = (
        "URL: https://example.ru/incident/2012/07/4411\nPUBLISHED: unknown\n\n"
        "Размыв пути под Тындой\nС 24 июля из-за размыва насыпи закрыто движение на перегоне "
        "Тында — Хани, сообщили в ДВЖД."
    )
    (incident,) = read_and_extract(text).incidents
    assert incident.occurred is not None
    assert incident.occurred.start == date(2012, 7, 24)
    assert month_from_url("https://example.ru/news/2012/07/24/x") == date(2012, 7, 31)
    assert month_from_url("https://example.ru/a/2012/13/x") is None
    # without such an address the year stays unknown
    (incident,) = read_and_extract(text.replace("2012/07/", "")).incidents
    assert incident.occurred is None


def test_an_anchor_in_an_earlier_paragraph_is_another_events() -> None:
    """ "Накануне" and "a day later" count from a date of their own paragraph (or the
    headline), not from an older event told in the paragraph before."""
    text = (
        "Беспилотник атаковал станцию Валуйки\nВ 2023 году, 15 мая, на станции Валуйки уже "
        "горел локомотив.\nНакануне вечером беспилотник повредил контактную сеть на станции."
    )
    eve = [m for m in find_dates(text, THU, "ru") if m.value.text.startswith("Накануне")]
    assert [m.value.start for m in eve] == [date(2025, 10, 8)]
    english = (
        "Drone hits Valuyki station\nOn May 15, 2023, a locomotive burned at Valuyki.\nA day "
        "later than planned, crews restored power; the previous day a drone had hit the line."
    )
    eve = [m for m in find_dates(english, THU, "en") if m.value.text == "the previous day"]
    assert [m.value.start for m in eve] == [date(2025, 10, 8)]
    # within a paragraph the earlier date is still the anchor
    same = "Движение восстановлено 8 октября. Накануне там сошли с рельсов вагоны."
    eve = [m for m in find_dates(same, THU, "ru") if m.value.text == "Накануне"]
    assert [m.value.start for m in eve] == [date(2025, 10, 7)]
