"""A stress set of place sentences written for railwatch: real Russian stations in varied
spellings and inflections, stretches (with halts named by kilometre or cut short), km posts,
and stations named next to a region or a speaker's town. Each expects the station's point,
or the midpoint of the stretch's two ends, within 15 km (the evaluation's radius) at station,
section or structure precision. Points and neighbours are facts of the shipped ESR table.
"""

from __future__ import annotations

import pytest

from railwatch.network.geo import distance_km
from railwatch.network.stations import load_stations
from railwatch.reports.place.link import place
from railwatch.reports.place.places_text import find_places

# (sentence, expected stations: one name, or the two ends of a stretch; "name|region" for a
# name several regions share)
CASES = [
    # the cue noun before the pair, as machine translations keep it
    ('Wagons derailed on the stretch Bada — Zhipkhegen of the Trans-Baikal Railway.', ['Бада', 'Жипхеген']),
    ('Traffic was halted on the section Balyaga – Kuli in Zabaykalsky Krai.', ['Баляга', 'Кули']),
    ('Товарный поезд сошёл с рельсов на перегоне Баляга – Кули в Забайкалье.', ['Баляга', 'Кули']),
    ('Freight cars derailed between Balyaga and Kuli in Zabaykalsky Krai.', ['Баляга', 'Кули']),
    ('Движение приостановлено на перегоне Лесостепь — Гривенная Северо-Кавказской железной дороги.', ['Лесостепь', 'Гривенная']),
    ('A locomotive caught fire near Grivennaya station in the Rostov region.', ['Гривенная']),
    ('Между станциями Ния и Таковкой загорелся вагон с лесом.', ['Ния', 'Таковка']),
    ('Взрыв прогремел у станции Болонь в Хабаровском крае.', ['Болонь']),
    ('Traffic was halted on the Bolon – Mengon stretch of the Far Eastern Railway.', ['Болонь', 'Менгон']),
    ('На перегоне 1990 км – Ощепково сошли с рельсов 12 вагонов.', ['1990 км', 'Ощепково']),
    ('Twelve wagons derailed on the 1990 km – Oshchepkovo section in the Sverdlovsk region.', ['1990 км', 'Ощепково']),
    ('Поезд остановился между станцией Белая Калитва и разъездом 55 км из-за обрыва провода.', ['Белая Калитва', '55 км']),
    ('Пожар произошёл на станции Вырица в Ленинградской области.', ['Вырица']),
    ('У станции Михайловка в Ленинградской области подожгли релейный шкаф.', ['Михайловка|Ленинград']),
    ('Drone debris fell on the tracks at Mikhaylovka station in Leningrad Oblast.', ['Михайловка|Ленинград']),
    ('Грузовой состав сошёл с рельсов в районе станции Камас в Красноярском крае.', ['Камас']),
    ('Wagons derailed near Kamas station, Krasnoyarsk Krai.', ['Камас']),
    ('Сход вагонов произошёл на перегоне Камас - Сорокино.', ['Камас', 'Сорокино']),
    ('Между Полысаево и Проектной загорелся тепловоз.', ['Полысаево', 'Проектная']),
    ('A fire broke out at Polysayevo railway station in the Kemerovo region.', ['Полысаево']),
    ('В Ульяновской области у станции Дубенки сошли с рельсов вагоны.', ['Дубенки']),
    ('Поезд сошёл с рельсов на перегоне Яр — Дизьмино в Удмуртии.', ['Яр', 'Дизьмино']),
    ('Traffic halted on the Yar–Dizmino section in Udmurtia after a derailment.', ['Яр', 'Дизьмино']),
    ('A drone hit a locomotive at Gryazi-Voronezhskiye station in the Lipetsk region.', ['Грязи-Воронежские']),
    ('Как сообщили в Липецке, на станции Стрелецкая сошли с рельсов вагоны.', ['Стрелецкая']),
    ('Officials in Novokuznetsk said a freight train derailed at Proyektnaya station.', ['Проектная']),
    ('Вагоны сошли с рельсов в Белой Калитве Ростовской области.', ['Белая Калитва']),
    ('Two tank cars burned at Belaya Kalitva rail station in Rostov Oblast.', ['Белая Калитва']),
    ('A freight train derailed at Medvezhya Gora station in Karelia.', ['Медвежья Гора']),
    ('Сошли с рельсов вагоны у станции Малой Вишеры Новгородской области.', ['Малая Вишера']),
    ('Traffic stopped between Malaya Vishera and the 113 km halt in Novgorod region.', ['Малая Вишера', '113 км']),
    ('Движение закрыто на перегоне о.п. 40 км – 44 км в Башкирии.', ['40 км|Башк', '44 км|Башк']),
    ('Вагон загорелся на станции Саратов-3.', ['Саратов-3']),
    ('A freight train caught fire at the Saratov-3 yard.', ['Саратов-3']),
    ('В результате атаки БПЛА повреждена контактная сеть на перегоне Керки — Вис.', ['Керки', 'Вис']),
    ('Поезд сошёл с рельсов на 5 км перегона Яр — Дизьмино.', ['Яр', 'Дизьмино']),
    ('Derailment near Novokuznetsk station: 14 wagons left the rails.', ['Новокузнецк']),
    ('A freight train derailed near Tinda station in the Amur region.', ['Тында']),
    ('Wagons left the rails at Khabarovsk I station.', ['Хабаровск I']),
    ('Поезд загорелся под Новой Чарой.', ['Новая Чара']),
    ('Пассажирский поезд задержан на станции Новая Чара.', ['Новая Чара']),
    ('A train was held at Novaya Chara station after the washout.', ['Новая Чара']),
    ('Вагоны сошли с рельсов у Ерофея Павловича в Амурской области.', ['Ерофей Павлович']),
    ('Twenty coal wagons derailed near Yerofey Pavlovich in Amur Oblast.', ['Ерофей Павлович']),
    ('Near Erofei Pavlovich twenty cars derailed.', ['Ерофей Павлович']),
    ('Сход вагонов произошёл на перегоне ст. Баляга – ст. Кули.', ['Баляга', 'Кули']),
    ('Сход произошёл на перегоне Бал. – Кули.', ['Баляга', 'Кули']),
    ('Электричка сбила человека на перегоне Михайловка — Вырица.', ['Михайловка|Ленинград', 'Вырица']),
    ('A train hit a car between Mikhailovka and Vyritsa stations near St Petersburg.', ['Михайловка|Ленинград', 'Вырица']),
    ('По словам представителя ЗабЖД в Чите, сход произошёл на станции Кули.', ['Кули']),
    ('Officials in Chita said the derailment happened at Kuli station in Zabaykalsky Krai.', ['Кули']),
    ('В Красноярском крае на перегоне Камас — Сорокино сошли с рельсов вагоны.', ['Камас', 'Сорокино']),
    ('Вагоны сошли с рельсов на станции Лесостепь.', ['Лесостепь']),
    ('A derailment at Lesostep station blocked the line.', ['Лесостепь']),
    ('On the Novokuznetsk–383 km stretch a wagon derailed.', ['Новокузнецк', '383 км']),
    ('Сход вагонов на перегоне Новокузнецк – 383 км Западно-Сибирской железной дороги.', ['Новокузнецк', '383 км']),
    ('Вагон сошёл с рельсов между Стрелецкой и 533 км.', ['Стрелецкая', '533 км']),
    ('Cars derailed between Streletskaya and the 533 km halt in the Lipetsk region.', ['Стрелецкая', '533 км']),
    ('Поезд сошёл с рельсов на перегоне Грязи-Воронежские — 463 км.', ['Грязи-Воронежские', '463 км']),
    ('A train derailed in the Kemerovo region at Polysaevo.', ['Полысаево']),
    ('Дрон атаковал станцию Саратов-3 в Саратовской области.', ['Саратов-3']),
    ('Explosion on the railway near Dubionki station in Ulyanovsk region.', ['Дубенки']),
    ('Поезд сошёл с рельсов на 5-м километре перегона Яр — Дизьмино.', ['Яр', 'Дизьмино']),
    ('The derailment happened at the 5th kilometre of the Yar–Dizmino stretch.', ['Яр', 'Дизьмино']),
    ('A blast damaged the track at km 5 of the Yar – Dizmino section.', ['Яр', 'Дизьмино']),
    ('Wagons derailed at Mschinskaja station in the Leningrad region.', ['Мшинская']),
    ('Wagons derailed at Mshinskaja station in the Leningrad region.', ['Мшинская']),
    ('Explosion on the Jewdakowo – Saguny line.', ['Евдаково', 'Сагуны']),
    ('Freight cars derailed between the stations of Niya and Takovka.', ['Ния', 'Таковка']),
    ('Двенадцать вагонов сошли с рельсов между станциями Нией и Таковкой.', ['Ния', 'Таковка']),
    ('Вагоны сошли с рельсов на перегоне Ния—Таковка в Иркутской области.', ['Ния', 'Таковка']),
    ('Дрон упал на пути на перегоне Валуйки – Уразово.', ['Валуйки', 'Уразово']),
    ('A drone fell on the tracks on the Valuiki-Urazovo section.', ['Валуйки', 'Уразово']),
    ('В Белгородской области БПЛА атаковал тепловоз на станции Валуйки.', ['Валуйки']),
    ('A drone attacked a diesel locomotive at Valuyki station, the Belgorod governor said.', ['Валуйки']),
    ('Поезд сошёл с рельсов на 1234-м км Транссиба у станции Хилок.', ['Хилок']),
    ('Вагоны сошли с рельсов на перегоне Хилок — Бада.', ['Хилок', 'Бада']),
    ('Cars derailed on the Khilok-Bada stretch of the Trans-Baikal Railway.', ['Хилок', 'Бада']),
    ('Cars derailed on the stretch between Hilok and Bada.', ['Хилок', 'Бада']),
    # a bare name whose stations are all numbered ("Узловая-I", "Узловая II"): the first
    ('A relay cabinet was set alight near Uzlovaya station in the Tula region.', ['Узловая-I']),
    ('Saboteurs burned a signal box at Uzlovaya station.', ['Узловая-I']),
    ('A drone struck the Yekaterinburg-Sortirovochny marshalling yard.', ['Екатеринбург-Сортировочный']),
    ('Drones damaged the Tikhoretskaya marshalling yard overnight.', ['Тихорецкая']),
]  # fmt: skip


