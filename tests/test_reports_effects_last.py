"""The last traffic state a report tells: a reopening told more exactly below a headline, and
a "not affected" that speaks of passenger trains only (sentences written for these tests)."""

from datetime import date

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect
from railwatch.reports.extract.extract import extract_incidents

PUB = date(2024, 3, 5)


def told(text: str, language: str) -> str | None:
    incidents = extract_incidents(text, language, PUB)
    assert len(incidents) == 1, [i.evidence for i in incidents]
    return incidents[0].effect


@pytest.mark.parametrize(
    ("text", "language", "effect"),
    [
        # the headline says "reopened", the body says on one track only
        (
            "Движение открыто на станции Лесная, где ночью сошли с рельсов шесть вагонов.\n\n"
            "Утром движение на станции Лесная восстановлено по одному пути, сообщили в "
            "пресс-службе дороги.",
            "ru",
            "blocked_one",
        ),
        (
            "Rail traffic reopened at Birch Creek after a freight derailment on Monday.\n\n"
            "By 6 am trains were again allowed through, the line reopened on one track while "
            "crews cleared the wagons from the other.",
            "en",
            "blocked_one",
        ),
        # a partial reopening followed by a full one told as later stays the full one
        (
            "В ночь на вторник у станции Лесная сошли с рельсов шесть вагонов. Движение "
            "восстановлено по одному пути. Позже движение открыто по обоим путям.",
            "ru",
            "resumed",
        ),
        # a reopening told as full: the one-track reopening told after it came first
        (
            "Движение по обоим путям у станции Лесная полностью восстановлено, где в "
            "понедельник сошли с рельсов шесть вагонов. Один путь открыли ещё в "
            "понедельник вечером.",
            "ru",
            "resumed",
        ),
        (
            "Both tracks at Birch Creek were back in service on Tuesday after a freight train "
            "derailed there on Monday; traffic has fully resumed. One track had reopened on "
            "Monday night.",
            "en",
            "resumed",
        ),
        # a closure told after the reopening is still background
        (
            "Traffic reopened at Birch Creek on Monday after a freight train derailed there. "
            "The line had been closed for nine hours.",
            "en",
            "resumed",
        ),
    ],
)
def test_partial_reopening_refines_an_earlier_reopening(
    text: str, language: str, effect: str
) -> None:
    assert told(text, language) == effect


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Задержек пассажирских поездов нет, сообщили в дороге.", []),
        ("Пригородные электрички ходят без задержек.", []),
        ("No passenger trains were delayed, the operator said.", []),
        ("Commuter services were not affected by the derailment.", []),
        # all traffic, or passenger and freight together: the line was not affected
        ("Пассажирские и грузовые поезда следуют без задержек.", ["none"]),
        ("Движение поездов не нарушено.", ["none"]),
        ("Passenger and freight traffic was not affected.", ["none"]),
        ("No trains were delayed.", ["none"]),
    ],
)
def test_passenger_only_no_effect_is_no_none(sentence: str, kinds: list[str]) -> None:
    assert [m.kind for m in effect_mentions(sentence)] == kinds


def test_passenger_only_remark_leaves_the_effect_unknown() -> None:
    text = (
        "Под Хабаровском с рельсов сошли двенадцать вагонов с углём. "
        "Задержек пассажирских поездов не допущено, сообщили в дороге."
    )
    assert told(text, "ru") is None
    mentions = [m for s in text.split(". ") for m in effect_mentions(s)]
    assert last_effect(mentions) is None


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        # the damage is to one track only: the line is down to the other
        (
            [
                "Several freight trains were halted near Elm Grove.",
                "Because of damage to one of the two tracks, traffic on the stretch is "
                "suspended for now.",
            ],
            "blocked_one",
        ),
        (["Из-за повреждения одного из путей движение на перегоне приостановлено."], "blocked_one"),
        # damage to the track, no word of which: a stop with no detail on tracks
        (["Because of damage to the track, traffic on the stretch is suspended."], "suspended"),
    ],
)
def test_damage_to_one_track(sentences: list[str], effect: str) -> None:
    assert last_effect([m for s in sentences for m in effect_mentions(s)]) == effect


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        # a stop with no word of tracks or directions tells no detail on tracks
        (["Rail traffic on the stretch was halted after the blast."], "suspended"),
        (["Из-за размыва движение на перегоне однопутной линии закрыто."], "suspended"),
        (["Движение поездов остановлено.", "Движение приостановлено до утра."], "suspended"),
        # both tracks or both directions said: blocked_both
        (["Trains were stopped on both tracks."], "blocked_both"),
        (["Движение остановлено.", "Оба пути перекрыты обломками."], "blocked_both"),
        (["Движение закрыто в обоих направлениях."], "blocked_both"),
    ],
)
def test_a_stop_with_no_word_of_tracks_is_suspended(sentences: list[str], effect: str) -> None:
    assert last_effect([m for s in sentences for m in effect_mentions(s)]) == effect


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        # a saboteur's claimed result: deliveries delayed, no word on trains
        ("The group said the fire delayed the delivery of fuel to the front.", set()),
        ("The partisans claimed the arson left army supplies delayed for days.", set()),
        ("Партизаны заявили, что поджог задержал поставки техники для армии.", set()),
        # trains delayed is still a delay
        ("Eleven trains were delayed after the fire at the relay cabinet.", {"delayed"}),
    ],
)
def test_supply_delay_is_no_traffic_effect(sentence: str, kinds: set[str]) -> None:
    assert {m.kind for m in effect_mentions(sentence)} == kinds


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("Пригородные электрички пока не ходят от станции Лесная до Кировска.", {"suspended"}),
        ("Commuter trains are still not running between Birch Creek and Kirovsk.", {"suspended"}),
        ("No trains were running on the branch on Monday morning.", {"suspended"}),
        # a stop that did not happen stays no stop
        ("Движение поездов не прерывалось.", {"none"}),
    ],
)
def test_trains_not_running_is_a_stop(sentence: str, kinds: set[str]) -> None:
    assert {m.kind for m in effect_mentions(sentence)} == kinds
