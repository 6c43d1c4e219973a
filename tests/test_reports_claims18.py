"""Claims in Russian regional news (governors, security services, railway branches), on
sentences written for these tests."""

import pytest

from railwatch.reports.evaluate import real_stance
from railwatch.reports.extract.claimants import canonical_claimant
from railwatch.reports.extract.claims import find_claims, is_case_classification
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.nlp_claims import check_claims, refers_to_event

# --- a charge in the words of the criminal code ---------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Prosecutors said the man is charged with committing a terrorist act on the railway.",
        "«Задержанный обвиняется в совершении диверсии на железной дороге», — сообщили в СК.",
        "В полиции сообщили, что юноше предъявлено обвинение в совершении теракта.",
    ],
)
def test_a_charge_worded_as_the_law_is_a_classification(sentence: str) -> None:
    assert is_case_classification(sentence)
    claims = find_claims(sentence)
    assert claims and all(real_stance(c) == "attributes" for c in claims)


def test_blaming_a_party_is_no_classification() -> None:
    sentence = "Губернатор обвинил украинских диверсантов в поджоге релейного шкафа."
    assert not is_case_classification(sentence)
    assert [real_stance(c) for c in find_claims(sentence)] == ["asserts"]


# --- words that name no cause: the repair awaited, the sound heard ---------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Traffic on the line was suspended until the technical faults are fixed, the governor said.",
        "«Движение электричек приостановлено до устранения технических неисправностей», — "
        "написал губернатор.",
        "Residents also reported that the sound of drones flying over the town was heard.",
        "Жители также сообщили, что над городом всю ночь слышали звук беспилотников.",
    ],
)
def test_a_repair_awaited_or_a_sound_heard_names_no_cause(sentence: str) -> None:
    assert find_claims(sentence) == []


def test_a_fault_told_as_the_cause_stays_a_claim() -> None:
    claims = find_claims("Поезд остановился из-за технической неисправности, сообщили в РЖД.")
    assert [c.cause for c in claims] == ["technical_fault"]


# --- the region of a town the lead names is the same incident's ----------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Очевидцы сняли на видео подрыв железной дороги под Курском.\n\n"
            "Состав сошёл с путей на перегоне Льгов — Глушково.\n\n"
            "Губернатор Курской области 3 мая рассказал, что на путях сработало взрывное "
            "устройство.",
            "ru",
        ),
        (
            "Videos show the aftermath of a railway blast near Kursk.\n\n"
            "A freight train derailed on the Lgov - Glushkovo section.\n\n"
            "The governor of Kursk region said on 3 May that an explosive device went off on "
            "the track.",
            "en",
        ),
    ],
)
def test_a_dated_claim_in_the_region_of_the_leads_town_is_the_incidents(
    text: str, language: str
) -> None:
    incidents = extract_incidents(text, language, None)
    assert len(incidents) == 1
    assert [(c.claimant, c.cause) for c in incidents[0].claims] == [
        ("governor", "explosive_device")
    ]


# --- «по месту жительства» names no residents ------------------------------------------------


def test_place_of_residence_is_no_eyewitness() -> None:
    # Russian only: «место жительства» (a home address) shares its words with «местные
    # жители» (local residents); English has no such overlap
    assert canonical_claimant("Юношу задержали по месту жительства")[0] is None
    assert canonical_claimant("местные жители")[0] == "eyewitnesses"
    assert canonical_claimant("local residents")[0] == "eyewitnesses"


# --- a sentence that tells the arson by its verb is about the incident -----------------------


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("В мессенджере ему предложили поджечь релейный шкаф за деньги.", "ru"),
        ("Подростки подожгли оборудование связи и снял это на телефон.", "ru"),
        ("Someone offered him money to set a relay box ablaze.", "en"),
    ],
)
def test_the_verb_of_arson_refers_to_the_incident(sentence: str, language: str) -> None:
    assert refers_to_event(sentence, language)


def test_a_carried_speaker_tells_the_arson_by_its_verb() -> None:
    sentence = "В мессенджере ему предложили поджечь релейный шкаф за деньги."
    claims = check_claims(find_claims(sentence, "police", "МВД"), sentence, "ru")
    assert [(c.claimant, c.cause) for c in claims] == [("police", "arson")]
