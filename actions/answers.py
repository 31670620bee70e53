"""Free-form questions answered from the knowledge base (kb/), or "I don't know" plus a human."""

import threading
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist.knowledge.answer import answer_question, warm_up
from shopassist.settings import get_settings

from .escalation import offer_if_frustrated, should_offer

HUMAN_BUTTON = {"title": "Talk to a person", "payload": "/contact_human_agent"}

# rasa-sdk imports the action modules once at server start and offers no start-up hook, so this
# is where the encoder, index and generator start loading: in a background thread, so neither
# start-up nor the first customer waits (SHOP_KB_WARMUP=false turns it off).
if get_settings().kb_warmup:
    threading.Thread(target=warm_up, name="kb-warm-up", daemon=True).start()


class ActionAnswerQuestion(Action):
    """Answers the latest message from the knowledge base (extractive or generated, grounded)."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        question = ((tracker.latest_message or {}).get("text") or "").strip()
        if not question:
            dispatcher.utter_message(response="utter_default")
            return []
        reply = await answer_question(question)
        if reply.known:
            dispatcher.utter_message(text=reply.text)
            return []
        # A frustrated customer is asked outright (yes/no) instead of getting a button (issue 5).
        if should_offer(tracker):
            dispatcher.utter_message(text=reply.text)
            return offer_if_frustrated(dispatcher, tracker)
        dispatcher.utter_message(text=reply.text, buttons=[HUMAN_BUTTON])
        return []
