"""The evaluator on a corpus in the real-report schema (texts/rNNN.txt + gold.jsonl).

Every text here is written for this test; none comes from a real article."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from railwatch.network import default_network
from railwatch.reports.evaluate import (
    CorpusError,
    GoldReport,
    Predicted,
    _attribute,
    _event_groups,
    date_matches,
    evaluate_corpus,
    location_matches,
    read_corpus,
    split_half,
)
from railwatch.reports.model import DateValue, ExtractedIncident, Location, Report

TUNNEL = (56.23473, 113.45778)  # Severomuysky Tunnel in the bundled network

TEXTS = {
    "r001.txt": (
        "2024-03-06",
        "Fire halts trains in Siberian tunnel\n"
        "A tank train caught fire inside the Severomuysky Tunnel on the Baikal-Amur Mainline "
        "on Tuesday night, and traffic through the tunnel was stopped in both directions. "
        "Russian Railways said a short circuit caused the fire.\n",
    ),
    "r002.txt": (
        "2024-03-06",
        "Пожар в Северомуйском тоннеле\n"
        "В ночь на 6 марта в Северомуйском тоннеле загорелась цистерна грузового поезда. "
        "Движение по тоннелю закрыто в обоих направлениях.\n",
    ),
    "r003.txt": (
        "unknown",
        "Railway holds annual timetable conference\n"
        "Delegates from regional railways met to discuss next year's passenger timetable "
        "and new rolling stock orders.\n",
    ),
    "r004.txt": (
        "2024-05-10",
        "Грузооборот вырос\n"
        "ОАО «РЖД» сообщило, что погрузка на сети в апреле выросла на два процента.\n",
    ),
}


def _incident(key: str, **extra: object) -> dict:
    base = {
        "incident_key": key,
        "role": "main",
        "event_date": "2024-03-06",
        "date_precision": "day",
        "place_names": ["Severomuysky Tunnel"],
        "lat": TUNNEL[0],
        "lon": TUNNEL[1],
        "type": "fire",
        "type_also": [],
        "cause_claimed": [],
        "traffic_effect": "blocked_both",
    }
    return {**base, **extra}


GOLD = [
    {
        "file": "r001.txt",
        "language": "en",
        "is_rail_incident": True,
        "incidents": [
            _incident(
                "severomuysky-2024-03-06",
                cause_claimed=[
                    {
                        "by": "Russian Railways",
                        "claim": "a short circuit caused the fire",
                        "stance": "asserts",
                    }
                ],
            )
        ],
        "same_incident_as": ["r002.txt"],
    },
    {
        "file": "r002.txt",
        "language": "ru",
        "is_rail_incident": True,
        "incidents": [_incident("severomuysky-2024-03-06")],
        "same_incident_as": ["r001.txt"],
    },
    {
        "file": "r003.txt",
        "language": "en",
        "is_rail_incident": False,
        "incidents": [],
        "same_incident_as": [],
    },
    {
        "file": "r004.txt",
        "language": "ru",
        "is_rail_incident": False,
        "incidents": [],
        "same_incident_as": [],
    },
]


def write_corpus(root: Path, gold: list[dict] = GOLD) -> Path:
    (root / "texts").mkdir(parents=True)
    for name, (published, body) in TEXTS.items():
        (root / "texts" / name).write_text(
            f"URL: https://example.org/{name}\nPUBLISHED: {published}\n\n{body}", encoding="utf-8"
        )
    lines = [json.dumps({**g, "published": TEXTS[g["file"]][0]}, ensure_ascii=False) for g in gold]
    (root / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def scores(corpus: Path) -> dict:
    return evaluate_corpus(corpus, default_network()).as_dict()


def test_reads_the_real_schema(corpus: Path) -> None:
    reports = read_corpus(corpus)
    assert [r.path.name for r in reports] == ["r001.txt", "r002.txt", "r003.txt", "r004.txt"]
    assert reports[0].published == date(2024, 3, 6)
    assert reports[2].published is None  # "PUBLISHED: unknown"
    assert reports[0].group == reports[1].group == "severomuysky-2024-03-06"
    assert reports[0].incidents[0]["effect"] == "blocked_both"
    assert reports[0].incidents[0]["claims"][0]["claimant"] == "Russian Railways"


def test_scores_on_a_small_real_schema_corpus(scores: dict) -> None:
    assert scores["failures"] == []
    assert scores["reports"] == 4
    metrics = scores["metrics"]
    assert metrics["detection"]["gold"] == 2
    assert metrics["detection"]["tp"] == 2
    assert metrics["location"]["tp"] == 2  # the tunnel is within 15 km of the gold point
    assert metrics["date"]["tp"] == 2
    assert metrics["claims"]["gold"] == 1 and metrics["claims"]["tp"] == 1
    assert metrics["merge"]["gold"] == 1
    assert scores["non_incident_reports"] == 2
    assert scores["non_incident_incidents"] == 0


def test_background_incident_is_neither_hit_nor_false_alarm(tmp_path: Path) -> None:
    gold = [dict(g) for g in GOLD]
    gold[0] = {
        **gold[0],
        "incidents": [
            _incident("other-2024-03-01", event_date="2024-03-01", lat=50.0, lon=40.0),
            _incident("severomuysky-2024-03-06", role="background"),
        ],
    }
    result = evaluate_corpus(write_corpus(tmp_path, gold), default_network()).as_dict()
    assert result["background_reported"] == 1
    # r001's only main incident (elsewhere, another day) is missed; its prediction is background
    assert result["metrics"]["detection"]["gold"] == 2
    assert result["metrics"]["detection"]["predicted"] == 1


def test_a_place_the_gold_gives_no_point_for_is_counted_apart(tmp_path: Path) -> None:
    gold = [dict(g) for g in GOLD]
    gold[0] = {**gold[0], "incidents": [_incident("severomuysky-2024-03-06", lat=None, lon=None)]}
    result = evaluate_corpus(write_corpus(tmp_path, gold), default_network()).as_dict()
    # r001 and r002 both place the fire at the tunnel; only r002's gold has the point
    location = result["metrics"]["location"]
    assert (location["tp"], location["predicted"], location["gold"]) == (1, 2, 1)
    assert result["location_without_gold_point"] == 1


def test_split_keeps_events_together_and_covers_everything(corpus: Path) -> None:
    everything = read_corpus(corpus, "all")
    dev, test = read_corpus(corpus, "dev"), read_corpus(corpus, "test")
    names = lambda rs: {r.path.name for r in rs}  # noqa: E731
    assert names(dev) | names(test) == names(everything)
    assert not names(dev) & names(test)
    assert {"r001.txt", "r002.txt"} <= names(dev) or {"r001.txt", "r002.txt"} <= names(test)
    assert read_corpus(corpus, "dev") == dev  # deterministic


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "f"]), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_split_is_a_partition_by_group(rows: list[tuple[str, bool]]) -> None:
    reports = [
        GoldReport(Path(f"r{i:03}.txt"), None, [{"role": "main"}] if inc else [], group)
        for i, (group, inc) in enumerate(rows)
    ]
    dev, test = split_half(reports, "dev"), split_half(reports, "test")
    assert len(dev) + len(test) == len(reports)
    assert not {r.group for r in dev} & {r.group for r in test}


def test_event_groups_follow_chains_of_shared_keys() -> None:
    rows = [
        ("a.txt", {"incidents": [{"incident_key": "k1", "role": "main"}]}),
        (
            "b.txt",
            {
                "incidents": [
                    {"incident_key": "k1", "role": "main"},
                    {"incident_key": "k2", "role": "main"},
                ]
            },
        ),
        ("c.txt", {"incidents": [{"incident_key": "k2", "role": "main"}]}),
        ("d.txt", {"incidents": [{"incident_key": "k2", "role": "background"}]}),
    ]
    groups = _event_groups(rows)
    assert groups["a.txt"] == groups["b.txt"] == groups["c.txt"] == "k1"
    assert groups["d.txt"] == "d.txt"  # a background mention does not join the event


def test_date_precision_is_honoured() -> None:
    occurred = DateValue(date(2025, 9, 20), date(2025, 9, 20), "day", "explicit", "20 Sep")
    incident = ExtractedIncident("fire", occurred, [], None)
    assert date_matches(incident, {"date": "2025-09-21", "date_precision": "day"})
    assert not date_matches(incident, {"date": "2025-09-23", "date_precision": "day"})
    assert date_matches(incident, {"date": "2025-09-02", "date_precision": "month"})
    assert not date_matches(incident, {"date": "2025-10-02", "date_precision": "month"})
    assert date_matches(incident, {"date": "2025-01-02", "date_precision": "year"})


def test_location_within_15_km_at_station_precision_only() -> None:
    gold = {"lat": 56.0, "lon": 113.0}
    near = Location("node", "x", 56.05, 113.05, "near_node", "X", "")
    far = Location("node", "x", 56.3, 113.0, "near_node", "X", "")
    region = Location("point", "x", 56.0, 113.0, "region", "X", "")
    assert location_matches(near, gold)
    assert not location_matches(far, gold)  # about 33 km away
    assert not location_matches(region, gold)  # never more precise than it was resolved
    assert not location_matches(near, {"lat": None, "lon": None})


def test_only_a_place_at_station_precision_is_scored_as_a_location() -> None:
    incident = ExtractedIncident("fire", None, [], None)
    report = Report("0" * 64, "x", "en", None, None, None, "argument", None)
    region = Location("region", "r", 56.0, 113.0, "region", "R", "")
    station = Location("node", "x", 56.3, 113.0, "near_node", "X", "")
    no_place = {"type": "fire", "lat": None, "lon": None}
    # a region for a text whose gold names no station: neither a hit nor a false alarm
    assert _attribute(Predicted(report, 0, incident, region), no_place, "location") == (
        False,
        False,
        False,
    )
    # a station the text does not support: a false alarm
    assert _attribute(Predicted(report, 0, incident, station), no_place, "location")[0]


def test_bad_gold_line_is_named(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    with (tmp_path / "gold.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"file": "r009.txt"}\n')
    with pytest.raises(CorpusError, match=r"gold.jsonl:5: missing field"):
        read_corpus(tmp_path)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "railwatch", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_scores_one_half_and_keeps_test_errors_hidden(corpus: Path) -> None:
    result = _run("eval-extract", str(corpus), "--half", "all", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["metrics"]["detection"]["tp"] == 2
    refused = _run("eval-extract", str(corpus), "--half", "test", "--errors")
    assert refused.returncode != 0
    assert "dev half" in refused.stderr


def test_real_stance_keeps_attributes_for_a_criminal_case_only() -> None:
    from railwatch.reports.evaluate import real_stance
    from railwatch.reports.model import Claim

    stated = Claim("Russian Railways", "attributes", "drone", "The railway said a drone fell.")
    case = Claim("investigators", "attributes", "terrorist_attack", "A criminal case was opened.")
    hedged = Claim("governor", "speculates", "sabotage", "It may have been sabotage.")
    assert real_stance(stated) == "asserts"
    assert real_stance(case) == "attributes"
    assert real_stance(hedged) == "speculates"


def test_a_gold_claim_naming_no_known_cause_is_left_out_of_claims_known_cause(
    tmp_path: Path,
) -> None:
    gold = [dict(g) for g in GOLD]
    claims = [
        *gold[0]["incidents"][0]["cause_claimed"],
        # no cause word railwatch knows: no extraction can match it
        {"by": "a passer-by", "claim": "something odd happened there", "stance": "asserts"},
    ]
    gold[0] = {**gold[0], "incidents": [_incident("severomuysky-2024-03-06", cause_claimed=claims)]}
    metrics = evaluate_corpus(write_corpus(tmp_path, gold), default_network()).as_dict()["metrics"]
    assert (metrics["claims"]["tp"], metrics["claims"]["gold"]) == (1, 2)
    known = metrics["claims_known_cause"]
    assert (known["tp"], known["gold"], known["predicted"]) == (
        1,
        1,
        metrics["claims"]["predicted"],
    )
