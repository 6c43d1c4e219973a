"""Causes and claimants that real reports phrase in ways the lexicon did not read: a road
vehicle on the line, thawing snow, the railways' "interference with transport operations",
"burned several relay boxes", "terrorist" as an epithet, and a party speaking through its
own Telegram channel (sentences written for these tests, not taken from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claimants import canonical_claimant, same_claimant
from railwatch.reports.extract.claims import find_causes, find_claims
from railwatch.reports.extract.extract import extract_incidents


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # a road vehicle struck on the line, or on it away from a crossing
        ("Twelve wagons derailed after a collision with a passenger car.", "safety_violation"),
        ("The lorry entered the tracks away from a level crossing.", "safety_violation"),
        ("Двенадцать вагонов сошли после столкновения с легковым автомобилем.", "safety_violation"),
        ("Грузовик выехал на пути вне переезда.", "safety_violation"),
        ("Авария произошла по вине водителя грузовика.", "safety_violation"),
        # thawing snow and its water
        ("Meltwater washed out the embankment.", "weather"),
        ("Snowmelt water pooled under the rails.", "weather"),
        ("Насыпь подмыли талые воды.", "weather"),
        ("Рельсы сползли, потому что быстро таял снег.", "weather"),
        # the railways' formula without "unauthorised"
        ("The span fell as a result of interference with transport operations.", "sabotage"),
        ("Пролёт рухнул в результате вмешательства в деятельность транспорта.", "sabotage"),
        # a deed done to a thing
        ("Unknown people burned several relay boxes on the line.", "arson"),
        ("Неизвестные спалили релейный шкаф.", "arson"),
    ],
)
def test_cause_words(text: str, cause: str) -> None:
    assert find_causes(text)[:1] == [cause]


@pytest.mark.parametrize(
    "text",
    [
        "The wagon burned for hours.",
        "Snow fell all night over the station.",
        "Металлические водостоки заменят летом.",
        "Поезд столкнулся с трудностями на подъёме.",
    ],
)
def test_no_cause_in_neighbouring_words(text: str) -> None:
    assert find_causes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The agency said the relay boxes served the occupying terrorist troops.",
        "Ведомство заявило, что шкафы обслуживали террористические войска.",
    ],
)
def test_terrorist_as_an_epithet_is_no_cause(text: str) -> None:
    assert "terrorist_attack" not in find_causes(text)
    assert "terrorist_attack" in find_causes("The agency said it was a terrorist attack.")


@pytest.mark.parametrize(
    ("sentence", "claimant", "cause"),
    [
        (
            "The collapse followed interference with transport operations, the press service "
            "of the Gorky Railway said.",
            "Russian Railways",
            "sabotage",
        ),
        (
            "По данным Горьковской ЖД, вагоны сошли из-за того, что таял снег.",
            "Russian Railways",
            "weather",
        ),
        (
            "Транспортная прокуратура сообщает, что сход произошёл в результате столкновения с "
            "грузовиком.",
            "transport prosecutors",
            "safety_violation",
        ),
        (
            "The transport prosecutor said the wagons derailed after a collision with a truck.",
            "transport prosecutors",
            "safety_violation",
        ),
    ],
)
def test_claims_with_the_new_causes(sentence: str, claimant: str, cause: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.cause) for c in claims][:1] == [(claimant, cause)], claims


@pytest.mark.parametrize(
    ("name", "party"),
    [
        ("телеграм-канал РЖД", "russian_railways"),
        ("Telegram-канал Горьковской железной дороги", "russian_railways"),
        ("the Telegram channel of the Gorky Railway", "russian_railways"),
        ("Telegram channel Baza", "baza"),
        ("Пресс-служба Горьковской ЖД", "russian_railways"),
        ("the Southeastern Railway", "russian_railways"),
        # a channel of no known party stays a channel
        ("Telegram channel «Rails Today»", "telegram_channel"),
        ("Russian Telegram channels", "telegram_channel"),
    ],
)
def test_a_channel_speaks_for_its_owner(name: str, party: str) -> None:
    assert canonical_claimant(name)[0] == party


def test_a_railway_and_its_channel_are_one_voice() -> None:
    assert same_claimant("Russian Railways", "телеграм-канал РЖД")
    assert same_claimant("RZD", "the Telegram channel of the Moscow Railway")
    assert not same_claimant("Russian Railways", "Telegram channel Baza")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Partisans set fire to a relay cabinet near Kirovsk station.\n\n"
            "Ukraine's military intelligence agency (HUR) reported that partisans set fire to a "
            "relay cabinet near Kirovsk station on the Moscow line. “Unknown people have again "
            "burned down a relay cabinet used by the occupying terrorist troops,” the "
            "intelligence agency wrote.",
        ),
        (
            "ru",
            "Партизаны подожгли релейный шкаф у станции Кировск.\n\n"
            "Украинская военная разведка (ГУР) сообщила, что партизаны подожгли релейный шкаф "
            "у станции Кировск. «Неизвестные снова сожгли релейный шкаф, который обслуживал "
            "террористические войска», — добавили в ведомстве.",
        ),
    ],
)
def test_the_agency_after_a_quote_is_the_party_named_before(language: str, text: str) -> None:
    incidents = extract_incidents(text, language, date(2025, 7, 1))
    claims = [(c.claimant, c.cause) for i in incidents for c in i.claims]
    assert claims and all(name == "HUR" for name, _ in claims), claims
    assert "terrorist_attack" not in [cause for _, cause in claims], claims


@pytest.mark.parametrize(
    ("sentence", "claimed"),
    [
        ("Earlier Governor Ivan Petrov said air defences repelled a night drone attack.", []),
        ("Ранее губернатор Иван Петров сообщал об отражении ночной атаки беспилотников.", []),
        # debris after a raid repelled is still what hit the line
        (
            "The governor said drone debris fell on the tracks after the attack was repelled.",
            ["drone"],
        ),
        (
            "Губернатор сообщил, что обломки беспилотника упали на пути после отражения атаки.",
            ["drone"],
        ),
    ],
)
def test_a_raid_repelled_is_no_cause(sentence: str, claimed: list[str]) -> None:
    assert [c.cause for c in find_claims(sentence)] == claimed


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Twelve wagons derailed near Kirovsk station.\n\n"
            "Twelve wagons of a freight train derailed near Kirovsk station, the transport "
            "prosecutor's office said. “The wagons derailed after a collision with a truck,” "
            "the office wrote in its Telegram channel.",
        ),
        (
            "ru",
            "У станции Кировск сошли с рельсов 12 вагонов.\n\n"
            "У станции Кировск сошли с рельсов 12 вагонов грузового поезда. Об этом сообщила "
            "транспортная прокуратура. «Вагоны сошли в результате столкновения с грузовиком», — "
            "сообщается в телеграм-канале ведомства.",
        ),
    ],
)
def test_the_channel_of_the_party_named_before_is_no_new_voice(language: str, text: str) -> None:
    incidents = extract_incidents(text, language, date(2025, 7, 1))
    claimants = {c.claimant for i in incidents for c in i.claims}
    assert claimants == {"transport prosecutors"}, claimants
