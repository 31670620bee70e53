"""The ``language`` slot: set after every user message from the NLU's language detection.

Rasa runs ``action_validate_slot_mappings`` after each user message (inside forms too); the
``extract_language`` method fills the custom-mapped ``language`` slot. The detection itself is
done by the NLU component ``shopassist.nlu.language.LanguageDetector`` (parse key
``language``); when a message is undecided (an order number, an emoji, "ok") the slot keeps
its value, which is the hysteresis. Messages parsed without the component (old models, the
REST ``parse_data`` injection of tests) are detected here with the same function.
"""

from typing import Any, Dict, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from shopassist.nlu.langdetect import LANGUAGES, detect


def current_language(tracker: Tracker) -> str:
    """The conversation's language (``en`` unless the slot says ``zh``)."""
    value = tracker.get_slot("language")
    return value if value in LANGUAGES else "en"


class ValidateSlotMappings(ValidationAction):
    """Global slot extraction outside the forms' own validators (feature: Chinese, issue 11)."""

    def name(self) -> Text:
        return "action_validate_slot_mappings"

    async def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> Dict[Text, Any]:
        """The detected language, or nothing (keep the slot) when the message is undecided."""
        latest = tracker.latest_message or {}
        found = (latest.get("language") or {}).get("detected")
        if "language" not in latest:
            found = detect(latest.get("text") or "").language
        if found in LANGUAGES and found != tracker.get_slot("language"):
            return {"language": found}
        return {}
