"""Free-form questions answered from the knowledge base (kb/), or "I don't know" plus a human."""

from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist.knowledge.answer import answer_question
from shopassist import texts
from shopassist.texts import lang_of

from .escalation import offer_if_frustrated, should_offer
from .shopping import ActionRefineSearch, is_search_follow_up

# the sentiment layer's tone slot -> the generator's tone control
GENERATOR_TONE = {"calm": "apologetic", "friendly": "friendly"}


def human_button(lang: str) -> dict:
    """The "talk to a person" button in the conversation language."""
    return {"title": texts.text("button.human", lang), "payload": "/contact_human_agent"}



class ActionAnswerQuestion(Action):
    """Answers the latest message from the knowledge base (extractive or generated, grounded)."""

    def name(self) -> Text:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        question = ((tracker.latest_message or {}).get("text") or "").strip()
        if not question:
            dispatcher.utter_message(response="utter_default")
            return []
        if is_search_follow_up(tracker):  # "in blue" under the results, the NLU unsure
            return await ActionRefineSearch().run(dispatcher, tracker, domain)
        reply = await answer_question(question, language=lang_of(tracker.get_slot("language")),
                                      tone=GENERATOR_TONE.get(tracker.get_slot("tone") or "", "neutral"))
        if reply.known:
            dispatcher.utter_message(text=reply.text)
            return []
        # A frustrated customer is asked outright (yes/no) instead of getting a button (issue 5).
        if should_offer(tracker):
            dispatcher.utter_message(text=reply.text)
            return offer_if_frustrated(dispatcher, tracker)
        dispatcher.utter_message(text=reply.text, buttons=[human_button(lang_of(tracker.get_slot("language")))])
        return []
