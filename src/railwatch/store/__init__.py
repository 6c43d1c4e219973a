"""The database store: reports, incidents, claims, places, closures, reviews and their audit.

SQLite by default (``railwatch.sqlite`` in the user data directory), PostgreSQL when
``RAILWATCH_DATABASE_URL`` (or the `url` argument) names one. Migrations (Alembic) ship with
the package and run on open. Ingest is one transaction per report, idempotent by the
report's content hash, and safe with concurrent writers; its cost depends on the reports near
the new one in time and place, not on the size of the store.

    from railwatch.store import open_store, IncidentFilter
    store = open_store()
    store.ingest(reports, network=net)
    store.incidents(IncidentFilter(type="explosion", line="BAM", sort="-date"))
    store.review(incident_id, "confirm", who="analyst")
"""

from railwatch.store.engine import URL_ENV, StoreError
from railwatch.store.filters import SORTS, STATUSES, FilterError, IncidentFilter
from railwatch.store.ingest import IngestResult
from railwatch.store.review import ACTIONS, AuditEntry, ReviewError
from railwatch.store.store import IncidentDetail, Store, open_store
from railwatch.store.transfer import ImportError_ as StoreImportError

__all__ = [
    "ACTIONS",
    "SORTS",
    "STATUSES",
    "URL_ENV",
    "AuditEntry",
    "FilterError",
    "IncidentDetail",
    "IncidentFilter",
    "IngestResult",
    "ReviewError",
    "Store",
    "StoreError",
    "StoreImportError",
    "open_store",
]
