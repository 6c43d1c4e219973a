"""Rules added to generalise the extractor beyond its tuning corpora (own example sentences)."""

from datetime import date

import pytest

from railwatch.reports.extract.claims import find_claims
from railwatch.reports.extract.effects import sentence_effects, strongest_effect
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.places_text import find_places
from railwatch.reports.text.ingest_text import read_report


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        # a stop told with its length is a pause, not a closure of both tracks
        ("Freight traffic near Ulan-Ude was stopped for about six hours on Sunday.", "suspended"),
        ("Движение на перегоне было закрыто почти на четыре часа.", "suspended"),
        ("Traffic was stopped in both directions for two days.", "blocked_both"),
        # an interruption is a suspension
        ("Train movement on the stretch has been interrupted.", "suspended"),
        ("Движение поездов прервано до окончания работ.", "suspended"),
        # traffic kept on one of two tracks
        ("Freight trains are moving along one of the two tracks.", "blocked_one"),
        # a train standing on the next track is no effect; the delay is
        (
            "The tanker hit a train standing on an adjacent track; two trains were delayed.",
            "delayed",
        ),
        # a driver taken off duty is not a suspended service
        ("The driver has been suspended while the inquiry runs.", None),
        # trains standing at the approaches are delayed
        ("Пассажирские составы стоят на подходах к узлу третий час.", "delayed"),
    ],
)
def test_effect_wording(sentence: str, effect: str | None) -> None:
    assert strongest_effect(sentence_effects(sentence) - {"none"}) == effect


def _claims(sentence: str) -> set[tuple[str, str, str]]:
    return {(c.claimant, c.stance, c.cause) for c in find_claims(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # heads of regions are governors
        (
            "The head of Khakassia said a drone had set the depot on fire.",
            {("governor", "attributes", "drone")},
        ),
        # the bare General Staff speaking of strikes is Ukraine's
        (
            "The General Staff said its drones had hit a fuel train near Dzhankoi.",
            {("Ukrainian military", "asserts", "drone")},
        ),
        # "последствия" is no investigator; a regional railway quoted with "в ... дороге" is
        (
            "В Северной железной дороге назвали причиной сбоя последствия ливня.",
            {("Russian Railways", "attributes", "weather")},
        ),
        # a translated abbreviation of a regional railway
        (
            "ZabZhD said a defect in the rail caused the derailment.",
            {("Russian Railways", "attributes", "technical_fault")},
        ),
        # lawyers, lawmakers and experts speak for themselves; running a red signal is a violation
        (
            "The driver's lawyer denied that his client ran a red signal.",
            {("lawyer", "denies", "safety_violation")},
        ),
        (
            "A regional lawmaker suggested that worn-out points may have caused the crash.",
            {("lawmaker", "speculates", "technical_fault")},
        ),
        (
            "Эксперт предположил, что причиной могла стать изношенная тележка вагона.",
            {("expert", "speculates", "technical_fault")},
        ),
        # "in western Ukraine" is a place, not a speaker; "messaging" is no ageing equipment
        (
            "The teenager told police he was recruited through a messaging app in western Ukraine.",
            set(),
        ),
        # damage told by an agency is not its deed
        ("According to the General Staff, three wagons were destroyed.", set()),
    ],
)
def test_claimant_classes_and_causes(sentence: str, expected: set) -> None:
    assert _claims(sentence) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a court follow-up reports a trial, not a new incident
        "Court jails two men over rail blast near Kursk\n\nA military court sentenced two men to "
        "12 years for blowing up a track near Kursk in March.",
        "Суд вынес приговор поджигателям релейного шкафа\n\nСуд приговорил двоих подростков к "
        "пяти годам за поджог релейного шкафа на станции.",
        # the event itself denied in the headline
        "Railway denies freight train derailed near Chita\n\nThe railway said on Monday that "
        "trains near Chita were running normally.",
        # the lead says the headline's fire was a drill
        "Tank car fire in a tunnel on the BAM\n\nThe fire was part of an emergency drill held "
        "on Wednesday with 80 rescuers and a fire train.",
        # a forecast and a list of non-floods are no incident
        "Rivers rising in Buryatia\n\nForecasters expect floods to reach the railway embankments "
        "next week. None of these was a washout, but the margin is thin for the rail line.",
    ],
)
def test_reports_without_a_new_incident(text: str) -> None:
    assert extract_incidents(text, "ru" if "Суд" in text else "en", date(2025, 6, 3)) == []


