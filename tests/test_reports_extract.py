"""Extraction known answers: detection and filters, several incidents, quantities, casualties,
claims, places and effects; plus scores over the corpus."""

from datetime import date

import pytest

from railwatch.reports.extract.claimants import same_claimant
from railwatch.reports.extract.claims import find_claims
from railwatch.reports.extract.effects import sentence_effects, strongest_effect
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.quantities import find_casualties, find_quantities, merge_quantities
from railwatch.reports.model import Quantity
from railwatch.reports.place.places_text import find_places

PUB = date(2023, 12, 1)


def one(text: str, language: str = "en", published: date = PUB):
    incidents = extract_incidents(text, language, published)
    assert len(incidents) == 1, [i.evidence for i in incidents]
    return incidents[0]


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("A freight train derailed near Tynda on Monday.", "en", "derailment"),
        ("Thirty wagons came off the rails on the Trans-Siberian.", "en", "derailment"),
        ("An explosion hit a fuel train in the tunnel.", "en", "explosion"),
        ("Drones attacked a railway substation in the Kursk region.", "en", "drone_strike"),
        ("A commuter train collided with a truck at a level crossing.", "en", "collision"),
        ("Teenagers set fire to a relay cabinet next to the track.", "en", "arson"),
        ("Floods washed out the railway embankment near Mogocha.", "en", "blockage"),
        ("Two tank cars caught fire at the rear of a freight train.", "en", "fire"),
        ("В Амурской области сошли с рельсов 35 вагонов грузового поезда.", "ru", "derailment"),
        ("В Северомуйском тоннеле прогремел взрыв под цистерной поезда.", "ru", "explosion"),
        ("Беспилотник атаковал тяговую подстанцию железной дороги.", "ru", "drone_strike"),
        ("Электричка столкнулась с грузовиком на переезде.", "ru", "collision"),
        ("Подростки подожгли релейный шкаф у железной дороги.", "ru", "arson"),
        ("Паводок размыл насыпь железной дороги.", "ru", "blockage"),
        ("На перегоне загорелись две цистерны грузового поезда.", "ru", "fire"),
        # a deed a partisan group claims, with no blast or fire word
        ("The partisans said they sabotaged the railway near Dzhankoi on Tuesday.", "en", "other"),
        (
            "Guerrillas disabled a relay cabinet on the line to Kerch, the group said.",
            "en",
            "other",
        ),
        ("Партизаны вывели из строя релейный шкаф на перегоне под Джанкоем.", "ru", "other"),
    ],
)
def test_incident_types(text: str, language: str, kind: str) -> None:
    assert one(text, language).type == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russian Railways denied reports of an explosion on the bridge.", "en"),
        ("The FSB said it foiled a plot to blow up a railway bridge.", "en"),
        ("Drone attacks could disrupt traffic on the Trans-Siberian.", "en"),
        ("Saboteurs were planning to derail a freight train, police said.", "en"),
        ("Builders fought floods in the tunnel during construction in 1979.", "en"),
        ("ФСБ предотвратила теракт на железной дороге.", "ru"),
        ("Беспилотники могут атаковать железнодорожные мосты.", "ru"),
        ("Задержан мужчина, который планировал подорвать железнодорожный мост.", "ru"),
        ("В РЖД опровергли сообщения о взрыве на мосту.", "ru"),
        ("На станции прошли учения по ликвидации последствий схода вагонов.", "ru"),
        ("Строительство тоннеля началось в 1977 году, в 1979 году случилось наводнение.", "ru"),
        ("The new timetable adds an extra train between Khabarovsk and Komsomolsk.", "en"),
        ("Crews fire up the steam locomotive before dawn.", "en"),
        # sabotage as a habit or a plan, not a deed
        ("The group regularly commits sabotage on Russian railways.", "en"),
        ("The partisans plan to sabotage the railway junction next week.", "en"),
        ("Партизаны планируют вывести из строя железнодорожный узел.", "ru"),
    ],
)
def test_no_incident_for_what_did_not_happen(text: str, language: str) -> None:
    assert extract_incidents(text, language, PUB) == []


