"""Place mentions in a sentence: named structures, sections, stations, settlements, districts,
regions and lines, in English and Russian (Russian normalized by lemmatization).

This finds and normalizes names; resolving them against the network is `reports.place.link`'s job.
A mention's `kind_hint` comes from the cue word next to the name ("тоннель", "station",
"region", "между станциями A и B").
"""

import re

from railwatch.reports.extract.morph import lemmatize_phrase, normalize_letters
from railwatch.reports.lexicon import LANGUAGES, alternation, words
from railwatch.reports.model import PlaceMention

_CAP_RU = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*"
# a hyphen joins name parts ("Petrovsk-Zabaikalsky", "Komsomolsk-on-Amur"), never ends a name
_CAP_EN = r"[A-Z][a-z’']+(?:-(?:[A-Z]?[a-z’']+|\d{1,2}\b))*"
_RU_NAME = rf"{_CAP_RU}(?:\s+{_CAP_RU}){{0,2}}"
# a capitalised Russian adjective ("Северомуйском", "Восточно-Сибирской")
_ADJ_RU = (
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*"
    r"(?:ий|ый|ой|ая|яя|ое|ее|ого|его|ому|ему|ом|ем|ей|ую|юю|ых|их|ым|им|ыми|ими)(?![а-яё])"
)
# an adjective in an oblique case ends a name that a cue introduced ("станции Облепиха
# Восточно-Сибирской железной дороги" names the station Облепиха)
_OBLIQUE_ADJ = re.compile(r"\s+[А-ЯЁ][А-ЯЁа-яё\-]+(?:ой|ого|ому|ых|их|ым|ом)$")
# a station's number: "Люберцы 1", "Ульяновск-2", "Хабаровск II" (not a count: "Тында 2 вагона")
_NUMBER = (
    r"(?:[\s-](?:\d{1,2}(?!\d)|I{1,3}|IV)(?![\d:.,]\d)"
    r"(?!\s*(?:км|km|(?!and\b|the\b|station|section|stretch|stage|junction|railway|rail\b|"
    r"train\b|halt|siding|yard)(?:[а-яё]{3,}|[a-z]{3,}))))?"
)
_LOWER_WORD_NEXT = re.compile(r"[»\"]?\s+[а-яё]{3,}")
_RU_NAME_Q = rf"(?:[«\"]?{_RU_NAME}{_NUMBER}[»\"]?)"
# "St. Petersburg": an opening word's full stop is part of the name (lexicon
# "name_opening_words")
_EN_OPENING = "|".join(words("en", "name_opening_words"))
_EN_NAME = rf"(?:(?:{_EN_OPENING})\s+(?=[A-Z]))?{_CAP_EN}(?:\s+{_CAP_EN}){{0,2}}"
_EN_NAME_N = rf"{_EN_NAME}{_NUMBER}"
# a station named by its distance mark ("разъезд 1945 км", "о.п. 118 километр", "the 1945 km
# siding"), as an end of a stretch; a cue word before an end names its kind ("между станцией
# А и разъездом Б")
_KM_NAME_RU = r"\d{1,4}\s*(?:км|километр\w*)(?![а-яё])"
# a station name cut short in a dispatcher's style ("перегон Бал. – Кули"); which station it
# is, the other end's neighbours tell (`stations_gazetteer.StationIndex.pair`)
# (not a whole name that ends the sentence: "перегоне Баляга — Кули. Пострадавших нет.")
_ABBR_RU = r"[А-ЯЁ][а-яё]{1,6}\.(?!\s*$|\s+[А-ЯЁA-Z])"
_SPECIAL_END_RU = rf"(?:{_KM_NAME_RU}|{_ABBR_RU})"
_END_CUE_RU = (
    r"(?:(?:станци\w*|разъезд\w*|рзд\.?|о\.\s?п\.|ост\.\s?п\.|остановочн\w+\s+пункт\w*|"
    r"платформ\w*|блокпост\w*|ст\.)\s*)"
)
_KM_NAME_EN = (
    r"(?:the\s+)?\d{1,4}\s*(?:km|kilomet(?:re|er)s?)\b"
    r"(?:\s+(?:siding|halt|platform|station|passing\s+loop|junction))?"
)

