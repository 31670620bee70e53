"""End to end (issue 5): sentiment in the parse and the tracker, an angry customer handed to a
person, the agent console's API, the agent's reply reaching the customer (REST poll and the chat
page over socket.io), the hand-back to the bot, and the CSAT rating stored."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Iterator

import httpx
import pytest

from shopassist.handoff import service

from .conftest import AUTH_TOKEN, ROOT, Stack, free_port, stop, wait_for
from .test_webchat import browser, page_url  # noqa: F401 (fixtures for the chat-page test)

pytestmark = pytest.mark.servers
PASSWORD = "test-agent-password-123"


@pytest.fixture(scope="module")
def console(stack: Stack) -> Iterator[str]:
    """The agent console process on a free port, talking to the test Rasa server."""
    port = free_port()
    env = dict(stack.env, SHOP_AGENT_PASSWORD=PASSWORD, SHOP_HANDOFF_RASA_URL=stack.rasa_url)
    log = stack.tmp / "agents.log"
    proc = subprocess.Popen([sys.executable, "-m", "shopassist.handoff.console", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", proc, log, 60)
        yield url
    finally:
        stop(proc)


def api(console: str, method: str, path: str, **kwargs) -> httpx.Response:
    return httpx.request(method, console + path, headers={"Authorization": f"Bearer {PASSWORD}"}, timeout=30, **kwargs)


def queued_request(console: str, sender: str) -> dict:
    rows = [r for r in api(console, "GET", "/api/queue").json() if r["sender_id"] == sender]
    assert len(rows) == 1, rows
    return rows[0]


def poll(stack: Stack, sender: str, want: str, timeout: float = 20) -> list:
    deadline, got = time.time() + timeout, []
    while time.time() < deadline:
        got += httpx.get(f"{stack.rasa_url}/webhooks/handoff/poll", params={"sender": sender}, timeout=10).json()
        if any(want in (m.get("text") or "") for m in got):
            return got
        time.sleep(0.3)
    raise AssertionError(f"{want!r} never arrived: {got}")


def test_sentiment_is_in_the_parse_output_and_the_tracker(stack: Stack, sender: str) -> None:
    angry = "This is the worst service ever, my parcel is two weeks late!"
    parsed = httpx.post(f"{stack.rasa_url}/model/parse", params={"token": AUTH_TOKEN},
                        json={"text": angry}, timeout=30).json()
    assert parsed["sentiment"]["label"] == "negative" and parsed["sentiment"]["score"] < 0
    happy = httpx.post(f"{stack.rasa_url}/model/parse", params={"token": AUTH_TOKEN},
                       json={"text": "thank you so much, that was really helpful"}, timeout=30).json()
    assert happy["sentiment"]["label"] == "positive"
    stack.say(sender, "hello")
    tracker = stack.tracker(sender)
    assert tracker["latest_message"]["sentiment"]["label"] in ("neutral", "positive")
    assert tracker["slots"]["sentiment"] == tracker["latest_message"]["sentiment"]["label"]
    assert tracker["slots"]["tone"] in ("neutral", "friendly")


def test_angry_customer_is_handed_off_and_the_agent_reply_arrives(stack: Stack, console: str, sender: str) -> None:
    # angry, explicit request: an acknowledgement and the offer with yes/no buttons
    offer = stack.say(sender, "This is RIDICULOUS!!! I want to talk to a real person NOW")
    texts = " ".join(m.get("text", "") for m in offer)
    assert "sorry" in texts.lower() or "understand" in texts.lower(), texts
    assert [b["payload"] for b in offer[-1]["buttons"]] == ["/affirm", "/deny"]
    tracker = stack.tracker(sender)
    assert tracker["slots"]["sentiment"] == "negative" and tracker["slots"]["tone"] == "calm"
    assert tracker["slots"]["frustration"] > 0.3

    queued = stack.texts(sender, "/affirm")
    assert "H-" in queued and "queue" in queued, queued
    assert stack.tracker(sender)["slots"]["handoff_active"] is True
    # the bot stays quiet while a person holds the conversation
    assert stack.say(sender, "hello? is anyone there?") == []

    # the console: login required, the queue, the transcript and summary
    assert httpx.get(f"{console}/api/queue", timeout=10).status_code == 401
    assert httpx.get(f"{console}/api/queue", headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    assert "password" in httpx.get(f"{console}/", timeout=10).text.lower()
    request = queued_request(console, sender)
    assert request["status"] == "waiting" and request["kind"] == "live" and request["channel"] == "rest"
    assert "contact_human_agent" in request["summary"]["intents"]
    detail = api(console, "GET", f"/api/conversations/{request['id']}").json()
    customer_lines = [m["text"] for m in detail["transcript"] if m["who"] == "customer"]
    assert "hello? is anyone there?" in customer_lines  # the live transcript, after the handoff
    assert detail["paused"] is True
    assert detail["transcript"][0]["sentiment"]["label"] == "negative"

    # the agent replies; the REST customer receives it by polling
    claimed = api(console, "POST", f"/api/conversations/{request['id']}/claim", json={"agent": "sam"}).json()
    assert claimed["status"] == "active"
    sent = api(console, "POST", f"/api/conversations/{request['id']}/reply",
               json={"text": "Hi, I'm Sam from the shop. Let me look at order 10000003 for you.", "agent": "sam"})
    assert sent.status_code == 200 and sent.json()["delivered"] == "poll", sent.text
    got = poll(stack, sender, "I'm Sam from the shop")
    assert got[0]["recipient_id"] == sender
    bots = [e for e in stack.tracker(sender)["events"] if e.get("event") == "bot"]
    assert bots[-1]["metadata"].get("agent") == "sam"
    assert stack.say(sender, "thanks Sam") == []  # still with the agent

    # hand back: the bot says so and answers again
    closed = api(console, "POST", f"/api/conversations/{request['id']}/release", json={"agent": "sam"}).json()
    assert closed["status"] == "closed"
    assert poll(stack, sender, "back with the shop assistant")
    assert stack.tracker(sender)["slots"]["handoff_active"] is False
    assert "email" in stack.texts(sender, "where is my order 10000003?").lower()
    assert all(r["sender_id"] != sender for r in api(console, "GET", "/api/queue").json())
    # replying to a closed conversation is refused
    assert api(console, "POST", f"/api/conversations/{request['id']}/reply", json={"text": "hi"}).status_code == 409


def test_handoff_channel_requires_the_secret(stack: Stack) -> None:
    url = f"{stack.rasa_url}/webhooks/handoff"
    assert httpx.post(f"{url}/reply", json={"sender": "x", "text": "hi"}, timeout=10).status_code == 401
    assert httpx.get(f"{url}/transcript", params={"sender": "x"},
                     headers={"X-Handoff-Secret": "nope"}, timeout=10).status_code == 401
    assert httpx.get(f"{url}/poll", timeout=10).status_code == 400


def test_resolved_task_then_goodbye_asks_for_a_rating_that_is_stored(stack: Stack, sender: str) -> None:
    stack.say(sender, "where is my order 10000012?")
    stack.say(sender, "bob@example.com")
    ask = stack.say(sender, "bye")
    assert ask[0]["text"].startswith("Goodbye")
    assert [b["title"] for b in ask[-1]["buttons"]] == ["1", "2", "3", "4", "5"], ask
    thanks = stack.texts(sender, '/csat_rate{"csat_score": "4"}')
    assert "4" in thanks
    report = service.csat_report()
    assert report["by_intent"]["track_order"]["n"] >= 1
    again = stack.say(sender, "bye")
    assert again[0]["text"].startswith("Goodbye") and not again[-1].get("buttons")  # asked once only


def test_webchat_customer_gets_the_agent_reply_at_once(browser, page_url: str, stack: Stack, console: str) -> None:
    """The chat page (socket.io) in Chromium: offer, accept, the agent's reply is pushed, hand-back."""
    from .test_webchat import TIMEOUT_MS, bot_texts, wait_bot_count

    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    try:
        page.goto(page_url)
        page.get_by_test_id("launcher").click()
        page.wait_for_selector("#shopassist-chat[data-connection=online]", timeout=TIMEOUT_MS)
        page.get_by_test_id("input").fill("I want to talk to a human right now!!")
        page.keyboard.press("Enter")
        page.wait_for_selector(".sa-msg.sa-bot:last-child .sa-reply >> text=Yes, a person please", timeout=TIMEOUT_MS)
        bots = page.locator(".sa-msg.sa-bot").count()
        page.locator(".sa-msg.sa-bot:last-child .sa-reply", has_text="Yes, a person please").click()
        wait_bot_count(page, bots + 1)
        assert "queue" in bot_texts(page)[-1]
        session_id = page.evaluate("JSON.parse(localStorage.getItem(ShopAssistChat.storageKey)).sessionId")
        request = queued_request(console, session_id)
        assert request["channel"] == "socketio"

        bots = page.locator(".sa-msg.sa-bot").count()
        sent = api(console, "POST", f"/api/conversations/{request['id']}/reply",
                   json={"text": "Hello from Sam at the shop, how can I help?", "agent": "sam"}).json()
        assert sent["delivered"] == "push"
        wait_bot_count(page, bots + 1)
        assert bot_texts(page)[-1] == "Hello from Sam at the shop, how can I help?"

        bots = page.locator(".sa-msg.sa-bot").count()
        api(console, "POST", f"/api/conversations/{request['id']}/release", json={"agent": "sam"})
        wait_bot_count(page, bots + 1)
        assert "back with the shop assistant" in bot_texts(page)[-1]
    finally:
        context.close()


