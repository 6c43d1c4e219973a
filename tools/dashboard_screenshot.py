"""Take docs/dashboard.png from a running dashboard (start it with `railwatch demo --serve`).

    .venv/bin/python tools/dashboard_screenshot.py [URL] [-o docs/dashboard.png]

Uses Debian's chromium through Playwright, as the browser tests do.
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000/")
    parser.add_argument("-o", "--output", default="docs/dashboard.png")
    parser.add_argument("--day", default="2023-12-01", help="the slider's day")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})
        page.goto(args.url)
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        slider = page.locator("#slider")
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(400):
            if page.locator("#day").text_content() == args.day:
                break
            page.keyboard.press("ArrowRight")
        page.locator("#incidents li").first.click()
        page.wait_for_timeout(1500)
        page.screenshot(path=args.output)
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
