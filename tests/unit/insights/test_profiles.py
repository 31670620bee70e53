"""Customer profiles from orders and conversations; export; forget keeps the aggregates."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from shopassist.insights.consumer import Consumer
from shopassist.insights.metrics import summary
from shopassist.insights.profiles import export_customer, forget_customer, get_profile
from shopassist.insights.simulate import publish
from shopassist.insights.sources import SqlSource
from shopassist.shop import seed
from shopassist.shop.db import session_scope
from shopassist.shop.models import Customer
from sqlalchemy import select


@pytest.fixture()
def shop(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    seed.reset(engine)
    with session_scope(engine) as s:
        alice = s.scalars(select(Customer).where(Customer.email == "alice@example.com")).one()
        return engine, alice.id, tmp_path


def conversation(sender: str, customer_id: int, t: float) -> list:
    return [
        {"event": "slot", "sender_id": sender, "timestamp": t, "name": "language", "value": "zh"},
        {"event": "user", "sender_id": sender, "timestamp": t + 1, "text": "我的订单到哪了？我的邮箱 alice@example.com",
         "input_channel": "rest", "parse_data": {"intent": {"name": "track_order", "confidence": 0.9},
                                                 "sentiment": {"label": "negative", "score": 0.7}}},
        {"event": "slot", "sender_id": sender, "timestamp": t + 2, "name": "customer_id", "value": customer_id},
        {"event": "bot", "sender_id": sender, "timestamp": t + 3, "text": "订单已发货。"},
    ]


def test_profile_follows_events_and_export_then_forget(shop) -> None:
    engine, alice, tmp = shop
    url = f"sqlite:///{tmp / 'rasa_events.db'}"
    publish(conversation("chat-1", alice, 1_764_000_000) + conversation("chat-2", alice, 1_764_090_000), broker_url=url)
    Consumer(SqlSource(url), engine).drain()  # the consumer refreshes the verified customer's profile
    profile = get_profile(engine, alice)
    assert profile and profile["orders"] >= 4 and profile["lifetime_value_cents"] > 0
    assert profile["favourite_categories"] and profile["price_band"] in {"budget", "mid-range", "premium"}
    assert profile["language"] == "zh" and profile["conversations"] == 2
    assert profile["sentiment_history"] == [-0.7, -0.7]
    exported = export_customer(engine, alice)
    assert exported["customer"]["email"] == "alice@example.com"
    assert {o["number"] for o in exported["orders"]} >= {"10000001", "10000006"}
    assert len(exported["conversations"]) == 4 and exported["profile"]["customer_id"] == alice
    assert not any("alice@example.com" in (m["text"] or "") for m in exported["conversations"])  # stored masked
    before = summary(engine)["overall"]
    assert forget_customer(engine, alice) == 8
    assert get_profile(engine, alice) is None
    assert export_customer(engine, alice)["conversations"] == []
    after = summary(engine)["overall"]
    assert after["messages"] == before["messages"] and after["conversations"] == before["conversations"]


def test_delete_account_action_also_forgets_profile_and_conversations(shop, monkeypatch) -> None:
    from rasa_sdk import Tracker

    from actions.account import delete_account
    from actions.outcome import TaskContext
    from shopassist.insights.profiles import refresh_profiles
    from shopassist.settings import get_settings
    from shopassist.shop.db import dispose_engines

    engine, alice, tmp = shop
    url = f"sqlite:///{tmp / 'rasa_events.db'}"
    publish(conversation("chat-del", alice, 1_764_000_000), broker_url=url)
    Consumer(SqlSource(url), engine).drain()
    refresh_profiles(engine, {alice})
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp / 'shop.db'}")
    get_settings.cache_clear()
    dispose_engines()
    try:
        tracker = Tracker("chat-del", {"customer_id": alice}, {}, [], False, None, {}, "action_listen")
        outcome = delete_account(TaskContext(tracker))
        assert outcome.replies[0][0] == "utter_account_deleted"
        assert get_profile(engine, alice) is None
        assert export_customer(engine, alice)["customer"]["email"].startswith("deleted-")
        assert export_customer(engine, alice)["conversations"] == []
    finally:
        get_settings.cache_clear()
        dispose_engines()


def test_agent_console_shows_the_verified_customers_profile(shop, monkeypatch) -> None:
    from shopassist.handoff.service import customer_profile as _profile
    from shopassist.settings import get_settings
    from shopassist.shop.db import dispose_engines

    engine, alice, tmp = shop
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp / 'shop.db'}")
    get_settings.cache_clear()
    dispose_engines()
    try:
        assert _profile(None) is None
        profile = _profile(str(alice))
        assert profile["customer_id"] == alice and profile["orders"] >= 4
    finally:
        get_settings.cache_clear()
        dispose_engines()
