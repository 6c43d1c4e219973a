"""Who found the cause and how it is worded: a preliminary finding told without a speaker is
the finding of the party the text quoted last; an agency's "interlocutor" is its source; a
washout, a hedged "may be behind" and people who blew something up name causes (sentences
written for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import find_causes, find_claims
from railwatch.reports.extract.extract import extract_incidents

PUB = date(2025, 7, 9)


@pytest.mark.parametrize(
    ("text", "language", "claimant"),
    [
        (
            "Four wagons of a goods train left the rails near the village on Tuesday, Russian "
            "Railways said.\n\n"
            "Nobody was hurt. Repair crews are at the site.\n\n"
            "The preliminary cause is that floodwater washed away part of the embankment.",
            "en",
            "Russian Railways",
        ),
        (
            "Во вторник у посёлка сошли с рельсов четыре вагона грузового поезда, сообщили в "
            "ОАО «РЖД».\n\n"
            "Никто не пострадал. На месте работают ремонтные бригады.\n\n"
            "Предварительной причиной схода стал размыв насыпи паводком.",
            "ru",
            "Russian Railways",
        ),
    ],
)
def test_a_preliminary_finding_is_the_last_quoted_partys(
    text: str, language: str, claimant: str
) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    weather = [c for c in incident.claims if c.cause == "weather"]
    assert weather, incident.claims
    assert all(claimant in c.claimant for c in weather)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "A tank wagon caught fire on the line on Tuesday. Rescuers put it out.\n\n"
            "The preliminary cause was a short circuit in the wiring.",
            "en",
        ),
        (
            "Во вторник на линии загорелась цистерна. Пожар потушили.\n\n"
            "Предварительной причиной пожара стало короткое замыкание.",
            "ru",
        ),
    ],
)
def test_a_finding_with_no_one_quoted_has_no_claimant(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert incident.claims == []


def test_the_agencys_interlocutor_speaks_not_the_party_in_the_quote() -> None:
    text = (
        "A goods train exploded on the main line in the north on Tuesday, a police source "
        "told the agency.\n\n"
        '"Track crews are still at work after what was an SBU special operation," the '
        "outlet's interlocutor said."
    )
    (incident,) = extract_incidents(text, "en", PUB)
    assert incident.claims
    assert {c.claimant for c in incident.claims} <= {"source"}, incident.claims


@pytest.mark.parametrize(
    ("clause", "cause"),
    [
        ("the water washed away the embankment under the track", "weather"),
        ("the security service may be behind the blast", "sabotage"),
        ("the intelligence service is believed to have been behind the fire", "sabotage"),
        ("unknown persons blew up a goods train on the bridge", "sabotage"),
        ("За взрывом может стоять СБУ", "sabotage"),
        ("Неизвестные подорвали грузовой состав на мосту", "sabotage"),
    ],
)
def test_causes_named_in_more_words(clause: str, cause: str) -> None:
    assert cause in find_causes(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "the trains ran behind schedule all day",
        "a tank car blew up after the derailment",
        "за городом стоят вагоны",
        "цистерна взорвалась после схода",
    ],
)
def test_words_that_name_no_cause(clause: str) -> None:
    assert find_causes(clause) == []


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("The SBU is behind the blast on the railway, as sources informed the outlet.", "source"),
        ("За взрывом на железной дороге стоит СБУ, проинформировали источники издания.", "source"),
    ],
)
def test_informing_is_a_verb_of_saying(sentence: str, claimant: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.cause) for c in claims] == [(claimant, "sabotage")]


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Ukrainian media claim the SBU was behind the blast on the railway line.",
            "Ukrainian media",
        ),
        (
            "Украинские СМИ утверждают, что пожар на железной дороге стал итогом операции СБУ.",
            "Ukrainian media",
        ),
        ("Russian media reported that saboteurs blew up the railway bridge.", "Russian media"),
        (
            "Российские СМИ сообщили, что мост на железной дороге взорвали диверсанты.",
            "Russian media",
        ),
    ],
)
def test_a_sides_media_are_not_its_officials(sentence: str, claimant: str) -> None:
    assert {c.claimant for c in find_claims(sentence)} == {claimant}
