"""Scoring extraction, placing and merging against a hand-annotated corpus.

Two corpus layouts are read.

The project's own (``corpus/``, ``corpus/dev2`` ...): ``CORPUS/reports/NNN-slug.txt`` and
``CORPUS/gold/NNN-slug.json``::

    {"report": "NNN-slug.txt", "published": "2023-12-01", "incidents": [
        {"type": "explosion", "date": "2023-11-29", "location_id": "bam:severomuysky_tunnel",
         "effect": "blocked_both", "claims": [{"claimant": "SBU", "stance": "asserts",
         "cause": "sabotage"}], "event": "severomuysky-2023-11-29"}]}

The real-report schema (``texts/rNNN.txt`` with ``URL:``/``PUBLISHED:`` header lines and one
``gold.jsonl``; see ``real_corpus``): incidents carry a role (main or background), an event
date with the precision the text gives, gold coordinates instead of a network id, a type with
acceptable alternatives, and claims whose cause is free text.

Within each report, predicted incidents are matched to gold ones without looking at the
type: pairs that agree on place (2 points) and date (1 point) are taken greedily; whatever
is left is paired in order with the remaining main incidents (the report does describe an
incident; its attributes are then scored as wrong). Then:

- detection: predictions matched to a main incident are true positives; a prediction matched
  to a background incident (an older event the text mentions) is neither right nor wrong and
  is counted under ``background_reported``; other predictions are false positives, unmatched
  main incidents false negatives;
- type (or one of the gold's acceptable alternatives), date (within one day for a day-precise
  gold date; the same month or year for month- or year-precise ones; a gold date the text does
  not fix is not scored), location (the exact structure, section or node id; or, for gold
  coordinates, a predicted structure, section or station within 15 km) and effect: precision
  over predicted incidents that give the attribute (for location: at structure, section or
  station precision), recall over gold incidents that give it;
- claims: (claimant, stance, cause) over matched pairs, claimants compared by canonical id
  (both sides normalized through lexicon/claimants.yaml; names the table does not know match when
  one contains the other); a free-text gold claim matches the causes its words name;
  claims_loose: the same without the stance; claims_known_cause: the same as claims over
  the gold claims whose words name a cause railwatch has a word for (a gold claim such as
  "the occupiers did it" or "an incident occurred" no extraction can match; how many there
  are is the gap between the two);
- merge: pairwise F1 over pairs of main gold incidents in different reports; a pair is positive
  in the gold when both carry the same event key, and predicted positive when
  ``merge_reports`` put their matched predictions in one incident;
- ``non_incident_incidents``: incidents predicted from texts whose gold has none.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from railwatch.network.geo import distance_km
from railwatch.reports import pipeline
from railwatch.reports.extract.claimants import same_claimant
from railwatch.reports.extract.claims import event_causes, find_causes, is_case_classification
from railwatch.reports.model import Claim, ExtractedIncident, Location, Report
from railwatch.reports.place.gazetteer import normalize

ATTRIBUTES = ("type", "date", "location", "effect")
HALVES = ("dev", "test", "all")
# a place resolved this precisely can be compared with gold coordinates
POINT_PRECISIONS = ("structure", "section", "near_node")
LOCATION_KM = 15.0
# the real-report gold's effect names -> the extractor's, where the two differ
_REAL_EFFECTS = {"restored": "resumed"}


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
class GoldReport:
    """One annotated report in the common form both corpus layouts are read into.

    Each incident is a dict with ``type``, ``type_also``, ``date``, ``date_precision``,
    ``location_id`` or ``lat``/``lon``, ``effect``, ``claims`` (``claimant``, ``stance`` and
    ``cause`` or free-text ``claim``), ``event`` and ``role`` (main | background)."""

    path: Path
    published: date | None
    incidents: list[dict]
    group: str  # reports about the same events share a group (used to split by event)
    # stance conventions differ: the project's "attributes" is any non-deliberate cause stated
    # as fact; the real-report gold keeps "attributes" for legal classifications and calls
    # every cause stated as fact "asserts" (see ``real_stance``)
    convention: str = "project"


@dataclass
class Evaluation:
    """All metrics of one run, plus the per-report matches for inspection."""

    metrics: dict[str, Tally] = field(default_factory=dict)
    reports: int = 0
    failures: list[str] = field(default_factory=list)
    non_incident_reports: int = 0
    non_incident_incidents: int = 0  # incidents predicted from texts whose gold has none
    background_reported: int = 0  # predictions that match a background (older) incident
    # places at station precision scored as false alarms only because the gold incident they
    # are paired with has no coordinates (its annotator found no station point for it): they
    # stay in location precision, and this says how many of its misses cannot be checked
    location_without_gold_point: int = 0
    errors: list[dict] = field(default_factory=list)  # per-report mismatches, for inspection

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "failures": self.failures,
            "non_incident_reports": self.non_incident_reports,
            "non_incident_incidents": self.non_incident_incidents,
            "background_reported": self.background_reported,
            "location_without_gold_point": self.location_without_gold_point,
            "metrics": {name: tally.as_dict() for name, tally in self.metrics.items()},
        }


# --- reading the two corpus layouts ---------------------------------------------------------


def is_real_corpus(corpus: Path) -> bool:
    """The real-report layout: texts/ and gold.jsonl."""
    return (corpus / "gold.jsonl").is_file()


def load_gold(corpus: Path) -> list[tuple[Path, dict]]:
    """Gold files and the report file each names, checked for the fields evaluation needs."""
    gold_dir, report_dir = corpus / "gold", corpus / "reports"
    if not gold_dir.is_dir() or not report_dir.is_dir():
        raise CorpusError(
            f"{corpus}: expected sub-directories gold/ and reports/, or gold.jsonl and texts/"
        )
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


def _iso_date(value: Any, where: str) -> date | None:
    if value in (None, "", "unknown"):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CorpusError(f"{where}: not an ISO date: {value!r}") from exc


def project_corpus(corpus: Path) -> list[GoldReport]:
    """The project's layout, in the common form (every incident main, dates day-precise)."""
    out = []
    for report_path, data in load_gold(corpus):
        where = f"{corpus / 'gold'}/{report_path.stem}.json"
        incidents = []
        for item in data["incidents"]:
            incidents.append(
                {
                    **item,
                    "type_also": [],
                    "date_precision": "day" if item.get("date") else "unknown",
                    "role": "main",
                }
            )
        events = sorted({i.get("event") or "" for i in incidents} - {""})
        out.append(
            GoldReport(
                report_path,
                _iso_date(data.get("published"), where),
                incidents,
                events[0] if events else report_path.name,
            )
        )
    return out