# Russian cue nouns (any case form) -> kind hint.
_RU_CUES = {
    "structure": r"тоннел\w*|туннел\w*|мост\w*|виадук\w*|путепровод\w*",
    "station": r"станци\w*|ст\.|разъезд\w*|вокзал\w*|остановочн\w+\s+пункт\w*|о\.п\.|платформ\w*",
    "section": r"перегон\w*|участк\w*|участок",
    "settlement": r"город\w*|г\.|посёлк\w*|поселк\w*|посёлок|поселок|пос\.|пгт|сел[оаеу]|деревн\w*|"
                  r"поселени\w*",
    "district": r"район\w*|округ\w*|муниципалитет\w*",
    "region": r"област\w*|кра[йяею]|республик\w*",
    "line": r"магистрал\w*|железн\w+\s+дорог\w*|ветк\w*|лини\w*|ход\w*",
}  # fmt: skip
_EN_CUES = {
    "structure": r"[Tt]unnels?|[Bb]ridges?|[Vv]iaducts?|[Oo]verpass",
    # "Kraskovo railway station" is a station, not the "Kraskovo railway"; "the Tikhoretskaya
    # marshalling yard" too
    "station": r"(?:(?:[Rr]ailway|[Rr]ail|[Tt]rain|[Ff]reight|[Cc]argo|[Gg]oods|"
               r"[Mm]arshall?ing|[Ss]orting|[Cc]lassification)\s+)?(?:[Ss]tation|[Jj]unction|[Yy]ard)|"
               r"[Ss]iding|[Hh]alt",
    "section": r"[Ss]ection|[Ss]tretch|[Ll]ine\s+section",
    "district": r"[Dd]istrict",
    "region": r"[Rr]egion|[Oo]blast|[Kk]rai|[Tt]erritory|[Pp]rovince|[Rr]epublic",
    "line": r"[Rr]ailway|[Rr]ailroad|[Mm]ainline|[Ll]ine",
}  # fmt: skip
# Names that are places without a cue word.
_KNOWN_LINES = re.compile(
    r"\b(?:BAM|Baikal[–-]Amur\s+Mainline|Trans-?Siberian(?:\s+Railway)?|Transsib|БАМ\w*|"
    r"Байкало-Амурск\w+\s+магистрал\w+|Транссиб\w*|Транссибирск\w+\s+магистрал\w+)",
)
_COUNTRY_EN = (
    r"(?:Russia|Russian\s+Federation|Ukraine|China|North\s+Korea|Kazakhstan|Mongolia|Belarus)"
)
_COUNTRY_ADJ_EN = r"(?:Russian|Ukrainian|Chinese|Belarusian|Kazakh|Mongolian|North\s+Korean)"
_COUNTRIES = re.compile(
    r"\b(?:Russia|Ukraine|China|North\s+Korea|Kazakhstan|Mongolia|Belarus|Росси(?:я|и|ю|ей)|Украин\w+|"
    r"Кита\w+|КНДР|Казахстан\w*|Монголи\w+|Беларус\w+|Российск\w+\s+Федераци\w+|РФ)\b"
)
_RU_REGION_NAMES = re.compile(
    r"\b(?:Бурят\w+|Забайкаль\w+|Приамурь\w+|Приморь\w+|Якути\w+|Хакаси\w+|Тыв\w+|Кузбасс\w*|"
    r"Прибайкаль\w+|Подмосковь\w+|Крым\w*|Кубан\w+|Ставрополь\w+|Дагестан\w*|Башкири\w+|Татарстан\w*|"
    r"Чукотк\w+|Камчатк\w+|Сахалин\w*)\b"
)
_EN_REGION_NAMES = re.compile(
    r"\b(?:Buryatia|Zabaykalsky|Transbaikal(?:ia)?|Trans-Baikal|Amur|Primorye|Yakutia|Khakassia|Tuva|"
    r"Kuzbass|Khabarovsk\s+(?:Krai|Territory)|Irkutsk\s+(?:Oblast|region)|Crimea|Kuban|Bashkortostan|"
    r"Tatarstan|Dagestan|Chukotka|Kamchatka|Sakhalin)\b"
)
# Capitalised words that are not places (sentence starts, organisations, months, people's
# roles, "В Сети": the internet), from the lexicons' ``not_place_words``.
_NOT_PLACES = {w for language in LANGUAGES for w in words(language, "not_place_words")}
_LEADING_PREPOSITIONS = {
    w for language in LANGUAGES for w in words(language, "name_leading_prepositions")
}

