"""The store as a whole (property test against batch merging), the 0.1 file reader, the
codec and the export formats."""

from __future__ import annotations

import csv
import io
import json
import string
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from railwatch.reports.codec import incident_from, report_from, to_dict
from railwatch.reports.export import FIELDS, to_csv, to_geojson, to_json
from railwatch.reports.incident_store import LegacyIncidentFile, StoreError, default_data_dir
from railwatch.reports.merge import merge_reports
from railwatch.reports.model import (
    Claim,
    DateValue,
    ExtractedIncident,
    PlaceMention,
    Quantity,
    Report,
)
from railwatch.store import open_store
from reportfixtures import severomuysky_reports
from reportnet import bam_network

NET = bam_network()

text = st.text(alphabet=string.ascii_letters + "абвгдеёжз тоннель[]/:'\"", max_size=30)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1))


@st.composite
def date_values(draw):
    start = draw(days)
    span = draw(st.integers(0, 3))
    return DateValue(start, start + timedelta(days=span), "day", "explicit", draw(text))


@st.composite
def extracted(draw):
    return ExtractedIncident(
        type=draw(st.sampled_from(["explosion", "fire", "derailment", "blockage", "other"])),
        occurred=draw(st.none() | date_values()),
        places=[
            PlaceMention(
                draw(st.sampled_from(["Таксимо", "Severomuysky tunnel", "Кукуево"])),
                "x",
                "unknown",
                draw(text),
            )
        ],
        effect=draw(st.sampled_from([None, "blocked_both", "delayed", "resumed"])),
        quantities=[Quantity("wagons", 1.0, 2.0, 3.0, draw(text))],
        casualties=draw(st.dictionaries(st.sampled_from(["killed", "injured"]), st.integers(0, 9))),
        claims=[Claim(draw(text), "asserts", "sabotage", draw(text))],
        restored_at=draw(st.none() | date_values()),
        evidence=[draw(text)],
    )


@st.composite
def reports(draw):
    body = draw(st.text(min_size=1, max_size=60))
    return Report(
        id=draw(st.text(alphabet="0123456789abcdef", min_size=8, max_size=16)),
        text=body,
        language=draw(st.sampled_from(["en", "ru"])),
        url=draw(st.none() | st.just("https://example.org/a")),
        outlet=draw(st.none() | text),
        published_at=draw(st.none() | days),
        published_method="argument",
        path=None,
        incidents=draw(st.lists(extracted(), max_size=2)),
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(reports(), max_size=4, unique_by=lambda r: r.id))
def test_store_round_trip(tmp_path_factory, batch):
    """Reports added one by one in merge order give the batch merge, whatever their dates and
    places: the candidate query never hides an incident a report could join."""
    directory = tmp_path_factory.mktemp("store")
    store = open_store(f"sqlite:///{directory / 'db.sqlite'}", data_dir=directory)
    ordered = sorted(batch, key=lambda r: (r.published_at or date.min, r.id))
    for one in ordered:
        assert store.ingest([one], network=NET).new == [one.id]
    assert store.reports() == ordered
    assert [replace(i, lines=[]) for i in store.incidents()] == merge_reports(batch, NET)
    # adding the same reports again changes nothing
    before = store.export()
    assert store.ingest(batch, network=NET).new == []
    assert store.export() == before
    store.close()


def test_codec_round_trips_incidents_and_reports():
    reports_ = severomuysky_reports()
    for incident in merge_reports(reports_, NET):
        assert incident_from(json.loads(json.dumps(to_dict(incident)))) == incident
    for report in reports_:
        assert report_from(json.loads(json.dumps(to_dict(report)))) == report


def test_unreadable_legacy_file_names_the_file(tmp_path):
    (tmp_path / "reports.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoreError, match="reports.json"):
        LegacyIncidentFile(tmp_path).incidents()


def test_legacy_file_reader(tmp_path):
    reports_ = severomuysky_reports()
    incidents = merge_reports(reports_, NET)
    data = {"version": 1, "reports": [to_dict(r) for r in reports_]}
    data["incidents"] = [to_dict(i) for i in incidents]
    (tmp_path / "reports.json").write_text(json.dumps(data), encoding="utf-8")
    assert LegacyIncidentFile(tmp_path).reports() == reports_
    assert LegacyIncidentFile(tmp_path / "reports.json").incidents() == incidents


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RAILWATCH_DATA_DIR", str(tmp_path / "custom"))
    monkeypatch.delenv("RAILWATCH_DATABASE_URL", raising=False)
    assert default_data_dir() == tmp_path / "custom"
    store = open_store()
    assert store.location == str(tmp_path / "custom" / "railwatch.sqlite")
    store.close()


def test_exports_carry_the_same_fields():
    reports_ = severomuysky_reports()
    incidents = merge_reports(reports_, NET)
    by_id = {r.id: r for r in reports_}
    records = json.loads(to_json(incidents, by_id))
    features = to_geojson(incidents, by_id)["features"]
    rows = list(csv.DictReader(io.StringIO(to_csv(incidents, by_id))))
    assert len(records) == len(features) == len(rows) == 1
    assert list(records[0]) == FIELDS
    assert list(features[0]["properties"]) == FIELDS
    assert list(rows[0]) == FIELDS
    assert features[0]["geometry"]["type"] == "Point"
    # nested values are the same data in every format
    assert (
        json.loads(rows[0]["claims"]) == records[0]["claims"] == features[0]["properties"]["claims"]
    )
    assert {s["outlet"] for s in records[0]["sources"]} == {"Baza", "Kyiv Independent", "Reuters"}
    assert rows[0]["location_id"] == records[0]["location_id"] == "bam:severomuysky_tunnel"
