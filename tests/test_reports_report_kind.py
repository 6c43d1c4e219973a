"""Non-incident reports (court verdicts, foiled plots, satellite observations) give no
incident; incident reports that mention an arrest or a court still give one; an incident's
traffic effect is the last state the report tells. Sample texts are our own."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.reports.extract.effects import effect_mentions, last_effect
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.extract.report_kind import (
    ACCUSED,
    ARREST,
    INCIDENT,
    arrest_grounds,
    report_kind,
    trigger_frame,
)
from railwatch.reports.extract.triggers import find_triggers
from railwatch.reports.text.sentences import split_sentences

PUBLISHED = date(2025, 10, 20)

NON_INCIDENTS = [
    (
        "en",
        "Two men jailed for blowing up a railway line near Kursk\n"
        "A military court sentenced two local men to 14 years in prison on Monday for an "
        "explosion that damaged the track near Lgov station in March 2024.\n"
        "The court said they acted on instructions received through a messaging app.",
    ),
    (
        "ru",
        "Подростки подожгли релейный шкаф на железной дороге.\n"
        "Окружной военный суд вынес приговор трём жителям Тверской области.\n"
        "Как установил суд, в феврале 2024 года они подожгли релейный шкаф на перегоне "
        "Лихославль — Калашниково, что привело к задержке поездов.",
    ),
    (
        "ru",
        "За поджог тяговой подстанции осудили жителя Самары\n"
        "Суд приговорил 19-летнего жителя Самары к девяти годам колонии за поджог "
        "оборудования на железной дороге прошлой весной.",
    ),
    (
        "en",
        "Security service detains man preparing to blow up a rail bridge\n"
        "Officers detained a 30-year-old man who was preparing to blow up a railway bridge "
        "near Bataysk, the agency said on Sunday.\n"
        "He had hidden an explosive device near the tracks, it said.",
    ),
    (
        "ru",
        "ФСБ задержала жителя Ростова, готовившего подрыв железнодорожного моста\n"
        "Сотрудники ФСБ задержали мужчину, который готовил подрыв железнодорожного моста "
        "под Батайском.\n"
        "По данным ведомства, он планировал взорвать мост при прохождении грузового поезда.",
    ),
    (
        "en",
        "Satellite images show trains crossing the Tumen River bridge\n"
        "Commercial satellite imagery captured on 3 October shows two freight trains on the "
        "bridge between Khasan and the North Korean border station.\n"
        "Last year a derailment closed the line for a day.",
    ),
    (
        "en",
        # an arrest told through a speaker, the deed only its grounds (no place, no day)
        "Security service says it detained a student for railway sabotage\n"
        "The security service said on Monday that it had detained a student in the Penza "
        "region on suspicion of setting fire to railway relay cabinets for money.\n"
        "He sent photos of the sites to a handler abroad, the agency said.",
    ),
    (
        "ru",
        "ФСБ сообщила о задержании студента за поджоги на железной дороге\n"
        "В ФСБ в понедельник сообщили, что задержали студента из Пензы по подозрению в "
        "поджогах релейных шкафов.\n"
        "По данным ведомства, он отправлял куратору фотографии мест.",
    ),
    (
        "ru",
        # an arrest report names where the deed was done: still news of the arrest
        "В Пензенской области задержали студента по подозрению в поджоге\n"
        "Сотрудники полиции задержали студента по подозрению в поджоге релейного шкафа.\n"
        "Ему предъявлено обвинение.\n"
        "По данным следствия, поджог был совершён на перегоне Пенза — Леонидовка.",
    ),
    (
        "en",
        # the deed tells who was held, then is retold in the lead without the arrest
        "Transport police have detained a 15-year-old who set fire to a relay cabinet on "
        "the stretch between Ozerki and Lesnaya, the ministry said.\n"
        "The boy set fire to the cabinet with petrol on orders from a stranger online.",
    ),
    (
        "ru",
        "Полиция задержала школьника, который поджёг релейный шкаф на перегоне Озерки — "
        "Лесная.\n"
        "По данным ведомства, подросток поджёг шкаф бензином по указанию незнакомца.\n"
        "На движение поездов это не повлияло.",
    ),
    (
        "ru",
        # custody ordered by a court for a deed told only as its grounds
        "Студента заключили под стражу за поджог релейного шкафа\n"
        "Студент, который поджёг релейный шкаф на перегоне Озерки — Лесная, помещён под "
        "стражу, сообщили в СК.",
    ),
    (
        "en",
        "Student remanded in custody over relay cabinet arson\n"
        "A student who set fire to a relay cabinet between Ozerki and Lesnaya has been "
        "remanded in custody, investigators said.",
    ),
    (
        "en",
        # a plot with no deed word in the lead; the deed words come later, as its aim
        "The security service said on Tuesday it had detained a man for allegedly plotting "
        "a terrorist attack on a railway junction in the Urals.\n"
        "He had been trained abroad and then sent to derail freight trains, the agency "
        "said.",
    ),
    (
        "ru",
        "ФСБ задержала мужчину, который планировал теракт на железнодорожном узле в "
        "Свердловской области.\n"
        "По данным ведомства, его направили в Россию пускать под откос грузовые поезда.",
    ),
    (
        "ru",
        # the deed told only as what investigators believe suspects did
        "Следствие считает, что подростки подожгли релейный шкаф на перегоне Озерки — Лесная.\n"
        "В рамках уголовного дела продолжается расследование.",
    ),
    (
        "en",
        "Investigators believe the teenagers set fire to two relay cabinets on the line near "
        "Ozerki.\n"
        "The investigation into the case continues.",
    ),
]

INCIDENTS = [
    (
        "en",
        # the deed told first; the investigators' view of who did it comes after
        "A relay cabinet caught fire near Ozerki station on Sunday, delaying four trains.\n"
        "Investigators believe two teenagers set fire to it.",
    ),
    (
        "ru",
        "В воскресенье у станции Озерки сгорел релейный шкаф, задержаны четыре поезда.\n"
        "Следствие считает, что его подожгли двое подростков.",
    ),
    (
        "en",
        # an incident report whose lead mentions arrests and a court
        "Blast derails freight train near Bryansk; two suspects detained\n"
        "An explosion derailed 12 wagons of a freight train near Bryansk on Sunday, "
        "October 19, the regional governor said.\n"
        "Police detained two suspects, and a court will decide on their custody on Monday.",
    ),
    (
        "ru",
        # arrested for an arson that happened: still an incident
        "Двое подростков подожгли релейный шкаф под Курском\n"
        "Двое подростков задержаны по подозрению в поджоге релейного шкафа на перегоне "
        "Ржава — Прохоровка 19 октября.\n"
        "Из-за повреждения сигнализации шесть поездов простояли около часа.",
    ),
    (
        "en",
        # a court named in a subordinate clause of an incident lead
        "Freight train derails near Tikhoretsk\n"
        "A freight train derailed near Tikhoretsk on October 19, a week after a court jailed "
        "two men for an earlier arson on the same line.",
    ),
    (
        "en",
        # the deed told first, the arrest for it after: still an incident
        "Relay cabinet set on fire near Penza; police detain a suspect\n"
        "Unknown people set fire to a relay cabinet near Penza station on October 19, "
        "delaying three trains.\n"
        "Police said they had detained a suspect on suspicion of arson.",
    ),
]


def _kind(language: str, text: str) -> str:
    return report_kind([s.text for s in split_sentences(text)], language)


@pytest.mark.parametrize(("language", "text"), NON_INCIDENTS)
def test_non_incident_reports_give_no_incident(language: str, text: str) -> None:
    assert _kind(language, text) != INCIDENT
    assert extract_incidents(text, language, PUBLISHED) == []


@pytest.mark.parametrize(("language", "text"), INCIDENTS)
def test_incident_reports_mentioning_arrests_or_courts_give_one_incident(
    language: str, text: str
) -> None:
    assert _kind(language, text) == INCIDENT
    assert len(extract_incidents(text, language, PUBLISHED)) == 1


@pytest.mark.parametrize(
    ("sentence", "language", "grounds"),
    [
        ("Police arrested a teenager for the arson of a relay cabinet.", "en", True),
        ("Officers detained a man on suspicion of arson at a substation.", "en", True),
        ("В Мордовии задержали подростка за поджог релейного шкафа.", "ru", True),
        ("Задержан мужчина по подозрению в подрыве железнодорожного пути.", "ru", True),
        # the deed tells who was held or remanded
        ("Police detained a boy who set fire to a relay cabinet.", "en", True),
        ("Полиция задержала подростка, который поджёг релейный шкаф.", "ru", True),
        ("Подросток заключён под стражу за поджог релейного шкафа.", "ru", True),
        # an arrest after a deed, or a deed with no arrest, is not one
        ("Police detained two men after an explosion derailed a train.", "en", False),
        ("Неизвестные подожгли релейный шкаф у станции Лихая.", "ru", False),
    ],
)
def test_arrest_grounds(sentence: str, language: str, grounds: bool) -> None:
    triggers = find_triggers(sentence, language)
    assert triggers
    assert any(arrest_grounds(sentence, t, language) for t in triggers) == grounds


def test_report_kinds_are_named() -> None:
    court, foiled, observation = NON_INCIDENTS[0], NON_INCIDENTS[3], NON_INCIDENTS[5]
    assert all(_kind(*text) == ARREST for text in NON_INCIDENTS[6:13])
    assert _kind(*NON_INCIDENTS[13]) == _kind(*NON_INCIDENTS[14]) == "foiled"
    assert _kind(*NON_INCIDENTS[15]) == _kind(*NON_INCIDENTS[16]) == ACCUSED
    assert _kind(*court) == "court"
    assert _kind(*foiled) == "foiled"
    assert _kind(*observation) == "observation"


def test_a_fresh_dated_event_in_the_lead_keeps_a_court_report_an_incident() -> None:
    text = (
        "Court jails two men for an old rail arson\n"
        "Separately, a freight train derailed near Tver on October 19."
    )
    sentences = [s.text for s in split_sentences(text)]
    assert report_kind(sentences, "en") == "court"
    assert report_kind(sentences, "en", fresh=[False, True]) == INCIDENT


@pytest.mark.parametrize(
    ("sentence", "language", "frame"),
    [
        ("A court sentenced a man to 12 years for blowing up a railway line.", "en", "court"),
        (
            "Officers detained a man who was preparing to blow up a railway bridge.",
            "en",
            "irrealis",
        ),
        ("Police foiled an attempted arson of a relay cabinet.", "en", "irrealis"),
        ("Мужчина готовил подрыв железнодорожного моста.", "ru", "irrealis"),
        ("Суд приговорил жителя области к 10 годам за поджог релейного шкафа.", "ru", "court"),
        ("An explosion derailed a freight train near Bryansk.", "en", None),
        ("Неизвестные подожгли релейный шкаф у станции Лихая.", "ru", None),
    ],
)
def test_trigger_frame(sentence: str, language: str, frame: str | None) -> None:
    triggers = find_triggers(sentence, language)
    assert triggers
    assert {trigger_frame(sentence, t, language) for t in triggers} == {frame}


def _effect_of(*sentences: str) -> str | None:
    return last_effect([m for s in sentences for m in effect_mentions(s)])


@pytest.mark.parametrize(
    ("sentences", "effect"),
    [
        # halted, then reopened: the last state
        (("Traffic on the line was halted.", "Traffic was restored on Tuesday."), "resumed"),
        (("Движение в обоих направлениях закрыто.", "Позже движение возобновлено."), "resumed"),
        # a partial reopening is one track
        (
            ("Traffic was halted after the derailment.", "One of the two tracks has reopened."),
            "blocked_one",
        ),
        (("Движение остановлено.", "Открыто движение по одному пути перегона."), "blocked_one"),
        # delays beside a closure are its consequence
        (
            ("Traffic was stopped in both directions.", "Several trains were delayed."),
            "blocked_both",
        ),  # fmt: skip
        # a delay told after the reopening without a time word is aftermath
        (("Движение по обоим путям открыто.", "Были задержаны несколько поездов."), "resumed"),
        # ... and with one it is the newer state
        (
            ("Traffic was restored.", "Later, trains were again delayed by a signal fault."),
            "delayed",
        ),  # fmt: skip
        # a restoration under way is no reopening
        (("Trains are delayed.", "Crews are working to restore traffic."), "suspended"),
        (
            ("Поезда задерживаются.", "Принимаются меры для восстановления движения."),
            "suspended",
        ),  # fmt: skip
        # power restored is not traffic restored
        (("Trains were delayed.", "Power supply was promptly restored."), "delayed"),
        # no delays, not affected
        (("There were no train delays.",), "none"),
        (("Задержек поездов не допущено.",), "none"),
        # people detained are not trains delayed
        (("Двое подростков задержаны по подозрению в поджоге.",), None),
        # a negation inside the phrase
        (("Движение поездов не прерывалось.",), "none"),
        # reduced speed
        (("Движение организовано со снижением скорости.",), "reduced"),
    ],
)
def test_effect_is_the_last_state(sentences: tuple[str, ...], effect: str | None) -> None:
    assert _effect_of(*sentences) == effect


def test_effect_of_a_whole_report_is_its_last_state() -> None:
    text = (
        "Freight wagons derail near Amazar\n"
        "Twenty coal wagons derailed near Amazar on October 19, closing both tracks.\n"
        "Both tracks reopened on October 20 at 06:00, the railway said."
    )
    (incident,) = extract_incidents(text, "en", PUBLISHED)
    assert incident.effect == "resumed"


_WORDS = [
    "court", "sentenced", "blast", "derailed", "приговор", "подрыв", "поезд", "не",
    "restored", "задержаны", "satellite images", "planned", "later", "train", "\n", ".",
]  # fmt: skip
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=40).map(
    " ".join
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, language=st.sampled_from(["en", "ru", "de"]))
def test_arbitrary_text_never_raises(text: str, language: str) -> None:
    sentences = [s.text for s in split_sentences(text)]
    kinds = {INCIDENT, ARREST, ACCUSED, "court", "foiled", "observation"}
    assert report_kind(sentences, language) in kinds
    mentions = [m for s in sentences for m in effect_mentions(s)]
    assert last_effect(mentions) in {None, "none", "blocked_both", "blocked_one", "suspended",
                                     "reduced", "delayed", "resumed"}  # fmt: skip
    for incident in extract_incidents(text, language, PUBLISHED):
        assert incident.type


def test_an_unaffected_line_is_said_in_words() -> None:
    from railwatch.render.wording import effect_words

    assert effect_words("none") == "traffic not affected"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Police detained a 16-year-old who set fire to a relay cabinet near Ozerki "
            "station on October 18, the ministry said.\n"
            "He told officers he had been paid through a messaging app.",
        ),
        (
            "ru",
            "Полиция задержала подростка, который 18 октября поджёг релейный шкаф у станции "
            "Озерки.\n"
            "Он рассказал, что получил деньги через мессенджер.",
        ),
    ],
)
def test_a_fresh_deed_told_as_an_arrests_grounds_is_an_incident(language: str, text: str) -> None:
    # undated, the same report is news of an arrest (see NON_INCIDENTS)
    assert len(extract_incidents(text, language, PUBLISHED)) == 1


# a date that hangs on the verb of saying, or on the verdict, dates the statement or the
# sentence: it does not make the court report's old deed fresh news
@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Former guard gets 18 years over signal box fire\n"
            "A regional court has jailed a former security guard for 18 years for burning a "
            "signal box on the line to Kaluga, a local news site reported on Friday.\n"
            "The fire happened in the spring of the previous year.",
        ),
        (
            "en",
            "Court jails welder for track blast\n"
            "A military court on Friday jailed a welder for 16 years for blowing up a section "
            "of track near Kursk.\n"
            "The blast happened two years ago.",
        ),
        (
            "ru",
            "Бывшему охраннику дали 18 лет за поджог на железной дороге\n"
            "Бывший охранник, который поджёг релейный шкаф на линии в сторону Калуги, получил "
            "18 лет колонии, сообщило местное издание в пятницу.\n"
            "Поджог произошёл весной позапрошлого года.",
        ),
        (
            "ru",
            "Сварщика осудили за подрыв путей\n"
            "Военный суд в пятницу приговорил сварщика к 16 годам за подрыв участка пути под "
            "Курском.\n"
            "Подрыв произошёл два года назад.",
        ),
    ],
)
def test_a_fresh_date_of_the_telling_keeps_a_court_report_one(language: str, text: str) -> None:
    assert extract_incidents(text, language, PUBLISHED) == []


@pytest.mark.parametrize(
    ("language", "headline", "lead", "deed_date", "told_date"),
    [
        (
            "en",
            "Court jails two men for an old rail arson",
            "Separately, a freight train derailed near Tver on Sunday, the railway said on Monday.",
            "on Sunday",
            "on Monday",
        ),
        (
            "ru",
            "Суд осудил двоих за давний поджог на железной дороге",
            "Кроме того, в воскресенье под Тверью сошёл с рельсов грузовой поезд, сообщили "
            "на железной дороге в понедельник.",
            "в воскресенье",
            "в понедельник",
        ),
    ],
)
def test_only_a_fresh_date_of_the_deed_makes_a_court_lead_news(
    language: str, headline: str, lead: str, deed_date: str, told_date: str
) -> None:
    def span(phrase: str) -> tuple[int, int]:
        start = lead.index(phrase)
        return start, start + len(phrase)

    def kind(*phrases: str) -> str:
        spans = [span(p) for p in phrases]
        return report_kind(
            [headline, lead], language, [False, True], [[], [s for s, _ in spans]], [[], spans]
        )

    assert kind(deed_date, told_date) == INCIDENT
    assert kind(told_date) == "court"


# an arrest told as a participle on the lead's subject, and the deed told only as what the
# held party is tied to ("its role in", «причастна к»): news of the arrest, not of the deed
LINKED_TO_THE_HELD = [
    (
        "en",
        "Governor confirms saboteurs' role in the bridge blast\n"
        "A sabotage group detained in March in the region is now under scrutiny for its role "
        "in an explosion that brought down a railway bridge near Lgov.\n"
        "The governor said so in an interview with a news agency.",
    ),
    (
        "ru",
        "Губернатор подтвердил причастность диверсантов к подрыву моста\n"
        "Задержанная в марте в области диверсионная группа причастна к взрыву, который "
        "обрушил железнодорожный мост у Льгова.\n"
        "Об этом губернатор рассказал в интервью агентству.",
    ),
    (
        "en",
        "Two men held in the region are linked to the blast on the railway near Lgov, "
        "the governor said.\n"
        "Both were detained by security services last month.",
    ),
    (
        "en",
        "Saboteurs detained in the region were behind the bridge blast near Lgov, the "
        "governor said.\n"
        "He spoke to reporters on Friday.",
    ),
    (
        "ru",
        "Задержанные в области диверсанты стоят за подрывом моста у Льгова, заявил "
        "губернатор.\n"
        "Он рассказал об этом журналистам.",
    ),
]


@pytest.mark.parametrize(("language", "text"), LINKED_TO_THE_HELD)
def test_a_deed_tied_to_a_held_party_is_news_of_the_arrest(language: str, text: str) -> None:
    assert _kind(language, text) == ARREST
    assert extract_incidents(text, language, PUBLISHED) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            # tied to a party, but nobody is held: the deed is the news
            "Governor blames saboteurs' role in the bridge blast near Lgov\n"
            "An explosion brought down a railway bridge near Lgov on October 19, and the "
            "governor spoke of a sabotage group's role in it.",
        ),
        (
            "ru",
            # «стоят за», but nobody is held
            "За подрывом моста у Льгова стоят диверсанты, заявил губернатор\n"
            "Взрыв обрушил железнодорожный мост у Льгова 19 октября.",
        ),
        (
            "ru",
            "Губернатор заявил о причастности диверсантов к подрыву моста у Льгова\n"
            "Взрыв обрушил железнодорожный мост у Льгова 19 октября.",
        ),
        (
            "en",
            # trains held up, not people arrested: the derailment is the news
            "Trains detained near Lgov are linked to a derailment of wagons on the stretch.\n"
            "Traffic will resume by the evening.",
        ),
        (
            "ru",
            "Задержанные у Льгова поезда связаны со сходом вагонов на перегоне.\n"
            "Движение восстановят к вечеру.",
        ),
        (
            "en",
            # held for their role in a deed the lead dates days ago: news of the deed
            "A group detained near Lgov is under scrutiny for its role in an explosion that "
            "brought down a railway bridge near Lgov on October 19.\n"
            "Trains on the line were stopped.",
        ),
    ],
)
def test_a_deed_tied_to_a_party_is_news_without_an_arrest_or_when_fresh(
    language: str, text: str
) -> None:
    assert len(extract_incidents(text, language, PUBLISHED)) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Case of teenagers who set fire to a signal box in Tula region sent to court\n"
            "Investigators have completed the case of two teenagers who set fire to a relay "
            "cabinet near Uzlovaya station for a payment, and it has been sent to court, the "
            "transport investigators said.",
        ),
        (
            "ru",
            "Дело о поджоге релейного шкафа в Тульской области передали в суд\n"
            "Следователи завершили расследование дела двух подростков, которые за деньги "
            "подожгли релейный шкаф у станции Узловая, дело направлено в суд, сообщили в "
            "транспортном следственном управлении.",
        ),
    ],
)
def test_a_case_sent_to_court_is_a_court_report(language: str, text: str) -> None:
    """The court in the lead's main clause ("sent to court", «направили в суд») is a later
    stage of an old case, not news of the deed the case is about."""
    sentences = [s.text for s in split_sentences(text)]
    assert report_kind(sentences, language) == "court"
    assert extract_incidents(text, language, PUBLISHED) == []
