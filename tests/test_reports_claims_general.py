"""Claims on sentences written for these tests (never taken from the real corpus): who
speaks (the subject of a verb of saying, or the one relayed), whether the verb commits to
anything, and whether the sentence is about this incident at all."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.reports.extract.claimants import same_claimant, split_via
from railwatch.reports.extract.claims import claimant_in, find_causes
from railwatch.reports.extract.extract import extract_incidents

HEADLINES = {
    "en": "Freight train derails near Kirovsk station.\n\n",
    "ru": "Грузовой поезд сошёл с рельсов у станции Кировск.\n\n",
}


def claims_of(sentence: str, language: str) -> list[tuple[str, str, str]]:
    text = HEADLINES[language] + sentence
    incidents = extract_incidents(text, language, date(2025, 6, 1))
    return [(c.claimant, c.stance, c.cause) for i in incidents for c in i.claims]


# sentence -> the claims it makes; [] where it makes none
KNOWN = [
    # a negated or non-committal verb attributes nothing
    ("en", "The Kremlin has not commented on the possible causes of the derailment.", []),
    ("en", "Russian Railways did not confirm that the train was hit by a drone.", []),
    ("en", "The Kyiv Independent could not independently verify the claims of sabotage.", []),
    ("en", "The Kyiv Independent was unable to verify the claim that the line was sabotaged.", []),
    ("en", "Kremlin spokesman Dmitry Peskov declined to comment on the causes of the crash.", []),
    ("en", "The SBU has not claimed responsibility for the attack on the railway.", []),
    ("en", "It was not immediately clear what caused the derailment.", []),
    ("ru", "ГУР не подтвердил свою причастность к подрыву.", []),
    ("ru", "Представитель Кремля Дмитрий Песков отказался комментировать сход поезда.", []),
    ("ru", "В Минобороны не комментировали сообщения о подрыве поезда.", []),
    ("ru", "Причины схода пока не установлены, сообщили в РЖД.", []),
    # sentences about something else, or about a habit rather than this incident
    ("en", "Ukraine's military intelligence said Russian forces fired rockets at Kharkiv.", []),
    ("en", "Russia has repeatedly blamed Ukraine for sabotage on its railways.", []),
    ("ru", "Минобороны России сообщило, что ночью ПВО сбила 20 беспилотников над областью.", []),
    ("ru", "Ранее ВСУ обстреляли Белгород ракетами.", []),
    # a party inside what is said is talked about; an unnamed "they" names no claimant
    (
        "en",
        "In Moscow, they said that the fire in the tunnel blown up by the SBU was caused by "
        "a short circuit.",
        [],
    ),
    (
        "en",
        "The Kremlin said that the fire in the tunnel blown up by the SBU was caused by "
        "a short circuit.",
        [("Kremlin", "attributes", "short_circuit")],
    ),
    # the operator's word for sabotage
    (
        "en",
        "Russian Railways said the derailment was caused by unauthorized interference.",
        [("Russian Railways", "attributes", "sabotage")],
    ),
    (
        "ru",
        "В РЖД сообщили, что причиной схода стало постороннее вмешательство.",
        [("Russian Railways", "attributes", "sabotage")],
    ),
    (
        "en",
        "Russian Railways cited technical reasons for the derailment.",
        [("Russian Railways", "attributes", "technical_fault")],
    ),
    # relayed claims name the one who speaks and the one who relays
    (
        "en",
        "A source in Ukraine's military intelligence told the Kyiv Independent that "
        "partisans blew up the track.",
        [("source in HUR (via Kyiv Independent)", "asserts", "sabotage")],
    ),
    (
        "ru",
        "Как сообщает ТАСС со ссылкой на пресс-службу РЖД, причиной схода стал излом рельса.",
        [("Russian Railways (via TASS)", "attributes", "technical_fault")],
    ),
    (
        "ru",
        "Источник в ГУР рассказал «Украинской правде», что путь подорвали партизаны.",
        [("source in HUR (via Ukrainska Pravda)", "asserts", "sabotage")],
    ),
    # partisan groups by name
    (
        "en",
        "The Atesh movement claimed responsibility for the blast on its Telegram channel.",
        [("Atesh", "asserts", "sabotage")],
    ),
    (
        "ru",
        "Движение «Атеш» взяло на себя ответственность за подрыв путей.",
        [("Atesh", "asserts", "sabotage")],
    ),
    (
        "ru",
        "БОАК заявила, что её участники подожгли релейный шкаф.",
        [("BOAK", "asserts", "arson")],
    ),
    (
        "en",
        "Stop the Wagons, a group of rail saboteurs, said its members had damaged the relay.",
        [("Stop the Wagons", "asserts", "sabotage")],
    ),
    # stance from the verb and its modality
    (
        "en",
        "Police are investigating the possibility of sabotage on the railway.",
        [("police", "speculates", "sabotage")],
    ),
    (
        "en",
        "Railway officials denied that sabotage was involved, blaming a technical fault.",
        [
            ("Russian Railways", "denies", "sabotage"),
            ("Russian Railways", "attributes", "technical_fault"),
        ],
    ),
    # a speaker no list names is kept as the text names it
    (
        "en",
        "The regional emergency services said the blaze was caused by a short circuit.",
        [("regional emergency services", "attributes", "short_circuit")],
    ),
    (
        "en",
        "The railway workers' union said the derailment was caused by worn-out tracks.",
        [("railway workers' union", "attributes", "technical_fault")],
    ),
    (
        "en",
        "Rail operator Ukrzaliznytsia said the line was damaged by Russian shelling.",
        [("Ukrzaliznytsia", "attributes", "shelling")],
    ),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), KNOWN)
def test_known_claims(language: str, sentence: str, expected: list) -> None:
    assert claims_of(sentence, language) == expected


def test_unauthorised_interference_is_sabotage_in_both_spellings() -> None:
    assert find_causes("unauthorised interference with rail transport") == ["sabotage"]
    assert find_causes("вмешательство посторонних лиц") == ["sabotage"]
    # an outsider named only as an absence of interference is not a cause
    assert find_causes("made no mention of any outside interference") == []


def test_a_deed_named_outright_wins_over_who_did_it() -> None:
    assert find_causes("участники движения сопротивления подожгли тепловоз")[0] == "arson"
    assert find_causes("partisans derailed the train") == ["sabotage"]


def test_relayed_claimant_is_the_speaker_not_the_outlet() -> None:
    assert split_via("Russian Railways (via TASS)") == ("Russian Railways", "TASS")
    assert split_via("HUR") == ("HUR", "")
    assert same_claimant("Russian Railways (via TASS)", "РЖД")
    assert not same_claimant("Stop the Wagons (via Reuters)", "Reuters")


# words that steer text into the claim paths: speakers, verbs of saying, negations, causes
_VOCAB = [
    "Russian Railways", "HUR", "the SBU", "Atesh", "TASS", "said", "told", "reported",
    "according to", "citing", "did not", "not", "declined to comment", "sabotage", "a drone",
    "explosion", "the train", "derailed", "rail", "may have", "denied", "criminal case",
    "РЖД", "ГУР", "сообщили", "по данным", "не", "подтвердил", "диверсия", "поезд", "сошёл",
    "со ссылкой на", "из-за", "взрыв", ",", ".", "«", "»", "(", ")",
]  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["en", "ru"]),
    st.lists(st.one_of(st.sampled_from(_VOCAB), st.text(max_size=12)), max_size=30),
)
def test_any_text_gives_claims_with_a_claimant_named_in_it(language: str, parts: list) -> None:
    text = HEADLINES[language] + " ".join(parts)
    incidents = extract_incidents(text, language, date(2025, 6, 1))
    for incident in incidents:
        for claim in incident.claims:
            assert claim.claimant and claim.cause and claim.stance
            assert claim.claimant_text, claim
            assert claim.claimant_text.lower() in text.lower(), claim


def test_a_claimant_abbreviation_is_a_word_not_letters_inside_one() -> None:
    # "утверждают" holds the letters of "РЖД"; "сбудется" those of "СБУ"
    assert claimant_in("Очевидцы утверждают, что поезд подорвали.") == ("eyewitnesses", "Очевидцы")
    assert claimant_in("Прогноз сбудется, уверены аналитики.") == ("expert", "аналитики")
    assert claimant_in("В ОАО «РЖД» сообщили о сходе.") == ("Russian Railways", "РЖД")


def test_an_operation_of_the_services_that_claim_attacks_is_sabotage() -> None:
    assert find_causes("a successful special operation of Ukraine's SBU") == ["sabotage"]
    assert find_causes("пожар стал результатом операции СБУ") == ["sabotage"]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("en", "Ukraine claimed the attack on the railway bridge.",
         [("Ukrainian officials", "asserts", "sabotage")]),
        ("en", "Russia claimed the attack was staged on the railway.", []),
        ("ru", "Источник в ГУР сообщил, что операцию на железной дороге провели сотрудники разведки.",
         [("source in HUR", "asserts", "sabotage")]),
    ],
)  # fmt: skip
def test_a_deed_claimed_by_its_side(language: str, sentence: str, expected: list) -> None:
    assert claims_of(sentence, language) == expected


def test_cause_patterns_are_lexicon_data_in_priority_order() -> None:
    from railwatch.reports.extract.claims import cause_table
    from railwatch.reports.lexicon import lexicon

    causes = [name for name, _patterns in cause_table()]
    assert causes[:2] == ["terrorist_attack", "sabotage"]
    assert [row["cause"] for row in lexicon("ru")["cause_patterns"]] == causes
    # a deed named outright outranks the partisans said to have done it (sabotage, last)
    assert causes.index("arson") < len(causes) - 1 and causes[-1] == "sabotage"
    # one language's pattern is enough for a cause
    assert find_causes("короткое замыкание") == ["short_circuit"]
    assert find_causes("a short circuit") == ["short_circuit"]


def test_a_cause_table_out_of_step_between_languages_is_named() -> None:
    from railwatch.reports.extract.claims import cause_table
    from railwatch.reports.lexicon import LexiconError

    en = [{"cause": "drone", "patterns": ["drones?"]}, {"cause": "arson", "patterns": ["arson"]}]
    ru = [{"cause": "arson", "patterns": ["поджог"]}, {"cause": "drone", "patterns": ["дрон"]}]
    with pytest.raises(LexiconError, match=r"ru.yaml: field 'cause_patterns' must list"):
        cause_table({"en": en, "ru": ru})
    with pytest.raises(LexiconError, match=r"en.yaml: field 'cause_patterns', entry 1"):
        cause_table({"en": [{"cause": "drone", "patterns": "drones?"}], "ru": []})
    assert cause_table({"en": en, "ru": list(reversed(ru))}) == [
        ("drone", ["drones?", "дрон"]),
        ("arson", ["arson", "поджог"]),
    ]


# --- who vouches for a claim told "citing sources" ----------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("en", "The Baza Telegram channel, citing sources, said the derailment was caused by "
               "an explosive device.", [("Baza", "attributes", "explosive_device")]),
        ("en", "Kommersant, citing its own sources, reported that saboteurs had damaged the "
               "track.", [("Kommersant", "asserts", "sabotage")]),
        ("ru", "Telegram-канал Mash, ссылаясь на источники, сообщил, что под локомотивом "
               "сработало взрывное устройство.", [("Mash", "asserts", "explosive_device")]),
        ("ru", "SHOT, ссылаясь на собственные источники, пишет, что пути были заминированы.",
         [("SHOT", "asserts", "explosive_device")]),
        # sources that belong to a named body are that body's, relayed
        ("ru", "Как сообщает ТАСС со ссылкой на пресс-службу РЖД, причиной схода стал излом "
               "рельса.", [("Russian Railways (via TASS)", "attributes", "technical_fault")]),
    ],
)  # fmt: skip
def test_a_party_citing_vague_sources_is_the_claimant(
    language: str, sentence: str, expected: list
) -> None:
    assert claims_of(sentence, language) == expected


def test_citing_sources_names_the_citer_in_the_clause() -> None:
    assert claimant_in("Mash, ссылаясь на источники, сообщил о взрыве") == ("Mash", "Mash")
    # a source in a named organisation is not vague
    assert claimant_in("citing a source in the FSB, Mash said") != ("Mash", "Mash")


# --- the whole noun phrase: a union of railway workers is not the railway ------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("en", "The Russian railway workers' union said the derailment was caused by worn-out "
               "tracks.", [("railway workers' union", "attributes", "technical_fault")]),
        ("en", "The trade union of railway workers blamed the derailment on worn-out wheels.",
         [("railway workers' union", "attributes", "technical_fault")]),
        ("ru", "Профсоюз железнодорожников заявил, что причиной схода стал износ вагонов.",
         [("railway workers' union", "attributes", "technical_fault")]),
        ("ru", "В профсоюзе работников РЖД считают, что сход произошёл из-за изношенных путей.",
         [("railway workers' union", "attributes", "technical_fault")]),
        # the railway's own staff still speak for it
        ("ru", "Железнодорожники сообщили, что причиной схода стал излом рельса.",
         [("Russian Railways", "attributes", "technical_fault")]),
    ],
)  # fmt: skip
def test_a_union_of_railway_workers_is_not_the_railway(
    language: str, sentence: str, expected: list
) -> None:
    assert claims_of(sentence, language) == expected


def test_a_collective_head_takes_the_whole_noun_phrase() -> None:
    # a body the table does not know keeps the words that name it
    assert claimant_in("The association of Kuibyshev Railway veterans said it was sabotage") == (
        "association of Kuibyshev Railway veterans",
        "association of Kuibyshev Railway veterans",
    )
    # a union named in what is said does not take over the speaker
    assert claimant_in("Russian Railways said the union had been told") == (
        "Russian Railways",
        "Russian Railways",
    )
    assert (
        claimant_in("Ассоциация операторов РЖД заявила о сходе")[0] == "Ассоциация операторов РЖД"
    )


# --- attribution across sentences -----------------------------------------------------------


def claims_in(body: str, language: str) -> list[tuple[str, str, str]]:
    incidents = extract_incidents(HEADLINES[language] + body, language, date(2025, 6, 2))
    return [(c.claimant, c.stance, c.cause) for i in incidents for c in i.claims]


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("en", "Russian Railways commented on the incident on Monday.\n\nAccording to the "
               "company, the derailment was caused by a broken rail.",
         [("Russian Railways", "attributes", "technical_fault")]),
        ("en", "Governor Ivan Petrov spoke to reporters on Monday.\n\nAccording to him, the "
               "fire was started by drone debris.", [("governor", "attributes", "drone")]),
        ("ru", "В РЖД прокомментировали происшествие.\n\nПо их данным, причиной схода стал "
               "излом рельса.", [("Russian Railways", "attributes", "technical_fault")]),
        ("ru", "Об инциденте сообщил глава района Иван Петров. По его словам, пути повредил "
               "беспилотник.", [("Иван Петров", "attributes", "drone")]),
        ("ru", "Губернатор области прокомментировал сход.\n\nВ ведомстве уточнили, что "
               "причиной стал излом рельса.", [("governor", "attributes", "technical_fault")]),
        # no one named before: "according to him" names no one
        ("en", "The line was closed for six hours.\n\nAccording to him, a drone hit the "
               "locomotive.", []),
    ],
)  # fmt: skip
def test_a_pronoun_speaks_for_the_party_named_before(
    language: str, body: str, expected: list
) -> None:
    assert claims_in(body, language) == expected


def test_a_speaker_named_in_the_sentence_wins_over_the_one_before() -> None:
    body = (
        "Russian Railways blamed the derailment on a technical fault. Prominent military "
        "blogger Ivan Sidorov called it sabotage."
    )
    claims = claims_in(body, "en")
    assert ("Russian Railways", "attributes", "technical_fault") in claims
    assert not any(c[0] == "Russian Railways" and c[2] == "sabotage" for c in claims)
    assert any("Sidorov" in c[0] and c[2] == "sabotage" for c in claims)


# --- claims about an older event stay with it --------------------------------------------


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The train derailed on June 1 near Kirovsk, Russian Railways said.\n\nIn 2023, "
               "the FSB said saboteurs had blown up a railway bridge in the same region."),
        ("en", "The train derailed on June 1 near Kirovsk, Russian Railways said.\n\nLast "
               "month, investigators blamed a similar derailment on sabotage."),
        ("ru", "Поезд сошёл с рельсов 1 июня, сообщили в РЖД.\n\nВ марте СК возбудил дело о "
               "теракте после подрыва путей в соседней области."),
        ("en", "The train derailed on June 1 near Kirovsk.\n\nThere have been reports of "
               "sabotage on railways since the start of the war, the governor said."),
    ],
)  # fmt: skip
def test_claims_about_an_older_event_do_not_attach_to_this_one(language: str, body: str) -> None:
    assert claims_in(body, language) == []


def test_a_claim_told_after_the_incident_still_counts() -> None:
    body = (
        "The train derailed on June 1 near Kirovsk.\n\nOn June 2, investigators said the "
        "derailment was caused by sabotage."
    )
    assert claims_in(body, "en") == [("Investigative Committee", "attributes", "sabotage")]


def test_the_railways_word_for_sabotage_in_translation() -> None:
    for text in (
        "derailed after the intervention of unauthorized persons",
        "due to unlawful interference with rail operations",
        "caused by illegal interference in the operation of the railway",
        "из-за незаконного вмешательства в работу транспорта",
        "the result of a Ukrainian guerrilla operation",
    ):
        assert find_causes(text) == ["sabotage"], text


@pytest.mark.parametrize(
    ("language", "body", "expected"),
    [
        ("ru", "Утром на перегоне сработало взрывное устройство.\n\nОб этом в своём "
               "телеграм-канале сообщил губернатор области.",
         [("governor", "asserts", "explosive_device")]),
        ("en", "An explosive device went off under the locomotive. This was reported by "
               "Russian Railways.", [("Russian Railways", "asserts", "explosive_device")]),
        # a sentence that tells no cause lends none
        ("ru", "Утром поезд остановился на перегоне. Об этом сообщил губернатор области.", []),
    ],
)  # fmt: skip
def test_a_sentence_that_names_who_told_the_one_before(
    language: str, body: str, expected: list
) -> None:
    assert claims_in(body, language) == expected


def test_according_to_information_of_an_outlet_is_its_claim() -> None:
    sentence = "По сведениям «Базы», под составом сработали два взрывных устройства."
    assert claims_of(sentence, "ru") == [("Baza", "asserts", "explosive_device")]


def test_a_nationality_qualifying_the_speaker_is_not_the_speaker() -> None:
    from railwatch.reports.extract.nlp_claims import speaker_of

    name = speaker_of("A Ukrainian partisan group said it had set the relay on fire.", "en")
    assert name is not None and name.endswith("group")
    # "its press office" points back at the party named before: no name of its own
    assert speaker_of("Its press office said a rail had cracked.", "en") is None
