"""Who speaks and how firmly, on sentences written for these tests (never taken from a real
corpus): a hedging adverb makes a claim speculation; a passive verb of saying with no agent
names no speaker; a title in a "Source:" line and the holder's name are one voice; an outlet
named in the lead ("according to X") tells the post's account."""

from datetime import date

from railwatch.reports.extract.claims import (
    claimant_in,
    find_claims,
    report_source,
    with_holder_name,
)
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.nlp import speech_acts
from railwatch.reports.extract.nlp_claims import check_claims, names_no_speaker

HEADLINES = {
    "en": "Freight train derails near Kirovsk station.\n\n",
    "ru": "Грузовой поезд сошёл с рельсов у станции Кировск.\n\n",
}


def claims_of(text: str, language: str, headline: bool = True) -> list[tuple[str, str, str]]:
    body = (HEADLINES[language] if headline else "") + text
    incidents = extract_incidents(body, language, date(2025, 6, 1))
    return [(c.claimant, c.stance, c.cause) for i in incidents for c in i.claims]


# --- hedging adverbs --------------------------------------------------------------------------


def test_allegedly_makes_a_claim_speculation_en() -> None:
    sentence = "Local Telegram channels wrote that the depot burned, allegedly after a drone hit."
    claims = find_claims(sentence)
    assert [(c.stance, c.cause) for c in claims] == [("speculates", "drone")]


def test_supposedly_makes_a_claim_speculation_en() -> None:
    sentence = "Baza reported that the rails were supposedly cut by saboteurs."
    assert [c.stance for c in find_claims(sentence)] == ["speculates"]


def test_yakoby_makes_a_claim_speculation_ru() -> None:
    sentence = "Телеграм-канал Baza сообщил, что состав якобы подорвали диверсанты."
    assert [c.stance for c in find_claims(sentence)] == ["speculates"]


def test_plain_report_is_still_asserted_en() -> None:
    sentence = "Baza reported that saboteurs cut the rails."
    assert [c.stance for c in find_claims(sentence)] != ["speculates"]


# --- a passive verb of saying with no agent names no speaker -----------------------------------


def test_agentless_passive_has_no_speaker_en() -> None:
    acts = speech_acts(
        "Earlier it was reported that two men set fire to a Russian Railways depot.", "en"
    )
    assert names_no_speaker(acts)


def test_passive_with_agent_names_the_agent_en() -> None:
    acts = speech_acts("The blast near the depot was reported by the governor.", "en")
    assert acts and not names_no_speaker(acts)
    assert any(a.speaker == "the governor" for a in acts)


def test_impersonal_report_has_no_speaker_ru() -> None:
    acts = speech_acts("Ранее сообщалось, что двое мужчин подожгли депо РЖД.", "ru")
    assert names_no_speaker(acts)


def test_active_verb_keeps_its_speaker() -> None:
    assert not names_no_speaker(speech_acts("The SBU said its agents blew up the bridge.", "en"))
    assert not names_no_speaker(speech_acts("В ФСБ заявили, что мост взорвали диверсанты.", "ru"))


def test_party_in_a_passive_report_is_not_the_claimant_en() -> None:
    sentence = (
        "Dozens of arson attacks on railway relay boxes have been reported "
        "since the start of the war against Ukraine."
    )
    assert check_claims(find_claims(sentence), sentence, "en") == []


def test_party_in_an_impersonal_report_is_not_the_claimant_ru() -> None:
    sentence = "Ранее сообщалось, что подростки подожгли релейные шкафы на объектах РЖД."
    assert check_claims(find_claims(sentence), sentence, "ru") == []


def test_named_speaker_still_claims_en() -> None:
    sentence = "Russian Railways said the derailment followed interference by unauthorized persons."
    assert [c.claimant for c in check_claims(find_claims(sentence), sentence, "en")] == [
        "Russian Railways"
    ]


def test_lead_cause_not_given_to_a_party_of_a_passive_report_en() -> None:
    text = (
        "A man set fire to a relay cabinet near Kirovsk station on Tuesday.\n\n"
        "Earlier it was reported that students had damaged equipment at Russian Railways "
        "substations."
    )
    assert ("Russian Railways", "asserts", "arson") not in claims_of(text, "en", headline=False)


# --- an outlet in the lead tells the post's account ---------------------------------------------


def test_according_to_an_outlet_in_the_lead_en() -> None:
    text = (
        "A man set fire to a relay cabinet near Kirovsk station on Tuesday.\n\n"
        "According to Vedomosti, the cabinet stood a kilometre from the platform."
    )
    assert ("Vedomosti", "asserts", "arson") in claims_of(text, "en", headline=False)


def test_according_to_an_outlet_in_the_lead_ru() -> None:
    text = (
        "Во вторник неизвестный поджёг релейный шкаф у станции Кировск.\n\n"
        "По данным «Известий», шкаф стоял в километре от платформы."
    )
    assert ("Izvestia", "asserts", "arson") in claims_of(text, "ru", headline=False)


# --- a title and its holder are one voice -----------------------------------------------------