_PATTERNS: list[tuple[str, re.Pattern[str], str]] = []


def _add(kind: str, pattern: str, group: str = "name", flags: int = 0) -> None:
    _PATTERNS.append((kind, re.compile(pattern, flags), group))


# "между станциями Гудачи и Гонжа", "перегоне Гудачи — Гонжа", "between Gudachi and Gonzha"
_add(
    "section",
    rf"(?P<name>(?:между\s+станциями|(?:перегон\w*|участ(?:ок|к\w*)|лини\w+)(?:\s+между)?)\s+{_RU_NAME_Q}\s*(?:и|—|–|-)\s*{_RU_NAME_Q})",
)
# the same with a station named by its distance mark or cut short at either end ("перегоне
# разъезд 1945 км – Олёкма", "между станцией Олёкма и разъездом 1945 км", "перегон Бал. – Кули")
_add(
    "section",
    rf"(?P<name>(?:между|(?:перегон\w*|участ(?:ок|к\w*))(?:\s+между)?)\s+"
    rf"(?:{_END_CUE_RU}?{_SPECIAL_END_RU}\s*(?:и|—|–|-)\s*{_END_CUE_RU}?{_RU_NAME_Q}|"
    rf"{_END_CUE_RU}?{_RU_NAME_Q}\s*(?:и|—|–|-)\s*{_END_CUE_RU}?{_SPECIAL_END_RU}|"
    rf"{_END_CUE_RU}?{_SPECIAL_END_RU}\s*(?:и|—|–|-)\s*{_END_CUE_RU}?{_SPECIAL_END_RU}))",
)
# "на 136 км железной дороги Брянск — Унеча", "ж/д путей А — Б": a line named by its two ends
# (only with the dash: "Забайкальской железной дороги" names a railway, not a stretch)
_add(
    "section",
    rf"(?:железн\w+\s+дорог\w+|ж/д(?:\s+пут\w+)?|пут(?:ей|и))\s+"
    rf"(?P<name>{_RU_NAME_Q}\s*(?:—|–|-)\s*{_RU_NAME_Q})",
)
_add(
    "section",
    rf"(?P<name>between\s+(?:the\s+)?(?:(?:stations|villages|settlements|towns)\s+(?:of\s+)?)?"
    rf"{_EN_NAME_N}\s+and\s+{_EN_NAME_N})",
)
_add(
    "section",
    rf"(?P<name>{_EN_NAME_N}\s*(?:–|—|-)\s*{_EN_NAME_N}\s+(?:section|stretch|line|stage|haul))",
)
_add(
    "section",
    rf"(?P<name>between\s+(?:{_KM_NAME_EN}\s+and\s+(?:the\s+)?{_EN_NAME_N}|"
    rf"(?:the\s+)?{_EN_NAME_N}(?:\s+station)?\s+and\s+{_KM_NAME_EN}))",
)
_add(
    "section",
    rf"(?P<name>(?:{_KM_NAME_EN}\s*(?:–|—|-)\s*{_EN_NAME_N}|{_EN_NAME_N}\s*(?:–|—|-)\s*"
    rf"{_KM_NAME_EN})\s+(?:section|stretch|stage|haul))",
)
# "on the stretch Bada — Zhipkhegen" (the translated word order of "на перегоне Бада —
# Жипхеген"): the cue noun before the pair
_add(
    "section",
    rf"(?P<name>(?<![A-Za-z])(?:[Ss]tretch|[Ss]ection|[Hh]aul|[Ss]tage|[Pp]ass)\s+(?-i:{_EN_NAME_N})\s*(?:–|—)\s*"
    rf"(?-i:{_EN_NAME_N}))",
)
# "the Aleur-Bushuley crossing", "the Aleur – Bushuley railway": a pair of names before a
# railway noun is a stretch (machine translations render "перегон" as "crossing" or "run");
# whether the two are stations that the table links is `reports.place.link`'s check
_add(
    "section",
    rf"(?P<name>{_EN_NAME_N}\s*(?:–|—|-)\s*{_EN_NAME_N})\s+"
    r"(?:crossing|run|railway|railroad|rail\s+line|track|tracks|segment|span)\b",
)
# "the Inta-1 to Ugolny section", "на участке от Инты до Угольного": a stretch told from one
# end to the other (the cue noun after the English pair, before the Russian one)
_add(
    "section",
    rf"(?P<name>(?:(?<![A-Za-z])from\s+)?{_EN_NAME_N}\s+to\s+(?:the\s+)?{_EN_NAME_N}\s+"
    r"(?:section|stretch|stage|haul))",
)
_add(
    "section",
    rf"(?P<name>(?:перегон\w*|участ(?:ок|к\w*))\s+от\s+(?:станци\w+\s+)?{_RU_NAME_Q}\s+до\s+"
    rf"(?:станци\w+\s+)?{_RU_NAME_Q})",
)
# "the bridge to Crimea": the Crimean Bridge named by where it leads
_add("structure", r"(?P<name>\b[Bb]ridge\s+(?:to|into)\s+(?:the\s+)?Crimea(?:n\s+[Pp]eninsula)?)")
# adjective + cue: "Северомуйском тоннеле", "Амурской области", "Магдагачинском районе"
for _kind, _cue in _RU_CUES.items():
    if _kind in {"station", "settlement", "section"}:
        continue
    _count = "{1}" if _kind == "line" else "{1,2}"
    _add(_kind, rf"(?P<name>(?:{_ADJ_RU}\s+){_count}(?:{_cue})(?!\w))")