def test_earth_sliding_onto_the_track_is_a_blockage() -> None:
    text = "3 июня на перегоне Ерофей Павлович — Уруша произошёл сход грунта на путь после ливней."
    (incident,) = extract_incidents(text, "ru", date(2025, 6, 3))
    assert incident.type == "blockage"


def test_a_train_hitting_a_minivan_is_a_collision() -> None:
    text = "On Monday a commuter train hit a minivan at a level crossing near Chita."
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    assert incident.type == "collision"


def test_a_published_line_wins_over_a_date_range_in_the_headline() -> None:
    text = "Rail digest, 2–6 June 2025\n\nPublished 6 June 2025\n\nA train derailed near Chita on Friday."
    report = read_report(text)
    assert report.published_at == date(2025, 6, 6)
    assert report.incidents[0].occurred.start == date(2025, 6, 6)


def test_a_roundup_with_dated_sections_holds_one_incident_per_section() -> None:
    text = (
        "Weekly rail digest\n\n"
        "TUESDAY, 3 JUNE — CHITA\n"
        "A freight train derailed on the outskirts of Chita. Traffic was delayed.\n\n"
        "THURSDAY, 5 JUNE — KHABAROVSK\n"
        "A relay cabinet caught fire near Khabarovsk. Trains were held up for an hour."
    )
    incidents = extract_incidents(text, "en", date(2025, 6, 6))
    assert [(i.type, i.occurred.start) for i in incidents] == [
        ("derailment", date(2025, 6, 3)),
        ("fire", date(2025, 6, 5)),
    ]


def test_a_headline_naming_two_events_announces_two_incidents() -> None:
    text = (
        "Ночь на Забайкальской дороге: удар дрона у Читы и сход вагонов в Карымской\n\n"
        "В ночь на 4 июня беспилотник ударил по тяговой подстанции у Читы, сообщили власти.\n\n"
        "Утром на станции Карымская при маневрах сошли с рельсов два вагона.\n\n"
        "Напомним, в марте беспилотники уже атаковали подстанции в регионе."
    )
    incidents = extract_incidents(text, "ru", date(2025, 6, 4))
    assert [i.type for i in incidents] == ["drone_strike", "derailment"]
    # "утром" after a night event is that same day; the reminder is background
    assert incidents[1].occurred.start == date(2025, 6, 4)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Two wagons derailed near Zima-Sortirovochnaya on Friday.",
            ("zima-sortirovochnaya", "unknown"),
        ),
        ("A pylon fell on the track near the station Mogzon.", ("station mogzon", "station")),
        ("A relay cabinet burned on the outskirts of Chita.", ("chita", "unknown")),
        ("Релейный шкаф сгорел на окраине Читы.", ("чита", "unknown")),
    ],
)
def test_place_cues(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in [(p.normalized, p.kind_hint) for p in find_places(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Police said the van driver had driven around the lowered barriers.",
            {("police", "attributes", "safety_violation")},
        ),
        # translated Russian: "версия диверсии исключена", "излом рельса"
        (
            "In the railroad the version of diversion was excluded.",
            {("Russian Railways", "denies", "sabotage")},
        ),
        (
            "The railway said the break of the rail caused the descent of the wagons.",
            {("Russian Railways", "attributes", "technical_fault")},
        ),
    ],
)
def test_more_cause_wording(sentence: str, expected: set) -> None:
    assert _claims(sentence) == expected


