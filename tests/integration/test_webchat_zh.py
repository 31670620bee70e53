"""The chat page in Chinese (issue 11): the page's language switch, Chinese replies rendered,
an order number that keeps the conversation Chinese, and the switch back to English. Real
headless chromium against the real Rasa socket.io channel (fixtures of test_webchat)."""

from __future__ import annotations

import re
import subprocess
from typing import List

import pytest

from .conftest import Stack
from .test_webchat import ARTIFACTS, TIMEOUT_MS, bot_texts, browser, page_url, wait_bot_count  # noqa: F401

pytestmark = pytest.mark.servers
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_chat_page_in_chinese_with_the_language_switch(browser, page_url: str, stack: Stack) -> None:  # noqa: F811
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font installed: run `make browser`"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = context.new_page()
    errors: List[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(page_url)
        page.get_by_test_id("launcher").click()
        page.wait_for_selector("#shopassist-chat[data-connection=online]", timeout=TIMEOUT_MS)

        # the page's switch: its own words change and the assistant confirms in Chinese
        page.get_by_test_id("language").click()
        wait_bot_count(page, 2)
        assert "用中文" in bot_texts(page)[-1]
        assert page.get_by_test_id("input").get_attribute("placeholder") == "请输入消息…"
        assert page.get_by_test_id("send").inner_text() == "发送"
        assert page.get_by_test_id("language").inner_text() == "EN"

        # a Chinese request, then an order number alone: the replies stay Chinese
        page.get_by_test_id("input").fill("亲，我的订单到哪了？")
        page.keyboard.press("Enter")
        wait_bot_count(page, 3)
        assert "订单号" in bot_texts(page)[-1]
        page.get_by_test_id("input").fill("10000011")
        page.keyboard.press("Enter")
        wait_bot_count(page, 4)
        assert "邮箱" in bot_texts(page)[-1]
        # the browser really renders the Chinese text (no tofu: the glyphs have a width)
        width = page.evaluate("""() => { const b = [...document.querySelectorAll('.sa-msg.sa-bot .sa-bubble')].pop();
                                          const r = document.createRange(); r.selectNodeContents(b);
                                          return r.getBoundingClientRect().width; }""")
        assert width > 50
        page.screenshot(path=str(ARTIFACTS / "webchat-zh.png"))

        # and back to English
        page.get_by_test_id("language").click()
        wait_bot_count(page, 5)
        assert "English" in bot_texts(page)[-1] and not HAN.search(bot_texts(page)[-1])
        assert page.get_by_test_id("input").get_attribute("placeholder") == "Type a message…"
        user = page.locator(".sa-msg.sa-user .sa-bubble").all_inner_texts()
        assert user == ["中文", "亲，我的订单到哪了？", "10000011", "English"]
    finally:
        context.close()
    assert not errors, errors