# cue + name: "станции Облепиха", "посёлка Итыкит", "Республике Бурятия", "районе станции Ерофей Павлович"
for _kind, _cue in _RU_CUES.items():
    if _kind == "line":
        continue
    # "края Российской Федерации" ("of the Russian Federation"): a country after the cue
    # names no region; the adjective before the cue ("Хабаровского края") does
    _not_country = rf"(?!{_COUNTRIES.pattern})" if _kind in {"region", "district"} else ""
    # "губернатор Белгородской области Иван Петров": a region already named by the adjective
    # before its cue is followed by a person, not by a second name of the region
    _named_before = r"(?<!ой\s)(?<!ого\s)(?<!ая\s)(?<!ую\s)" if _kind == "region" else ""
    _add(
        _kind,
        rf"(?<![А-ЯЁа-яё]){_named_before}(?P<name>(?:{_cue})\s+{_not_country}{_RU_NAME_Q})",
    )
# English: "Severomuysky Tunnel", "Devil's Bridge", "Oblepikha station", "Amur region"
for _kind, _cue in _EN_CUES.items():
    _name = _EN_NAME_N if _kind in {"station", "section"} else _EN_NAME
    # "a Russian region bordering Ukraine": a country's adjective names no region
    _not_country = rf"(?!{_COUNTRY_ADJ_EN}\s+(?:{_cue})\b)" if _kind == "region" else ""
    _add(_kind, rf"(?P<name>{_not_country}{_name}\s+(?:{_cue})\b)")
    if _kind in {"station", "region", "district"}:
        # "the Samara region of Russia" names no region "of Russia"
        _add(_kind, rf"(?P<name>(?:{_cue})\s+of\s+(?!(?:the\s+)?{_COUNTRY_EN}\b){_EN_NAME})")
