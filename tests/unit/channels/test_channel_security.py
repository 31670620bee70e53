"""Slack and Messenger request signatures (shopassist.channels.security; stdlib only)."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from shopassist.channels.security import (
    SLACK_MAX_AGE_S,
    RecentKeys,
    hub_signature_256,
    slack_signature,
    tokens_equal,
    verify_hub_signature_256,
    verify_slack_signature,
)

# The worked example from Slack's "Verifying requests from Slack" documentation.
SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
SLACK_TS = "1531420618"
SLACK_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
SLACK_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_slack_signature_matches_slacks_documented_example() -> None:
    assert slack_signature(SLACK_SECRET, SLACK_TS, SLACK_BODY) == SLACK_SIG
    now = int(SLACK_TS) + 10
    assert verify_slack_signature(SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY.encode(), now=now) is None


@pytest.mark.parametrize(
    "secret, ts, sig, body, now, reason",
    [
        ("", SLACK_TS, SLACK_SIG, SLACK_BODY, 1531420618, "no signing secret"),
        (SLACK_SECRET, SLACK_TS, None, SLACK_BODY, 1531420618, "missing X-Slack-Signature"),
        (SLACK_SECRET, None, SLACK_SIG, SLACK_BODY, 1531420618, "missing X-Slack-Request-Timestamp"),
        (SLACK_SECRET, "yesterday", SLACK_SIG, SLACK_BODY, 1531420618, "malformed"),
        (SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY, 1531420618 + SLACK_MAX_AGE_S + 1, "stale"),
        (SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY, 1531420618 - SLACK_MAX_AGE_S - 1, "stale"),
        (SLACK_SECRET, SLACK_TS, SLACK_SIG, SLACK_BODY + "&x=1", 1531420618, "mismatch"),
        ("another-secret", SLACK_TS, SLACK_SIG, SLACK_BODY, 1531420618, "mismatch"),
        (SLACK_SECRET, SLACK_TS, SLACK_SIG.upper(), SLACK_BODY, 1531420618, "mismatch"),
        (SLACK_SECRET, SLACK_TS, "v0=ü", SLACK_BODY, 1531420618, "mismatch"),
    ],
)
def test_slack_requests_that_are_refused(secret, ts, sig, body, now, reason) -> None:
    problem = verify_slack_signature(secret, ts, sig, body, now=now)
    assert problem is not None and reason in problem


def test_slack_replay_window_edges() -> None:
    ts = 1_700_000_000
    sig = slack_signature(SLACK_SECRET, ts, b"{}")
    assert verify_slack_signature(SLACK_SECRET, str(ts), sig, b"{}", now=ts + SLACK_MAX_AGE_S) is None
    assert verify_slack_signature(SLACK_SECRET, str(ts), sig, b"{}", now=ts + SLACK_MAX_AGE_S + 1) is not None


def test_hub_signature_256() -> None:
    body = b'{"object":"page","entry":[]}'
    expected = "sha256=" + hmac.new(b"app-secret", body, hashlib.sha256).hexdigest()
    assert hub_signature_256("app-secret", body) == expected
    assert verify_hub_signature_256("app-secret", expected, body) is None
    assert "missing" in verify_hub_signature_256("app-secret", None, body)
    assert "mismatch" in verify_hub_signature_256("app-secret", expected, body + b" ")
    assert "mismatch" in verify_hub_signature_256("other", expected, body)
    assert "no app secret" in verify_hub_signature_256("", expected, body)
    sha1 = "sha1=" + hmac.new(b"app-secret", body, hashlib.sha1).hexdigest()
    assert "not a sha256" in verify_hub_signature_256("app-secret", sha1, body)  # legacy header refused


def test_tokens_equal() -> None:
    assert tokens_equal("abc", "abc")
    assert not tokens_equal("abd", "abc")
    assert not tokens_equal(None, "abc")
    assert not tokens_equal("", "")  # an unset token never matches


def test_recent_keys_drop_repeats_and_forget_old_ones() -> None:
    keys = RecentKeys(ttl=10, size=3)
    assert keys.seen("a", now=0) is False
    assert keys.seen("a", now=1) is True
    assert keys.seen("b", now=2) is False
    assert keys.seen("a", now=20) is False  # expired, so new again
    for index, key in enumerate("cdef"):
        keys.seen(key, now=21 + index)
    assert len(keys) <= 3
