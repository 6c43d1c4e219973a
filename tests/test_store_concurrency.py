"""Ten `railwatch ingest` processes into one database at once, on SQLite and PostgreSQL:
every report sent is stored once, none twice, and reports of one event sent by different
processes end in one incident (writers take turns between reading candidates and writing)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest

from railwatch.store import IncidentFilter, open_store
from reportnet import bam_fc
from storefixtures import backend_url

PROCESSES = 10
UNIQUE_PER_PROCESS = 3
SHARED = (
    "Published: 2 August 2024\n\n"
    "A freight train derailed near Severobaikalsk on 1 August 2024, the railway said.\n"
)


def _texts(process: int) -> dict[str, str]:
    texts = {}
    for k in range(UNIQUE_PER_PROCESS):
        # five days apart: beyond the merge window, so each is its own incident
        when = date(2024, 1, 1) + timedelta(days=5 * (process * UNIQUE_PER_PROCESS + k))
        texts[f"derail-{k}.txt"] = (
            f"Published: {when + timedelta(days=1):%d %B %Y}\n\n"
            f"A freight train derailed near Taksimo on {when.day} {when:%B %Y}, "
            f"the railway said (desk {process}).\n"
        )
    texts["shared.txt"] = SHARED
    texts["tunnel.txt"] = (
        "Published: 30 November 2023\n\n"
        "An explosion hit a fuel train in the Severomuysky tunnel on 29 November 2023. "
        f"Traffic was suspended, desk {process} reports.\n"
    )
    return texts


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ten_concurrent_ingests_lose_nothing_and_duplicate_nothing(backend, tmp_path):
    network = tmp_path / "net.geojson"
    network.write_text(json.dumps(bam_fc()), encoding="utf-8")
    with backend_url(backend, tmp_path) as url:
        open_store(url, data_dir=tmp_path).close()  # create the schema before the race
        procs = []
        for p in range(PROCESSES):
            folder = tmp_path / f"p{p}"
            folder.mkdir()
            for name, text in _texts(p).items():
                (folder / name).write_text(text, encoding="utf-8")
            command = [sys.executable, "-m", "railwatch", "ingest", str(folder), "--json"]
            command += ["--network", str(network), "--db", url, "--published", "2024-12-01"]
            procs.append(
                subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            )
        outputs = [proc.communicate(timeout=600) for proc in procs]
        for proc, (_, err) in zip(procs, outputs, strict=True):
            assert proc.returncode == 0, err
        sent = set()
        for out, _ in outputs:
            payload = json.loads(out)
            assert [r["incidents"] for r in payload["read"]] == [1] * 5
            sent |= {r["report"] for r in payload["read"]}
        assert len(sent) == PROCESSES * (UNIQUE_PER_PROCESS + 1) + 1

        store = open_store(url, data_dir=tmp_path)
        try:
            stored = store.reports()
            assert sorted(r.id for r in stored) == sorted(sent)  # stored = sent, no duplicates
            incidents = store.incidents(IncidentFilter(status=None))
            members = [rid for inc in incidents for rid in inc.reports]
            assert sorted(members) == sorted(sent)  # every report in exactly one incident
            tunnel = [i for i in incidents if i.location and i.location.kind == "structure"]
            assert len(tunnel) == 1 and len(tunnel[0].reports) == PROCESSES
            assert len(incidents) == PROCESSES * UNIQUE_PER_PROCESS + 2
        finally:
            store.close()