def test_title_takes_the_holders_name() -> None:
    assert with_holder_name("Source: Tver Oblast Governor Igor Rudenya; media", "Governor") == (
        "Governor Igor Rudenya"
    )
    assert with_holder_name("Источник: губернатор Игорь Руденя", "губернатор") == (
        "губернатор Игорь Руденя"
    )


def test_source_line_gives_the_name_with_the_title_en() -> None:
    found = report_source(["Drones hit a depot", "Source: Tver Oblast Governor Igor Rudenya"], "en")
    assert found == ("governor", "Governor Igor Rudenya")


def test_source_line_title_and_named_speaker_make_one_claim_en() -> None:
    text = (
        "Drone attack sets depot near Kirovsk station on fire\n\n"
        "Source: Tver Oblast Governor Igor Rudenya\n\n"
        "Rudenya stated that the depot near Kirovsk station had been hit by drones."
    )
    claims = [c for c in claims_of(text, "en", headline=False) if c[2] == "drone"]
    assert len(claims) == 1, claims


# --- "It said": an organisation referred back to by a pronoun -----------------------------------


def test_it_said_refers_back_across_a_paragraph_en() -> None:
    text = (
        "Russian Railways said the train left the rails near Kirovsk station on Monday.\n\n"
        'It said two wagons derailed "after interference by unauthorized persons."'
    )
    assert ("Russian Railways", "asserts", "sabotage") in claims_of(text, "en")


def test_they_said_refers_back_across_a_paragraph_ru() -> None:
    text = (
        "В РЖД сообщили, что поезд сошёл с рельсов у станции Кировск в понедельник.\n\n"
        "Они добавили, что причиной стало вмешательство посторонних лиц."
    )
    assert any(c[0] == "Russian Railways" and c[2] == "sabotage" for c in claims_of(text, "ru"))


def test_expletive_it_is_not_a_speaker_en() -> None:
    text = "It was said that the line was sabotaged near Kirovsk station."
    assert all(c[0] != "Russian Railways" for c in claims_of(text, "en"))


# --- a party that acts in the sentence before "This was reported by X" does not speak -----------


def test_reported_by_after_a_sentence_where_police_act_en() -> None:
    text = (
        "Police detained a man who set fire to a relay cabinet near Kirovsk station. "
        "This was reported by the Kommersant newspaper."
    )
    claims = claims_of(text, "en")
    assert any(c[2] == "arson" and c[1] == "asserts" for c in claims), claims


def test_reported_by_after_a_sentence_where_police_act_ru() -> None:
    text = (
        "Полиция задержала мужчину, который поджёг релейный шкаф у станции Кировск. "
        "Об этом сообщил «Коммерсант»."
    )
    claims = claims_of(text, "ru")
    assert any(c[2] == "arson" and c[1] == "asserts" for c in claims), claims


# --- a criminal case not yet opened only weighs the classification ------------------------------


def test_case_still_being_decided_is_speculation_en() -> None:
    sentence = "The question of opening a criminal case under the article on sabotage is open."
    assert [(c.claimant, c.stance, c.cause) for c in find_claims(sentence)] == [
        ("officials", "speculates", "sabotage")
    ]


def test_named_body_deciding_on_a_case_speculates_en() -> None:
    sentence = "Prosecutors are deciding whether to open a criminal case on a terrorist act."
    assert [c.stance for c in find_claims(sentence)] == ["speculates"]


def test_case_still_being_decided_is_speculation_ru() -> None:
    sentence = "Сейчас решается вопрос о возбуждении уголовного дела о теракте."
    assert [(c.claimant, c.stance, c.cause) for c in find_claims(sentence)] == [
        ("officials", "speculates", "terrorist_attack")
    ]


def test_opened_case_still_classifies() -> None:
    assert [
        c.stance for c in find_claims("Investigators opened a criminal case on a terrorist act.")
    ] == ["attributes"]
    assert [c.stance for c in find_claims("Возбуждено уголовное дело о теракте.")] == ["attributes"]


# --- a channel the table does not know is named by the words after "Telegram channel" ----------


def test_channel_named_by_a_number_en() -> None:
    found = claimant_in("According to the Telegram channel 112, a bomb was fixed to a tank car.")
    assert found is not None and found[0] == "Telegram channel 112"


def test_channel_named_by_a_capitalised_word_en() -> None:
    claims = find_claims("The Telegram channel Rybar wrote that a drone struck the locomotive.")
    assert [(c.claimant, c.cause) for c in claims] == [("Telegram channel Rybar", "drone")]


def test_channel_named_by_a_capitalised_word_ru() -> None:
    claims = find_claims("Телеграм-канал Рыбарь написал, что дрон попал в тепловоз.")
    assert [(c.claimant, c.cause) for c in claims] == [("Telegram channel Рыбарь", "drone")]


def test_unnamed_channels_stay_generic() -> None:
    assert claimant_in("Telegram channels reported that a drone hit the depot.") == (
        "Telegram channel",
        "Telegram channels",
    )
    assert claimant_in("A Telegram channel, citing locals, said a drone hit the depot.") is not None
