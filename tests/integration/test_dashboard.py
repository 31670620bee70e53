"""The insights dashboard behind the agent login, in headless Chromium: simulated history goes
through the event path (SQL broker table → consumer), the page draws its charts and lists pain
points, filters narrow the figures, a topic drills down to its conversations, and an FAQ
suggestion is approved into the knowledge base. Screenshot: reports/insights/dashboard.png."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Tuple

import httpx
import pytest

from .conftest import ROOT, free_port, stop, wait_for
from .test_webchat import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.servers
PASSWORD = "dashboard-test-password-42"
ARTIFACTS = Path(os.environ.get("INSIGHTS_ARTIFACTS", ROOT / "reports" / "insights"))


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("dashboard")
    shutil.copytree(ROOT / "kb", tmp / "kb")
    env = dict(os.environ, SHOP_DATABASE_URL=f"sqlite:///{tmp / 'shop.db'}", SHOP_VAR_DIR=str(tmp),
               SHOP_KB_DIR=str(tmp / "kb"), SHOP_AGENT_PASSWORD=PASSWORD, HF_HUB_OFFLINE="1")
    for cmd in (["shopassist.shop", "reset"], ["shopassist.insights.simulate", "--conversations", "250"],
                ["shopassist.insights.consumer", "--once"]):
        subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = free_port()
    log = tmp / "agents.log"
    proc = subprocess.Popen([sys.executable, "-m", "shopassist.handoff.console", "--port", str(port)], cwd=ROOT,
                            env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", proc, log, 60)
        yield url, tmp
    finally:
        stop(proc)


def test_dashboard_needs_the_login(console: Tuple[str, Path]) -> None:
    console = console[0]
    assert httpx.get(f"{console}/api/insights", timeout=10).status_code == 401
    assert "password" in httpx.get(f"{console}/dashboard", timeout=10).text.lower()
    assert httpx.post(f"{console}/api/insights/faq/1/approve", json={}, timeout=10).status_code == 401


def test_dashboard_in_the_browser(console: Tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    console, tmp = console
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1600})
            page.set_default_timeout(120_000)
            page.goto(f"{console}/dashboard")
            page.fill("input[name=password]", PASSWORD)
            page.click("button")
            page.goto(f"{console}/dashboard")
            page.wait_for_selector("body[data-ready='1']")
            tiles = page.inner_text("#tiles")
            assert "conversations" in tiles and "containment" in tiles
            assert page.locator("canvas").count() == 4
            assert page.evaluate("() => Object.keys(Chart.instances).length") == 4  # Chart.js served locally, drawn
            rows = page.locator("#topics tbody tr")
            assert rows.count() >= 2
            page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
            assert (ARTIFACTS / "dashboard.png").stat().st_size > 20_000
            total = int(page.inner_text("#tiles .tile b"))
            page.select_option("select[name=language]", "zh")
            page.click("#filters button")
            page.wait_for_function(f"() => parseInt(document.querySelector('#tiles .tile b').textContent) < {total}")
            rows.first.locator("button").click()
            page.wait_for_selector("#drill .card")
            assert page.locator("#drill .card").count() >= 1
            # knowledge-base upkeep: unanswered questions -> suggestions -> an edited answer approved
            page.click("#refreshFaq")
            page.wait_for_selector("#faq tbody tr")
            suggestions = page.locator("#faq tbody tr").count()
            first = page.locator("#faq tbody tr").first
            first.locator("textarea").fill("Our help team approved this answer.")
            first.locator("button", has_text="approve").click()
            page.wait_for_function(f"() => document.querySelectorAll('#faq tbody tr').length < {suggestions}")
            approved = list((tmp / "kb").glob("*/faq-approved.md"))
            assert approved and "Our help team approved this answer." in approved[0].read_text(encoding="utf-8")
        finally:
            browser.close()
