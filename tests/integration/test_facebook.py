"""Messenger channel against the running Rasa server: webhooks signed exactly as Meta signs them
(X-Hub-Signature-256), replies captured by a local stand-in for the Graph API Send endpoint."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Any, Dict, List, Optional

import httpx
import pytest

from shopassist.channels.security import hub_signature_256

from .channel_fixtures import (  # noqa: F401  (fixtures)
    FB_APP_SECRET,
    FB_PAGE_TOKEN,
    FB_VERIFY_TOKEN,
    ChannelStack,
    channel_stack,
    platform_api,
    wait_until,
)
from .conftest import Stack

pytestmark = pytest.mark.servers

PAGE_ID = "104512345678901"


def psid() -> str:
    return str(7_000_000_000_000_000 + uuid.uuid4().int % 10**15)


def messaging(sender: str, text: Optional[str] = None, quick_reply: Optional[str] = None,
              postback: Optional[str] = None) -> Dict[str, Any]:
    event: Dict[str, Any] = {"sender": {"id": sender}, "recipient": {"id": PAGE_ID},
                             "timestamp": int(time.time() * 1000)}
    if postback is not None:
        event["postback"] = {"mid": "m_" + uuid.uuid4().hex, "title": postback, "payload": postback}
    else:
        event["message"] = {"mid": "m_" + uuid.uuid4().hex, "text": text}
        if quick_reply is not None:
            event["message"]["quick_reply"] = {"payload": quick_reply}
    return event


def page_event(*events: Dict[str, Any]) -> Dict[str, Any]:
    return {"object": "page", "entry": [{"id": PAGE_ID, "time": int(time.time() * 1000), "messaging": [e]}
                                        for e in events]}


def post(stack: ChannelStack, payload: Dict[str, Any], headers: Optional[Dict[str, str]] = None,
         body: Optional[bytes] = None) -> httpx.Response:
    raw = body if body is not None else json.dumps(payload).encode()
    if headers is None:
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": hub_signature_256(FB_APP_SECRET, raw)}
    return httpx.post(f"{stack.rasa_url}/webhooks/facebook/webhook", content=raw, headers=headers, timeout=10)


def texts(calls: List[Any]) -> str:
    out = []
    for call in calls:
        message = call.body["message"]
        out.append(message.get("text") or message.get("attachment", {}).get("payload", {}).get("text", ""))
    return " ".join(out)


def test_webhook_subscription_check(channel_stack: ChannelStack) -> None:
    url = f"{channel_stack.rasa_url}/webhooks/facebook/webhook"
    ok = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": FB_VERIFY_TOKEN,
                                "hub.challenge": "1158201444"}, timeout=10)
    assert (ok.status_code, ok.text) == (200, "1158201444")
    wrong = httpx.get(url, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"},
                      timeout=10)
    assert wrong.status_code == 403


def test_message_is_acknowledged_at_once_and_answered_to_the_sender(channel_stack: ChannelStack) -> None:
    customer = psid()
    started = time.monotonic()
    reply = post(channel_stack, page_event(messaging(customer, "hello")))
    assert (reply.status_code, reply.text) == (200, "EVENT_RECEIVED")
    assert time.monotonic() - started < 2.0

    sent = channel_stack.api.wait_fb_messages(customer)
    assert "order" in texts(sent).lower()  # the greeting
    call = sent[0]
    assert call.query["access_token"] == [FB_PAGE_TOKEN]
    proof = hmac.new(FB_APP_SECRET.encode(), FB_PAGE_TOKEN.encode(), hashlib.sha256).hexdigest()
    assert call.query["appsecret_proof"] == [proof]
    assert call.body["recipient"] == {"id": customer} and call.body["messaging_type"] == "RESPONSE"
    actions = [c.body.get("sender_action") for c in channel_stack.api.matching(
        lambda c: c.body.get("recipient", {}).get("id") == customer and "sender_action" in c.body)]
    assert "typing_on" in actions
    assert channel_stack.user_texts(customer) == ["hello"]


def test_quick_reply_buttons_round_trip(channel_stack: ChannelStack) -> None:
    customer = psid()
    post(channel_stack, page_event(messaging(customer, "/review")))
    sent = channel_stack.api.wait_for(lambda c: c.body.get("recipient", {}).get("id") == customer
                                      and c.body.get("message", {}).get("quick_replies"))
    replies = sent[-1].body["message"]["quick_replies"]  # 5 ratings: more than a button template holds
    assert [r["title"] for r in replies] == ["⭐ 1", "⭐ 2", "⭐ 3", "⭐ 4", "⭐ 5"]
    before = len(channel_stack.api.fb_messages(customer))

    post(channel_stack, page_event(messaging(customer, replies[-1]["title"], quick_reply=replies[-1]["payload"])))
    channel_stack.api.wait_fb_messages(customer, before + 1)
    assert channel_stack.user_texts(customer)[-1] == replies[-1]["payload"]
    assert "experience" in texts(channel_stack.api.fb_messages(customer)).lower()


def test_batched_events_are_all_answered_and_redeliveries_ignored(channel_stack: ChannelStack) -> None:
    first, second = psid(), psid()
    payload = page_event(messaging(first, "hello"), messaging(second, "hi"))
    assert post(channel_stack, payload).status_code == 200
    assert post(channel_stack, payload).status_code == 200  # Meta redelivers when unsure
    channel_stack.api.wait_fb_messages(first)
    channel_stack.api.wait_fb_messages(second)
    time.sleep(3)
    assert channel_stack.user_texts(first) == ["hello"]
    assert channel_stack.user_texts(second) == ["hi"]
    assert len(channel_stack.api.fb_messages(first)) == 1


@pytest.mark.parametrize("case", ["unsigned", "legacy sha1 only", "wrong secret", "tampered body"])
def test_bad_requests_are_rejected_logged_and_never_reach_the_dialogue(channel_stack: ChannelStack,
                                                                       case: str) -> None:
    customer = psid()
    raw = json.dumps(page_event(messaging(customer, "delete my account"))).encode()
    headers = {"Content-Type": "application/json", "X-Hub-Signature-256": hub_signature_256(FB_APP_SECRET, raw)}
    if case == "unsigned":
        headers.pop("X-Hub-Signature-256")
    elif case == "legacy sha1 only":
        headers.pop("X-Hub-Signature-256")
        headers["X-Hub-Signature"] = "sha1=" + hmac.new(FB_APP_SECRET.encode(), raw, hashlib.sha1).hexdigest()
    elif case == "wrong secret":
        headers["X-Hub-Signature-256"] = hub_signature_256("not-the-app-secret", raw)
    elif case == "tampered body":
        raw = raw.replace(b"delete my account", b"cancel order 10000001")
    logged = channel_stack.log_text().count("facebook: rejected request")
    reply = post(channel_stack, {}, headers=headers, body=raw)
    assert reply.status_code == 401
    assert wait_until(lambda: channel_stack.log_text().count("facebook: rejected request") > logged, timeout=5)
    time.sleep(1)
    assert channel_stack.user_texts(customer) == []
    assert channel_stack.api.fb_messages(customer) == []


def test_without_secrets_the_channel_is_off_but_the_server_runs(stack: Stack) -> None:
    raw = json.dumps(page_event(messaging(psid(), "hello"))).encode()
    reply = httpx.post(f"{stack.rasa_url}/webhooks/facebook/webhook", content=raw,
                       headers={"Content-Type": "application/json",
                                "X-Hub-Signature-256": hub_signature_256(FB_APP_SECRET, raw)}, timeout=10)
    assert reply.status_code == 503
    assert "Messenger channel is OFF" in (stack.tmp / "rasa.log").read_text(errors="replace")
