"""The shipped national station tables load with the documented shape."""

from __future__ import annotations

from railwatch.network.stations import load_adjacency, load_stations


def test_stations_one_row_per_code_with_names_and_coordinates() -> None:
    stations = load_stations()
    assert stations["esr"].is_unique
    assert len(stations) > 16_000
    assert stations["lat"].notna().sum() > 11_000
    names = set(stations["name"])
    assert {"Гудачи", "Гонжа", "Бамовская"} <= names


def test_adjacency_codes_are_strings_and_mostly_known() -> None:
    adjacency = load_adjacency()
    assert list(adjacency.columns) == ["from_esr", "from_name", "to_esr", "to_name"]
    known = set(load_stations()["esr"])
    ends = set(adjacency["from_esr"]) | set(adjacency["to_esr"])
    assert len(ends & known) / len(ends) > 0.95
