"""The chat page (issue #8): search results arrive as product cards with a placeholder image and
buttons; "Add to cart" on a card puts that product into the cart. Real browser (Debian Chromium
via Playwright), real Rasa and action servers."""

from __future__ import annotations

import time

from .conftest import Stack
from .test_webchat import ARTIFACTS, TIMEOUT_MS, browser, page_url  # noqa: F401 - pytest fixtures


def test_search_results_are_cards_and_add_to_cart_works(browser, page_url: str, stack: Stack) -> None:  # noqa: F811
    log = stack.tmp / "actions.log"
    deadline = time.monotonic() + 240
    while "product search ready" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the action server never finished its search warm-up"
        time.sleep(1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_url)
        page.get_by_test_id("launcher").click()
        page.wait_for_selector("#shopassist-chat[data-connection=online]", timeout=TIMEOUT_MS)
        page.get_by_test_id("input").fill("show me some hiking backpacks")
        page.keyboard.press("Enter")
        # each card is its own socket.io message: wait for the second one, not just the first
        page.wait_for_function("() => document.querySelectorAll('.sa-card').length >= 2", timeout=TIMEOUT_MS)
        cards = page.locator(".sa-card")
        assert cards.count() >= 2
        first = cards.first
        assert "Backpack" in first.locator("strong").inner_text()
        assert "€" in first.locator("span").inner_text()
        image = first.locator("img")
        assert image.get_attribute("src") == "assets/product.svg"
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle(),
                               timeout=TIMEOUT_MS)
        assert first.locator("button", has_text="Details").count() == 1
        title = first.locator("strong").inner_text().split(". ", 1)[1]
        page.screenshot(path=str(ARTIFACTS / "webchat-search-cards.png"))

        first.locator("button", has_text="Add to cart").click()
        page.wait_for_function(
            "t => [...document.querySelectorAll('.sa-msg.sa-bot .sa-bubble')].some(b => b.innerText.includes(t))",
            arg=f"Added {title} to your cart", timeout=TIMEOUT_MS)
        page.screenshot(path=str(ARTIFACTS / "webchat-search-cart.png"))
    finally:
        context.close()
    assert not errors, errors
