"""A breaking report that first tells an undated event in a region, then the railway's own
words with the station and the hour a day off the dispatch day (local time), tells one event,
not two. The sentences are written for this test, in English and Russian."""

from datetime import date

from railwatch.reports.extract.extract import extract_incidents


def test_ru_undated_lead_then_dated_station_is_one_event() -> None:
    text = (
        "В Томской области сошли с рельсов вагоны грузового поезда\n\n"
        "ТОМСК, 11 марта. Вагоны грузового поезда сошли с рельсов в Томской области, "
        "задерживаются пассажирские поезда, сообщили в железной дороге.\n\n"
        "«12 марта 2025 года в 02:40 (время местное) на станции Берёзовка произошёл сход "
        "шести вагонов грузового поезда», — говорится в сообщении."
    )
    found = extract_incidents(text, "ru", date(2025, 3, 11))
    assert len(found) == 1
    assert found[0].occurred is not None and found[0].occurred.start == date(2025, 3, 12)


def test_en_undated_lead_then_dated_station_is_one_event() -> None:
    text = (
        "Freight wagons derailed in Tomsk Oblast\n\n"
        "TOMSK, 11 March. Wagons of a freight train derailed in Tomsk Oblast, passenger "
        "trains are delayed, the railway said.\n\n"
        '"On 12 March 2025 at 02:40 local time six wagons of a freight train derailed at '
        'Berezovka station," the statement said.'
    )
    found = extract_incidents(text, "en", date(2025, 3, 11))
    assert len(found) == 1
    assert found[0].occurred is not None and found[0].occurred.start == date(2025, 3, 12)
