"""The handoff queue puts frustrated and valued customers first; the profile shapes the tone (issue #12)."""

import pytest
from sqlalchemy import select

from shopassist.handoff import service
from shopassist.handoff.models import Base as HandoffBase, CsatRating
from shopassist.handoff.priority import assess
from shopassist.insights.models import ConversationEvent, InsightsBase
from shopassist.insights.profiles import history_signals, refresh_profiles, get_profile
from shopassist.sentiment import reply_tone
from shopassist.settings import get_settings
from shopassist.shop import seed
from shopassist.shop.db import dispose_engines, get_engine, session_scope
from shopassist.shop.models import Customer

from .test_handoff_service import EVENTS, TUESDAY_NOON, user


@pytest.fixture(autouse=True)
def shop(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    get_settings.cache_clear()
    dispose_engines()
    seed.reset(get_engine())
    yield
    get_settings.cache_clear()
    dispose_engines()


def alice_id() -> int:
    with session_scope(get_engine()) as s:
        return s.scalars(select(Customer.id).where(Customer.email == "alice@example.com")).one()


def test_signals_from_a_profile() -> None:
    assert history_signals(None) == []
    assert history_signals({"mean_sentiment": 0.4, "mean_csat": 4.5, "open_tickets": 0, "lifetime_value_cents": 900}) == []
    assert history_signals({"mean_sentiment": -0.6, "mean_csat": None, "open_tickets": 2,
                            "lifetime_value_cents": 10**6}) == ["unhappy before", "open tickets", "high value"]
    assert history_signals({"mean_sentiment": 0.1, "mean_csat": 2.0}) == ["unhappy before"]


def test_assess_levels() -> None:
    calm = assess({"frustration": 0.1, "sentiment_trend": "steady"}, None, 0.7)
    assert calm == {"score": 0, "level": "normal", "reasons": []}
    angry = assess({"frustration": 0.9, "sentiment_trend": "worsening"},
                   {"mean_csat": 1.0, "open_tickets": 1, "lifetime_value_cents": 0}, 0.7)
    assert angry["level"] == "urgent" and angry["reasons"] == ["frustrated", "getting angrier", "unhappy before",
                                                               "open tickets"]


def test_frustrated_valued_customer_is_taken_first(monkeypatch) -> None:
    monkeypatch.setenv("SHOP_HANDOFF_HIGH_VALUE_CENTS", "1")  # any customer with an order is "high value"
    get_settings.cache_clear()
    calm = [user("can I talk to someone please?", "contact_human_agent")]
    first = service.request_handoff("calm", "rest", calm, {}, now=TUESDAY_NOON)
    second = service.request_handoff("angry", "rest", EVENTS, {"customer_id": alice_id()}, now=TUESDAY_NOON)
    assert (first.position, second.position) == (1, 1)  # the later, more urgent request jumps the queue
    queue = service.list_requests()
    assert [r["sender_id"] for r in queue] == ["angry", "calm"]
    top = queue[0]["summary"]["priority"]
    assert top["level"] in ("high", "urgent") and {"getting angrier", "high value"} <= set(top["reasons"])
    assert queue[1]["summary"]["priority"] == {"score": 0, "level": "normal", "reasons": []}
    service.set_status(queue[1]["id"], "active", agent="sam")  # held requests come after the waiting ones
    assert [r["status"] for r in service.list_requests()] == ["waiting", "active"]


def test_low_ratings_before_make_the_profile_unhappy_and_the_tone_calm_sooner() -> None:
    engine, alice = get_engine(), alice_id()
    InsightsBase.metadata.create_all(engine)
    HandoffBase.metadata.create_all(engine)
    with session_scope(engine) as s:  # an earlier verified conversation, rated 1 and 2
        s.add(ConversationEvent(event_key="k1", sender_id="old-chat", type="slot", name="customer_id",
                                value=str(alice), timestamp=1_764_000_000.0, day="2025-11-24"))
        s.add_all([CsatRating(sender_id="old-chat", score=1), CsatRating(sender_id="old-chat", score=2)])
    refresh_profiles(engine, {alice})
    profile = get_profile(engine, alice)
    assert profile["csat_ratings"] == 2 and profile["mean_csat"] == 1.5
    assert "unhappy before" in history_signals(profile)
    assert reply_tone(0.25, "neutral") == "neutral"
    assert reply_tone(0.25, "neutral", unhappy_before=True) == "calm"
    assert reply_tone(0.0, "positive", unhappy_before=True) == "neutral"
