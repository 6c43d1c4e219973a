"""Probe of the place stage: random stations of the national ESR table named in sentences
written from templates, in the spellings and case forms real reports use.

    .venv/bin/python benchmarks/place_probe.py [--seed 1] [--n 50] [--show]

Each of `n` rounds draws a station and a pair of neighbouring stations and writes four
sentences (English station, English stretch, Russian station in a case form, Russian
stretch), the English ones in a journalist's transliteration (several spellings per letter,
-iy/-y/-i endings, dropped or kept soft signs) and some with one typo, half of them with
the region named. A sentence counts when the place stage puts it at station, section or
structure precision within 15 km of the station (or the stretch's midpoint) on the
`russia` network. "no-incident" counts sentences the extractor did not take for an
incident (not the place stage's doing). Measurement only: no thresholds, not a test.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import defaultdict
from datetime import date

import pymorphy3

from railwatch.network import resolve_network
from railwatch.network.geo import distance_km
from railwatch.network.stations import load_adjacency, load_stations
from railwatch.reports.extract.extract import extract_incidents
from railwatch.reports.place.link import place

MORPH = pymorphy3.MorphAnalyzer()

# a journalist's transliteration: each letter has several spellings seen in print
LETTERS = {
    "а": ["a"], "б": ["b"], "в": ["v"], "г": ["g"], "д": ["d"], "е": ["e"], "ё": ["yo", "e"],
    "ж": ["zh", "j"], "з": ["z"], "и": ["i"], "й": ["y", "i", "j", ""], "к": ["k"], "л": ["l"],
    "м": ["m"], "н": ["n"], "о": ["o"], "п": ["p"], "р": ["r"], "с": ["s"], "т": ["t"],
    "у": ["u"], "ф": ["f"], "х": ["kh", "h"], "ц": ["ts", "tz", "c"], "ч": ["ch"],
    "ш": ["sh"], "щ": ["shch", "sch", "shh"], "ъ": ["", "'"], "ы": ["y", "i"],
    "ь": ["", "'"], "э": ["e"], "ю": ["yu", "iu", "ju"], "я": ["ya", "ia", "ja"],
}  # fmt: skip
VOWELS = "аеёиоуыэюяь"


def journalist(name: str, rng: random.Random) -> str:
    out = []
    low = name.lower()
    for i, ch in enumerate(low):
        if ch not in LETTERS:
            out.append(ch)
            continue
        if ch == "е" and (i == 0 or low[i - 1] in VOWELS + " -"):
            out.append(rng.choice(["ye", "e"]))
            continue
        out.append(rng.choice(LETTERS[ch]))
    text = "".join(out)
    # adjective endings
    text = re.sub(r"iy$|ii$|ij$|ij$", lambda m: rng.choice(["iy", "y", "i", "ii"]), text)
    text = re.sub(r"yy$|yj$|yi$", lambda m: rng.choice(["y", "yy", "iy"]), text)
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in text.split(" "))


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 8:
        return text
    i = rng.randrange(2, len(text) - 1)
    op = rng.choice(["drop", "swap", "dup", "sub"])
    if op == "drop":
        return text[:i] + text[i + 1 :]
    if op == "dup":
        return text[:i] + text[i] + text[i:]
    if op == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeiou") + text[i + 1 :]


def inflect(name: str, case: str) -> str:
    """Each word of a Russian name in a case (pymorphy3; unchanged when it cannot)."""

    def one(word: str) -> str:
        if not re.search("[а-яё]", word.lower()) or word.isdigit():
            return word
        parses = MORPH.parse(word)
        for p in parses[:3]:
            if p.normal_form != word.lower() or "Fixd" in p.tag.grammemes:
                continue
            if "Geox" in p.tag.grammemes or p.tag.POS in ("ADJF", "NOUN"):
                form = p.inflect({case})
                if form:
                    w = form.word
                    return w[:1].upper() + w[1:] if word[:1].isupper() else w
        return word

    parts = name.split("-")
    return (
        "-".join([one(parts[0]), *parts[1:]])
        if len(parts) > 1
        else " ".join(one(w) for w in name.split())
    )


REGION_EN = {}


def region_en(region_ru: str) -> str:
    if not REGION_EN:
        import csv
        import io

        from railwatch.reports.place.gazetteer import _data_text

        for row in csv.DictReader(io.StringIO(_data_text("regions.csv"))):
            REGION_EN[row["name_ru"]] = row["name"]
    first = region_ru.split("+")[0].strip()
    return REGION_EN.get(first, "")


EN_STATION = [
    "A freight train derailed near {X} station{R} on Tuesday.",
    "Several wagons came off the rails at the {X} railway station on Tuesday.",
    "An explosion damaged the tracks near the village of {X}{R}.",
    "A drone attack hit the station of {X} overnight.",
    "A fire broke out on a freight train at {X}{R}, the railway said.",
]
EN_STRETCH = [
    "A freight train derailed on the {A}–{B} section on Tuesday.",
    "An explosion damaged the track between {A} and {B} stations{R}.",
    "Wagons derailed on the {A} - {B} stretch of the railway.",
    "A blast hit the railway between the stations of {A} and {B}.",
]
RU_STATION = [
    ("Грузовой поезд сошёл с рельсов у станции {X}.", "nomn"),
    ("Грузовой поезд сошёл с рельсов у станции {X}.", "gent"),
    ("Пожар произошёл на станции {X} {R}.", "nomn"),
    ("Взрыв прогремел возле {X}.", "gent"),
    ("Вагоны сошли с рельсов в районе станции {X}.", "gent"),
    ("Беспилотник атаковал станцию {X} {R}.", "nomn"),
]
RU_STRETCH = [
    ("Сход вагонов произошёл на перегоне {A} — {B}.", "nomn"),
    ("Взрыв повредил путь между станциями {A} и {B}.", "ablt"),
    ("Взрыв повредил путь между станциями {A} и {B}.", "nomn"),
    ("Движение приостановлено на участке {A} - {B} {R}.", "nomn"),
]


def region_ru_loct(region: str) -> str:
    first = region.split("+")[0].strip()
    words = first.split()
    if not words:
        return ""
    return "в " + " ".join(inflect(w, "loct") for w in words)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    net = resolve_network("russia")
    frame = load_stations()
    frame = frame[frame["lat"].notna() & ~frame["name"].str.contains(r"\d|\(|км", regex=True)]
    frame = frame[frame["name"].str.len() >= 4]
    from railwatch.reports.place.stations_gazetteer import clean_station_name

    frame = frame.assign(name=frame["name"].map(clean_station_name))
    frame = frame[frame["name"].str.len() >= 4]
    codes = dict(
        zip(
            frame["esr"],
            zip(frame["name"], frame["region"], frame["lat"], frame["lon"], strict=True),
            strict=True,
        )
    )
    adj = load_adjacency()
    pairs = [
        (a, b)
        for a, b in zip(adj["from_esr"], adj["to_esr"], strict=True)
        if a in codes and b in codes and a != b
    ]
    esrs = sorted(codes)
    results = defaultdict(lambda: [0, 0])
    fails = []
    cpu = time.process_time()
    for _i in range(args.n):
        e = rng.choice(esrs)
        name, region, lat, lon = codes[e]
        name = name.title() if name.isupper() else name
        a, b = rng.choice(pairs)
        an, _, alat, alon = codes[a]
        bn, bregion, blat, blon = codes[b]
        an = an.title() if an.isupper() else an
        bn = bn.title() if bn.isupper() else bn
        mlat, mlon = (alat + blat) / 2, (alon + blon) / 2
        with_region = rng.random() < 0.5
        reg_en = region_en(region)
        R = f" in {reg_en}" if with_region and reg_en else ""
        x_en = journalist(name, rng)
        fam_typo = rng.random() < 0.3
        x_en_t = typo(x_en, rng) if fam_typo else x_en
        cases = [
            (
                "en-station" + ("-typo" if fam_typo else ""),
                "en",
                rng.choice(EN_STATION).format(X=x_en_t, R=R),
                lat,
                lon,
                name,
            ),
            (
                "en-stretch",
                "en",
                rng.choice(EN_STRETCH).format(
                    A=journalist(an, rng),
                    B=journalist(bn, rng),
                    R=f" in {region_en(bregion)}" if with_region and region_en(bregion) else "",
                ),
                mlat,
                mlon,
                f"{an}–{bn}",
            ),
        ]
        tpl, case = rng.choice(RU_STATION)
        cases.append(
            (
                f"ru-station-{case}",
                "ru",
                tpl.format(
                    X=inflect(name, case), R=region_ru_loct(region) if with_region else ""
                ).replace(" .", "."),
                lat,
                lon,
                name,
            )
        )
        tpl, case = rng.choice(RU_STRETCH)
        cases.append(
            (
                f"ru-stretch-{case}",
                "ru",
                tpl.format(
                    A=inflect(an, case),
                    B=inflect(bn, case),
                    R=region_ru_loct(bregion) if with_region else "",
                ).replace(" .", "."),
                mlat,
                mlon,
                f"{an}–{bn}",
            )
        )
        for fam, lang, text, glat, glon, truth in cases:
            head = (
                "Rail incident in Russia.\n\n"
                if lang == "en"
                else "Происшествие на железной дороге.\n\n"
            )
            incs = extract_incidents(head + text, lang, date(2025, 6, 3))
            if not incs:
                results["no-incident"][1] += 1
                continue
            loc = place(incs[0].places, net, text, evidence=incs[0].evidence) if incs else None
            ok = (
                loc is not None
                and loc.lat is not None
                and loc.precision in ("structure", "section", "near_node")
                and distance_km(loc.lon, loc.lat, glon, glat) <= 15
            )
            key = fam.rsplit("-", 1)[0] if fam.startswith("ru") else fam
            results[key][0] += ok
            results[key][1] += 1
            if not ok:
                d = (
                    distance_km(loc.lon, loc.lat, glon, glat)
                    if loc and loc.lat is not None
                    else None
                )
                fails.append(
                    (
                        fam,
                        truth,
                        text,
                        None if loc is None else f"{loc.precision} {loc.name} {d and round(d)}km",
                        [(m.text, m.kind_hint) for m in (incs[0].places if incs else [])],
                    )
                )
    cpu = time.process_time() - cpu
    total = [sum(v[0] for v in results.values()), sum(v[1] for v in results.values())]
    for k in sorted(results):
        print(f"{k:22s} {results[k][0]:4d}/{results[k][1]:<4d} {results[k][0] / results[k][1]:.2f}")
    print(f"{'ALL':22s} {total[0]:4d}/{total[1]:<4d} {total[0] / total[1]:.2f}   cpu {cpu:.1f}s")
    if args.show:
        for f in fails:
            print("FAIL", f)


if __name__ == "__main__":
    main()