def test_he_is_the_person_named_before() -> None:
    text = (
        "On 3 June a fuel train derailed near Chita. The governor of the region spoke later. "
        "In an interview, he ruled out sabotage and said investigators were checking the rails."
    )
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    assert ("governor", "denies", "sabotage") in {
        (c.claimant, c.stance, c.cause) for c in incident.claims
    }


def test_a_denial_without_a_cause_denies_the_drone_strike() -> None:
    text = (
        "A drone hit a traction substation near Chita on 3 June, the governor said. "
        "The railway denied that the substation had been hit."
    )
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    claims = {(c.claimant, c.stance, c.cause) for c in incident.claims}
    assert ("Russian Railways", "denies", "drone") in claims
    assert ("governor", "attributes", "drone") in claims


def test_not_confirming_is_no_denial() -> None:
    text = (
        "A drone hit a traction substation near Chita on 3 June, the governor said. "
        "The railway did not confirm that the substation had been hit."
    )
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    assert [(c.claimant, c.stance, c.cause) for c in incident.claims] == [
        ("governor", "attributes", "drone")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a channel or blogger named as subject speaks under its own name
        (
            "Телеграм-канал «Северный дозор» не исключил, что вагоны подожгли подростки.",
            {("Северный дозор", "speculates", "arson")},
        ),
        (
            "A blogger who writes as Steppe Watch suggested a drone may have hit the train.",
            {("Steppe Watch", "speculates", "drone")},
        ),
        # "denies X and calls it Y": two claims
        (
            "Адвокат машиниста отрицает превышение скорости и называет сход несчастным случаем.",
            {("lawyer", "attributes", "accident")},
        ),
        (
            "The trucker ignored the flashing signal, police said.",
            {("police", "attributes", "safety_violation")},
        ),
    ],
)
def test_named_voices_and_second_claims(sentence: str, expected: set) -> None:
    assert expected <= _claims(sentence)


def test_a_halt_across_a_named_stretch_told_with_its_length_is_suspended() -> None:
    sentence = "Движение на участке Чита — Карымская было остановлено почти на пять часов."
    assert strongest_effect(sentence_effects(sentence) - {"none"}) == "suspended"


def test_an_incident_on_a_line_the_network_lacks_is_not_placed_nearby() -> None:
    from railwatch.network import default_network
    from railwatch.reports.place.link import place

    # Unecha lies far from every section of the corridor: the line is not on the network
    text = "A bomb went off under a train on the Bryansk–Unecha line near Vygonichi on 3 June."
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    assert place(incident.places, default_network(), text, evidence=incident.evidence) is None


def test_its_press_office_speaks_for_the_organisation_just_named() -> None:
    text = (
        "On 3 June a coal train derailed near Chita. The Trans-Baikal Railway tells another story. "
        "Its press office said a wheel had cracked under a wagon."
    )
    (incident,) = extract_incidents(text, "en", date(2025, 6, 3))
    assert ("Russian Railways", "attributes", "technical_fault") in {
        (c.claimant, c.stance, c.cause) for c in incident.claims
    }


def test_a_release_speaks_for_its_author() -> None:
    text = (
        "Забайкальская железная дорога сообщает\n\n"
        "3 июня на перегоне Могоча — Амазар в результате ливневых дождей произошёл размыв пути."
    )
    (incident,) = extract_incidents(text, "ru", date(2025, 6, 3))
    assert [(c.claimant, c.stance, c.cause) for c in incident.claims] == [
        ("Russian Railways", "attributes", "weather")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("По данным Минобороны, ночью над областью сбиты 20 беспилотников.", set()),
        (
            "The governor said debris from a downed drone fell on the track.",
            {("governor", "attributes", "drone")},
        ),
    ],
)
def test_drones_shot_down_are_no_cause(sentence: str, expected: set) -> None:
    assert _claims(sentence) == expected
