"""Who tells a cause: "the reason" is about the incident; an outlet citing a party relays
it; a party named inside a direct quotation is talked about; a source's account of the bombs
tells how the sabotage it asserts was done (sentences written for these tests, not taken
from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import claimant_in
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.nlp_claims import teller_of_previous

PUB = date(2025, 3, 4)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Six wagons of a freight train left the rails near the town overnight.\n\n"
            'The reason was named as "interference by outsiders". This was reported by the '
            "South Urals Railway.",
            "en",
        ),
        (
            "Ночью шесть вагонов грузового поезда сошли с рельсов у города.\n\n"
            "Причиной назвали «вмешательство посторонних лиц». Об этом сообщила "
            "Южно-Уральская железная дорога.",
            "ru",
        ),
    ],
)
def test_the_reason_named_is_the_railways_claim(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert "sabotage" in {c.cause for c in incident.claims}
    assert all("Railway" in c.claimant or "железн" in c.claimant for c in incident.claims)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("This was reported by TASS, citing the railway's press service.", "en"),
        ("Об этом сообщил ТАСС со ссылкой на пресс-службу железной дороги.", "ru"),
    ],
)
def test_an_outlet_citing_the_railway_relays_it(sentence: str, language: str) -> None:
    teller = teller_of_previous(sentence, language)
    assert teller is not None and teller[0] == "Russian Railways (via TASS)"


@pytest.mark.parametrize(
    "sentence",
    [
        '"The fire was one more successful operation of the SBU," the paper quoted an '
        "informed source as saying.",
        "«Пожар стал еще одной успешной операцией СБУ», — приводит газета слова "
        "осведомленного источника.",
    ],
)
def test_a_party_inside_a_quotation_is_talked_about(sentence: str) -> None:
    found = claimant_in(sentence)
    assert found is not None and found[0] == "source"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "A fuel train caught fire in a tunnel in the north on Friday.\n\n"
            '"This was a sabotage by our side," the paper quoted an informed source as '
            "saying. According to him, three explosive devices went off under the tank cars.",
            "en",
        ),
        (
            "В пятницу в тоннеле на севере загорелся поезд с топливом.\n\n"
            "«Это была диверсия нашей стороны», — приводит газета слова осведомленного "
            "источника. По его данным, под цистернами сработали три взрывных устройства.",
            "ru",
        ),
    ],
)
def test_the_bombs_tell_how_the_sabotage_was_done(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert [(c.claimant, c.stance, c.cause) for c in incident.claims] == [
        ("source", "asserts", "sabotage")
    ]