def test_rising_frustration_gets_calm_replies_with_the_same_facts_then_the_offer(stack: Stack, sender: str) -> None:
    """Bob cannot cancel his shipped order: apologetic tone, same facts, then a person is offered."""
    stack.say(sender, "I want to cancel order 10000012, this is ridiculous!!!")
    refused = stack.say(sender, "bob@example.com")
    texts = [m.get("text", "") for m in refused]
    assert any("10000012" in t and "can't be cancelled" in t for t in texts), texts
    tracker = stack.tracker(sender)
    assert tracker["slots"]["tone"] == "calm"
    assert any(e.get("metadata", {}).get("utter_action") in ("utter_tone_ack", "utter_tone_ack_repeat")
               for e in tracker["events"] if e.get("event") == "bot")
    offered = []
    for text in ("WHY NOT??? CANCEL ORDER 10000012 NOW!!!", "this is useless, cancel order 10000012!!!"):
        reply = stack.say(sender, text)
        offered = [m for m in reply if [b.get("payload") for b in m.get("buttons") or []] == ["/affirm", "/deny"]
                   and "person" in m.get("text", "")]
        if offered:
            break
    assert offered, "no offer of a person after repeated angry failures"
    assert stack.tracker(sender)["slots"]["frustration"] >= 0.7
    assert "No problem" in stack.texts(sender, "/deny")
