"""Causes that reports of ordinary railway accidents word in ways the lexicon did not read: a
road vehicle crossing just ahead of a train, a train and a road vehicle named as colliding,
and the state of the track or of the running gear (sentences written for these tests, not
taken from any corpus)."""

import pytest

from railwatch.reports.extract.claims import find_causes, find_claims


@pytest.mark.parametrize(
    "text",
    [
        # a road vehicle driven onto a railroad crossing, or across the line ahead of a train
        "Officials said the driver of a van drove onto a railroad crossing.",
        "Police said the tractor crossed the line just in front of an approaching train.",
        "The bus driver tried to cross right in front of the train, the police said.",
        "Полиция сообщила, что трактор выехал на переезд перед движущимся поездом.",
        # the train and the road vehicle named as colliding
        "The ministry said a passenger train and a heavy lorry collided at noon.",
        "Witnesses say two wagons overturned after colliding with a dump truck.",
        "По данным полиции, столкнулись электричка и легковой автомобиль.",
        "Очевидцы рассказали, что состав врезался в самосвал.",
    ],
)
def test_road_vehicle_at_a_crossing_is_a_safety_violation(text: str) -> None:
    assert find_causes(text)[:1] == ["safety_violation"]


@pytest.mark.parametrize(
    "text",
    [
        "Investigators are considering the poor technical condition of the track.",
        "One version is a fault in the running gear of a wagon.",
        "Следствие рассматривает версию о неудовлетворительном состоянии пути.",
        "Проверяется версия о неисправности ходовой части вагона.",
    ],
)
def test_state_of_track_or_running_gear_is_a_technical_fault(text: str) -> None:
    assert find_causes(text)[:1] == ["technical_fault"]


def test_hedged_state_of_track_is_speculated() -> None:
    claims = find_claims(
        "Следователи рассматривают версии о ненадлежащем состоянии пути или ходовой части."
    )
    assert [(c.stance, c.cause) for c in claims] == [("speculates", "technical_fault")]
    claims = find_claims(
        "Investigators said the poor condition of the track may have caused the derailment."
    )
    assert [(c.stance, c.cause) for c in claims] == [("speculates", "technical_fault")]


def test_a_crossing_that_is_only_named_is_no_cause() -> None:
    assert find_causes("The train passed the level crossing at noon.") == []
    assert find_causes("Поезд проследовал переезд в полдень.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A broken rail may have caused the derailment, the acting transport prosecutor Ivan "
        "Petrov said on a Telegram channel.",
        "Причиной схода мог стать излом рельса, сообщил в Telegram-канале исполняющий "
        "обязанности транспортного прокурора Иван Петров.",
    ],
)
def test_channel_named_as_where_a_speaker_said_it_is_no_speaker(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.stance, c.cause) for c in claims] == [("speculates", "technical_fault")]
    assert "prosecutor" in claims[0].claimant