@pytest.fixture(scope="module")
def points():
    frame = load_stations()
    frame = frame[frame["lat"].notna()]
    out: dict[str, list[tuple[float, float, str]]] = {}
    for row in frame.itertuples():
        name = str(row.name).replace("\xa0", " ")
        out.setdefault(name, []).append((float(row.lat), float(row.lon), str(row.region)))
    return out


def _candidates(points, name: str) -> list[tuple[float, float]]:
    name, *region = name.split("|")
    return [(lat, lon) for lat, lon, r in points[name] if not region or region[0] in r]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_km(a[1], a[0], b[1], b[0])


@pytest.mark.parametrize(("sentence", "names"), CASES)
def test_the_stress_sentence_is_placed_at_its_station_or_stretch(russia, points, sentence, names):
    if len(names) == 1:
        want = _candidates(points, names[0])[0]
    else:
        # of same-named stations, the two ends that lie nearest each other
        a, b = min(
            ((a, b) for a in _candidates(points, names[0]) for b in _candidates(points, names[1])),
            key=lambda ab: _km(*ab),
        )
        want = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is not None
    assert location.precision in ("structure", "section", "near_node")
    assert _km((location.lat, location.lon), want) <= 15


# A village the text names in one region, sharing its name with stations of other regions
# only: the station of another region is not the site, so no station point is given.
ELSEWHERE = [
    ("Взрыв прогремел вблизи населённого пункта Сосновка в Хабаровском крае.", "Сосновка"),
    ("Рельсы подорвали вблизи населенного пункта Сосновка на территории Хабаровского края "
     "Российской Федерации.", "Сосновка"),
    ("Saboteurs burnt a relay box near the village of Sosnovka in Khabarovsk Krai.", "Сосновка"),
    ("A relay cabinet was set on fire near the village of Artyomovo in the Moscow Oblast.",
     "Артёмово"),
    ("Релейный шкаф подожгли у деревни Артёмово в Московской области.", "Артёмово"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "name"), ELSEWHERE)
