"""The chat page in a real headless browser (Debian's chromium driven by Playwright) against the
running Rasa server's socket.io channel: type, read the reply, click buttons, reload and keep
the conversation. Screenshots go to reports/webchat/ (a test artifact; `make browser` installs
chromium, `make webchat` the page's socket.io client)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator, List
from urllib.parse import urlsplit

import pytest

from shopassist.channels.webpage import WEBCHAT_DIR, serve_in_thread

from .conftest import ROOT, Stack

pytestmark = pytest.mark.servers

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("WEBCHAT_ARTIFACTS", ROOT / "reports" / "webchat"))
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def page_url(stack: Stack) -> Iterator[str]:
    """The demo shop page served like `make run` serves it, pointing at the test Rasa server."""
    if not (WEBCHAT_DIR / "vendor" / "socket.io.min.js").exists():
        pytest.fail("webchat/vendor/socket.io.min.js is missing: run `make webchat`")
    server = serve_in_thread(port=0, rasa_url=stack.rasa_url)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def bot_texts(page) -> List[str]:
    return page.locator(".sa-msg.sa-bot .sa-bubble").all_inner_texts()


def wait_bot_count(page, count: int) -> None:
    page.wait_for_function("n => document.querySelectorAll('.sa-msg.sa-bot').length >= n", arg=count,
                           timeout=TIMEOUT_MS)


def watch_typing(page) -> None:
    """Remember whether the typing indicator shows up (the reply may come within milliseconds)."""
    page.evaluate("""() => {
        const el = document.querySelector('.sa-typing');
        window.__typingSeen = false;
        new MutationObserver(() => { if (!el.hidden) window.__typingSeen = true; })
            .observe(el, {attributes: true, attributeFilter: ['hidden']});
    }""")


def test_chat_page_conversation_buttons_and_reload(browser, page_url: str, stack: Stack) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    requested: List[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: List[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_url)
        page.get_by_test_id("launcher").click()
        page.wait_for_selector("#shopassist-chat[data-connection=online]", timeout=TIMEOUT_MS)
        assert page.locator(".sa-msg.sa-bot").count() == 1  # the widget's welcome with starter buttons

        # type a message and see the reply (with the typing indicator in between)
        watch_typing(page)
        page.get_by_test_id("input").fill("hello")
        page.keyboard.press("Enter")
        wait_bot_count(page, 2)
        assert "shop assistant" in bot_texts(page)[-1].lower()
        assert page.evaluate("window.__typingSeen") is True
        assert page.locator(".sa-typing").is_hidden()

        # a starter button, then a button the bot sent (the rating quick replies)
        page.locator(".sa-reply", has_text="Leave a review").click()
        page.wait_for_selector(".sa-msg.sa-bot:last-child .sa-reply >> text=⭐ 5", timeout=TIMEOUT_MS)
        ratings = page.locator(".sa-msg.sa-bot:last-child .sa-reply").all_inner_texts()
        assert ratings == ["⭐ 1", "⭐ 2", "⭐ 3", "⭐ 4", "⭐ 5"]
        bots = page.locator(".sa-msg.sa-bot").count()
        page.locator(".sa-msg.sa-bot:last-child .sa-reply", has_text="⭐ 5").click()
        wait_bot_count(page, bots + 1)
        assert "experience" in bot_texts(page)[-1].lower()
        assert page.locator(".sa-msg.sa-user .sa-bubble").all_inner_texts() == ["hello", "Leave a review", "⭐ 5"]
        page.screenshot(path=str(ARTIFACTS / "webchat-before-reload.png"))

        # reload: the transcript is still there and the bot still knows the conversation
        transcript = page.locator(".sa-msg").all_inner_texts()
        session_id = page.evaluate("JSON.parse(localStorage.getItem(ShopAssistChat.storageKey)).sessionId")
        page.reload()
        page.wait_for_selector("#shopassist-chat[data-connection=online]", timeout=TIMEOUT_MS)
        assert page.locator(".sa-panel").is_visible()
        assert page.locator(".sa-msg").all_inner_texts() == transcript
        assert page.evaluate("JSON.parse(localStorage.getItem(ShopAssistChat.storageKey)).sessionId") == session_id

        bots = page.locator(".sa-msg.sa-bot").count()
        page.get_by_test_id("input").fill("Lovely jacket, it fits perfectly")
        page.get_by_test_id("send").click()
        wait_bot_count(page, bots + 1)
        assert "5-star review" in " ".join(bot_texts(page)[bots:])  # the form went on after the reload
        user_texts = [e.get("text") for e in stack.tracker(session_id)["events"] if e.get("event") == "user"]
        assert user_texts == ["hello", "/review", '/inform{"rating":"5"}', "Lovely jacket, it fits perfectly"]
        page.screenshot(path=str(ARTIFACTS / "webchat.png"))
    finally:
        context.close()

    assert not errors, errors
    page_host = urlsplit(page_url).netloc
    rasa_host = urlsplit(stack.rasa_url).netloc
    assert {urlsplit(u).netloc for u in requested} <= {page_host, rasa_host}, "the page loaded something remote"


def test_widget_renders_images_and_product_cards(browser, page_url: str) -> None:
    """Rasa's socket.io output sends images and cards ("elements") in these shapes."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(page_url)
        page.get_by_test_id("launcher").click()
        page.evaluate("""() => {
            const w = ShopAssistChat.instance;
            w.add(ShopAssistChat.fromRasa({attachment: {type: 'image', payload: {src: 'assets/jacket.svg'}}}));
            w.add(ShopAssistChat.fromRasa({attachment: {type: 'template', payload: {template_type: 'generic',
                elements: {title: 'Storm Shell Jacket', subtitle: '€129.00 · in stock', image_url: 'assets/jacket.svg',
                           buttons: [{title: 'Buy', payload: '/place_order{"line_sku":"JK-1"}'}]}}}}));
        }""")
        card = page.locator(".sa-card")
        assert card.locator("strong").inner_text() == "Storm Shell Jacket"
        assert card.locator("button.sa-reply").inner_text() == "Buy"
        page.wait_for_function(
            "() => [...document.querySelectorAll('.sa-msg img')].every(i => i.complete && i.naturalWidth > 0)")
        assert page.locator(".sa-msg img").count() == 2
        # bot text is never interpreted as HTML
        page.evaluate("ShopAssistChat.instance.add(ShopAssistChat.fromRasa("
                      "{text: '<img src=x onerror=alert(1)> https://example.com'}))")
        last = page.locator(".sa-msg.sa-bot").last
        assert last.locator("img").count() == 0 and last.locator("a").inner_text() == "https://example.com"
    finally:
        context.close()
