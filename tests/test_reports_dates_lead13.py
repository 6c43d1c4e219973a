"""A breaking report whose lead follows a photo caption is dated to publication, and a chain
of relative days never runs past publication. The sentences are written for this test, in
English and Russian."""

from datetime import date

from railwatch.reports.extract.dates import find_dates
from railwatch.reports.extract.extract import extract_incidents

PUBLISHED = date(2024, 8, 12)

# --- a caption line before the lead: the lead still breaks the news ---------------------------


def test_ru_lead_after_photo_caption_is_breaking_news() -> None:
    text = (
        "Цистерны с мазутом.\n"
        "Архивный снимок\n"
        "Шесть цистерн с мазутом сошли с рельсов в Саратовской области, сообщили в пресс-службе "
        "Приволжской железной дороги.\n"
        "«Около 09.40 на перегоне Ивановка – Петровка произошел сход шести цистерн. "
        "Пострадавших нет», – говорится в сообщении."
    )
    incidents = extract_incidents(text, "ru", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == PUBLISHED


def test_en_lead_after_photo_caption_is_breaking_news() -> None:
    text = (
        "Tank cars with fuel oil.\n"
        "File photo\n"
        "Six tank cars carrying fuel oil derailed in the Saratov region, the press service of "
        "the Volga Railway said.\n"
        '"At about 09:40 six tank cars derailed on the Ivanovka - Petrovka section. No one '
        'was hurt," the statement said.'
    )
    incidents = extract_incidents(text, "en", PUBLISHED)
    assert len(incidents) == 1
    assert incidents[0].occurred is not None
    assert incidents[0].occurred.start == PUBLISHED


# --- "the next day" counted from a day that is already the publication day --------------------


def test_ru_next_day_never_runs_past_publication() -> None:
    text = (
        "Подозреваемого задержали на следующий день после поджога. По данным полиции, "
        "на следующий день его доставили в отдел."
    )
    days = [m.value.start for m in find_dates(text, PUBLISHED, "ru")]
    assert days
    assert all(day <= PUBLISHED for day in days)


def test_en_next_day_never_runs_past_publication() -> None:
    text = (
        "The suspect was detained a day after the arson. According to police, the next day "
        "he was taken to the station."
    )
    days = [m.value.start for m in find_dates(text, PUBLISHED, "en")]
    assert days
    assert all(day <= PUBLISHED for day in days)


def test_en_next_day_after_a_stated_day_still_counts() -> None:
    text = "A freight train derailed on August 3. The next day the line reopened."
    days = [m.value.start for m in find_dates(text, PUBLISHED, "en")]
    assert date(2024, 8, 4) in days
