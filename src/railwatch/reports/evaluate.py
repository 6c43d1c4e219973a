"""Scoring extraction, placing and merging against a hand-annotated corpus.

Corpus layout: ``CORPUS/reports/NNN-slug.txt|.md|.html`` and ``CORPUS/gold/NNN-slug.json``::

    {"report": "NNN-slug.txt", "published": "2023-12-01", "incidents": [
        {"type": "explosion", "date": "2023-11-29", "location_id": "bam:severomuysky_tunnel",
         "effect": "blocked_both", "claims": [{"claimant": "SBU", "stance": "asserts",
         "cause": "sabotage"}], "event": "severomuysky-2023-11-29"}]}

Within each report, predicted incidents are matched to gold ones without looking at the
type: pairs that agree on place (2 points) and date (1 point) are taken greedily; whatever
is left is paired in order (the report does describe an incident; its attributes are then
scored as wrong). Then:

- detection: matched pairs are true positives, unmatched predictions false positives,
  unmatched gold incidents false negatives;
- type, date (±1 day), location (the exact structure, section or node id) and effect:
  precision over predicted incidents that give the attribute, recall over gold incidents that
  give it;
- claims: (claimant, stance, cause) over matched pairs, claimants compared by canonical id
  (both sides normalized through data/claimants.yaml; names the table does not know match when
  one contains the other); claims_loose: the same without the stance;
- merge: pairwise F1 over pairs of gold incidents in different reports; a pair is positive in
  the gold when both carry the same ``event`` key, and predicted positive when
  ``merge_reports`` put their matched predictions in one incident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from railwatch.reports.claimants import same_claimant
from railwatch.reports.gazetteer import normalize
from railwatch.reports.link import place as place_mentions
from railwatch.reports.merge import merge_reports
from railwatch.reports.model import ExtractedIncident, Location, Report

ATTRIBUTES = ("type", "date", "location", "effect")


class CorpusError(ValueError):
    """A corpus that cannot be evaluated (names the file and what is wrong)."""


@dataclass
class Tally:
    """Counts for one metric; precision, recall and F1 follow."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Predicted:
    report: Report
    index: int
    extracted: ExtractedIncident
    location: Location | None


@dataclass
class Evaluation:
    """All metrics of one run, plus the per-report matches for inspection."""

    metrics: dict[str, Tally] = field(default_factory=dict)
    reports: int = 0
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "failures": self.failures,
            "metrics": {name: tally.as_dict() for name, tally in self.metrics.items()},
        }