def test_two_incidents_on_two_days_in_one_report() -> None:
    text = (
        "On Wednesday, Nov. 29, a fuel train caught fire after an explosion inside the "
        "Severomuysky Tunnel. Traffic through the tunnel was stopped.\n\n"
        "On the night of Nov. 30, a second train was blown up on the Devil's Bridge, a Kyiv "
        "source said."
    )
    first, second = extract_incidents(text, "en", date(2023, 12, 2))
    assert (first.type, first.occurred.start) == ("explosion", date(2023, 11, 29))
    assert first.effect == "suspended"  # stopped, no word of tracks
    assert second.occurred.start == date(2023, 11, 30) and second.occurred.precision == "night"
    assert "devil's bridge" in {p.normalized for p in second.places}


def test_another_incident_the_same_day_elsewhere() -> None:
    text = (
        "Поздно вечером 4 февраля на перегоне Хилок — Гыршелун сошли с рельсов 11 полувагонов.\n"
        "В тот же день произошёл ещё один сход: у станции Кочетовка загорелись 16 цистерн."
    )
    first, second = extract_incidents(text, "ru", date(2026, 2, 5))
    assert first.occurred.start == second.occurred.start == date(2026, 2, 4)
    assert {q.kind for q in second.quantities} >= {"tank_cars", "tanks_burned"}


def test_headline_and_body_are_one_incident() -> None:
    text = (
        "СБУ заявила о подрыве ещё одного поезда на БАМе\n\n"
        "В ночь на 1 декабря на Чёртовом мосту подорвали ещё один поезд с горючим."
    )
    incident = one(text, "ru")
    assert (incident.occurred.start, incident.occurred.end) == (
        date(2023, 11, 30),
        date(2023, 12, 1),
    )


def test_date_said_on_is_not_the_event_date() -> None:
    text = (
        "Investigators opened a terrorism case over the train blast, they said on Friday.\n"
        "The blast happened on Nov. 29 inside the tunnel."
    )
    assert one(text).occurred.start == date(2023, 11, 29)


def test_publication_fallback_when_no_date() -> None:
    incident = one("A coal train derailed at Oblepikha station.")
    assert (incident.occurred.start, incident.occurred.method) == (PUB, "publication_fallback")


def test_old_incident_recalled_as_background_is_not_extracted() -> None:
    text = (
        "Traffic resumed on the Trans-Siberian after a derailment on Monday near Tynda.\n"
        "In January 2019, 29 wagons derailed in the Irkutsk region."
    )
    incidents = extract_incidents(text, "en", date(2024, 6, 5))
    assert len(incidents) == 1 and incidents[0].occurred.start == date(2024, 6, 3)


def test_restoration_date_and_effect() -> None:
    text = (
        "Сход вагонов произошёл 5 января на перегоне Гудачи — Гонжа.\n"
        "Движение по обоим путям полностью восстановлено 7 января."
    )
    incident = one(text, "ru", date(2026, 1, 8))
    assert incident.effect == "resumed"
    assert incident.restored_at.start == date(2026, 1, 7)


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        ("Traffic was halted in both directions.", "blocked_both"),
        ("Trains are running on the adjacent track.", "blocked_one"),
        ("Движение закрыто в обоих направлениях.", "blocked_both"),
        ("Поезда пропускают по соседнему пути.", "blocked_one"),
        ("Движение электричек было приостановлено.", "suspended"),
        ("Several long-distance trains were delayed.", "delayed"),
        ("Traffic through the tunnel resumed on Saturday.", "resumed"),
        ("Движение через тоннель закрыто, составы пускают по обходному пути.", "suspended"),
        ("The derailment did not affect passenger traffic.", None),
    ],
)
def test_effects(sentence: str, effect: str | None) -> None:
    assert strongest_effect(sentence_effects(sentence) - {"none"}) == effect


@pytest.mark.parametrize(
    ("sentence", "kind", "low", "best", "high"),
    [
        ("35 coal wagons derailed.", "wagons", 35, 35, 35),
        ("Сошли с рельсов тридцать пять полувагонов.", "wagons", 35, 35, 35),
        ("Up to 30 wagons left the tracks.", "wagons", 15, 30, 30),
        ("Сошли более 20 вагонов.", "wagons", 20, 20, 30),
        ("About 20 trains were delayed.", "trains_delayed", 18, 20, 22),
        ("A dozen wagons left the rails.", "wagons", 12, 12, 12),
        ("Горят шесть цистерн с топливом.", "tanks_burned", 6, 6, 6),
        ("Fuel spilled over about 150 square meters.", "spill_area_m2", 135, 150, 165),
        ("Топливо разлилось на площади 150 кв. м.", "spill_area_m2", 150, 150, 150),
        ("Задерживаются 12 пассажирских поездов.", "trains_delayed", 12, 12, 12),
    ],
)
def test_quantities(sentence: str, kind: str, low: float, best: float, high: float) -> None:
    found = {q.kind: q for q in find_quantities(sentence)}
    assert (found[kind].low, found[kind].best, found[kind].high) == (low, best, high)


