"""Who tells a cause: "the reason" is about the incident; an outlet citing a party relays
it; a party named inside a direct quotation is talked about; a source's account of the bombs
tells how the sabotage it asserts was done (sentences written for these tests, not taken
from any corpus)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import claimant_in, find_causes, refers_back
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


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Blast on the railway\n\nA blast went off on the railway near the town. Nine "
            "wagons left the rails. This was reported by Russian Telegram channels.",
            "en",
        ),
        (
            "Взрыв на железной дороге\n\nУ города прогремел взрыв на железной дороге. С "
            "рельсов сошли девять вагонов. Об этом сообщают телеграмм-каналы.",
            "ru",
        ),
    ],
)
def test_channels_reporting_a_blast_assert_it(text: str, language: str) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert ("Telegram channel", "asserts", "explosion") in {
        (c.claimant, c.stance, c.cause) for c in incident.claims
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "A fuel train derailed near the town overnight. Nobody was hurt. The governor "
            "said some of these trains had derailed because of sabotage.",
            "en",
        ),
        (
            "Ночью у города сошел с рельсов поезд с топливом. Никто не пострадал. Губернатор "
            "заявил, что некоторые из этих поездов сошли с рельсов из-за диверсий.",
            "ru",
        ),
    ],
)
def test_a_claim_for_some_of_a_series_is_no_claim_about_the_incident(
    text: str, language: str
) -> None:
    (incident,) = extract_incidents(text, language, PUB)
    assert incident.claims == []


def test_a_cause_attributed_in_the_passive_is_the_sources() -> None:
    text = (
        "A freight train derailed at a junction overnight, according to the railway's press "
        "service. Nobody was hurt. The cause was attributed to interference by outsiders."
    )
    (incident,) = extract_incidents(text, "en", PUB)
    assert [(c.claimant, c.cause) for c in incident.claims] == [("Russian Railways", "sabotage")]


def test_a_cause_named_in_the_passive_is_the_sources_ru() -> None:
    text = (
        "Ночью на узловой станции сошел с рельсов грузовой поезд, сообщила пресс-служба "
        "железной дороги. Никто не пострадал. Причиной назвали вмешательство посторонних лиц."
    )
    (incident,) = extract_incidents(text, "ru", PUB)
    assert [(c.claimant, c.cause) for c in incident.claims] == [("Russian Railways", "sabotage")]


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("In Russia, they said the fire was caused by a short circuit.", "en"),
        ("В России они заявили, что пожар вызвало короткое замыкание.", "ru"),
    ],
)
def test_they_after_a_place_points_back_at_no_one(sentence: str, language: str) -> None:
    assert not refers_back(sentence, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "A freight train derailed in Tver Oblast on Monday, the governor said. The "
            "governor blamed sabotage. Separately, a partisan group claimed responsibility "
            "for an attack on a relay cabinet in Penza Oblast.",
            "en",
        ),
        (
            "В понедельник в Тверской области сошел с рельсов грузовой поезд, сообщил "
            "губернатор. Губернатор заявил о диверсии. Отдельно партизаны заявили, что их "
            "агенты вывели из строя релейный шкаф в Пензенской области.",
            "ru",
        ),
    ],
)
def test_a_claim_of_an_attack_in_another_region_is_not_this_incidents(
    text: str, language: str
) -> None:
    incident = extract_incidents(text, language, PUB)[0]
    claims = [(c.claimant, c.cause) for c in incident.claims]
    assert ("governor", "sabotage") in claims
    assert all(claimant == "governor" for claimant, _cause in claims)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Two bridges collapse under trains\n\nA road bridge fell onto the line in Tver "
            "Oblast on Saturday, derailing a passenger train.\n\nA second bridge collapsed in "
            "Pskov Oblast on Sunday, and a freight train derailed there.\n\nThe Investigative "
            "Committee said both bridges fell after explosions.",
            "en",
        ),
        (
            "Два моста обрушились под поездами\n\nВ субботу в Тверской области на пути рухнул "
            "автомобильный мост, пассажирский поезд сошел с рельсов.\n\nВторой мост обрушился "
            "в Псковской области в воскресенье, там сошел с рельсов грузовой поезд.\n\nВ СК "
            "заявили, что оба моста обрушились из-за взрывов.",
            "ru",
        ),
    ],
)
def test_a_claim_about_both_incidents_goes_to_each(text: str, language: str) -> None:
    incidents = extract_incidents(text, language, PUB)
    assert len(incidents) == 2
    for incident in incidents:
        assert "explosion" in {c.cause for c in incident.claims}


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators said the derailment was caused by a foreign object that repair "
        "workers left on the track.",
        "По версии следователей, вагоны сошли из-за постороннего предмета, который "
        "забыли на рельсах ремонтники.",
    ],
)
def test_a_foreign_object_left_on_the_line_is_negligence(sentence: str) -> None:
    assert "safety_violation" in find_causes(sentence)
