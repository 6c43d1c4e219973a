"""An incident id is a closure: `--close INCIDENT_ID` closes what the incident is placed on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from railwatch.impact.closures import parse_closure
from railwatch.network import default_network
from railwatch.store import open_store

RAILWATCH = str(Path(sys.executable).parent / "railwatch")
# our own sample text, written for this test
REPORT = (
    "Fire stops trains in the Severomuysky tunnel\n\n"
    "A tank car carrying diesel burned inside the Severomuysky tunnel on the Baikal-Amur "
    "Mainline on 29 November 2023, the operator said. Trains through the tunnel were halted "
    "and sent over the bypass.\n"
)


def run(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "RAILWATCH_DATA_DIR": str(data)}
    return subprocess.run([RAILWATCH, *args], capture_output=True, text=True, env=env, check=False)


def test_impact_closes_the_structure_an_incident_is_placed_on(tmp_path, monkeypatch):
    report = tmp_path / "fire.txt"
    report.write_text(REPORT, encoding="utf-8")
    data = tmp_path / "data"
    assert run("ingest", str(report), "--published", "2023-11-30", data=data).returncode == 0
    incidents = json.loads(run("incidents", "--json", data=data).stdout)
    assert incidents[0]["location_id"] == "bam:severomuysky_tunnel"
    incident = incidents[0]["id"]
    result = run(
        "impact", "--close", incident, "--from", "severobaikalsk", "--to", "taksimo", "--json",
        data=data,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    closures = json.loads(result.stdout)["closures"]
    assert [(c["id"], c["kind"]) for c in closures] == [("bam:severomuysky_tunnel", "structure")]
    # an incident id keeps the share syntax
    store = open_store(data_dir=data)
    monkeypatch.setenv("RAILWATCH_DATA_DIR", str(data))
    monkeypatch.delenv("RAILWATCH_DATABASE_URL", raising=False)
    assert parse_closure(f"{incident}:0.5", default_network()).remaining == 0.5
    with pytest.raises(ValueError, match="unknown incident id 'inc-000000000000'"):
        from railwatch.impact.closures import incident_target

        incident_target("inc-000000000000", default_network(), store)
    store.close()