@pytest.mark.parametrize(
    "sentence",
    [
        "A train of 70 wagons passed.",
        "состав из 70 вагонов",
        "a short circuit in one of the tank cars",
    ],
)
def test_counts_that_are_not_damage(sentence: str) -> None:
    assert find_quantities(sentence) == []


def test_disagreeing_counts_become_a_range() -> None:
    merged = merge_quantities(
        [Quantity("wagons", 14, 14, 14, "14 вагонов"), Quantity("wagons", 27, 27, 27, "27 вагонах")]
    )
    assert [(q.low, q.best, q.high) for q in merged] == [(14, 14, 27)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("No one was hurt.", {"killed": 0, "injured": 0}),
        ("Никто не пострадал.", {"killed": 0, "injured": 0}),
        ("Two people were killed and five injured.", {"killed": 2, "injured": 5}),
        ("Погибли два человека, пострадали пять человек.", {"killed": 2, "injured": 5}),
        ("Водитель грузовика погиб.", {"killed": 1}),
        ("The truck driver was injured and taken to hospital.", {"injured": 1}),
    ],
)
def test_casualties(sentence: str, expected: dict[str, int]) -> None:
    assert find_casualties(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        (
            "Baza initially blamed a short circuit, but Kommersant sources said an explosive device went off.",
            [("Baza", "attributes", "short_circuit"), ("Kommersant", "asserts", "explosive_device")],
        ),
        # naming the cause of an event one did not do is "attributes" (claims module docstring)
        ("Russian investigators branded it a terrorist attack.",
         [("Investigative Committee", "attributes", "terrorist_attack")]),
        ("A Kyiv source said the SBU was behind the blast.", [("Ukrainian source", "asserts", "sabotage")]),
        ("The SBU claimed the special operation.", [("SBU", "asserts", "sabotage")]),
        # "did not confirm" commits to nothing: neither a denial nor a claim
        ("Russian Railways did not confirm the explosion.", []),
        ("Russian Railways denied the explosion.", [("Russian Railways", "denies", "unknown")]),
        ("Investigators have not ruled out sabotage.", [("Investigative Committee", "speculates", "sabotage")]),
        ("СК возбудил уголовное дело о теракте.",
         [("Investigative Committee", "attributes", "terrorist_attack")]),
        ("The governor said a drone attack caused the fire at the depot.", [("governor", "attributes", "drone")]),
        ("Ukraine's General Staff said its drones had struck a fuel train.",
         [("Ukrainian military", "asserts", "drone")]),
        ("Следователи возбудили дело по статье о диверсии.",
         [("Investigative Committee", "attributes", "sabotage")]),
        ("Rail officials named a cracked axle as the most likely cause.",
         [("Russian Railways", "attributes", "technical_fault")]),
        ("Kyiv says its saboteurs cut the line with explosives.",
         [("Ukrainian officials", "asserts", "sabotage")]),
        ("По словам полицейских, задержанный признался в поджоге вагона.", [("police", "asserts", "arson")]),
        ("Источник в СБУ заявил, что это была спецоперация.", [("source in SBU", "asserts", "sabotage")]),
        ("РЖД опровергли информацию о диверсии.", [("Russian Railways", "denies", "sabotage")]),
        ("По данным СК, причиной схода стал излом рельса.",
         [("Investigative Committee", "attributes", "technical_fault")]),
        ("Как сообщает Baza, причиной возгорания стало короткое замыкание.",
         [("Baza", "attributes", "short_circuit")]),
        ("A source in Ukraine's military intelligence said drones hit the substation.",
         [("source in HUR", "asserts", "drone")]),
        ("Подростки подожгли релейный шкаф на железной дороге.", []),
    ],
)  # fmt: skip
def test_claims(sentence: str, claims: list[tuple[str, str, str]]) -> None:
    assert [(c.claimant, c.stance, c.cause) for c in find_claims(sentence)] == claims
    assert all(c.sentence == sentence for c in find_claims(sentence))


