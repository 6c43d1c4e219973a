"""Traffic states told through passengers, consequences, one of two lines and the open track,
and a follow-up that says the incident was reported the day before (sentences written for
these tests)."""

from datetime import date

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.text.furniture import strip_furniture


def last(sentences: list[str]) -> str | None:
    return last_effect([m for s in sentences for m in effect_mentions(s)])


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        # passengers who went on by another train tell nothing of the line
        (
            [
                "A freight train derailed near Birch Creek on Monday.",
                "The railway said 200 passengers had resumed their journey on a relief train.",
            ],
            None,
        ),
        (
            [
                "У станции Лесная сошли с рельсов шесть вагонов.",
                "Пассажиры поезда № 12 Москва — Лесная продолжат поездку, когда их "
                "вернут из автобусов в вагоны.",
            ],
            None,
        ),
        # delays joined to a closure by words of consequence are its doing, not a newer state
        (
            ["Currently traffic at Birch Creek is suspended, causing delays to passenger trains."],
            "suspended",
        ),
        (
            [
                "В настоящее время движение у станции Лесная приостановлено, в связи с чем "
                "ожидается задержка пассажирских поездов."
            ],
            "suspended",
        ),
        # one of two lines shut, or traffic partly stopped: the other line is used
        (
            [
                "A landslide covered the line near Birch Creek.",
                "Traffic was partially halted and four trains were delayed.",
            ],
            "blocked_one",
        ),
        (
            ["Оползень перекрыл одну линию из двух, движение поездов временно приостановлено."],
            "blocked_one",
        ),
        # trains running on the open track after a reopening: one track only
        (
            [
                "Traffic was restored at Birch Creek at 8 am.",
                "The remaining trains are running in both directions on the open track.",
            ],
            "blocked_one",
        ),
        (
            [
                "Движение у станции Лесная восстановлено утром.",
                "Прочие поезда пропускают по открытому пути поочередно.",
            ],
            "blocked_one",
        ),
        # wreckage on both tracks; "300 m of one track and 200 m of the other" is both
        (
            [
                "Вагоны убирают на обоих путях.",
                "Нужно заменить 300 метров одного пути и около 200 метров другого.",
            ],
            "blocked_both",
        ),
        # "traffic restricted" alone is vague; a decrease in speed tells slower trains
        (["Traffic on the stretch is temporarily restricted."], None),
        (["Trains are let through with a decrease in speed."], "reduced"),
    ],
)
def test_traffic_state(sentences: list[str], effect: str | None) -> None:
    assert last(sentences) == effect


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Trains delayed on the Far Eastern line after a derailment.\n\n"
            "Six trains are running late near Birch Creek. The railway reported the "
            "derailment the day before.",
            "en",
        ),
        (
            "Поезда задерживаются из-за схода вагонов у станции Лесная.\n\n"
            "Задерживаются шесть поездов. О сходе вагонов дорога сообщила накануне вечером.",
            "ru",
        ),
    ],
)
def test_reported_the_day_before_is_a_follow_up(text: str, language: str) -> None:
    published = date(2025, 3, 5)
    incidents = extract_incidents(text, language, published)
    # not the publication day: none, or the day before when the text's "the day before"
    # dates the report
    occurred = incidents[0].occurred if incidents else published
    assert occurred is None or occurred.start < published


@pytest.mark.parametrize(
    "line",
    [
        '"Pictures from the scene show smoke over the signal box. Trains run slower," the '
        "statement said.",
        "«Снимки с места показывают дым над релейным шкафом. Поезда идут медленнее "
        "обычного», — говорится в сообщении.",
    ],
)
def test_a_quoted_line_is_text(line: str) -> None:
    assert strip_furniture(f"A relay cabinet burned.\n\n{line}").endswith(line)
