"""Escalation actions on rasa-sdk trackers: sentiment slots, the offer threshold, tone, goodbye + CSAT."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.escalation import (ActionCloseConversation, ActionTrackSentiment, offer_if_frustrated, say_in_tone,
                                should_offer)


def tracker(slots=None, events=None, latest=None) -> Tracker:
    return Tracker("s1", dict(slots or {}), latest or {}, list(events or []), False, None, None, "action_listen")


def user(text, intent, label, score):
    parse = {"text": text, "intent": {"name": intent}, "sentiment": {"label": label, "score": score}}
    return {"event": "user", "text": text, "parse_data": parse}


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return [m.get("response") for m in dispatcher.messages], events


def test_track_sentiment_sets_the_three_slots() -> None:
    angry = user("WHERE IS MY ORDER??? this is ridiculous", "track_order", "negative", -0.9)
    _, events = run(ActionTrackSentiment(), tracker(events=[angry], latest=angry["parse_data"]))
    slots = {e["name"]: e["value"] for e in events}
    assert slots["sentiment"] == "negative" and slots["tone"] == "calm" and slots["frustration"] > 0.5
    button = user("/affirm", "affirm", "negative", -0.4)
    _, events = run(ActionTrackSentiment(), tracker({"sentiment": "neutral"}, [button], button["parse_data"]))
    assert {e["name"]: e["value"] for e in events}["sentiment"] == "neutral"  # buttons keep the mood


def test_offer_only_above_the_threshold_and_only_once() -> None:
    assert not should_offer(tracker({"frustration": 0.5}))
    assert should_offer(tracker({"frustration": 0.8}))
    assert not should_offer(tracker({"frustration": 0.9, "handoff_offered": True}))
    dispatcher = CollectingDispatcher()
    events = offer_if_frustrated(dispatcher, tracker({"frustration": 0.9}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_offer_handoff"]
    assert {e["name"]: e["value"] for e in events} == {"handoff_offered": True, "pending_action": "handoff"}


def test_calm_tone_acknowledges_and_uses_the_calm_variant() -> None:
    dispatcher = CollectingDispatcher()
    say_in_tone(dispatcher, tracker({"tone": "calm", "frustration": 0.4}),
                [("utter_order_status", {"order_id": "10000003"}), ("utter_greet", {})])
    assert [m["response"] for m in dispatcher.messages] == ["utter_tone_ack", "utter_order_status_calm", "utter_greet"]
    assert dispatcher.messages[1]["order_id"] == "10000003"
    dispatcher = CollectingDispatcher()
    say_in_tone(dispatcher, tracker({"tone": "friendly"}), [("utter_order_status", {})])
    assert [m["response"] for m in dispatcher.messages] == ["utter_order_status_friendly"]


def test_goodbye_then_the_rating_once_after_a_resolved_task() -> None:
    assert run(ActionCloseConversation(), tracker())[0] == ["utter_goodbye"]
    responses, events = run(ActionCloseConversation(), tracker({"resolved_intent": "track_order"}))
    assert responses == ["utter_goodbye", "utter_csat_request"]
    assert run(ActionCloseConversation(), tracker({"resolved_intent": "track_order", "csat_asked": True}))[0] == \
        ["utter_goodbye"]