# "near the station Tinda" (translated word order): the noun before the name says it is a station
_add("station", rf"(?P<name>(?<![A-Za-z])(?:[Ss]tation|[Jj]unction)\s+(?!of\b)(?-i:{_EN_NAME_N}))")
# "near the village of Darasun": the noun says it is a settlement
_add("settlement", rf"(?P<name>(?:village|town|settlement|hamlet|city)\s+of\s+{_EN_NAME})")
_add("line", _KNOWN_LINES.pattern, "0")
_add("country", _COUNTRIES.pattern, "0")
_add("region", _RU_REGION_NAMES.pattern, "0")
_add("region", _EN_REGION_NAMES.pattern, "0")
# preposition + capitalised name: "в Тынде", "под Читой", "near Tynda", "outside Chita"
_add(
    "unknown",
    # a sentence may begin with the preposition ("Под Читой ...", "Около Могзона ...")
    rf"(?:(?<!\w)(?:в|во|у|под|около|близ|возле|недалеко\s+от|в\s+районе|неподалеку\s+от|"
    rf"(?i:вблизи|неподал[её]ку\s+от|поблизости\s+от|в\s+окрестностях|на\s+окраин\w+)|рядом\s+с|"
    rf"(?<![\w,;:] )(?<![\w,;:])(?:В|Во|У|Под|Около|Близ|Возле|Недалеко\s+от|Неподал[её]ку\s+от|"
    rf"Рядом\s+с))\s+)"
    rf"(?P<name>{_RU_NAME})",
)
# "между Евдаковом и Сагунами": both names of a stretch told without a cue noun; `link` pairs
# them when the network has a section between the two
_add("unknown", rf"(?<![А-ЯЁа-яё])(?i:между)\s+(?P<name>{_RU_NAME})\s+и\s+{_RU_NAME}")
_add("unknown", rf"(?<![А-ЯЁа-яё])(?i:между)\s+{_RU_NAME}\s+и\s+(?P<name>{_RU_NAME})")
_add(
    "unknown",
    rf"\b(?:near|outside|in|at|from|to|close\s+to|(?:the\s+)?outskirts\s+of|"
    rf"Near|Outside|Close\s+to|(?:The\s+)?[Oo]utskirts\s+of|Not\s+far\s+from)\s+(?:the\s+)?"
    rf"(?P<name>{_EN_NAME})",
)


def _clean(name: str) -> str:
    cleaned = name.strip(" «»\"'.,").strip()
    if re.search(r"[—–-]\s*[А-ЯЁ][а-яё]{1,6}\.$", name.rstrip(" «»\"',")):
        cleaned += "."  # a stretch's end cut short ("перегон Кули – Бал.") keeps its stop
    return cleaned


_SECTION_PARTS = re.compile(
    r"^(?:между\s+станциями|(?:перегон\w*|участк\w*|участок)(?:\s+между|\s+от(?:\s+станци\w+)?)?|"
    r"between\s+(?:the\s+)?(?:(?:stations|villages|settlements|towns)\s+(?:of\s+)?)?|from\s+)?"
    r"\s*(?P<a>.+?)\s*(?:\sи\s|\sand\s|\sto\s(?:the\s)?|\sдо\s(?:станци\w+\s)?|—|–|\s-\s|(?<=[a-zа-яё])-(?=[A-ZА-ЯЁ](?!.*\s(?:—|–|-|и|and)\s)))\s*(?P<b>.+?)"
    r"(?:\s+(?:section|stretch|line|stage|haul|stations))?$",
    re.IGNORECASE,
)


