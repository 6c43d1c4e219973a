"""Who speaks, and who only did the deed: the agent of a passive or the subject of hearsay
is no speaker; a railway's possessive press service and «там» speak for the railway named
before; a sentence told in someone's words is not the post source's account (sentences
written for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import claimant_in, find_claims
from railwatch.reports.extract.extract import extract_incidents

PUB = date(2025, 3, 4)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # the agent of a verbal passive did the deed; the one who tells it speaks
        ("The depot was set on fire by the SBU last night, the governor said.", "governor"),
        ("Подрыв пути устроен по заданию СБУ, заявил губернатор.", "governor"),
        # the subject of hearsay or of a hedge is who is suspected, not who suspects
        ("Ukraine's military intelligence is said to have mined the line, the governor said.",
         "governor"),
        ("ГУР якобы заминировал путь, заявил губернатор.", "governor"),
    ],
)  # fmt: skip
def test_the_doer_of_the_deed_is_no_speaker(sentence: str, speaker: str) -> None:
    found = claimant_in(sentence)
    assert found is not None and found[0] == speaker


@pytest.mark.parametrize(
    "sentence",
    [
        "The SBU may have planted the explosives on the bridge.",
        "СБУ, возможно, заложила взрывчатку под мост.",
    ],
)
def test_a_suspected_doer_alone_makes_no_claim(sentence: str) -> None:
    assert find_claims(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The attack was claimed by the SBU on Telegram.",
        "The claim was published by the railway's press office.",
    ],
)
def test_a_passive_of_telling_still_names_the_speaker(sentence: str) -> None:
    assert claimant_in(sentence) is not None


def test_hearsay_is_speculation() -> None:
    claims = find_claims("The governor said the blast is said to have been caused by a bomb.")
    assert [(c.claimant, c.stance) for c in claims] == [("governor", "speculates")]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Unknown persons set fire to a signal box on the line near the town on Monday.\n\n"
            "The railway's press service said so, according to a news site.\n\n"
            'They noted that the fire came "as a result of interference by unauthorised persons" there.',
            "en",
        ),
        (
            "В понедельник неизвестные подожгли релейный шкаф на линии у города.\n\n"
            "Как передает новостной сайт, об этом сообщили в пресс-службе железной дороги.\n\n"
            "Там отметили, что пожар произошел «в результате вмешательства посторонних лиц».",
            "ru",
        ),
    ],
)
def test_they_noted_speaks_for_the_railway_named_before(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert ("Russian Railways", "sabotage") in {(c.claimant, c.cause) for c in incident.claims}