def test_claims_follow_the_quoted_source() -> None:
    text = (
        "A second train was blown up on the Devil's Bridge, a source in the SBU said.\n"
        "According to the source, explosives went off under a tank car."
    )
    claims = {(c.claimant, c.cause) for c in one(text).claims}
    assert ("source in SBU", "explosive_device") in claims


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Взрыв произошёл в Северомуйском тоннеле.", [("северомуйский тоннель", "structure")]),
        ("На Чертовом мосту горят цистерны.", [("чертов мост", "structure")]),
        ("На перегоне Гудачи — Гонжа в Магдагачинском районе Амурской области сошли вагоны.",
         [("гудача — гонж", "section"), ("магдагачинский район", "district"), ("амурский область", "region")]),
        ("Поезд сошёл с рельсов на станции Облепиха Восточно-Сибирской железной дороги.",
         [("облепиха", "station"), ("восточный-сибирской железный дорога", "line")]),
        ("The derailment happened between Khilok and Gyrshelun stations in Zabaykalsky Krai.",
         [("khilok — gyrshelun", "section"), ("zabaykalsky krai", "region")]),
        ("An explosion hit a train in the Severomuysky Tunnel on the BAM.",
         [("severomuysky tunnel", "structure"), ("бам", "line")]),
        ("Движение по БАМу под Тындой остановлено.", [("бам", "line"), ("тында", "unknown")]),
    ],
)  # fmt: skip
def test_places(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.normalized, p.kind_hint) for p in find_places(sentence)] == expected


def test_gazetteer_names_are_found_without_cue_words() -> None:
    found = find_places("Поезда идут через Итыкит и Окусикан.", gazetteer={"итыкит", "окусикан"})
    assert {p.normalized for p in found} == {"итыкит", "окусикан"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Следственный комитет", "investigators", True),
        ("СКР", "Investigative Committee", True),
        ("source in HUR", "военная разведка Украины", True),
        ("Восточно-Сибирская железная дорога", "Russian Railways", True),
        ("West Siberian Railway", "РЖД", True),
        ("Свердловская транспортная прокуратура", "transport prosecutors", True),
        ("оперативный штаб Белгородской области", "the regional emergency headquarters", True),
        ("Ukraine's General Staff", "Генштаб ВСУ", True),
        ("SBU", "FSB", False),
        ("Какой-то блогер", "какой-то блогер из Омска", True),
    ],
)  # fmt: skip
def test_claimants_compare_by_canonical_id(a: str, b: str, same: bool) -> None:
    assert same_claimant(a, b) is same


def test_claim_keeps_the_words_naming_the_claimant() -> None:
    (claim,) = find_claims("По словам следователей, вагон подожгли местные подростки.")
    assert claim.claimant == "Investigative Committee"
    assert claim.claimant_text.lower().startswith("следовател")


@pytest.mark.parametrize(
    "text",
    [
        # a device that is found or carried is not an explosion
        "Полицейские нашли у переезда сумку, в которой лежало взрывное устройство.",
        # a staged event, wherever the drill word sits in the sentence
        "Next week the railway will rehearse a response to a derailed tanker train that catches fire.",
        "Пожарный поезд прибыл на станцию Чита для плановой проверки.",
        # a headline that denies reports of the event frames the whole report
        "Railway denies reports of explosion at Kama bridge\n\n"
        "Yesterday a video circulated showing a fire near the bridge.",
        "ФСБ предотвратила подрыв моста в Омской области\n\n"
        "Вчера вечером на мосту задержали двоих мужчин с взрывчаткой.",
        # a question headline: undated generalities below it are not news
        "Will floods close the BAM again?\n\n"
        "Floods wash out embankments along the line most summers, engineers say.",
    ],
)
def test_non_events_give_no_incident(text: str) -> None:
    assert extract_incidents(text, "ru" if "ФСБ" in text or "Пожар" in text else "en",
                             date(2025, 5, 20)) == []  # fmt: skip