_LEADING_CUE = re.compile(
    r"^(?:железнодорожный\s+)?(?:станция|ст|разъезд|вокзал|платформа|остановочный\s+пункт|город|г|"
    r"поселок|пос|пгт|село|деревня|поселение)\s+"
)


def _normalize(name: str, kind: str = "unknown") -> str:
    if kind == "section":
        parts = _SECTION_PARTS.match(name)
        if parts:
            return f"{_normalize(parts.group('a'))} — {_normalize(parts.group('b'))}"
    low = normalize_letters(name)
    if re.match(r"(?:бам|байкало-амур|bam\b|baikal[–-]amur)", low):
        return "бам"
    if re.match(r"(?:транссиб|trans-?siberian|transsib)", low):
        return "транссиб"
    if re.search(r"[А-Яа-яЁё]", name):
        lemmas = lemmatize_phrase(name)
        if kind in {"station", "settlement"}:
            # the cue word is not part of the name: "станции Облепиха" -> "облепиха"
            lemmas = _LEADING_CUE.sub("", lemmas)
        return lemmas
    return " ".join(re.findall(r"[\w’'\-]+", normalize_letters(name))).replace("’", "'")


def normalize_name(name: str, kind: str = "unknown") -> str:
    """A name as mentions carry it (`PlaceMention.normalized`): lemmatized, lower case."""
    return _normalize(name, kind)


# Letters that look alike in the two scripts: a word typed with one letter of the other script
# ("Taksimо" with a Cyrillic "о") is still that word.
_CYR_TO_LAT = dict(zip("аеорсухкіјѕАВЕКМНОРСТХУІ", "aeopcyxkijsABEKMHOPCTXYI", strict=True))
_LAT_TO_CYR = {lat: cyr for cyr, lat in _CYR_TO_LAT.items() if cyr not in "іјѕІ"}
_LETTERS = re.compile(r"[^\W\d_]+")
# quote marks around a name ("the ‘Taksimo’ station", "станции «Ерофей Павлович»") are not
# part of it; an apostrophe between two letters ("Devil’s") is
_QUOTE = re.compile(r"[«»“”„\"‘]|(?<![^\W\d_])[’']|[’'](?![^\W\d_])")


def prepare_text(sentence: str) -> str:
    """The sentence as the patterns read it, of the same length: words typed in mixed scripts
    folded into their main script, and quote marks blanked."""

    def one_script(match: re.Match[str]) -> str:
        word = match.group(0)
        cyr = sum("\u0400" <= ch <= "\u04ff" for ch in word)
        lat = sum(ch.isascii() for ch in word)
        if not cyr or not lat:
            return word
        table = _CYR_TO_LAT if lat >= cyr else _LAT_TO_CYR
        return "".join(table.get(ch, ch) for ch in word)

    return _QUOTE.sub(" ", _LETTERS.sub(one_script, sentence))


# a name that a region or district word follows ("the Samara region") is part of that region's
# name, not a place of its own
AREA_AFTER = re.compile(
    r"^\s+(?:region|oblast|krai|territory|province|district|област\w*|кра[йяею]|район\w*)\b",
    re.IGNORECASE,
)


_AREA_OF = re.compile(r"(?:district|region|area)\s+of\s", re.IGNORECASE)


