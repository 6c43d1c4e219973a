"""Claims of an investigation that classifies the event and of a speaker who cites his own
sources, on sentences written for these tests."""

import pytest

from railwatch.reports.evaluate import real_stance
from railwatch.reports.extract.claims import find_causes, find_claims, is_case_classification
from railwatch.reports.extract.nlp_claims import check_claims

# --- an investigation that classifies the event ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("Investigators are treating the relay box fire as arson.", "arson"),
        ("Investigators are investigating the derailment as a terrorist act.",
         "terrorist_attack"),
        ("A pre-investigation check under Part 1 of Article 263 (violation of traffic safety "
         "rules) has been launched.",
         "safety_violation"),
        ("Проводится проверка по ч. 1 ст. 263 УК РФ (нарушение правил безопасности движения).",
         "safety_violation"),
        ("Следователи расследуют взрыв на мосту как теракт.", "terrorist_attack"),
    ],
)  # fmt: skip
def test_an_investigation_that_classifies_the_event_attributes(sentence: str, cause: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [
        ("Investigative Committee", "attributes", cause)
    ]
    assert is_case_classification(sentence)
    assert real_stance(claims[0]) == "attributes"


def test_investigating_without_a_classification_is_no_case() -> None:
    assert not is_case_classification("Police are investigating the cause of the derailment.")
    assert not is_case_classification("Полиция расследует причины схода вагонов.")


# --- a speaker citing his own sources --------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "language", "speaker"),
    [
        ("The blogger Ivan Petrov, citing his sources, wrote that the blast was a sabotage by "
         "the SBU.", "en", "Ivan Petrov"),
        ("Блогер Иван Петров, ссылаясь на свои источники, написал, что подрыв — диверсия СБУ.",
         "ru", "Иван Петров"),
    ],
)  # fmt: skip
def test_a_speaker_citing_his_sources_speaks_not_the_party_he_names(
    sentence: str, language: str, speaker: str
) -> None:
    claims = check_claims(find_claims(sentence), sentence, language)
    assert [(c.claimant, c.cause) for c in claims] == [(speaker, "sabotage")]


def test_a_party_cited_by_name_still_speaks() -> None:
    sentence = "CNN, citing a source in the SBU, reported that the bridge was blown up."
    claims = check_claims(find_claims(sentence), sentence, "en")
    assert [c.claimant for c in claims] == ["source in SBU"]


# --- a finding told with what was found --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators established that the wagon caught fire after a homemade bomb went off.",
        "Следователи установили, что вагон загорелся после срабатывания самодельного взрывного "
        "устройства.",
    ],
)
def test_investigators_who_establish_a_cause_assert_it(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [
        ("Investigative Committee", "asserts", "explosive_device")
    ]


def test_established_without_a_that_clause_is_no_saying() -> None:
    assert find_claims("The railway established a headquarters after the bomb blast.") == []


# --- a load counted or listed on is cargo, not a cause -----------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The line is used to deliver munitions — including rockets and ballistic missiles — to "
        "the front.",
        "Officials said the country had delivered 2.5 million artillery shells since 2023.",
        "Ветка используется для доставки боеприпасов — в том числе ракет и снарядов — на фронт.",
        "Эта ветка нужна для перевозки 1,5 млн снарядов в год.",
    ],
)
def test_a_counted_or_listed_load_names_no_cause(sentence: str) -> None:
    assert find_causes(sentence) == []


def test_shells_that_hit_the_train_still_name_a_cause() -> None:
    assert find_causes("Поезд попал под обстрел ракетами.") == ["shelling"]


# --- an outlet named as telling the blast asserts it ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Mash reported that a second freight train had been blown up on the bypass line.",
        "О подрыве ещё одного товарного поезда сообщил телеграм-канал Mash.",
    ],
)
def test_an_outlet_telling_the_blast_asserts_it(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [("Mash", "asserts", "explosion")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor reported that tank cars exploded after the derailment.",
        "Mash reported that a drone had been shot down before the explosion.",
        "Губернатор сообщил, что после схода взорвались цистерны.",
    ],
)
def test_an_official_or_air_defence_telling_a_blast_claims_nothing(sentence: str) -> None:
    assert [c.cause for c in find_claims(sentence)] != ["explosion"]