def test_a_device_that_went_off_is_an_explosion() -> None:
    (incident,) = extract_incidents(
        "Под цистерной на перегоне сработало взрывное устройство.", "ru", date(2025, 5, 20)
    )
    assert incident.type == "explosion"


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        # a fire in the headline, the derailment told below: a derailment that burned
        ("Горят вагоны с мазутом под Улан-Удэ\n\nНочью под Улан-Удэ с рельсов слетели девять "
         "цистерн с мазутом, несколько загорелись.", "ru", "derailment"),
        # a cause claimed by someone does not retype the event the report leads with
        ("Fire halts trains near Belogorsk\n\nA tank car caught fire near Belogorsk station on "
         "Monday. Two sources told a local paper that a bomb went off under the car.", "en", "fire"),
        ("Partisans say their people derailed a fuel train near Kursk\n\nThe fuel train derailed "
         "near Kursk on Monday, the partisans said, claiming that a bomb went off.", "en",
         "derailment"),
        # "made no mention of an explosion" is not an explosion
        ("A freight train derailed near Tynda on Monday. The railway made no mention of an "
         "explosion.", "en", "derailment"),
    ],
)  # fmt: skip
def test_type_is_the_event_the_report_leads_with(text: str, language: str, kind: str) -> None:
    (incident,) = extract_incidents(text, language, date(2025, 5, 20))
    assert incident.type == kind


def test_a_washed_out_embankment_is_a_blockage() -> None:
    text = "Движение открыто на участке насыпи, размытый в ночь на вторник у станции Тында."
    (incident,) = extract_incidents(text, "ru", date(2025, 5, 21))
    assert incident.type == "blockage"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The tanker derailed near the village of Urulga on Monday.", ("village of Urulga", "settlement")),
        ("Вблизи Шилки сошли вагоны.", ("Шилки", "unknown")),
        ("Пожар произошёл на линии Тайшет — Братск.", ("линии Тайшет — Братск", "section")),
    ],
)  # fmt: skip
def test_more_place_cues(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in [(p.text, p.kind_hint) for p in find_places(sentence)]


@pytest.mark.parametrize(
    ("sentence", "effects"),
    [
        ("Power to the overhead line was cut while crews worked.", set()),
        ("Crews had to suspend traffic on the single-track line.", {"suspended"}),
        ("Traffic was held up for three hours and two expresses arrived late.", {"delayed"}),
    ],
)
def test_more_effect_wording(sentence: str, effects: set[str]) -> None:
    assert sentence_effects(sentence) == effects


def test_a_reopening_headline_makes_the_incident_resumed() -> None:
    text = (
        "Движение на перегоне Тында — Беркакит открыто\n\n"
        "Путь, размытый в ночь на понедельник, восстановили, задержанные поезда следуют с опозданием."
    )
    (incident,) = extract_incidents(text, "ru", date(2025, 5, 21))
    assert incident.effect == "resumed"


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("The SBU blew up a bridge on the line to Kursk, a source in the agency said.",
         [("source in SBU", "asserts", "sabotage")]),
        ("Под Рязанью подорван товарный состав, сообщил источник в Службе безопасности Украины.",
         [("source in SBU", "asserts", "sabotage")]),
    ],
)  # fmt: skip
def test_responsibility_claims_without_a_cause_word(sentence: str, claims: list) -> None:
    assert [(c.claimant, c.stance, c.cause) for c in find_claims(sentence)] == claims


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("The Mash Telegram channel said a cracked axle was to blame.",
         [("Mash", "attributes", "technical_fault")]),
        ("«Причина — обильные осадки», — пояснили в Свердловской железной дороге.",
         [("Russian Railways", "attributes", "weather")]),
        # the railway as a place is not a speaker; "the accident happened" names the event
        ("Из-за ливней размыло насыпь на участке Южно-Уральской железной дороги.", []),
        ("The accident happened at 6 a.m., the West Siberian Railway said.", []),
    ],
)  # fmt: skip
def test_claimant_and_cause_wording(sentence: str, claims: list) -> None:
    assert [(c.claimant, c.stance, c.cause) for c in find_claims(sentence)] == claims


@pytest.mark.parametrize(
    "sentence",
    [
        "Причину возгорания устанавливают, сообщили в пресс-службе Приволжской железной дороги.",
        "The cause is being established, the Far Eastern Railway said.",
        "The railway did not give a cause.",
    ],
)
def test_an_unknown_cause_is_no_claim(sentence: str) -> None:
    assert find_claims(sentence) == []
