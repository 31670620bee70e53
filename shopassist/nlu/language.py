"""Rasa NLU component: detect the message language on every parse.

Puts ``{"detected": "en"|"zh"|None, "switch": bool, ...}`` under the key ``language`` of the
parse result (the tracker keeps it in ``latest_message``); the action
``action_validate_slot_mappings`` (actions/language.py) turns it into the ``language`` slot,
keeping the previous language when the detection is undecided.

An explicit switch request that carries no task ("can we speak Chinese?", "说英文吧") is
classified as ``switch_language`` with confidence 1.0, so the assistant confirms the switch
instead of guessing an intent. Referenced from config.yml as
``shopassist.nlu.language.LanguageDetector``; place it after the intent classifiers.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from shopassist.nlu.langdetect import detect

LANGUAGE_KEY = "language"
SWITCH_INTENT = "switch_language"
# A switch request plus a task ("说中文吧，我要取消订单") keeps its task intent: the override
# applies to short requests, or when the classifiers did not find a confident task.
_SHORT_UNITS = 6
_WEAK = {"out_of_scope", "nlu_fallback", SWITCH_INTENT, "inform", "affirm", "greet"}
_CONFIDENT = 0.7


def _units(text: str) -> int:
    """Latin words plus Han characters: a language-neutral message length."""
    return len(re.findall(r"[A-Za-z]+", text)) + len(re.findall(r"[\u4e00-\u9fff]", text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds the detected language to every message (see module docstring)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        """No state and no training."""
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data passes through unchanged."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Annotate each message; override the intent of bare switch requests."""
        for message in messages:
            text = message.get(TEXT) or ""
            found = detect(text)
            message.set(LANGUAGE_KEY, found.as_dict(), add_to_output=True)
            intent = message.get(INTENT) or {}
            weak = (intent.get("name") in _WEAK
                    or float(intent.get("confidence") or 0.0) < _CONFIDENT)
            if found.switch and (_units(text) <= _SHORT_UNITS or weak):
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                           if r.get("name") != SWITCH_INTENT]
                message.set(INTENT, {"name": SWITCH_INTENT, "confidence": 1.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [{"name": SWITCH_INTENT, "confidence": 1.0}]
                            + ranking, add_to_output=True)
        return messages
