"""`railwatch impact` and `railwatch criticality` as a user runs them."""

import json
from pathlib import Path

from click.testing import CliRunner

from railwatch.cli import _register, cli

_register()


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_impact_table_and_json():
    res = run("impact", "--close", "bam:severomuysky_tunnel", "--from", "tayshet", "--to", "vanino")
    assert res.exit_code == 0
    assert "Capacity" in res.output and "bottleneck" in res.output
    assert "Severomuysky" in res.output
    res = run(
        "impact",
        "--close",
        "bam:severomuysky_tunnel",
        "--close",
        "bam:itykit-okusikan:bypass",
        "--from",
        "tayshet",
        "--to",
        "vanino",
        "--json",
    )
    data = json.loads(res.output)
    assert data["capacity"]["before"] >= data["capacity"]["after"]
    (route,) = data["reroutes"]
    assert route["reachable"] and route["detour_km"] > 400
    assert {c["id"] for c in data["closures"]} == {
        "bam:severomuysky_tunnel",
        "bam:itykit-okusikan:bypass",
    }


def test_impact_no_route_is_said_plainly():
    res = run("impact", "--close", "kp:friendship_bridge", "--from", "rajin", "--to", "moscow")
    assert res.exit_code == 0 and "no route" in res.output


def test_impact_bad_id_exits_2_with_suggestion():
    res = CliRunner().invoke(
        cli, ["impact", "--close", "bam:severomuysky_tunel", "--from", "khasan", "--to", "moscow"]
    )
    assert res.exit_code == 2
    assert "did you mean 'bam:severomuysky_tunnel'" in res.output
    res = CliRunner().invoke(
        cli, ["impact", "--close", "kp:friendship_bridge", "--from", "kasan", "--to", "moscow"]
    )
    assert res.exit_code == 2 and "'khasan'" in res.output


def test_criticality_json_rows(tmp_path):
    demand = tmp_path / "d.csv"
    demand.write_text("origin,destination,trains_per_day\ntayshet,vanino,8\nzabaikalsk,moscow,12\n")
    res = run(
        "criticality",
        "--demand",
        str(demand),
        "--top",
        "5",
        "--n2",
        "3",
        "--rank-by",
        "detour_train_km_per_day",
        "--metrics",
        "all",
        "--workers",
        "1",
        "--json",
    )
    data = json.loads(res.output)
    assert data["rank_by"] == "detour_train_km_per_day"
    assert [r["rank"] for r in data["rows"]] == [1, 2, 3, 4, 5]
    for row in data["rows"]:
        assert {
            "id",
            "kind",
            "line",
            "capacity_lost",
            "unmet_trains_per_day",
            "detour_train_km_per_day",
            "disconnected_trains_per_day",
        } <= set(row)
        if row["kind"] == "section":
            assert row["structure_kind"] is None
    pair = {frozenset((r["first"], r["second"])): r for r in data["n2"]}
    tb = pair[frozenset(("bam:itykit-okusikan:tunnel", "bam:itykit-okusikan:bypass"))]
    assert tb["fail_together"] and tb["excess"] > 0


def test_criticality_structure_rows_name_their_kind():
    from railwatch.impact.criticality import criticality
    from railwatch.impact.demand import read_demand
    from railwatch.network import default_network

    net = default_network()
    demand = read_demand(Path(__file__).parents[1] / "examples" / "demand.csv", net)
    table = criticality(net, demand, workers=1).table.set_index("id")
    assert table.loc["bam:severomuysky_tunnel", "kind"] == "structure"
    assert table.loc["bam:severomuysky_tunnel", "structure_kind"] == "tunnel"
    assert table.loc["bam:devils_bridge", "structure_kind"] == "viaduct"
    assert table.loc["bam:itykit-okusikan:tunnel", "structure_kind"] is None


