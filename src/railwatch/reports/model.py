"""The nouns of report processing: what a report says and the incidents built from reports.

Extraction (ingest_text, extract) fills `Report` and `ExtractedIncident`; linking and merging
turn those into `Incident` with a network `Location`.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DateValue:
    """A possibly imprecise date: the event happened some time between `start` and `end`."""

    start: date  # first day the event may have happened
    end: date  # last day (== start for precision "day"; night-of forms span two days)
    precision: str  # "day" | "night" | "week" | "month" | "year"
    method: str  # "explicit" | "relative_to_publication" | "publication_fallback"
    text: str  # the words it came from ("в ночь на 30 ноября", "on Wednesday night")


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a report, before it is resolved against the network."""

    text: str  # surface form ("в Северомуйском тоннеле" -> "Северомуйском тоннеле")
    normalized: str  # lemmatized, lowercase ("северомуйский тоннель")
    kind_hint: str  # structure | section | station | settlement | district | region | line | country | unknown
    sentence: str  # the sentence it came from


@dataclass(frozen=True)
class Claim:
    """Who says what about the cause of an incident."""

    claimant: str  # "Russian Railways", "SBU", "Baza", "a Kyiv source", "investigators", ...
    stance: str  # "asserts" | "denies" | "attributes" | "speculates"
    cause: (
        str  # "sabotage", "terrorist_attack", "short_circuit", "accident", "drone", "unknown", ...
    )
    sentence: str  # the sentence it came from (untrusted text: escape when shown)
    report_id: str = ""  # set when claims from several reports are gathered into one incident
    claimant_text: str = ""  # the words that named the claimant ("Следственный комитет", "СК")


@dataclass(frozen=True)
class Quantity:
    """A counted or measured amount, kept as a range when reports disagree or hedge."""

    kind: str  # "wagons" | "tank_cars" | "tanks_burned" | "spill_area_m2" | "spill_tonnes" | ...
    low: float
    best: float
    high: float
    text: str


@dataclass
class ExtractedIncident:
    """One incident as one report describes it."""

    type: str  # explosion | derailment | fire | collision | drone_strike | arson | blockage | other
    occurred: DateValue | None
    places: list[PlaceMention]
    effect: (
        str | None
    )  # blocked_both | blocked_one | suspended | delayed | reduced | resumed | none | None
    quantities: list[Quantity] = field(default_factory=list)
    casualties: dict[str, int] = field(default_factory=dict)  # {"killed": 0, "injured": 2}
    claims: list[Claim] = field(default_factory=list)
    restored_at: DateValue | None = None  # when the text says traffic resumed
    evidence: list[str] = field(default_factory=list)  # sentences that triggered detection


@dataclass
class Report:
    """One article or post: cleaned text, metadata and the incidents found in it."""

    id: str  # sha256 of the cleaned text (full hex)
    text: str  # cleaned text (furniture stripped)
    language: str  # "en" | "ru" | other ISO code
    url: str | None
    outlet: str | None
    published_at: date | None
    published_method: str  # "byline" | "metadata" | "argument" | "url" | "file_mtime"
    path: str | None  # where it was read from
    incidents: list[ExtractedIncident] = field(default_factory=list)
    attribution: str | None = None  # the source a "Source: X" line in the body names
    forwarded_from: str | None = None  # a channel post forwarded from another channel


@dataclass
class Location:
    """Where an incident sits on the network, and how precisely."""

    kind: str  # "structure" | "section" | "node" | "point"
    id: str | None  # network id for structure/section/node
    lat: float | None
    lon: float | None
    precision: str  # structure | section | near_node | district | region | line | country
    name: str  # display name
    via: str  # how it was resolved ("alias 'Северомуйский тоннель'", "snapped 4.2 km to bam:...")


@dataclass
class Incident:
    """A real-world incident merged from one or more reports, with provenance."""

    id: str  # stable: derived from the first report id + index
    type: str
    occurred: DateValue | None
    location: Location | None
    effect: str | None
    quantities: list[Quantity]
    casualties: dict[str, int]
    claims: list[Claim]  # all claims from all reports, side by side, each tagged with report_id
    restored_at: DateValue | None
    reports: list[str]  # report ids it was built from
    merge: list[dict]  # [{"report": id, "rule": "...", "score": 0.87}] how each report joined
    confidence: float
    # set by the store (railwatch.store); merging alone leaves the defaults
    status: str = "unreviewed"  # unreviewed | confirmed | rejected | merged (into `merged_into`)
    lines: list[str] = field(default_factory=list)  # network lines the incident lies on
    merged_into: str | None = None