def load_gold(corpus: Path) -> list[tuple[Path, dict]]:
    """Gold files and the report file each names, checked for the fields evaluation needs."""
    gold_dir, report_dir = corpus / "gold", corpus / "reports"
    if not gold_dir.is_dir() or not report_dir.is_dir():
        raise CorpusError(f"{corpus}: expected sub-directories gold/ and reports/")
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorpusError(f"{path}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or "report" not in data or "incidents" not in data:
            raise CorpusError(f"{path}: expected an object with 'report' and 'incidents'")
        report_path = report_dir / data["report"]
        if not report_path.is_file():
            raise CorpusError(f"{path}: report file {report_path} does not exist")
        out.append((report_path, data))
    if not out:
        raise CorpusError(f"{gold_dir}: no gold annotations (*.json)")
    return out


def _gold_date(item: dict) -> date | None:
    value = item.get("date")
    return date.fromisoformat(value) if value else None


def date_matches(predicted: ExtractedIncident, gold_date: date | None) -> bool:
    """The gold day lies within the predicted range, give or take one day."""
    if gold_date is None or predicted.occurred is None:
        return False
    start = predicted.occurred.start - timedelta(days=1)
    end = predicted.occurred.end + timedelta(days=1)
    return start <= gold_date <= end


def location_matches(location: Location | None, gold_id: str | None) -> bool:
    return bool(gold_id) and location is not None and location.id == gold_id


def _claimant_matches(a: str, b: str) -> bool:
    if same_claimant(a, b):
        return True
    a, b = normalize(a), normalize(b)
    return bool(a and b) and (a == b or a in b or b in a)


def match_incidents(predicted: list[Predicted], gold: list[dict]) -> list[tuple[int, int]]:
    """Type-agnostic one-to-one matching of predicted to gold incidents of one report."""
    candidates = []
    for pi, p in enumerate(predicted):
        for gi, g in enumerate(gold):
            score = 2 * location_matches(p.location, g.get("location_id")) + date_matches(
                p.extracted, _gold_date(g)
            )
            if score:
                candidates.append((-score, pi, gi))
    pairs, used_p, used_g = [], set(), set()
    for _, pi, gi in sorted(candidates):
        if pi not in used_p and gi not in used_g:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    rest_p = [i for i in range(len(predicted)) if i not in used_p]
    rest_g = [i for i in range(len(gold)) if i not in used_g]
    pairs.extend(zip(rest_p, rest_g, strict=False))
    return sorted(pairs)


def _attribute(p: Predicted | None, g: dict | None, name: str) -> tuple[bool, bool, bool]:
    """(predicted gives it, gold gives it, they agree) for one attribute of a pair."""
    if name == "type":
        has_p, has_g = p is not None, g is not None and bool(g.get("type"))
        return has_p, has_g, has_p and has_g and p.extracted.type == g["type"]
    if name == "date":
        has_p = p is not None and p.extracted.occurred is not None
        has_g = g is not None and bool(g.get("date"))
        return has_p, has_g, has_p and has_g and date_matches(p.extracted, _gold_date(g))
    if name == "location":
        has_p = p is not None and p.location is not None and p.location.id is not None
        has_g = g is not None and bool(g.get("location_id"))
        return has_p, has_g, has_p and has_g and p.location.id == g["location_id"]
    has_p = p is not None and p.extracted.effect is not None
    has_g = g is not None and bool(g.get("effect"))
    return has_p, has_g, has_p and has_g and p.extracted.effect == g["effect"]


def _score_claims(
    p: Predicted | None, g: dict | None, tally: Tally, *, with_stance: bool = True
) -> None:
    predicted = list(p.extracted.claims) if p else []
    gold = list(g.get("claims") or []) if g else []
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    used = set()
    for claim in predicted:
        for gi, want in enumerate(gold):
            if gi in used:
                continue
            if (
                (claim.stance == want.get("stance") or not with_stance)
                and claim.cause == want.get("cause")
                and _claimant_matches(claim.claimant, want.get("claimant", ""))
            ):
                used.add(gi)
                tally.tp += 1
                break


def evaluate_corpus(corpus: str | Path, network: Any) -> Evaluation:
    """Read every report of the corpus, extract, place, merge and score against the gold."""
    from railwatch.reports.ingest_text import ReportError, read_report

    corpus = Path(corpus)
    result = Evaluation()
    names = ("detection", *ATTRIBUTES, "claims", "claims_loose", "merge")
    metrics = {name: Tally() for name in names}
    result.metrics = metrics
    reports: list[Report] = []
    gold_items: list[tuple[str, int, dict]] = []  # (report id, gold index, gold incident)
    matched: dict[tuple[str, int], int] = {}  # (report id, gold index) -> predicted index
    for report_path, data in load_gold(corpus):
        published = date.fromisoformat(data["published"]) if data.get("published") else None
        try:
            report = read_report(report_path, published=published)
        except ReportError as exc:
            result.failures.append(str(exc))
            continue
        result.reports += 1
        reports.append(report)
        predicted = [
            Predicted(
                report,
                i,
                ext,
                place_mentions(ext.places, network, report.text, evidence=ext.evidence),
            )
            for i, ext in enumerate(report.incidents)
        ]
        gold = list(data["incidents"])
        pairs = match_incidents(predicted, gold)
        metrics["detection"].tp += len(pairs)
        metrics["detection"].predicted += len(predicted)
        metrics["detection"].gold += len(gold)
        paired_p = {pi for pi, _ in pairs}
        paired_g = {gi for _, gi in pairs}
        rows = [(predicted[pi], gold[gi]) for pi, gi in pairs]
        rows += [(predicted[pi], None) for pi in range(len(predicted)) if pi not in paired_p]
        rows += [(None, gold[gi]) for gi in range(len(gold)) if gi not in paired_g]
        for p, g in rows:
            for name in ATTRIBUTES:
                has_p, has_g, agree = _attribute(p, g, name)
                metrics[name].predicted += has_p
                metrics[name].gold += has_g
                metrics[name].tp += agree
            _score_claims(p, g, metrics["claims"])
            _score_claims(p, g, metrics["claims_loose"], with_stance=False)
        for gi, item in enumerate(gold):
            gold_items.append((report.id, gi, item))
        for pi, gi in pairs:
            matched[(report.id, gi)] = pi
    _score_merge(reports, network, gold_items, matched, metrics["merge"])
    return result


def _score_merge(
    reports: list[Report],
    network: Any,
    gold_items: list[tuple[str, int, dict]],
    matched: dict[tuple[str, int], int],
    tally: Tally,
) -> None:
    incident_of: dict[tuple[str, int], str] = {}
    for incident in merge_reports(reports, network):
        for entry in incident.merge:
            incident_of[(entry["report"], entry["index"])] = incident.id
    for (ra, ga, a), (rb, gb, b) in combinations(gold_items, 2):
        if ra == rb:
            continue
        same_event = bool(a.get("event")) and a.get("event") == b.get("event")
        pa, pb = matched.get((ra, ga)), matched.get((rb, gb))
        merged = (
            pa is not None
            and pb is not None
            and incident_of.get((ra, pa)) is not None
            and incident_of.get((ra, pa)) == incident_of.get((rb, pb))
        )
        tally.gold += same_event
        tally.predicted += merged
        tally.tp += same_event and merged
