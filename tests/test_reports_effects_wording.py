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


# "reduced" and "restricted" only of traffic: not a bridge reduced to rubble, not papers; and
# "traffic was restricted" alone is vague (the real-report gold's "unknown"): only a cut or a
# limit on speed says how trains move
@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        ("The old footbridge was reduced to rubble by the blast.", set()),
        ("According to restricted files seen by the paper, the span was weak.", set()),
        ("Suburban services will run to a reduced timetable this week.", {"reduced"}),
        ("Speed restrictions remain in place on the stretch.", {"reduced"}),
        ("Traffic on the section was restricted after the incident.", set()),
        ("Trains on the section were running with a decrease in speed.", {"reduced"}),
        ("Мост превратился в груду обломков.", set()),
        ("Движение на перегоне ограничено.", set()),
        ("Поезда на перегоне идут со снижением скорости.", {"reduced"}),
    ],
)
def test_reduced_is_said_of_traffic(sentence: str, effects: set[str]) -> None:
    assert sentence_effects(sentence) == effects


# "operating normally, traffic unchanged" with no stop told before is "not affected"; a
# normal working told alone, or after a stop, is a reopening
@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        (("The station is operating normally, train traffic is unchanged.",), "none"),
        (("Станция работает в штатном режиме, движение поездов без изменений.",), "none"),
        (("Trains are running normally after the repairs.",), "resumed"),
        (("Поезда после ремонта идут в штатном режиме.",), "resumed"),
        (("Traffic was suspended.", "Trains are now running normally again."), "resumed"),
        (("Движение было приостановлено.", "Сейчас поезда идут в штатном режиме."), "resumed"),
    ],
)
def test_normal_operation_is_none_unless_after_a_stop(
    sentences: tuple[str, ...], effect: str
) -> None:
    mentions = [m for s in sentences for m in effect_mentions(s)]
    assert last_effect(mentions) == effect


# "currently delayed" after a stop, and delays after a closure told with its end ("until
# 7 a.m."), are the state now; delays after an open-ended closure are what it caused
@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        (("Traffic on the stretch was suspended.", "Currently, 12 trains are delayed."), "delayed"),
        (("Движение на перегоне приостановлено.", "Сейчас задерживаются 12 поездов."), "delayed"),
        (("Traffic was suspended until 6 a.m.", "Eight trains are delayed."), "delayed"),
        (("Движение было приостановлено до 6 утра.", "Задерживаются восемь поездов."), "delayed"),
        (("Traffic on the stretch was suspended.", "Eight trains are delayed."), "suspended"),
        (("Движение на перегоне приостановлено.", "Задерживаются восемь поездов."), "suspended"),
    ],
)
def test_delays_now_or_after_a_bounded_closure(sentences: tuple[str, ...], effect: str) -> None:
    mentions = [m for s in sentences for m in effect_mentions(s)]
    assert last_effect(mentions) == effect


# trains turned back short of the section: no train passes it, so it is suspended; a
# train's route named with "to" is no closure
@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        ("Commuter trains now run only as far as Lesnaya.", {"suspended"}),
        ("Suburban services are being turned back at Polevaya.", {"suspended"}),
        (
            "Сейчас электрички Северск — Озёрная ходят до Лесной и Полевой соответственно.",
            {"suspended"},
        ),
        ("Электрички ходят только до станции Лесная.", {"suspended"}),
        ("The night train runs to Moscow every day.", set()),
        ("Поезд Москва — Адлер идёт до Адлера через Ростов.", set()),
    ],
)
def test_trains_turned_back_short_is_a_stop(sentence: str, effects: set[str]) -> None:
    assert sentence_effects(sentence) == effects
