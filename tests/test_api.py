"""The REST API against a real uvicorn server on a loopback port, through a real HTTP client."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import httpx
import pytest

from railwatch.api import ApiSettings, create_app
from railwatch.api.server import ServerThread
from railwatch.impact import corridor_capacity
from railwatch.network import default_network
from railwatch.reports.text.ingest_text import read_report
from railwatch.store import open_store

EXAMPLES = (
    Path(__file__).resolve().parents[1] / "src" / "railwatch" / "reports" / "data" / "examples"
)
TOKEN = "test-token-7c1e"
PROBLEM = "application/problem+json"

# Written for these tests: a fire in the Kodar tunnel, two outlets, one of them with markup.
KODAR_EN = """Source: Test Wire
Published: 12 January 2024

A fire broke out in the Kodar tunnel on the Baikal-Amur Mainline on 11 January 2024, and
traffic was suspended in both directions. Local officials said the fire was caused by a
short circuit.
"""
KODAR_HTML = """<!doctype html><html><head><title>Kodar</title>
<meta property="og:site_name" content="Test Page"></head><body><article>
<p>Published: 13 January 2024</p>
<p>Rail traffic through the Kodar tunnel resumed on 14 January 2024 after the fire of
11 January, the railway said.</p><script>window.__xss = 1</script></article></body></html>
"""


@pytest.fixture(scope="module")
def network():
    return default_network()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, network) -> Path:
    directory = tmp_path_factory.mktemp("store")
    reports = [read_report(path) for path in sorted(EXAMPLES.glob("*.txt"))]
    store = open_store(data_dir=directory)
    store.ingest(reports, network=network)
    store.close()
    return directory


@pytest.fixture(scope="module")
def server(data_dir, tmp_path_factory):
    demand = tmp_path_factory.mktemp("demand") / "demand.csv"
    demand.write_text("origin,destination,trains_per_day\nseverobaikalsk,taksimo,30\n")
    app = create_app(ApiSettings(data_dir=data_dir, token=TOKEN, demand_path=str(demand)))
    with ServerThread(app) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as http:
        yield http


def auth(token: str = TOKEN) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


# ---- reading ------------------------------------------------------------------------------


def test_status_says_what_it_runs_on(client, data_dir):
    status = client.get("/api/status").json()
    assert status["read_only"] is False
    assert status["store"] == "database"
    assert status["store_location"] == str(data_dir / "railwatch.sqlite")
    assert status["can_review"] is True
    assert status["corridors"] == [{"origin": "severobaikalsk", "destination": "taksimo"}]


def test_network_is_the_geojson_of_the_network(client, network):
    response = client.get("/api/network")
    assert response.headers["content-type"].startswith("application/geo+json")
    fc = response.json()
    kinds = [f["properties"]["type"] for f in fc["features"]]
    assert kinds.count("section") == len(network.sections)
    assert kinds.count("structure") == len(network.structures)
    assert kinds.count("node") == len(network.nodes)


def test_incidents_as_geojson_json_and_csv_carry_the_same_incidents(client):
    fc = client.get("/api/incidents").json()
    assert fc["type"] == "FeatureCollection"
    ids = {f["properties"]["id"] for f in fc["features"]}
    assert len(ids) == 2
    records = client.get("/api/incidents", params={"format": "json"}).json()
    assert {r["id"] for r in records} == ids
    text = client.get("/api/incidents", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows} == ids
    tunnel = next(r for r in records if r["location_id"] == "bam:severomuysky_tunnel")
    assert tunnel["type"] == "fire"
    assert tunnel["line"] == "BAM (Severomuysky Tunnel route)"
    assert tunnel["status"] == "unreviewed"
    assert tunnel["contested"] is True  # sabotage asserted, short circuit attributed
    feature = next(f for f in fc["features"] if f["properties"]["id"] == tunnel["id"])
    assert feature["geometry"]["coordinates"] == [tunnel["lon"], tunnel["lat"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "fire"}, {"bam:severomuysky_tunnel"}),
        ({"since": "2023-11-30"}, {"bam:devils_bridge"}),
        ({"since": "2023-11-29"}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"since": "2023-12-02"}, set()),
        ({"until": "2023-11-29"}, {"bam:severomuysky_tunnel"}),
        ({"line": "bam"}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"line": "BAM (Severomuysky"}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"line": "Trans-Siberian"}, set()),
        ({"status": "unreviewed"}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"status": "confirmed"}, set()),
        ({"bbox": "113,56,114,57"}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"bbox": "30,50,40,60"}, set()),
        ({"near": "113.2,56.1", "km": 300}, {"bam:severomuysky_tunnel", "bam:devils_bridge"}),
        ({"near": "37.6,55.75", "km": 500}, set()),
    ],
)
def test_incident_filters(client, params, expected):
    records = client.get("/api/incidents", params={**params, "format": "json"}).json()
    assert {r["location_id"] for r in records} == expected


def test_sort_orders_by_date_both_ways(client):
    up = client.get("/api/incidents", params={"format": "json", "sort": "date"}).json()
    down = client.get("/api/incidents", params={"format": "json", "sort": "-date"}).json()
    assert [r["date_start"] for r in up] == sorted(r["date_start"] for r in up)
    assert [r["id"] for r in down] == [r["id"] for r in reversed(up)]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"bbox": "1,2,3"}, "4 numbers"),
        ({"bbox": "10,10,0,0"}, "swapped"),
        ({"near": "113,56"}, "km"),
        ({"km": "5"}, "near"),
        ({"since": "2023-12-05", "until": "2023-12-01"}, "after"),
        ({"since": "yesterday"}, "since"),
        ({"sort": "colour"}, "sort"),
        ({"bbox": "0,0,200,10"}, "longitude"),
        ({"format": "xml"}, "format"),
    ],
)
def test_bad_filters_are_problems_that_name_the_field(client, params, words):
    body = assert_problem(client.get("/api/incidents", params=params), 422)
    assert words in body["detail"]


def test_one_incident_has_its_reports_and_claims(client):
    records = client.get("/api/incidents", params={"format": "json", "type": "fire"}).json()
    detail = client.get(f"/api/incidents/{records[0]['id']}").json()
    assert len(detail["report_details"]) == len(detail["reports"]) >= 2
    assert all(r["text"] for r in detail["report_details"])
    causes = {c["cause"] for c in detail["claims"]}
    assert {"sabotage", "short_circuit"} <= causes
    assert assert_problem(client.get("/api/incidents/inc-nope"), 404)["detail"].startswith(
        "There is no incident 'inc-nope'"
    )


def test_unknown_paths_and_methods_are_problems(client):
    assert_problem(client.get("/api/nothing-here"), 404)
    assert_problem(client.delete("/api/incidents"), 405)


# ---- impact ---------------------------------------------------------------------------------


def test_impact_of_the_days_closures_matches_the_impact_engine(client, network):
    # 29 Nov: the tunnel fire only; 1 Dec: the tunnel and the Devil's Bridge on the bypass.
    one = client.get("/api/impact", params={"date": "2023-11-29"}).json()
    assert [c["target"] for c in one["closures"]] == ["bam:severomuysky_tunnel"]
    two = client.get("/api/impact", params={"date": "2023-12-01"}).json()
    assert [c["target"] for c in two["closures"]] == [
        "bam:devils_bridge",
        "bam:severomuysky_tunnel",
    ]
    # Known answers (README): 36 open, 21 without the tunnel, 16 without tunnel and bypass.
    before = corridor_capacity(network, "severobaikalsk", "taksimo").trains_per_day
    assert one["corridors"][0]["before"] == pytest.approx(before) == pytest.approx(36)
    assert one["corridors"][0]["after"] == pytest.approx(21)
    assert two["corridors"][0]["after"] == pytest.approx(16)
    assert two["corridors"][0]["lost"] == pytest.approx(20)
    # 30 trains/day wanted, 16 fit round by the Trans-Siberian: 14 unmet.
    assert two["unmet_trains_per_day"] == pytest.approx(14)
    assert two["reroutes"][0]["detour_km"] > 4000
    assert two["reroutes"][0]["new_sections"]
    # After traffic resumed in the tunnel (3 Dec) only the bridge is left closed.
    later = client.get("/api/closures", params={"date": "2023-12-05"}).json()
    assert [c["target"] for c in later["closures"]] == ["bam:devils_bridge"]


def test_criticality_ranks_sections_and_structures(client):
    rows = client.get("/api/criticality", params={"top": 5}).json()
    assert len(rows) == 5
    figures = [r["detour_train_km_per_day"] for r in rows]
    assert figures == sorted(figures, reverse=True)
    assert figures[0] > 0


def test_no_simulation_is_a_problem_that_says_how_to_get_one(client):
    body = assert_problem(client.get("/api/simulation"), 404)
    assert "demo --serve" in body["detail"]


# ---- writing ------------------------------------------------------------------------------


def test_writes_need_the_bearer_token(client):
    body = assert_problem(client.post("/api/reports", content=KODAR_EN), 401)
    assert "Bearer" in body["detail"]
    assert_problem(client.post("/api/reports", content=KODAR_EN, headers=auth("wrong")), 401)
    review = {"action": "confirm", "who": "x"}
    assert_problem(client.post("/api/incidents/any/review", json=review), 401)


def test_post_text_then_html_ingests_and_is_idempotent(client):
    headers = {**auth(), "Content-Type": "text/plain; charset=utf-8"}
    first = client.post("/api/reports", content=KODAR_EN.encode(), headers=headers)
    assert first.status_code == 201, first.text
    created = first.json()
    assert len(created["new_reports"]) == 1
    (incident,) = created["incidents"]
    assert incident["location_id"] == "bam:kodar_tunnel"
    assert incident["effect"] == "blocked_both"
    again = client.post("/api/reports", content=KODAR_EN.encode(), headers=headers).json()
    assert again["new_reports"] == [] and again["known_reports"] == created["new_reports"]
    html = client.post(
        "/api/reports", content=KODAR_HTML.encode(), headers={**auth(), "Content-Type": "text/html"}
    )
    assert html.status_code == 201, html.text
    kodar = client.get("/api/incidents", params={"format": "json", "bbox": "117,56,118,57"}).json()
    assert len(kodar) == 1 and len(kodar[0]["reports"]) == 2
    assert kodar[0]["restored_at"] is not None  # the page says traffic resumed
    detail = client.get(f"/api/incidents/{kodar[0]['id']}").json()
    assert all("window.__xss" not in r["text"] for r in detail["report_details"])


def test_post_a_telegram_export(client):
    export = {
        "name": "Test Rail Channel",
        "type": "public_channel",
        "messages": [
            {"id": 1, "type": "service", "date": "2024-02-01T09:00:00", "action": "create"},
            {
                "id": 2,
                "type": "message",
                "date": "2024-02-02T08:30:00",
                "text": [
                    "Explosion on the Dusse-Alin tunnel on the BAM on 1 February 2024, ",
                    {"type": "bold", "text": "traffic is suspended"},
                    " in both directions.",
                ],
            },
        ],
    }
    response = client.post("/api/reports", json=export, headers=auth())
    assert response.status_code == 201, response.text
    (incident,) = response.json()["incidents"]
    assert incident["type"] == "explosion"
    assert incident["sources"][0]["outlet"] == "Test Rail Channel"
    assert incident["sources"][0]["published"] == "2024-02-02"


@pytest.mark.parametrize(
    ("content", "kind", "status", "words"),
    [
        (b"%PDF-1.4 \x00\x00", "application/pdf", 415, "text/plain"),
        (b"{not json", "application/json", 422, "JSON"),
        (b'{"messages": "no"}', "application/json", 422, "messages"),
        (b'{"messages": [{"id": 1, "text": 5}]}', "application/json", 422, "messages[0].text"),
        (b"   \n  ", "text/plain", 422, "empty"),
    ],
)
def test_bad_bodies_are_problems(client, content, kind, status, words):
    response = client.post(
        "/api/reports", content=content, headers={**auth(), "Content-Type": kind}
    )
    assert words in assert_problem(response, status)["detail"]


def test_body_over_the_limit_is_refused_before_it_is_read(data_dir):
    app = create_app(ApiSettings(data_dir=data_dir, token=TOKEN, body_limit=4096))
    with ServerThread(app) as small, httpx.Client(base_url=small.url, timeout=30) as http:
        big = b"a line of a very long report\n" * 1000
        declared = http.post("/api/reports", content=big, headers=auth())
        assert "4,096 bytes" in assert_problem(declared, 413)["detail"]

        def stream():  # chunked: no Content-Length to check up front
            for _ in range(100):
                yield b"x" * 1000 + b"\n"

        chunked = http.post("/api/reports", content=stream(), headers=auth())
        assert_problem(chunked, 413)


def test_without_a_token_the_server_is_read_only(data_dir):
    app = create_app(ApiSettings(data_dir=data_dir, token=None))
    with ServerThread(app) as ro, httpx.Client(base_url=ro.url, timeout=30) as http:
        assert http.get("/api/status").json()["read_only"] is True
        assert http.get("/api/incidents").status_code == 200
        body = assert_problem(http.post("/api/reports", content=KODAR_EN, headers=auth()), 403)
        assert "RAILWATCH_API_TOKEN" in body["detail"]


def test_review_is_stored_and_audited_and_moves_the_closures(data_dir):
    # A store of its own: reviews change what the other tests read.
    directory = data_dir.parent / "review-store"
    store = open_store(data_dir=directory)
    store.ingest(
        [read_report(p) for p in sorted(EXAMPLES.glob("*.txt"))], network=default_network()
    )
    store.close()
    app = create_app(ApiSettings(data_dir=directory, token=TOKEN))
    with ServerThread(app) as running, httpx.Client(base_url=running.url, timeout=60) as http:
        records = http.get("/api/incidents", params={"format": "json"}).json()
        bridge = next(r for r in records if r["location_id"] == "bam:devils_bridge")
        tunnel = next(r for r in records if r["location_id"] == "bam:severomuysky_tunnel")
        url = f"/api/incidents/{bridge['id']}/review"

        done = http.post(url, json={"action": "confirm", "who": "ana"}, headers=auth())
        assert done.status_code == 200, done.text
        assert done.json()["changed"][0]["status"] == "confirmed"
        confirmed = http.get("/api/incidents", params={"format": "json", "status": "confirmed"})
        assert [r["id"] for r in confirmed.json()] == [bridge["id"]]

        fix = {"action": "correct", "who": "ben", "fields": {"type": "arson"}}
        assert http.post(url, json=fix, headers=auth()).json()["changed"][0]["type"] == "arson"

        audit = http.get(f"/api/incidents/{bridge['id']}/audit").json()
        assert [(a["action"], a["who"]) for a in audit] == [("confirm", "ana"), ("correct", "ben")]
        assert audit[1]["before"]["type"] == "explosion"
        assert audit[1]["after"]["type"] == "arson"
        assert audit[0]["at"]

        # restoration set by the analyst ends the tunnel's closure on that day
        day = {"date": "2023-11-30"}
        assert "bam:severomuysky_tunnel" in {
            c["target"] for c in http.get("/api/closures", params=day).json()["closures"]
        }
        restore = {"action": "restoration", "who": "ana", "fields": {"restored_at": "2023-11-30"}}
        turl = f"/api/incidents/{tunnel['id']}/review"
        assert http.post(turl, json=restore, headers=auth()).status_code == 200
        assert "bam:severomuysky_tunnel" not in {
            c["target"] for c in http.get("/api/closures", params=day).json()["closures"]
        }
        # a rejected incident closes nothing
        reject = {"action": "reject", "who": "ana"}
        assert http.post(url, json=reject, headers=auth()).status_code == 200
        assert http.get("/api/closures", params=day).json()["closures"] == []

        bad = http.post(url, json={"action": "delete", "who": "ana"}, headers=auth())
        assert "action" in assert_problem(bad, 422)["detail"]
        wrong = {"action": "correct", "who": "ana", "fields": {"colour": "red"}}
        assert "colour" in assert_problem(http.post(url, json=wrong, headers=auth()), 422)["detail"]
        nobody = http.post(url, json={"action": "confirm", "who": ""}, headers=auth())
        assert "who" in assert_problem(nobody, 422)["detail"]
        missing = http.post(
            "/api/incidents/inc-nope/review", json={"action": "confirm", "who": "a"}, headers=auth()
        )
        assert_problem(missing, 404)
        assert_problem(http.get("/api/incidents/inc-nope/audit"), 404)


# ---- browser-facing -------------------------------------------------------------------------


def test_cors_is_closed_by_default_and_opens_only_to_named_origins(client, data_dir):
    origin = {"Origin": "https://elsewhere.example"}
    assert "access-control-allow-origin" not in client.get("/api/status", headers=origin).headers
    app = create_app(ApiSettings(data_dir=data_dir, cors_origins=["https://team.example"]))
    with ServerThread(app) as open_, httpx.Client(base_url=open_.url, timeout=30) as http:
        allowed = http.get("/api/status", headers={"Origin": "https://team.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://team.example"
        other = http.get("/api/status", headers=origin)
        assert "access-control-allow-origin" not in other.headers


def test_docs_and_dashboard_are_served_from_the_package(client):
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/incidents", "/api/reports", "/api/impact"} <= set(spec["paths"])
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "/static/vendor/leaflet/leaflet.js" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing loaded from elsewhere
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/static/vendor/leaflet/LICENSE").status_code == 200
    countries = client.get("/api/countries").json()
    assert len(countries["features"]) > 50


def test_json_format_is_plain_json(client):
    response = client.get("/api/incidents", params={"format": "json"})
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.text)
