"""The dashboard in a real browser (Debian's chromium driven by Playwright) on a real server.

Chromium comes from tools/install-test-deps.sh (the README's test command runs it first).
A missing browser fails these tests; it never skips them.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect, sync_playwright

from railwatch.api import ApiSettings, create_app
from railwatch.api.server import ServerThread
from railwatch.network import default_network
from railwatch.reports.text.ingest_text import read_report
from railwatch.store import open_store

# The page talks to a real server on the same two cores as the other test worker: a review's
# round trip once took longer than Playwright's default 5 s under that load.
expect.set_options(timeout=15_000)

EXAMPLES = (
    Path(__file__).resolve().parents[1] / "src" / "railwatch" / "reports" / "data" / "examples"
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
TOKEN = "web-test-token"

# Written for these tests: every field a reader sees carries a script that must stay text.
XSS_REPORT = """Source: <img src=x onerror="window.__xss=1">
Published: 12 January 2024

A fire broke out in the Kodar tunnel on the Baikal-Amur Mainline on 11 January 2024, and
traffic was suspended in both directions.
Local officials said the fire <script>window.__xss=2</script> was caused by <b onmouseover=window.__xss=3>a short circuit</b>.
"""
XSS_URL = "javascript:window.__xss=4"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("web-store")
    network = default_network()
    reports = [read_report(path) for path in sorted(EXAMPLES.glob("*.txt"))]
    hostile = read_report(XSS_REPORT)
    hostile.url = XSS_URL  # as an imported store could carry it: never a link
    store = open_store(data_dir=directory)
    store.ingest([*reports, hostile], network=network)
    store.close()
    app = create_app(ApiSettings(data_dir=directory, token=TOKEN))
    with ServerThread(app) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    tab = context.new_page()
    tab.problems = []  # console errors, page errors, dialogs, requests to elsewhere
    tab.on(
        "console",
        lambda m: tab.problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    tab.on("pageerror", lambda e: tab.problems.append(f"pageerror: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((server.url, "data:"))
            else tab.problems.append(f"request to {r.url}")
        ),
    )
    tab.goto(server.url + "/")
    tab.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield tab
    context.close()


def map_state(page: Page) -> dict:
    return page.eval_on_selector("#map", "e => ({...e.dataset})")


def go_to_day(page: Page, day: str) -> None:
    """Move the slider with the keyboard, as a person would, until it shows `day`."""
    slider = page.locator("#slider")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(400):
        if page.locator("#day").text_content() == day:
            break
        page.keyboard.press("ArrowRight")
    expect(page.locator("#day")).to_have_text(day)
    # the summary may still be the previous day's until this day's closures arrive
    expect(page.locator("#map")).to_have_attribute("data-closures-day", day)
    expect(page.locator("#day-summary")).to_contain_text("closure(s) in force")


def test_page_loads_without_console_errors_or_outside_requests(page: Page):
    page.wait_for_timeout(500)
    assert page.problems == []
    expect(page.locator("#status")).to_contain_text("network corridor")


def test_map_shows_the_network_and_its_structures(page: Page):
    network = default_network()
    expect(page.locator("path.section")).to_have_count(len(network.sections))
    expect(page.locator(".structure-icon")).to_have_count(len(network.structures))
    # country outlines are drawn under it, from the package
    assert page.locator(".leaflet-countries-pane path").count() > 50


def test_clicking_an_incident_shows_its_sources_and_claims(page: Page):
    page.locator("#incidents li", has_text="Severomuysky").click()
    detail = page.locator("#detail")
    expect(detail).to_be_visible()
    expect(page.locator("#detail-title")).to_contain_text("fire")
    expect(page.locator("#sources li.source")).to_have_count(3)
    claims = page.locator("#claims")
    expect(claims).to_contain_text("sabotage")
    expect(claims).to_contain_text("short_circuit")
    expect(claims.locator(".badge.contested")).to_be_visible()
    expect(
        page.locator("#incidents li", has_text="Severomuysky").locator(".contested")
    ).to_be_visible()


def test_time_slider_replays_incidents_and_closures(page: Page):
    go_to_day(page, "2023-11-28")
    before = map_state(page)
    assert before["visibleIncidents"] == "0" and before["closedSections"] == "0"
    expect(page.locator("path.incident")).to_have_count(0)
    expect(page.locator("path.state-closed")).to_have_count(0)

    go_to_day(page, "2023-11-29")  # the tunnel fire: the tunnel's section closes
    expect(page.locator("path.incident")).to_have_count(1)
    expect(page.locator("path.state-closed")).to_have_count(1)

    go_to_day(page, "2023-12-01")  # the bridge on the bypass too: the BAM is cut, reroute
    expect(page.locator("path.state-closed")).to_have_count(2)
    expect(page.locator("path.incident")).to_have_count(2)
    expect(page.locator("#corridors")).to_be_visible()
    expect(page.locator("path.reroute").first).to_be_attached()
    closed_colour = page.locator("path.state-closed").first.get_attribute("stroke")
    assert closed_colour == "#d7191c"

    go_to_day(page, "2023-12-05")  # traffic resumed in the tunnel; the bridge stays shut
    expect(page.locator("path.state-closed")).to_have_count(1)


def test_report_text_and_url_stay_inert(page: Page):
    page.locator("#incidents li", has_text="Kodar").click()
    expect(page.locator("#claims")).to_contain_text("<script>window.__xss=2</script>")
    expect(page.locator("#claims")).to_contain_text("<b onmouseover=window.__xss=3>")
    sources = page.locator("#sources")
    expect(sources).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(sources).to_contain_text(XSS_URL)  # shown as text
    page.locator("#claims li.claim").first.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"
    right = page.locator("#right")
    assert right.locator("img, script, b[onmouseover], [onerror]").count() == 0
    hrefs = sources.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert page.problems == []


def test_a_review_in_the_page_is_stored_and_audited(page: Page, server):
    page.locator("#incidents li", has_text="Devil").click()
    expect(page.locator("#detail-title")).to_contain_text("Devil")
    incident = page.locator("#detail").get_attribute("data-id")
    page.select_option("#review-action", "confirm")
    page.fill("#review-who", "web analyst")
    page.fill("#review-token", "not the token")
    page.click("#review-submit")
    expect(page.locator("#review-result")).to_contain_text("Wrong token")
    page.fill("#review-token", TOKEN)
    page.click("#review-submit")
    expect(page.locator("#review-result")).to_have_text("confirm: stored")
    expect(page.locator("#audit")).to_contain_text("web analyst: confirm")
    row = page.locator(f"#incidents li[data-id='{incident}']")
    expect(row.locator(".status-confirmed")).to_be_visible()
    # stored: a fresh client (not the page) reads the status and the audit row back
    with httpx.Client(base_url=server.url) as http:
        assert http.get(f"/api/incidents/{incident}").json()["status"] == "confirmed"
        audit = http.get(f"/api/incidents/{incident}/audit").json()
    assert [(a["who"], a["action"]) for a in audit] == [("web analyst", "confirm")]
