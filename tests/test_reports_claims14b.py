"""Claims second round: the means of a sabotage (arson, a bomb) is the cause a side tells,
and a person named after "according to" / «по словам» is the speaker (sentences written for
these tests, not taken from any corpus)."""

import pytest

from railwatch.reports.extract.claims import find_causes, find_claims, one_deed_per_actor
from railwatch.reports.model import Claim


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("The group claimed responsibility for burning a relay box near the depot.", "arson"),
        ("Группа взяла на себя ответственность за поджог релейного шкафа.", "arson"),
    ],
)
def test_burning_a_thing_is_arson(text: str, cause: str) -> None:
    assert cause in find_causes(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Its agent set fire to a signal cabinet, an act of sabotage, the Atesh movement said.",
        "Движение «Атеш» заявило, что его агент поджёг релейный шкаф в ходе диверсии.",
    ],
)
def test_means_of_sabotage_is_the_cause(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [("Atesh", "asserts", "arson")]


def test_explosives_of_saboteurs_stay_sabotage() -> None:
    # the project gold's convention: saboteurs' explosives are the sabotage itself
    assert [
        c.cause for c in find_claims("The SBU said its saboteurs cut the line with explosives.")
    ] == ["sabotage"]
    assert [c.cause for c in find_claims("СБУ заявила, что её диверсанты подорвали пути.")] == [
        "sabotage"
    ]


def test_later_means_replaces_bare_sabotage() -> None:
    first = Claim("Atesh", "asserts", "sabotage", "Atesh said it sabotaged the line.")
    later = Claim("Atesh", "asserts", "arson", "Its agent set fire to a relay cabinet.")
    assert one_deed_per_actor([first, later]) == [later]
    # a deed first told as its means stays as told
    assert one_deed_per_actor([later, first]) == [later]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            "Partisans set fire to two locomotives overnight, according to Ivan Sidorenko, "
            "an adviser to the exiled mayor.",
            "Ivan Sidorenko",
        ),
        (
            "Партизаны подожгли два локомотива, по словам Ивана Сидоренко, советника мэра.",
            "Ивана Сидоренко",
        ),
    ],
)
def test_person_after_according_to_speaks(sentence: str, person: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.cause) for c in claims] == [(person, "arson")]


def test_known_party_after_according_to_is_not_a_person() -> None:
    sentence = (
        "The line was closed due to a drone attack, according to Russian Railways, the operator."
    )
    assert [c.claimant for c in find_claims(sentence)] == ["Russian Railways"]


@pytest.mark.parametrize(
    "sentence",
    [
        "“Our agent set fire to a signal cabinet on the line,” a statement from the "
        "partisans' press service read.",
        "«Наш агент поджёг релейный шкаф на линии», — говорится в заявлении пресс-службы партизан.",
    ],
)
def test_quote_of_the_partisans_press_service(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [("partisans", "asserts", "arson")]


def test_a_sign_that_reads_is_no_speaker() -> None:
    assert find_claims("The sign on the fence read 'Danger', and the wagons derailed.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The wagons came off because the driver misjudged the clearance, the Baza channel said.",
        "Как сообщил телеграм-канал Baza, вагоны сошли, потому что машинист не рассчитал габариты.",
    ],
)
def test_driver_misjudged_is_human_error(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.cause) for c in claims] == [("Baza", "safety_violation")]


@pytest.mark.parametrize(
    "sentence",
    [
        "A video shows a train on fire after saboteurs claimed to have destroyed two trains "
        "bound for occupied Ukraine.",
        "Диверсанты заявили, что уничтожили два поезда, шедших в оккупированную Украину.",
    ],
)
def test_occupied_ukraine_is_a_place_not_a_speaker(sentence: str) -> None:
    assert all(c.claimant != "Ukrainian officials" for c in find_claims(sentence))


def test_ukraine_as_subject_still_speaks() -> None:
    claims = find_claims("Ukraine said its agents destroyed two trains.")
    assert [c.claimant for c in claims] == ["Ukrainian officials"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Investigators confirmed that debris from an explosion brought down the bridge.",
        "The span collapsed after a blast, investigators said.",
        "Следователи сообщили, что взрыв обрушил пролёт моста.",
        "Следователи сообщили, что мост рухнул после взрыва.",
    ],
)
def test_blast_that_brought_a_structure_down(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.cause) for c in claims] == [("Investigative Committee", "explosion")]


def test_collapse_without_a_blast_names_no_explosion() -> None:
    assert "explosion" not in find_causes("The bridge collapsed after heavy rain.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Local Telegram channels said that explosions were heard near the bridge before the "
        "collapse.",
        "Телеграм-каналы написали, что взрывы были слышны в районе моста перед обрушением.",
    ],
)
def test_blasts_heard_before_a_collapse_are_speculation(sentence: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [
        ("Telegram channel", "speculates", "explosion")
    ]
