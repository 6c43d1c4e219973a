"""A holiday's day ("celebrated on Sunday, Aug. 4", «отмечают в воскресенье, 4 августа») and
the day another outlet reported something ("On Friday, Aug. 2, the agency reported") are not
the day of the deed. The sentences are written for this test, in English and Russian."""

from railwatch.reports.extract.extract import extract_incidents


def _date(text: str, language: str):
    found = extract_incidents(text, language, None)
    assert found
    return found[0].occurred


def test_en_holiday_day_is_not_the_event_date() -> None:
    text = (
        "Partisans set fire to a relay cabinet on the railway near Kursk, the group said.\n\n"
        "They greeted everyone on Railway Workers' Day, celebrated in the country on "
        "Sunday, Aug. 4."
    )
    assert _date(text, "en") is None


def test_ru_holiday_day_is_not_the_event_date() -> None:
    text = (
        "Партизаны подожгли релейный шкаф на железной дороге под Курском, сообщила группа.\n\n"
        "Они поздравили всех с Днём железнодорожника, который отмечают в воскресенье, "
        "4 августа."
    )
    assert _date(text, "ru") is None


def test_en_another_outlets_report_day_is_not_the_event_date() -> None:
    text = (
        "Partisans set fire to a relay cabinet on the railway near Kursk, the group said.\n\n"
        "On Friday, Aug. 2, the agency reported that the group had listed new targets."
    )
    assert _date(text, "en") is None
