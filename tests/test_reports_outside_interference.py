"""The railways' formula for a deliberate cause, interference by third parties («вмешательство
третьих лиц», "outside interference"), names sabotage unless it is told as not mentioned; a
probe named by what it classifies the event as ("a terrorism probe") is an official
classification (sentences written for these tests, not taken from any corpus)."""

import pytest

from railwatch.reports.extract.claims import find_causes, find_claims, is_case_classification


@pytest.mark.parametrize(
    "text",
    [
        "The operator blamed interference from third parties.",
        "Officials cited outside interference as the cause.",
        "A third-party interference is suspected by the carrier.",
        "Причиной схода назвали вмешательство третьих лиц.",
        "Дорога сообщила о стороннем вмешательстве.",
    ],
)
def test_interference_by_third_parties_is_sabotage(text: str) -> None:
    assert "sabotage" in find_causes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The carrier's statement made no mention of any outside interference.",
        "В сообщении дороги не упомянули о вмешательстве третьих лиц.",
    ],
)
def test_a_cause_told_as_not_mentioned_is_none(text: str) -> None:
    assert "sabotage" not in find_causes(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said a 'terrorism' probe into the crash is under way.",
        "Investigators launched a sabotage inquiry on Monday.",
    ],
)
def test_a_probe_named_by_its_classification_is_a_case(sentence: str) -> None:
    assert is_case_classification(sentence)
    assert [c.stance for c in find_claims(sentence)] == ["attributes"]


def test_an_inquiry_into_something_else_is_no_case() -> None:
    assert not is_case_classification("Police opened an inquiry into the delays.")
