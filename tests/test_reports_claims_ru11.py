"""Claims in Russian (and the English counterparts of the same mechanisms), on sentences
written for these tests: a regional railway named in a case other than the nominative, a
blast told as what set off the derailment, a criminal case under an article number only,
claims of unnamed reports («по некоторым данным») and a deed named only as a threat."""

from datetime import date

import pytest

from railwatch.reports.extract.claimants import same_claimant
from railwatch.reports.extract.claims import claimant_in, find_causes, find_claims
from railwatch.reports.extract.extract import extract_incidents
from test_reports_claims_general import claims_of

# --- a regional railway as the speaker, its name in the genitive after a head noun ----------


@pytest.mark.parametrize(
    "sentence",
    [
        "Представитель Северо-Кавказской железной дороги сказал, что движение встало из-за "
        "падения беспилотника.",
        "Пресс-служба Юго-Восточной железной дороги сообщила, что сход вызвало постороннее "
        "вмешательство.",
        "Руководство Горьковской железной дороги объяснило задержку неисправностью "
        "контактной сети.",
    ],
)
def test_a_regional_railway_heading_the_sentence_speaks_for_the_railway(sentence: str) -> None:
    found = claimant_in(sentence)
    assert found is not None and found[0] == "Russian Railways"
    assert [c.claimant for c in find_claims(sentence)] == ["Russian Railways"]


def test_a_regional_railway_named_as_a_place_is_no_speaker() -> None:
    assert claimant_in("Насыпь Северо-Кавказской железной дороги размыло ливнями.") is None


# --- a blast told as what set off the derailment --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Вагоны сошли с рельсов после взрыва под насыпью.",
        "После подрыва пути локомотив и три вагона опрокинулись.",
        "Мощный взрыв пустил товарный состав под откос.",
        "Причиной крушения, по словам губернатора, стал подрыв полотна.",
        "Подрыв на перегоне привёл к сходу двух вагонов.",
        "The wagons derailed after an explosion under the embankment.",
        "A blast derailed the freight train near the bridge.",
    ],
)
def test_a_blast_that_set_off_the_derailment_is_a_cause(text: str) -> None:
    assert "explosion" in find_causes(text)


@pytest.mark.parametrize(
    "text",
    [
        # a tank car blowing up after the derailment is the aftermath, not the cause
        "Вагоны сошли с рельсов, после чего одна из цистерн взорвалась.",
        "Цистерна взорвалась после схода вагонов.",
        "Вагоны сошли с рельсов, а после этого прогремел взрыв.",
        "A tank car exploded after the derailment.",
    ],
)
def test_a_blast_after_the_derailment_is_no_cause(text: str) -> None:
    assert "explosion" not in find_causes(text)


def test_a_channel_quoted_in_the_genitive_claims_the_blast_before_the_derailment() -> None:
    claims = claims_of(
        "По данным телеграм-канала «Кедр», вагоны сошли с рельсов после взрыва на путях.", "ru"
    )
    assert [c[2] for c in claims] == ["explosion"]
    assert same_claimant(claims[0][0], "Телеграм-канал «Кедр»")


def test_an_english_blast_before_the_derailment_is_the_speakers_claim() -> None:
    claims = find_claims(
        "The wagons derailed after an explosion under the track, the governor said."
    )
    assert [(c.claimant, c.cause) for c in claims] == [("governor", "explosion")]


# --- a criminal case named by its article number ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("Возбуждено уголовное дело по статье 205 УК РФ.", "terrorist_attack"),
        ("Следователи возбудили дело по ч. 2 ст. 205 Уголовного кодекса.", "terrorist_attack"),
        ("Возбуждено уголовное дело по ст. 281 УК РФ.", "sabotage"),
        ("Investigators opened a criminal case under Article 205 of the Criminal Code.",
         "terrorist_attack"),
        ("A case was opened under Article 281 of the Russian criminal code.", "sabotage"),
    ],
)  # fmt: skip
def test_a_case_under_an_article_number_classifies_the_event(sentence: str, cause: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [
        ("Investigative Committee", "attributes", cause)
    ]


def test_another_number_is_no_article() -> None:
    assert find_causes("Поезд номер 2051 задержался на час.") == []
    assert find_causes("Train 2053 was delayed by an hour.") == []


# --- unnamed reports: a hedged claim with no one named ---------------------------------------


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("По некоторым данным, поезд был обстрелян ракетой.", "shelling"),
        ("По неофициальным данным, состав подорвали диверсанты.", "sabotage"),
        ("According to some reports, the train was hit by a drone.", "drone"),
        ("Unconfirmed reports say saboteurs blew up the track.", "sabotage"),
    ],
)
def test_unnamed_reports_speculate(sentence: str, cause: str) -> None:
    claims = find_claims(sentence)
    assert [(c.claimant, c.stance, c.cause) for c in claims] == [
        ("unnamed reports", "speculates", cause)
    ]
    assert same_claimant("unnamed reports", "по некоторым данным (unnamed)")