def test_criticality_table_and_bad_demand(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("origin,destination,trains_per_day\nkhasan,tikhoretsk,2\n")
    res = run("criticality", "--demand", str(good), "--top", "3", "--workers", "1")
    assert res.exit_code == 0 and "N-1 criticality" in res.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "origin,destination,trains_per_day\nkhasan,tikhorets,2\nkhasan,moscow,-1\n"
        "khasan,moscow,lots\n"
    )
    res = CliRunner().invoke(cli, ["criticality", "--demand", str(bad)])
    assert res.exit_code == 2
    assert "line 2: destination" in res.output and "'tikhoretsk'" in res.output
    assert "line 3: trains_per_day" in res.output and "line 4: trains_per_day" in res.output


def test_demo_step_writes_json(tmp_path):
    from rich.console import Console

    from railwatch.cli.impact_cmd import demo_step

    console = Console(record=True, width=120)
    demo_step(console, tmp_path)
    text = console.export_text()
    assert "khasan → tikhoretsk" in text and "zabaikalsk → moscow" in text
    steps = json.loads((tmp_path / "impact_demo.json").read_text())
    assert len(steps) == 2


def test_criticality_default_metrics_skip_the_lp(tmp_path):
    demand = tmp_path / "d.csv"
    demand.write_text("origin,destination,trains_per_day\ntayshet,vanino,8\n")
    data = json.loads(run("criticality", "--demand", str(demand), "--json").output)
    assert data["metrics"] == ["capacity_lost", "detour_train_km_per_day"]
    assert data["rank_by"] == "capacity_lost"
    assert "unmet_trains_per_day" not in data["rows"][0]
    data = json.loads(
        run(
            "criticality", "--demand", str(demand), "--rank-by", "unmet_trains_per_day", "--json"
        ).output
    )
    assert "unmet_trains_per_day" in data["metrics"] and "unmet_trains_per_day" in data["rows"][0]
    res = CliRunner().invoke(cli, ["criticality", "--demand", str(demand), "--metrics", "speed"])
    assert res.exit_code == 2 and "unknown metric" in res.output


def test_criticality_json_is_clean_in_a_real_process(tmp_path):
    """The LP runs (unmet demand) and nothing but JSON reaches stdout (no solver banner)."""
    import subprocess
    import sys

    demand = tmp_path / "d.csv"
    demand.write_text("origin,destination,trains_per_day\ntayshet,vanino,8\nkhasan,moscow,3\n")
    out = subprocess.run(
        [sys.executable, "-c", "from railwatch.cli import main; main()"]
        + ["criticality", "--demand", str(demand)]
        + ["--metrics", "all", "--n2", "2", "--workers", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["rank_by"] == "unmet_trains_per_day" and data["rows"]


def test_criticality_gis_layers(tmp_path):
    import pyogrio

    from railwatch.network import default_network

    net = default_network()
    demand = tmp_path / "d.csv"
    demand.write_text("origin,destination,trains_per_day\ntayshet,vanino,8\n")
    for fmt in ("geojson", "gpkg"):
        target = tmp_path / f"crit.{fmt}"
        res = run("criticality", "--demand", str(demand), "--format", fmt, "-o", str(target))
        assert res.exit_code == 0, res.output
        layer = pyogrio.read_dataframe(target)
        assert len(layer) == len(net.sections)
        assert set(layer["id"]) == set(net.sections.index)
        assert {"capacity_lost", "detour_train_km_per_day", "rank", "geometry"} <= set(layer)
        row = layer.set_index("id").loc["bam:itykit-okusikan:tunnel"]
        assert row["detour_train_km_per_day"] > 0 and "bam:severomuysky_tunnel" in row["structures"]
        assert layer.geometry.geom_type.eq("LineString").all()
        assert sorted(layer["rank"]) == list(range(1, len(net.sections) + 1))
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    res = CliRunner().invoke(cli, ["criticality", "--demand", str(demand), "--format", "gpkg"])
    assert res.exit_code == 2 and "go together" in res.output
