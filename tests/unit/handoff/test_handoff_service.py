"""Handoff queue, business hours, summaries and CSAT on a fresh SQLite database."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shopassist.handoff import service
from shopassist.handoff.summary import summarise, transcript
from shopassist.settings import Settings, get_settings
from shopassist.shop.db import dispose_engines

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY_NOON = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
SUNDAY_NOON = datetime(2026, 11, 29, 12, 0, tzinfo=BERLIN)
TUESDAY_NIGHT = datetime(2026, 11, 24, 22, 30, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def fresh_db(tmp_path, monkeypatch):
    monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{tmp_path / 'shop.db'}")
    get_settings.cache_clear()
    dispose_engines()
    yield
    get_settings.cache_clear()
    dispose_engines()


def user(text, intent, label="neutral", score=0.0, entities=(), ts=1764000000.0):
    return {"event": "user", "text": text, "timestamp": ts,
            "parse_data": {"intent": {"name": intent}, "entities": list(entities),
                           "sentiment": {"label": label, "score": score}}}


def bot(text, utter=None, agent=None):
    meta = {"utter_action": utter} if utter else {}
    if agent:
        meta["agent"] = agent
    return {"event": "bot", "text": text, "timestamp": 1764000001.0, "metadata": meta}


EVENTS = [
    {"event": "session_started"},
    user("where is my order 10000003?", "track_order", "neutral", 0.0,
         [{"entity": "order_id", "value": "10000003"}]),
    bot("Order 10000003 is shipped.", "utter_order_status"),
    user("it's been two weeks, this is ridiculous", "complaint", "negative", -0.8),
    bot("I'm sorry", "utter_tone_ack"),
    user("I WANT A PERSON NOW", "contact_human_agent", "negative", -0.9),
]


def test_business_hours() -> None:
    assert service.agents_available(TUESDAY_NOON)
    assert not service.agents_available(TUESDAY_NIGHT)
    assert not service.agents_available(SUNDAY_NOON)
    always = Settings(handoff_open_days=list(range(7)), handoff_open_hours=(0, 24))
    assert service.agents_available(SUNDAY_NOON, always) and service.agents_available(TUESDAY_NIGHT, always)


def test_summary_has_intents_orders_and_a_worsening_trend() -> None:
    summary = summarise(EVENTS, {"customer_email": "alice@example.com", "customer_id": 1})
    assert summary["intents"] == ["track_order", "complaint", "contact_human_agent"]
    assert summary["order_ids"] == ["10000003"]
    assert summary["sentiment_trend"] == "worsening"
    assert summary["verified"] and summary["customer_email"] == "alice@example.com"
    assert summary["frustration"] > 0.5
    lines = transcript(EVENTS + [bot("Hi, I'm Sam", agent="sam")])
    assert [m["who"] for m in lines] == ["customer", "bot", "customer", "bot", "customer", "agent"]
    assert lines[2]["sentiment"]["label"] == "negative"


def test_live_handoff_is_queued_once_and_positions_count_waiting_requests() -> None:
    first = service.request_handoff("c1", "rest", EVENTS, {}, now=TUESDAY_NOON)
    second = service.request_handoff("c2", "socketio", EVENTS, {}, now=TUESDAY_NOON)
    again = service.request_handoff("c1", "rest", EVENTS, {}, now=TUESDAY_NOON)
    assert (first.kind, first.position, second.position) == ("live", 1, 2)
    assert again.id == first.id and first.ticket == f"H-{first.id:06d}"
    waiting = service.list_requests()
    assert [r["sender_id"] for r in waiting] == ["c1", "c2"]
    assert waiting[0]["summary"]["order_ids"] == ["10000003"]
    full = service.get_request(first.id)
    assert full["transcript"][0]["text"] == "where is my order 10000003?"
    service.set_status(first.id, "active", agent="sam")
    service.set_status(first.id, "closed", events=EVENTS + [bot("Solved!", agent="sam")])
    assert [r["sender_id"] for r in service.list_requests()] == ["c2"]
    assert service.get_request(first.id)["transcript"][-1] == {"who": "agent", "text": "Solved!",
                                                               "time": "2025-11-24T16:00:01+00:00"}
    assert service.get_request(999) is None


def test_outside_hours_a_callback_request_is_filed_instead() -> None:
    queued = service.request_handoff("night", "rest", EVENTS, {}, now=SUNDAY_NOON)
    assert queued.kind == "callback" and queued.position == 0
    assert service.list_requests()[0]["kind"] == "callback"


def test_csat_is_stored_and_reported_per_intent_and_sentiment() -> None:
    happy = [user("thanks, great!", "thank", "positive", 0.9)]
    service.record_csat("a", 5, "track_order", happy, {})
    service.record_csat("b", 4, "track_order", happy, {})
    service.record_csat("c", 1, "cancel_order", EVENTS, {})
    service.request_handoff("c", "rest", EVENTS, {}, now=TUESDAY_NOON)
    service.record_csat("c", 2, "cancel_order", EVENTS, {})
    with pytest.raises(ValueError):
        service.record_csat("d", 6, "x", [], {})
    report = service.csat_report()
    assert report["overall"] == {"n": 4, "mean": 3.0, "satisfied": 0.5}
    assert report["by_intent"]["track_order"]["mean"] == 4.5
    assert report["by_intent"]["cancel_order"]["n"] == 2
    assert report["by_sentiment"]["positive"]["mean"] == 4.5
    assert report["by_sentiment"]["negative"]["mean"] == 1.5
    assert report["by_handoff"]["handed off"]["n"] == 1
    assert "| track_order | 2 | 4.5 | 1.0 |" in service.render_report(report)
