"""`railwatch incidents` filters, `railwatch review ...` and `railwatch db ...` as a user runs
them; `--json` through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from railwatch.cli import _register, cli
from reportnet import bam_fc

_register()

TEXTS = {
    "tunnel.txt": "Published: 30 November 2023\n\nAn explosion hit a fuel train in the "
    "Severomuysky tunnel on 29 November 2023. Traffic was suspended.\n",
    "taksimo.txt": "Published: 11 January 2024\n\nA freight train derailed near Taksimo on "
    "10 January 2024, the railway said.\n",
    "chita.txt": "Published: 6 March 2024\n\nA fire broke out on a freight train at Chita "
    "station on 5 March 2024.\n",
}


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def filled(tmp_path, monkeypatch):
    """A SQLite store in tmp_path/data with three incidents; returns (options, ids by file)."""
    monkeypatch.delenv("RAILWATCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("RAILWATCH_REVIEWER", "tester")
    monkeypatch.setenv("COLUMNS", "200")
    network = tmp_path / "net.geojson"
    network.write_text(json.dumps(bam_fc()), encoding="utf-8")
    ids = {}
    data = ["--data-dir", str(tmp_path / "data")]
    for name, text in TEXTS.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run("ingest", str(path), "--network", str(network), *data, "--json")
        assert result.exit_code == 0, result.output
        (incident,) = json.loads(result.output)["incidents"]
        ids[name] = incident["id"]
    return data, str(network), ids


def listed(*args: str) -> list[str]:
    result = run("incidents", *args, "--json")
    assert result.exit_code == 0, result.output
    return [record["id"] for record in json.loads(result.output)]


def test_incident_filters_on_the_command_line(filled):
    data, network, ids = filled
    tunnel, taksimo, chita = ids["tunnel.txt"], ids["taksimo.txt"], ids["chita.txt"]
    assert listed(*data) == [tunnel, taksimo, chita]
    assert listed(*data, "--sort", "-date") == [chita, taksimo, tunnel]
    assert listed(*data, "--since", "2024-01-01") == [taksimo, chita]
    assert listed(*data, "--until", "2023-12-31") == [tunnel]
    assert listed(*data, "--type", "derailment") == [taksimo]
    assert listed(*data, "--line", "bam") == [tunnel, taksimo]
    assert listed(*data, "--line", "Trans-Siberian") == [chita]
    assert listed(*data, "--near", "Taksimo", "--km", "20", "--network", network) == [taksimo]
    assert listed(*data, "--near", "114.9,56.3", "--km", "120") == [tunnel, taksimo]
    assert listed(*data, "--bbox", "107,51,115,53") == [chita]
    assert listed(*data, "--status", "confirmed") == []
    assert listed(*data, "--limit", "1") == [tunnel]
    bad = run("incidents", *data, "--bbox", "1,2,3")
    assert bad.exit_code == 2 and "WEST,SOUTH,EAST,NORTH" in bad.output
    bad = run("incidents", *data, "--since", "2024-02-01", "--until", "2024-01-01")
    assert bad.exit_code == 2 and "after until" in bad.output
    bad = run("incidents", *data, "--near", "Atlantis", "--network", network)
    assert bad.exit_code == 2 and "Atlantis" in bad.output


def test_review_commands_change_and_audit(filled):
    data, network, ids = filled
    tunnel, taksimo, chita = ids["tunnel.txt"], ids["taksimo.txt"], ids["chita.txt"]
    assert run("review", "confirm", tunnel, *data, "--note", "seen twice").exit_code == 0
    assert listed(*data, "--status", "confirmed") == [tunnel]
    result = run(
        "review", "correct", chita, "--type", "arson", "--place", "Karymskaya",
        "--network", network, "--start", "2024-03-04", *data, "--json", "--who", "ann",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (record,) = json.loads(result.output)
    assert (record["type"], record["location_id"], record["date_start"]) == (
        "arson", "karymskaya", "2024-03-04"
    )  # fmt: skip
    assert run("review", "restoration", tunnel, "2023-12-02", *data).exit_code == 0
    merged = run("review", "merge", tunnel, taksimo, *data, "--json")
    assert [r["status"] for r in json.loads(merged.output)] == ["confirmed", "merged"]
    assert listed(*data, "--status", "merged") == [taksimo]
    report_id = json.loads(merged.output)[1]["reports"][0]
    split = run("review", "split", tunnel, report_id[:12], *data, "--json")
    assert split.exit_code == 0, split.output
    assert json.loads(split.output)[1]["reports"] == [report_id]
    history = json.loads(run("review", "history", tunnel, *data, "--json").output)
    assert [(h["action"], h["who"]) for h in history] == [
        ("confirm", "tester"),
        ("restoration", "tester"),
        ("merge", "tester"),
        ("split", "tester"),
    ]
    assert history[0]["fields"] == {"note": "seen twice"}
    assert history[1]["after"]["restored_at"]["start"] == "2023-12-02"
    table = run("review", "history", chita, *data)  # COLUMNS=200: rich keeps lines whole
    assert "ann" in table.output and "type: fire -> arson" in table.output
    bad = run("review", "correct", tunnel, "--type", "meteor", *data)
    assert bad.exit_code == 2 and "type must be one of" in bad.output
    bad = run("review", "confirm", "inc-missing", *data)
    assert bad.exit_code == 2 and "no incident 'inc-missing'" in bad.output


def test_db_commands(filled, tmp_path):
    data, _, ids = filled
    upgraded = run("db", "upgrade", *data)
    assert upgraded.exit_code == 0 and "revision 0001" in upgraded.output
    assert run("review", "reject", ids["chita.txt"], *data).exit_code == 0
    out = tmp_path / "export.json"
    assert run("db", "export", *data, "-o", str(out)).exit_code == 0
    other = ["--data-dir", str(tmp_path / "other")]
    imported = run("db", "import", str(out), *other)
    assert imported.exit_code == 0 and "3 reports" in imported.output
    assert listed(*other, "--status", "rejected") == [ids["chita.txt"]]
    info = json.loads(run("db", "info", *other).output)
    assert info["reports"] == 3 and info["incidents_by_status"]["rejected"] == 1
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    bad = run("db", "import", str(tmp_path / "bad.json"), *other)
    assert bad.exit_code == 1 and "bad.json" in bad.output


def test_unsupported_database_url_is_named(tmp_path):
    result = run("incidents", "--db", "mysql://user:secret@host/db")
    assert result.exit_code == 1
    assert "unsupported database URL" in result.output and "secret" not in result.output


def test_incidents_json_as_a_subprocess(filled):
    data, _, ids = filled
    command = [sys.executable, "-m", "railwatch", "incidents", *data, "--type", "fire", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)
    assert record["id"] == ids["chita.txt"] and record["status"] == "unreviewed"
    assert record["lines"] and record["sources"][0]["report"] == record["reports"][0]


def test_cli_imports_without_fcntl(tmp_path):
    """Windows has no fcntl: the command line must not need it."""
    code = (
        "import sys; sys.modules['fcntl'] = None\n"
        "from railwatch.cli import _register, cli; _register()\n"
        "from railwatch.store import open_store\n"
        f"open_store(data_dir={str(tmp_path)!r}).close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
