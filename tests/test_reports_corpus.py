"""The extractor over the hand-annotated corpus: every file reads, and scores stay above
thresholds set a little under what the code achieved when they were set (corpus of
44 reports: detection, type, date and effect F1 0.97-1.0, claims 0.92). The corpus was
written alongside the extractor, so these numbers are optimistic for unseen reports; the
thresholds guard against regressions."""

import json
from datetime import date
from pathlib import Path

import pytest

from railwatch.network import default_network
from railwatch.reports.evaluate import evaluate_corpus
from railwatch.reports.text.ingest_text import read_report

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# raised after the dev3 generalisation round (achieved: detection 1.0, type/date 0.97,
# location 0.93, effect 0.97, claims 1.0, merge 1.0)
THRESHOLDS = {
    "detection": 0.95, "type": 0.93, "date": 0.93, "location": 0.9, "effect": 0.93,
    "claims": 0.93, "merge": 0.95,
}  # fmt: skip


@pytest.fixture(scope="module")
def scores() -> dict:
    return evaluate_corpus(CORPUS, default_network()).as_dict()


def test_corpus_shape() -> None:
    gold = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted((CORPUS / "gold").glob("*.json"))
    ]
    assert len(gold) >= 40
    languages = [g["language"] for g in gold]
    assert languages.count("ru") >= 18 and languages.count("en") >= 18
    assert sum(1 for g in gold if not g["incidents"]) >= 8
    events = [i["event"] for g in gold for i in g["incidents"]]
    assert all(events)
    assert sum(1 for e in set(events) if events.count(e) >= 3) >= 3  # multi-outlet clusters


def test_every_report_reads(scores: dict) -> None:
    assert scores["failures"] == []
    assert scores["reports"] == len(list((CORPUS / "gold").glob("*.json")))


@pytest.mark.parametrize("metric", sorted(THRESHOLDS))
def test_scores_above_thresholds(scores: dict, metric: str) -> None:
    assert scores["metrics"][metric]["f1"] >= THRESHOLDS[metric], scores["metrics"][metric]


def test_non_incident_reports_give_no_incidents() -> None:
    for path in sorted((CORPUS / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["incidents"]:
            continue
        report = read_report(
            CORPUS / "reports" / gold["report"], published=date.fromisoformat(gold["published"])
        )
        assert report.incidents == [], (gold["report"], [i.evidence for i in report.incidents])