def find_places(sentence: str, gazetteer: set[str] | None = None) -> list[PlaceMention]:
    """Place mentions in one sentence, longest first where they overlap.

    `gazetteer` is an optional set of normalized names (see `_normalize`); word n-grams of the
    sentence that are in it are reported too, even without a cue word.
    """
    original, sentence = sentence, prepare_text(sentence)
    spans: list[tuple[int, int, str, str]] = []
    for kind, pattern, group in _PATTERNS:
        for match in pattern.finditer(sentence):
            name_group = 0 if group == "0" else group
            start, end = match.span(name_group)
            text = _clean(match.group(name_group))
            # "станции Облепиха Восточно-Сибирской железной дороги": the adjective belongs to
            # the lower-case noun after it, not to the name ("между Пинозером и Червасом" keeps
            # its last word)
            while (
                kind != "line"
                and _OBLIQUE_ADJ.search(text)
                and len(text.split()) > 2
                and _LOWER_WORD_NEXT.match(sentence[start + len(text) :])
            ):
                text = _OBLIQUE_ADJ.sub("", text)
                end = start + len(text)
            # "In Rostov Oblast, ...", "At Liski station ...": a capitalised preposition that
            # opens the sentence is not part of the name
            lead = re.match(r"(\S+)\s+", text)
            if (
                lead
                and kind != "unknown"
                and lead.group(1)[:1].isupper()
                and lead.group(1).lower() in _LEADING_PREPOSITIONS
            ):
                start += lead.end()
                text = text[lead.end() :]
            first_word = text.split()[0].lower() if text.split() else ""
            if not text or (kind == "unknown" and first_word in _NOT_PLACES):
                continue
            if kind == "unknown" and (start == 0 or AREA_AFTER.match(sentence[end:])):
                continue
            if _AREA_OF.match(text) and AREA_AFTER.match(sentence[end:]):
                continue  # "the Unechsky district of Bryansk region": "of" leads to the region
            spans.append((start, end, kind, text))
    if gazetteer:
        spans.extend(_gazetteer_spans(sentence, gazetteer))
    # keep specific kinds over "unknown" and longer spans over shorter ones
    spans.sort(key=lambda s: (s[2] == "unknown", s[2] != "section", -(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for span in spans:
        if any(span[0] < c[1] and c[0] < span[1] for c in chosen):
            continue
        chosen.append(span)
    chosen.sort(key=lambda s: s[0])
    mentions = []
    for _start, _end, kind, text in chosen:
        normalized = _normalize(text, kind)
        if normalized and normalized not in _NOT_PLACES:
            mentions.append(PlaceMention(text, normalized, kind, original))
    return mentions


def _gazetteer_spans(sentence: str, gazetteer: set[str]) -> list[tuple[int, int, str, str]]:
    words = list(re.finditer(r"[\w’'\-]+", sentence))
    spans = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            chunk = words[i : i + size]
            if not chunk[0].group(0)[:1].isupper():
                continue
            text = sentence[chunk[0].start() : chunk[-1].end()]
            if _normalize(text) in gazetteer:
                spans.append((chunk[0].start(), chunk[-1].end(), "unknown", text))
    return spans


def names_the_site(sentence: str) -> bool:
    """True when the sentence says where an incident told before it happened ("The incident
    occurred in the town of X", "Это произошло у посёлка Y"): the lexicons'
    ``site_sentence_patterns``."""
    return any(p.search(sentence) for p in _SITE_SENTENCES)


_SITE_SENTENCES = [
    re.compile(p, re.IGNORECASE)
    for language in LANGUAGES
    for p in words(language, "site_sentence_patterns")
]


# "a day after Kyiv claimed a blast inside the Severomuysky Tunnel": a place named after such a
# cue belongs to an earlier event the report refers back to, not to the one it reports
EARLIER_EVENT = alternation("earlier_event_cues")


def site_sentences(text: str) -> list[str]:
    """The sentences of a text that say where an incident happened ("The incident occurred
    between X and Y") and do not refer back to an earlier event."""
    from railwatch.reports.text.sentences import split_sentences

    return [
        s.text
        for s in split_sentences(text)
        if names_the_site(s.text) and not EARLIER_EVENT.search(s.text)
    ]
