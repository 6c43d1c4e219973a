"""The store's tables (SQLAlchemy Core): reports, their placed incidents, incidents, claims,
places, closures, review actions.

Nothing a user or an ingest wrote is ever deleted: incidents merged away keep their row with
status "merged", claims belong to the report that made them, and every review is a row in
`review_actions` with the incident before and after.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the cleaned text: idempotency
    Column("text", Text, nullable=False),
    Column("language", String(16), nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("published_at", Date),
    Column("published_method", String(32), nullable=False, default=""),
    Column("path", Text),
    Column("extracted", JSON, nullable=False),  # the report's ExtractedIncidents as dicts
    Column("added_at", DateTime(timezone=True), nullable=False),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("status", String(16), nullable=False, default="unreviewed"),
    Column("merged_into", String(32)),
    Column("origin", String(16), nullable=False),  # ingest | split | legacy | import
    Column("type", String(32), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("lat", Float),
    Column("lon", Float),
    Column("location_kind", String(16)),
    Column("location_id", Text),
    Column("precision", String(16)),
    Column("lines", Text, nullable=False, default=""),  # "\n"-joined, for --line
    Column("effect", String(32)),
    Column("restored_at", Date),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("corrections", JSON, nullable=False),  # reviewed values that win over merging
    Column("payload", JSON, nullable=False),  # the Incident as shown (corrections applied)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "status"),
    Index(None, "date_start"),
    Index(None, "type"),
    Index(None, "lat", "lon"),
)

# One extracted incident of one report, placed on the network, and the incident it is in.
items = Table(
    "items",
    metadata,
    Column("report_id", String(64), ForeignKey("reports.id"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("incident_id", String(32), ForeignKey("incidents.id"), nullable=False),
    Column("type", String(32), nullable=False),
    Column("is_restoration", Boolean, nullable=False),
    Column("span_start", Date),  # merge.date_span: NULL means any date may merge
    Column("span_end", Date),
    Column("wide", Boolean, nullable=False),  # span longer than WIDE_DAYS: searched apart
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", String(16)),
    Column("lines", Text, nullable=False, default=""),
    Column("extracted", JSON, nullable=False),
    Column("location", JSON),
    Column("rule", Text, nullable=False),  # how it joined its incident ("first" for the creator)
    Column("score", Float, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Index(None, "incident_id"),
    Index(None, "is_restoration", "wide", "span_start"),
)

claims = Table(
    "claims",
    metadata,
    Column("report_id", String(64), primary_key=True),
    Column("idx", Integer, primary_key=True),  # the item's index in its report
    Column("claim_idx", Integer, primary_key=True),
    Column("claimant", Text, nullable=False),
    Column("stance", String(16), nullable=False),
    Column("cause", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("claimant_text", Text, nullable=False, default=""),
)

places = Table(
    "places",
    metadata,
    Column("key", String(64), primary_key=True),  # hash of the location record
    Column("kind", String(16), nullable=False),
    Column("feature_id", Text),
    Column("name", Text, nullable=False),
    Column("precision", String(16), nullable=False),
    Column("lat", Float),
    Column("lon", Float),
)

closures = Table(
    "closures",
    metadata,
    Column("incident_id", String(32), ForeignKey("incidents.id"), primary_key=True),
    Column("feature_kind", String(16), nullable=False),  # section | structure | node
    Column("feature_id", Text, nullable=False),
    Column("capacity_left", Float, nullable=False),  # 0 = blocked
    Column("start", Date),
    Column("end", Date),  # restoration; NULL = still closed
    Column("active", Boolean, nullable=False),  # false once the incident is rejected or merged
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

review_actions = Table(
    "review_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", String(32), nullable=False),
    Column("action", String(32), nullable=False),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Index(None, "incident_id"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)
