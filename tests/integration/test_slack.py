"""Slack channel against the running Rasa server: requests signed exactly as Slack signs them,
replies captured by a local stand-in for Slack's Web API (chat.postMessage)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Dict, Optional
from urllib.parse import urlencode

import httpx
import pytest

from shopassist.channels.security import slack_signature

from .channel_fixtures import (  # noqa: F401  (fixtures)
    SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET,
    ChannelStack,
    channel_stack,
    platform_api,
    wait_until,
)
from .conftest import Stack

pytestmark = pytest.mark.servers

BOT_USER = "U0SHOPBOT"


def ids() -> Dict[str, str]:
    tag = uuid.uuid4().hex[:8].upper()
    return {"user": f"U{tag}", "channel": f"D{tag}", "team": "T0SHOP", "event": f"Ev{tag}"}


def message_event(who: Dict[str, str], text: str, ts: Optional[str] = None) -> Dict[str, Any]:
    """An Events API ``event_callback`` for a direct message, as Slack sends it."""
    ts = ts or f"{time.time():.6f}"
    return {
        "token": "legacy-verification-token-unused",
        "team_id": who["team"],
        "api_app_id": "A0SHOPAPP",
        "event": {"client_msg_id": str(uuid.uuid4()), "type": "message", "text": text, "user": who["user"],
                  "ts": ts, "team": who["team"], "channel": who["channel"], "event_ts": ts, "channel_type": "im"},
        "type": "event_callback",
        "event_id": who["event"] + uuid.uuid4().hex[:6].upper(),
        "event_time": int(time.time()),
        "authorizations": [{"enterprise_id": None, "team_id": who["team"], "user_id": BOT_USER, "is_bot": True}],
        "is_ext_shared_channel": False,
    }


def signed_headers(body: bytes, content_type: str, timestamp: Optional[int] = None,
                   secret: str = SLACK_SIGNING_SECRET) -> Dict[str, str]:
    ts = int(time.time()) if timestamp is None else timestamp
    return {"Content-Type": content_type, "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": slack_signature(secret, ts, body)}


def post_event(stack: ChannelStack, payload: Dict[str, Any], extra: Optional[Dict[str, str]] = None,
               **sign: Any) -> httpx.Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = {**signed_headers(body, "application/json", **sign), **(extra or {})}
    return httpx.post(f"{stack.rasa_url}/webhooks/slack/webhook", content=body, headers=headers, timeout=10)


def post_interaction(stack: ChannelStack, payload: Dict[str, Any]) -> httpx.Response:
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return httpx.post(f"{stack.rasa_url}/webhooks/slack/webhook", content=body,
                      headers=signed_headers(body, "application/x-www-form-urlencoded"), timeout=10)


def post_texts(stack: ChannelStack, channel: str) -> str:
    return " ".join(c.body.get("text", "") for c in stack.api.slack_posts(channel))


def test_url_verification_challenge(channel_stack: ChannelStack) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    reply = post_event(channel_stack, {"token": "x", "challenge": challenge, "type": "url_verification"})
    assert reply.status_code == 200
    assert reply.json() == {"challenge": challenge}


def test_message_is_acknowledged_at_once_and_answered_in_the_same_channel(channel_stack: ChannelStack) -> None:
    who = ids()
    started = time.monotonic()
    reply = post_event(channel_stack, message_event(who, "hello"))
    assert reply.status_code == 200
    assert time.monotonic() - started < 2.0  # Slack gives up after 3 s

    posts = channel_stack.api.wait_slack_posts(who["channel"])
    assert posts[0].headers.get("Authorization") == f"Bearer {SLACK_BOT_TOKEN}"
    assert "order" in posts[0].body["text"].lower()  # the greeting
    assert "as_user" not in posts[0].body
    assert channel_stack.user_texts(who["user"]) == ["hello"]


def test_retries_do_not_produce_duplicate_replies(channel_stack: ChannelStack) -> None:
    who = ids()
    event = message_event(who, "hi there")
    assert post_event(channel_stack, event).status_code == 200
    for number, reason in ((1, "http_timeout"), (2, "http_error")):
        retry = post_event(channel_stack, event, {"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": reason})
        assert retry.status_code == 200
        assert retry.headers.get("X-Slack-No-Retry") == "1"
    first = channel_stack.api.wait_slack_posts(who["channel"])
    time.sleep(3)  # give a duplicate every chance to show up
    assert len(channel_stack.api.slack_posts(who["channel"])) == len(first)
    assert channel_stack.user_texts(who["user"]) == ["hi there"]
    assert "slack: ignored a redelivered event" in channel_stack.log_text()


def test_button_click_is_sent_back_as_the_button_payload(channel_stack: ChannelStack) -> None:
    who = ids()
    assert post_event(channel_stack, message_event(who, "/review")).status_code == 200
    posts = channel_stack.api.wait_for(lambda c: c.body.get("channel") == who["channel"] and c.body.get("blocks"))
    buttons = [e for b in posts[-1].body["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["⭐ 1", "⭐ 2", "⭐ 3", "⭐ 4", "⭐ 5"]  # 5 buttons are kept
    five = buttons[-1]
    before = len(channel_stack.api.slack_posts(who["channel"]))

    click = {
        "type": "block_actions", "user": {"id": who["user"], "username": "customer", "team_id": who["team"]},
        "api_app_id": "A0SHOPAPP", "token": "unused", "trigger_id": uuid.uuid4().hex,
        "team": {"id": who["team"]}, "channel": {"id": who["channel"], "name": "directmessage"},
        "container": {"type": "message", "message_ts": posts[-1].body.get("ts", "1.0"), "channel_id": who["channel"]},
        "message": {"type": "message", "ts": f"{time.time():.6f}", "text": posts[-1].body["text"]},
        "response_url": "https://hooks.slack.com/actions/T0SHOP/1/abc",
        "actions": [{"type": "button", "action_id": five["action_id"], "block_id": "b1", "value": five["value"],
                     "text": five["text"], "action_ts": f"{time.time():.6f}"}],
    }
    assert post_interaction(channel_stack, click).status_code == 200
    channel_stack.api.wait_slack_posts(who["channel"], before + 1)
    assert channel_stack.user_texts(who["user"])[-1] == five["value"]
    assert "experience" in post_texts(channel_stack, who["channel"]).lower()  # asks for the review text


@pytest.mark.parametrize(
    "case",
    ["unsigned", "wrong secret", "tampered body", "stale (6 min old)", "from the future", "no timestamp"],
)
def test_bad_requests_are_rejected_logged_and_never_reach_the_dialogue(channel_stack: ChannelStack,
                                                                       case: str) -> None:
    who = ids()
    body = json.dumps(message_event(who, "cancel my order 10000001")).encode()
    headers = signed_headers(body, "application/json")
    if case == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif case == "wrong secret":
        headers = signed_headers(body, "application/json", secret="not-the-signing-secret")
    elif case == "tampered body":
        body = body.replace(b"cancel my order", b"delete my account")
    elif case == "stale (6 min old)":
        headers = signed_headers(body, "application/json", timestamp=int(time.time()) - 360)
    elif case == "from the future":
        headers = signed_headers(body, "application/json", timestamp=int(time.time()) + 360)
    elif case == "no timestamp":
        headers.pop("X-Slack-Request-Timestamp")
    logged = channel_stack.log_text().count("slack: rejected request")
    reply = httpx.post(f"{channel_stack.rasa_url}/webhooks/slack/webhook", content=body, headers=headers, timeout=10)
    assert reply.status_code == 401
    assert wait_until(lambda: channel_stack.log_text().count("slack: rejected request") > logged, timeout=5)
    time.sleep(1)
    assert channel_stack.user_texts(who["user"]) == []
    assert channel_stack.api.slack_posts(who["channel"]) == []


def test_without_secrets_the_channel_is_off_but_the_server_runs(stack: Stack) -> None:
    """`make run` with no Slack secrets: the webhook exists, refuses with 503 and says why."""
    assert httpx.get(f"{stack.rasa_url}/webhooks/slack/", timeout=10).json() == {"status": "disabled"}
    body = json.dumps(message_event(ids(), "hello")).encode()
    reply = httpx.post(f"{stack.rasa_url}/webhooks/slack/webhook", content=body,
                       headers=signed_headers(body, "application/json"), timeout=10)
    assert reply.status_code == 503
    assert "Slack channel is OFF" in (stack.tmp / "rasa.log").read_text(errors="replace")