def test_a_village_is_not_a_same_named_station_of_another_region(russia, points, sentence, name):
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    if (
        location is None
        or location.lat is None
        or location.precision not in ("structure", "section", "near_node")
    ):
        return
    assert all(_km((location.lat, location.lon), p[:2]) > 15 for p in points[name])


# ... while a village whose station lies in the region named is still placed at it
SAME_REGION = [
    ("A relay box was set on fire near the village of Mikhaylovka in Leningrad Oblast.",
     "Михайловка|Ленинград"),
    ("Релейный шкаф подожгли у посёлка Михайловка в Ленинградской области.",
     "Михайловка|Ленинград"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "name"), SAME_REGION)
def test_a_village_in_the_named_region_keeps_its_station(russia, points, sentence, name):
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is not None and location.precision == "near_node"
    assert _km((location.lat, location.lon), _candidates(points, name)[0]) <= 15


def test_a_country_after_the_region_cue_is_no_region():
    found = find_places("Пути взорвали на территории Хабаровского края Российской Федерации.")
    assert ("region", "Хабаровского края") in [(m.kind_hint, m.text) for m in found]
    assert all("Федерации" not in m.text for m in found if m.kind_hint == "region")


def test_a_stretch_with_one_end_mistranslated_is_placed_at_the_end_it_names(russia, points):
    sentence = "Cars derailed on the stretch Bud — Zhipkhegen of the Trans-Baikal Railway."
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is not None and location.precision == "near_node"
    assert _km((location.lat, location.lon), points["Жипхеген"][0][:2]) <= 5


