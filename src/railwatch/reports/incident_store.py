"""The user's data directory, and the JSON incident file of railwatch 0.1 (read-only).

Reports and incidents now live in the database store (`railwatch.store`), which imports a
`reports.json` it finds in the data directory once, the first time it opens there. This
module keeps what both need: where the data directory is (platformdirs; ``--data-dir`` or
``RAILWATCH_DATA_DIR`` override it), atomic file writes, and a reader for the old file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

from railwatch.reports.codec import incident_from, report_from
from railwatch.reports.model import Incident, Report

STORE_FILE = "reports.json"
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
    """Write `text` to `path` atomically; StoreError (one line, old file intact) on failure."""
    from railwatch.atomic import WriteError, write_text_atomic

    try:
        write_text_atomic(path, text)
    except WriteError as exc:
        raise StoreError(str(exc)) from None


class LegacyIncidentFile:
    """Read a railwatch 0.1 `reports.json` (reports and the incidents merged from them)."""

    def __init__(self, path: str | os.PathLike):
        path = Path(path)
        self.file = path / STORE_FILE if path.is_dir() else path

    def _load(self) -> dict:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{self.file}: cannot read the incident file: {exc}") from exc
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise StoreError(
                f"{self.file}: expected an incident file of format version {FORMAT_VERSION}"
            )
        return data

    def reports(self) -> list[Report]:
        return [report_from(item) for item in self._load()["reports"]]

    def incidents(self) -> list[Incident]:
        return [incident_from(item) for item in self._load().get("incidents", [])]