_REAL_FIELDS = ("file", "is_rail_incident", "incidents")
_REAL_INCIDENT_FIELDS = ("incident_key", "role", "type")


def real_corpus(corpus: Path) -> list[GoldReport]:
    """The real-report layout, in the common form.

    ``gold.jsonl`` has one object per text: ``file``, ``published``, ``is_rail_incident``,
    ``incidents`` (each ``incident_key``, ``role``, ``event_date``, ``date_precision``,
    ``lat``, ``lon``, ``type``, ``type_also``, ``cause_claimed`` [{by, claim, stance}],
    ``traffic_effect``) and ``same_incident_as``. Reports are grouped by event: texts that
    share a main incident key (directly or through a chain) form one group.
    """
    gold_path = corpus / "gold.jsonl"
    rows: list[tuple[Path, dict]] = []
    for number, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold_path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{where}: not valid JSON ({exc})") from exc
        missing = [k for k in _REAL_FIELDS if not isinstance(data, dict) or k not in data]
        if missing:
            raise CorpusError(f"{where}: missing field(s) {', '.join(missing)}")
        for item in data["incidents"]:
            lacking = [k for k in _REAL_INCIDENT_FIELDS if k not in item]
            if lacking:
                raise CorpusError(f"{where}: an incident lacks {', '.join(lacking)}")
        path = corpus / "texts" / data["file"]
        if not path.is_file():
            raise CorpusError(f"{where}: text file {path} does not exist")
        rows.append((path, data))
    if not rows:
        raise CorpusError(f"{gold_path}: no annotations")
    groups = _event_groups([(p.name, d) for p, d in rows])
    out = []
    for path, data in rows:
        where = f"{gold_path} ({data['file']})"
        incidents = []
        for item in data["incidents"]:
            precision = item.get("date_precision") or "unknown"
            effect = item.get("traffic_effect")
            incidents.append(
                {
                    "type": item["type"],
                    "type_also": list(item.get("type_also") or []),
                    "date": item.get("event_date") if precision != "unknown" else None,
                    "date_precision": precision,
                    "lat": item.get("lat"),
                    "lon": item.get("lon"),
                    "effect": None
                    if effect in (None, "unknown")
                    else _REAL_EFFECTS.get(effect, effect),
                    "claims": [
                        {
                            "claimant": c.get("by", ""),
                            "stance": c.get("stance"),
                            "claim": c.get("claim", ""),
                        }
                        for c in item.get("cause_claimed") or []
                    ],
                    "event": item["incident_key"],
                    "role": item["role"],
                }
            )
        _iso_date(data.get("published"), where)  # checked here, named with its file
        out.append(
            GoldReport(
                path,
                _iso_date(data.get("published"), where),
                incidents,
                groups[path.name],
                convention="real",
            )
        )
    return out


