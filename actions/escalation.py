"""Sentiment tracking, tone of replies, offering a person, handoff and CSAT (issue 5).

Thin glue: the measures live in shopassist.sentiment, the queue and ratings in shopassist.handoff.
"""

import logging
from typing import Any, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist.handoff import service as handoff
from shopassist.sentiment import frustration_level, reply_tone, turns_from_events
from shopassist.sentiment.tone import acknowledgement, toned_response
from shopassist.settings import get_settings

from .common import call

logger = logging.getLogger(__name__)
HANDOFF = "handoff"  # value of pending_action while "shall I connect you with a person?" is open


def _level(tracker: Tracker) -> float:
    try:
        return float(tracker.get_slot("frustration") or 0.0)
    except (TypeError, ValueError):
        return 0.0


class ActionTrackSentiment(Action):
    """Custom slot mapping run after every user message: sentiment, frustration, tone slots."""

    def name(self) -> Text:
        return "action_track_sentiment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        turns = turns_from_events(tracker.events)
        latest = (tracker.latest_message or {}).get("sentiment") or {}
        label = latest.get("label") if latest.get("label") in ("negative", "neutral", "positive") else "neutral"
        if ((tracker.latest_message or {}).get("text") or "").startswith("/"):
            label = tracker.get_slot("sentiment") or "neutral"  # a button press keeps the mood
        level = frustration_level(turns)
        unhappy = await call(unhappy_before, tracker.get_slot("customer_id"))
        return [SlotSet("sentiment", label), SlotSet("frustration", level),
                SlotSet("tone", reply_tone(level, label, unhappy))]


def unhappy_before(customer_id: Any) -> bool:
    """Whether the verified customer's profile shows earlier unhappy conversations (issue #12)."""
    if customer_id in (None, ""):
        return False
    try:
        from shopassist.insights.profiles import get_profile, history_signals
        from shopassist.shop.db import get_engine

        return "unhappy before" in history_signals(get_profile(get_engine(), int(customer_id)))
    except Exception:  # the profile refines the tone; it never breaks a turn
        logger.exception("profile of customer %s unavailable", customer_id)
        return False


def say_in_tone(dispatcher: CollectingDispatcher, tracker: Tracker, replies: List[Any]) -> None:
    """Send (response, values) pairs in the conversation's tone, after an acknowledgement if upset."""
    current = tracker.get_slot("tone") or "neutral"
    ack = acknowledgement(current, _level(tracker))
    if ack and replies:
        dispatcher.utter_message(response=ack)
    for response, values in replies:
        dispatcher.utter_message(response=toned_response(response, current), **values)


def should_offer(tracker: Tracker) -> bool:
    """Frustration crossed the threshold and no person was offered yet in this conversation."""
    if tracker.get_slot("handoff_offered") or tracker.get_slot("handoff_active"):
        return False
    return _level(tracker) >= get_settings().handoff_frustration_threshold


def offer_if_frustrated(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Offer a person once per conversation when frustration crossed the threshold."""
    if not should_offer(tracker):
        return []
    dispatcher.utter_message(response="utter_offer_handoff")
    return [SlotSet("handoff_offered", True), SlotSet("pending_action", HANDOFF)]


class ActionOfferHandoff(Action):
    """The customer asked for a person (contact_human_agent): ask to confirm with yes/no buttons."""

    def name(self) -> Text:
        return "action_offer_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("handoff_active"):
            return []
        ack = acknowledgement(tracker.get_slot("tone") or "neutral", _level(tracker))
        if ack:
            dispatcher.utter_message(response=ack)
        dispatcher.utter_message(response="utter_offer_handoff")
        return [SlotSet("handoff_offered", True), SlotSet("pending_action", HANDOFF)]


async def start_handoff(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The customer accepted: queue the conversation (or file a call-back) and go quiet."""
    channel = tracker.get_latest_input_channel() or ""
    reason = "requested" if any(t.intent == "contact_human_agent" for t in turns_from_events(tracker.events)) \
        else "frustration"
    try:
        queued = await call(handoff.request_handoff, tracker.sender_id, channel, list(tracker.events),
                            dict(tracker.slots), reason)
    except Exception:  # the customer still gets an answer, never silence
        logger.exception("handoff request failed")
        dispatcher.utter_message(response="utter_service_error")
        return [SlotSet("pending_action", None)]
    if queued.kind == "callback":
        dispatcher.utter_message(response="utter_handoff_callback", ticket=queued.ticket,
                                 hours=get_settings().support_hours)
        return [SlotSet("pending_action", None)]
    dispatcher.utter_message(response="utter_handoff_queued", ticket=queued.ticket, position=queued.position)
    # Paused: Rasa logs the customer's messages but predicts nothing until an agent resumes it.
    return [SlotSet("pending_action", None), SlotSet("handoff_active", True), ConversationPaused()]


def decline_handoff(dispatcher: CollectingDispatcher) -> List[EventType]:
    """The customer said no to a person: carry on."""
    dispatcher.utter_message(response="utter_handoff_declined")
    return [SlotSet("pending_action", None)]


class ActionCloseConversation(Action):
    """Goodbye, then (once, if a task was resolved) the 1-5 rating buttons."""

    def name(self) -> Text:
        return "action_close_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_goodbye")
        if tracker.get_slot("resolved_intent") and not tracker.get_slot("csat_asked"):
            dispatcher.utter_message(response="utter_csat_request")  # the rating buttons come last
            return [SlotSet("csat_asked", True)]
        return []


def _csat_score(tracker: Tracker) -> int:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "csat_score":
            try:
                return int(str(entity.get("value")).strip())
            except ValueError:
                return 0
    return 0


class ActionStoreCsat(Action):
    """Store the rating from the CSAT buttons with the conversation's intent and sentiment."""

    def name(self) -> Text:
        return "action_store_csat"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        score = _csat_score(tracker)
        if not 1 <= score <= 5:
            dispatcher.utter_message(response="utter_csat_invalid")
            return []
        try:
            await call(handoff.record_csat, tracker.sender_id, score, tracker.get_slot("resolved_intent") or "",
                       list(tracker.events), dict(tracker.slots))
        except Exception:
            logger.exception("storing the CSAT rating failed")
        dispatcher.utter_message(response="utter_csat_thanks", score=score)
        return [SlotSet("resolved_intent", None)]


__all__ = ["ActionTrackSentiment", "ActionOfferHandoff", "ActionCloseConversation", "ActionStoreCsat",
           "say_in_tone", "should_offer", "offer_if_frustrated", "start_handoff", "decline_handoff", "HANDOFF"]