# A city of many stations named alone is the city (or its clock, or its government), never
# one of its stations; a station of it named as one still is.
@pytest.mark.parametrize(
    "sentence",
    [
        "Saboteurs set fire to a relay cabinet in Moscow, the intelligence agency said.",
        "The blast happened at 6:40 Moscow time, the railway said.",
        "В Москве подожгли релейный шкаф на железной дороге.",
        "A signal box burned on the outskirts of Moscow overnight.",
    ],
)
def test_a_city_of_many_stations_named_alone_is_no_station(russia, sentence):
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is None or location.precision not in ("structure", "section", "near_node")


def test_a_named_station_of_that_city_is_still_placed(russia, points):
    sentence = "Пожар произошёл на станции Москва-Товарная-Павелецкая."
    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    assert location is not None and location.precision == "near_node"
    assert _km((location.lat, location.lon), (55.73, 37.64)) <= 15


# A village named in a region where the place list has no settlement of that name: a
# namesake of the list in another region is not the site either (no point far from the
# region the text names).
NO_NAMESAKE_IN_REGION = [
    ("A blast damaged the track near the village of Sosnovka in Khabarovsk Krai on Sunday.",
     "Khabarovsk Krai"),
    ("В воскресенье у села Сосновка в Хабаровском крае взрывом повредило путь.",
     "Хабаровский край"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "region"), NO_NAMESAKE_IN_REGION)
def test_a_village_is_not_a_listed_namesake_of_another_region(russia, sentence, region):
    from railwatch.reports.place.gazetteer import region_places

    location = place(find_places(sentence), russia, sentence, evidence=[sentence])
    if (
        location is None
        or location.lat is None
        or location.precision not in ("structure", "section", "near_node")
    ):
        return
    centre = region_places(region)[0]
    assert _km((location.lat, location.lon), (centre.lat, centre.lon)) < 1000