def _event_groups(rows: list[tuple[str, dict]]) -> dict[str, str]:
    """File name -> group name: files joined by a shared main incident key are one group,
    named by its smallest key; a text without a main incident is a group of its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for name, data in rows:
        keys = [i["incident_key"] for i in data["incidents"] if i.get("role") == "main"]
        find("file:" + name)
        for key in keys:
            a, b = find("file:" + name), find("key:" + key)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for name, _ in rows:
        members.setdefault(find("file:" + name), []).append(name)
    out = {}
    for root, names in members.items():
        keys = sorted(k[4:] for k in parent if k.startswith("key:") and find(k) == root)
        label = keys[0] if keys else names[0]
        for name in names:
            out[name] = label
    return out


def split_half(reports: list[GoldReport], half: str) -> list[GoldReport]:
    """The development or the test half, split by event group.

    Groups are ordered by a stable hash of their name and dealt alternately to dev and test,
    incident groups and non-incident texts separately, so both halves hold some of each and
    every text of an event lands in the same half. The split depends on names only, never on
    scores."""
    if half not in HALVES:
        raise CorpusError(f"unknown half {half!r}; expected one of {', '.join(HALVES)}")
    if half == "all":
        return list(reports)
    incident_groups = sorted({r.group for r in reports if r.incidents}, key=_stable_hash)
    other_groups = sorted(
        {r.group for r in reports if not r.incidents} - set(incident_groups), key=_stable_hash
    )
    dev = set(incident_groups[0::2]) | set(other_groups[0::2])
    keep = (lambda g: g in dev) if half == "dev" else (lambda g: g not in dev)
    return [r for r in reports if keep(r.group)]


def _stable_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()


def read_corpus(corpus: str | Path, half: str = "all") -> list[GoldReport]:
    """Every annotated report of a corpus in either layout, restricted to one half."""
    corpus = Path(corpus)
    reports = real_corpus(corpus) if is_real_corpus(corpus) else project_corpus(corpus)
    return split_half(reports, half)


# --- comparing one prediction with one gold incident ----------------------------------------


def date_matches(predicted: ExtractedIncident, gold: dict | date | None) -> bool:
    """The gold date lies within the predicted range at the precision the gold gives: within
    one day for a day, the same month or year for a month or a year."""
    if isinstance(gold, dict):
        gold_date, precision = _gold_date(gold), gold.get("date_precision") or "day"
    else:
        gold_date, precision = gold, "day"
    if gold_date is None or predicted.occurred is None:
        return False
    start, end = predicted.occurred.start, predicted.occurred.end
    if precision == "month":
        return (
            (start.year, start.month)
            <= (gold_date.year, gold_date.month)
            <= (
                end.year,
                end.month,
            )
        )
    if precision == "year":
        return start.year <= gold_date.year <= end.year
    return start - timedelta(days=1) <= gold_date <= end + timedelta(days=1)


def _gold_date(item: dict) -> date | None:
    value = item.get("date")
    return date.fromisoformat(value) if value else None


def _gold_has_location(g: dict) -> bool:
    return bool(g.get("location_id")) or (g.get("lat") is not None and g.get("lon") is not None)


def location_matches(location: Location | None, gold: dict | str | None) -> bool:
    """The same network id, or (for gold coordinates) a structure, section or station within
    15 km of them."""
    if isinstance(gold, str) or gold is None:
        gold = {"location_id": gold}
    if location is None:
        return False
    if gold.get("location_id"):
        return location.id == gold["location_id"]
    if gold.get("lat") is None or gold.get("lon") is None:
        return False
    if location.precision not in POINT_PRECISIONS or location.lat is None or location.lon is None:
        return False
    return distance_km(location.lon, location.lat, gold["lon"], gold["lat"]) <= LOCATION_KM


def _type_matches(predicted: str, gold: dict) -> bool:
    return predicted == gold.get("type") or predicted in (gold.get("type_also") or [])


def _claimant_matches(a: str, b: str) -> bool:
    if same_claimant(a, b):
        return True
    a, b = normalize(a), normalize(b)
    return bool(a and b) and (a == b or a in b or b in a)


def _gold_claimants(text: str) -> list[str]:
    """ "Kuibyshev Railway (via RIA Novosti)" -> the claimant and the words in brackets."""
    names = [text]
    head, _, rest = text.partition("(")
    if rest:
        names.append(head.strip())
        names.append(rest.rstrip(")").removeprefix("via ").strip())
    return [n for n in names if n]


def _names_a_cause(want: dict) -> bool:
    """A gold claim gives a cause category, or its words name one railwatch has."""
    text = want.get("claim") or ""
    return bool(want.get("cause") or find_causes(text) or event_causes(text))


def _cause_matches(cause: str, want: dict) -> bool:
    if want.get("cause"):
        return cause == want["cause"]
    text = want.get("claim") or ""
    return cause in find_causes(text) or cause in event_causes(text)


def match_incidents(predicted: list[Predicted], gold: list[dict]) -> list[tuple[int, int]]:
    """Type-agnostic one-to-one matching of predicted to gold incidents of one report; left
    over predictions pair in order with left over main incidents."""
    candidates = []
    for pi, p in enumerate(predicted):
        for gi, g in enumerate(gold):
            score = 2 * location_matches(p.location, g) + date_matches(p.extracted, g)
            if score:
                candidates.append((-score, pi, gi))
    pairs, used_p, used_g = [], set(), set()
    for _, pi, gi in sorted(candidates):
        if pi not in used_p and gi not in used_g:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    rest_p = [i for i in range(len(predicted)) if i not in used_p]
    rest_g = [
        i for i in range(len(gold)) if i not in used_g and gold[i].get("role", "main") == "main"
    ]
    pairs.extend(zip(rest_p, rest_g, strict=False))
    return sorted(pairs)


# The real gold has no "reduced": trains still moving, only slower, are "delayed" there.
_REAL_EFFECT_OF = {"reduced": "delayed"}


def _attribute(
    p: Predicted | None, g: dict | None, name: str, convention: str = "project"
) -> tuple[bool, bool, bool]:
    """(predicted gives it, gold gives it, they agree) for one attribute of a pair."""
    if name == "type":
        has_p, has_g = p is not None, g is not None and bool(g.get("type"))
        agree = p is not None and g is not None and has_g and _type_matches(p.extracted.type, g)
        return has_p, has_g, agree
    if name == "date":
        has_p = p is not None and p.extracted.occurred is not None
        has_g = g is not None and bool(g.get("date"))
        agree = has_p and has_g and p is not None and g is not None and date_matches(p.extracted, g)
        return has_p, has_g, agree
    if name == "location":
        # only a place at station precision is a claim to score: a region, line or district
        # for a text that names no station is right, not a false alarm
        has_p = (
            p is not None
            and p.location is not None
            and p.location.id is not None
            and p.location.precision in POINT_PRECISIONS
        )
        has_g = g is not None and _gold_has_location(g)
        agree = (
            has_p and has_g and p is not None and g is not None and location_matches(p.location, g)
        )
        return has_p, has_g, agree
    effect = p.extracted.effect if p is not None else None
    if convention == "real":
        effect = _REAL_EFFECT_OF.get(effect or "", effect)
    elif effect == "none":
        effect = None  # the project gold leaves "traffic not affected" empty
    has_p = effect is not None
    has_g = g is not None and bool(g.get("effect"))
    return has_p, has_g, has_p and has_g and g is not None and effect == g["effect"]


def real_stance(claim: Claim) -> str:
    """A claim's stance in the real-report gold's convention: a cause stated as fact is
    asserted; "attributes" is kept for a criminal case or other official classification."""
    if claim.stance == "attributes" and not is_case_classification(claim.sentence):
        return "asserts"
    return claim.stance


def _score_claims(
    p: Predicted | None,
    g: dict | None,
    tally: Tally,
    *,
    with_stance: bool = True,
    convention: str = "project",
    known_causes_only: bool = False,
) -> None:
    predicted = list(p.extracted.claims) if p else []
    gold = list(g.get("claims") or []) if g else []
    if known_causes_only:
        gold = [want for want in gold if _names_a_cause(want)]
    tally.predicted += len(predicted)
    tally.gold += len(gold)
    used = set()
    for claim in predicted:
        for gi, want in enumerate(gold):
            if gi in used:
                continue
            stance = real_stance(claim) if convention == "real" else claim.stance
            if (
                (stance == want.get("stance") or not with_stance)
                and _cause_matches(claim.cause, want)
                and any(
                    _claimant_matches(claim.claimant, name)
                    for name in _gold_claimants(want.get("claimant", ""))
                )
            ):
                used.add(gi)
                tally.tp += 1
                break


# --- the run --------------------------------------------------------------------------------


def evaluate_corpus(corpus: str | Path, network: Any, *, half: str = "all") -> Evaluation:
    """Read every report of the corpus (or of one half), extract, place, merge and score
    against the gold."""
    return evaluate_reports(read_corpus(corpus, half), network)


def evaluate_reports(items: list[GoldReport], network: Any) -> Evaluation:
    """Extract, place, merge and score already-loaded gold reports."""
    from railwatch.reports.text.ingest_text import ReportError

    result = Evaluation()
    names = ("detection", *ATTRIBUTES, "claims", "claims_loose", "claims_known_cause", "merge")
    metrics = {name: Tally() for name in names}
    result.metrics = metrics
    reports: list[Report] = []
    gold_items: list[tuple[str, int, dict]] = []  # (report id, gold index, gold incident)
    matched: dict[tuple[str, int], int] = {}  # (report id, gold index) -> predicted index
    for item in items:
        try:
            report = pipeline.read_and_extract(item.path, published=item.published)
        except ReportError as exc:
            result.failures.append(str(exc))
            continue
        result.reports += 1
        reports.append(report)
        predicted = [
            Predicted(p.report, p.index, p.extracted, p.location)
            for p in pipeline.place(report, network)
        ]
        gold = list(item.incidents)
        if not gold:
            result.non_incident_reports += 1
            result.non_incident_incidents += len(predicted)
        pairs = match_incidents(predicted, gold)
        background = {pi for pi, gi in pairs if gold[gi].get("role", "main") != "main"}
        pairs = [(pi, gi) for pi, gi in pairs if pi not in background]
        result.background_reported += len(background)
        mains = [gi for gi, g in enumerate(gold) if g.get("role", "main") == "main"]
        metrics["detection"].tp += len(pairs)
        metrics["detection"].predicted += len(predicted) - len(background)
        metrics["detection"].gold += len(mains)
        paired_p = {pi for pi, _ in pairs} | background
        paired_g = {gi for _, gi in pairs}
        rows: list[tuple[Predicted | None, dict | None]] = [
            (predicted[pi], gold[gi]) for pi, gi in pairs
        ]
        rows += [(predicted[pi], None) for pi in range(len(predicted)) if pi not in paired_p]
        rows += [(None, gold[gi]) for gi in mains if gi not in paired_g]
        for p, g in rows:
            for name in ATTRIBUTES:
                has_p, has_g, agree = _attribute(p, g, name, item.convention)
                metrics[name].predicted += has_p
                metrics[name].gold += has_g
                metrics[name].tp += agree
                if name == "location" and has_p and g is not None and not has_g:
                    result.location_without_gold_point += 1
            _score_claims(p, g, metrics["claims"], convention=item.convention)
            _score_claims(p, g, metrics["claims_loose"], with_stance=False)
            _score_claims(
                p,
                g,
                metrics["claims_known_cause"],
                convention=item.convention,
                known_causes_only=True,
            )
        result.errors.extend(_errors(item, rows))
        for gi in mains:
            gold_items.append((report.id, gi, gold[gi]))
        for pi, gi in pairs:
            matched[(report.id, gi)] = pi
    _score_merge(reports, network, gold_items, matched, metrics["merge"])
    return result


def _errors(item: GoldReport, rows: list[tuple[Predicted | None, dict | None]]) -> list[dict]:
    """What went wrong in one report, for a developer reading the dev half."""
    out = []
    for p, g in rows:
        wrong = [
            n
            for n in ATTRIBUTES
            if (lambda t: t[0] != t[2] or t[1] != t[2])(_attribute(p, g, n, item.convention))
        ]
        claims = Tally()
        _score_claims(p, g, claims, convention=item.convention)
        if claims.tp != claims.predicted or claims.tp != claims.gold:
            wrong.append("claims")
        if p is None or g is None or wrong:
            out.append(
                {
                    "file": item.path.name,
                    "problem": "missed" if p is None else "spurious" if g is None else "wrong",
                    "attributes": wrong,
                    "predicted": None
                    if p is None
                    else {
                        "type": p.extracted.type,
                        "date": str(p.extracted.occurred.start) if p.extracted.occurred else None,
                        "location": p.location.name if p.location else None,
                        "precision": p.location.precision if p.location else None,
                        "effect": p.extracted.effect,
                        "claims": [(c.claimant, c.stance, c.cause) for c in p.extracted.claims],
                    },
                    "gold": None
                    if g is None
                    else {k: g.get(k) for k in ("event", "type", "date", "effect", "claims")},
                }
            )
    return out


def _score_merge(
    reports: list[Report],
    network: Any,
    gold_items: list[tuple[str, int, dict]],
    matched: dict[tuple[str, int], int],
    tally: Tally,
) -> None:
    incident_of: dict[tuple[str, int], str] = {}
    for incident in pipeline.merge(reports, network):
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