def test_unnamed_reports_give_way_to_a_named_party_telling_the_same_cause() -> None:
    claims = claims_of(
        "По некоторым данным, причиной схода стала диверсия. "
        "Губернатор заявил, что на перегоне произошла диверсия.",
        "ru",
    )
    assert claims == [("governor", "asserts", "sabotage")]


def test_preliminary_data_carries_the_speaker_before() -> None:
    claims = claims_of(
        "В Приволжской железной дороге сообщили о сходе трёх вагонов. "
        "По предварительным данным, причиной стал излом боковой рамы тележки.",
        "ru",
    )
    assert [(c[0], c[2]) for c in claims] == [("Russian Railways", "technical_fault")]


# --- a deed named only as a threat ----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ru", "Журнал побеседовал с экспертами и выяснил, насколько защищена железная дорога "
               "от возможных диверсий."),
        ("ru", "Эксперты считают, что риск новых поджогов релейных шкафов сохраняется."),
        ("en", "The paper asked experts how well the railway is protected against possible "
               "sabotage."),
        ("en", "Analysts warned of the risk of further sabotage on the line."),
    ],
)  # fmt: skip
def test_a_deed_feared_is_no_claim(language: str, sentence: str) -> None:
    assert find_claims(sentence) == []
    assert claims_of(sentence, language) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Губернатор заявил, что угрозы для пассажиров нет, а сход вызвала диверсия.",
        "The Security Service of Ukraine said the sabotage was carried out by its agents.",
    ],
)
def test_a_security_body_naming_a_deed_still_claims_it(sentence: str) -> None:
    assert [c.cause for c in find_claims(sentence)] == ["sabotage"]


# --- a claim about another incident -------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ru", "Ранее в мае губернатор сообщал о диверсии на другой линии."),
        ("ru", "Это уже второй случай за месяц: в начале мая губернатор заявил о диверсии."),
        ("ru", "Похожий инцидент произошёл весной, тогда губернатор заявил о диверсии."),
        ("en", "The governor reported sabotage on another line in May."),
        (
            "en",
            "In a similar incident in spring, the governor said saboteurs had blown up the track.",
        ),
    ],
)
def test_a_claim_about_another_incident_is_not_this_ones(language: str, sentence: str) -> None:
    assert claims_of(sentence, language) == []


@pytest.mark.parametrize(
    ("language", "sentence", "claim"),
    [
        (
            "ru",
            "Губернатор заявил, что на перегоне произошла диверсия.",
            ("governor", "asserts", "sabotage"),
        ),
        (
            "en",
            "The governor said saboteurs had blown up the track.",
            ("governor", "asserts", "sabotage"),
        ),
    ],
)
def test_a_claim_about_this_incident_stays(
    language: str, sentence: str, claim: tuple[str, str, str]
) -> None:
    assert claims_of(sentence, language) == [claim]


# --- a broken rule of operation -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Следователи считают, что машинист нарушил правила безопасности.",
        "Бригада нарушила правила технической эксплуатации.",
        "Причиной стало нарушение правил технической эксплуатации железных дорог.",
    ],
)
def test_a_broken_rule_of_operation_is_a_safety_violation(text: str) -> None:
    assert find_causes(text) == ["safety_violation"]


def test_rules_kept_are_no_violation() -> None:
    assert find_causes("Машинист соблюдал правила безопасности.") == []


def test_a_lead_blast_is_not_given_to_a_party_speaking_of_something_else() -> None:
    text = (
        "Взрыв пустил под откос товарный поезд у станции Кировск\n\n"
        "Взрыв пустил под откос товарный поезд у станции Кировск в понедельник. "
        "Отдельно ГУР заявило, что ракеты поразили аэродром в Крыму.\n"
    )
    incidents = extract_incidents(text, "ru", date(2025, 6, 1))
    assert [c.claimant for i in incidents for c in i.claims] == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "ru",
            "В РЖД сообщили, что сход вызвала атака беспилотника, движение на других участках "
            "не нарушено.",
        ),
        (
            "en",
            "Russian Railways said a drone attack caused the derailment and other trains were "
            "delayed.",
        ),
    ],
)
def test_other_trains_or_sections_in_the_effects_keep_the_claim(
    language: str, sentence: str
) -> None:
    assert claims_of(sentence, language) == [("Russian Railways", "attributes", "drone")]
