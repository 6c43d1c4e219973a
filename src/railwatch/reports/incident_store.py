"""Where ingested reports and the incidents merged from them live between runs.

Until the database store (railwatch.store) takes over, everything sits in one JSON file,
``reports.json``, in the user's data directory (platformdirs; ``--data-dir`` or the
``RAILWATCH_DATA_DIR`` environment variable override it). One file means one atomic write:
a run either stores all it added or leaves the previous file untouched.

The interface is deliberately small so the database store can replace it:
``IncidentStore(path).add_reports(reports, network)``, ``.reports()``, ``.incidents()``.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from railwatch.reports.codec import incident_from, report_from, to_dict
from railwatch.reports.model import Incident, Report

STORE_FILE = "reports.json"
LOCK_FILE = ".reports.lock"
FORMAT_VERSION = 1
ENV_VAR = "RAILWATCH_DATA_DIR"


class StoreError(RuntimeError):
    """The store file cannot be read (names the file and what is wrong)."""


def default_data_dir() -> Path:
    """$RAILWATCH_DATA_DIR if set, else the platform's user data directory for railwatch."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("railwatch", appauthor=False))


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same directory and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class IncidentStore:
    """Reports and incidents kept in one JSON file under a data directory."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.directory = Path(path) if path is not None else default_data_dir()
        self.file = self.directory / STORE_FILE

    def _load(self) -> dict:
        if not self.file.exists():
            return {"version": FORMAT_VERSION, "reports": [], "incidents": []}
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.file}: cannot read the incident store: {exc}") from exc
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise StoreError(
                f"{self.file}: expected an incident store of format version {FORMAT_VERSION}"
            )
        return data

    def reports(self) -> list[Report]:
        """Every stored report, in the order they were first added."""
        return [report_from(item) for item in self._load()["reports"]]

    def incidents(self) -> list[Incident]:
        """The incidents merged from all stored reports at the last write."""
        return [incident_from(item) for item in self._load()["incidents"]]

    def add_reports(self, reports: list[Report], network: Any = None) -> list[str]:
        """Add reports not stored yet, re-merge all incidents, write once; return new ids.

        Adding a report that is already stored (same content hash) changes nothing.
        `network` defaults to the embedded corridor.
        """
        if network is None:
            from railwatch.network import default_network

            network = default_network()

        with self._exclusive():
            return self._add_locked(reports, network)

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        # Two ingests at once would each read the old file and the later write would drop
        # the earlier one's reports: an advisory lock makes read-merge-write one step.
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / LOCK_FILE, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _add_locked(self, reports: list[Report], network: Any) -> list[str]:
        from railwatch.reports.merge import merge_reports

        data = self._load()
        stored = [report_from(item) for item in data["reports"]]
        known = {r.id for r in stored}
        new = []
        for report in reports:
            if report.id not in known:
                known.add(report.id)
                new.append(report)
        if not new and self.file.exists():
            return []
        everything = stored + new
        incidents = merge_reports(everything, network)
        payload = {
            "version": FORMAT_VERSION,
            "reports": [to_dict(r) for r in everything],
            "incidents": [to_dict(i) for i in incidents],
        }
        write_atomic(self.file, json.dumps(payload, ensure_ascii=False, indent=1))
        return [r.id for r in new]
