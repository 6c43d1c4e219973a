"""Effect wording (own sentences): "has not been affected" and "does not affect" are no
effect; an active "заблокировав движение" is a stop; a closure told as a guess is no state."""

import pytest

from railwatch.reports.extract.effects import effect_mentions, last_effect, sentence_effects


@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        ("Rail traffic on the line has not been affected, the operator said.", {"none"}),
        ("The derailment does not affect rail traffic on the main line.", {"none"}),
        ("Train services haven't been disrupted.", {"none"}),
        ("Диверсанты подорвали пути, заблокировав движение поездов по магистрали.", {"suspended"}),
        ("Сход вагонов заблокировал движение на перегоне.", {"suspended"}),
        ("Движение заблокировано в обоих направлениях.", {"blocked_both"}),
        # damage of the adjacent track puts it out too; traffic moved to it uses it
        (
            "Because of damage of the adjacent track, traffic on the stretch was suspended.",
            {"suspended"},
        ),
        ("Trains were switched to the adjacent track.", {"blocked_one"}),
        # a guess is no state
        ("It seems likely the line will be closed to traffic for several days.", set()),
        ("The route may be closed for a week while the bridge is inspected.", set()),
        ("Движение на участке, вероятно, будет закрыто до конца недели.", set()),
        ("Движение может быть приостановлено на несколько часов.", set()),
        # a stated or announced closure stays one
        ("The line will be closed until Friday.", {"suspended"}),
        ("Traffic was closed for six hours.", {"suspended"}),
        ("Движение поездов приостановлено.", {"suspended"}),
    ],
)
def test_effect_wording(sentence: str, effects: set[str]) -> None:
    assert sentence_effects(sentence) == effects


# passengers carried on by road: the trains do not pass the section
@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        ("Passengers of the stopped train were taken on by bus to Orel.", "suspended"),
        ("Replacement buses run between Luga and Pskov until further notice.", "suspended"),
        ("Пассажиров остановленного поезда довезли до Орла на автобусах.", "suspended"),
        ("Между Лугой и Псковом курсируют компенсационные автобусы.", "suspended"),
        # carried by bus before: not the state now
        ("Travellers who had been moved by bus were back on trains by noon.", None),
        # a bus that is not a replacement for trains
        ("A bus drove onto the crossing and was hit by the train.", None),
        ("Автобус выехал на переезд перед поездом.", None),
    ],
)
def test_passengers_sent_on_by_bus_tell_a_stop(sentence: str, effect: str | None) -> None:
    assert last_effect(effect_mentions(sentence)) == effect


# a restriction, then a stop: the stop is the later state; one track, then a stop: the
# stop is how the one-track working began
@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        (("Traffic near Liski was restricted.", "All train services were suspended."), "suspended"),
        (("Движение у Лисок ограничено.", "Движение поездов приостановлено."), "suspended"),
        (
            ("Trains now run on one track.", "Traffic had been halted for three hours."),
            "blocked_one",
        ),
        (
            ("Поезда идут по одному пути.", "Движение было приостановлено на три часа."),
            "blocked_one",
        ),
    ],
)
def test_a_stop_after_a_restriction_is_the_last_state(
    sentences: tuple[str, ...], effect: str
) -> None:
    mentions = [m for s in sentences for m in effect_mentions(s)]
    assert last_effect(mentions) == effect
