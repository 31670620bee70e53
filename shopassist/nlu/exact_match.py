"""Exact-match intent classifier for short messages ("hi", "thanks", "no").

DIET is unsure about one- and two-word messages because their words also occur inside
longer examples of other intents ("hi, I want to cancel…", "…, thanks"): measured, "hi" and
"thanks" stayed below the fallback threshold (greet 0.37, thank 0.25). This component runs after
DIET and, when the whole normalised message equals a short training example of exactly one
intent, sets that intent with confidence 1.0. Anything else keeps DIET's prediction.

Referenced from config.yml as ``shopassist.nlu.exact_match.ExactMatchIntentClassifier``.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
import rasa.shared.utils.io

FILE_NAME = "exact_matches.json"


def normalise(text: str) -> str:
    """Lower case, punctuation and emoji removed, spaces collapsed."""
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ExactMatchIntentClassifier(GraphComponent, IntentClassifier):
    """Sets the intent of a short message that equals an unambiguous training example."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Only examples of at most ``max_words`` words are remembered."""
        return {"max_words": 4}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 matches: Optional[Dict[str, str]] = None) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self.matches = matches or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ExactMatchIntentClassifier":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Remember short entity-free examples whose text belongs to one intent only."""
        seen: Dict[str, set] = {}
        for example in training_data.intent_examples:
            if example.get(ENTITIES):
                continue
            key = normalise(example.get(TEXT) or "")
            if key and len(key.split()) <= self._config["max_words"]:
                seen.setdefault(key, set()).add(example.get(INTENT))
        self.matches = {key: next(iter(intents)) for key, intents in seen.items() if len(intents) == 1}
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / FILE_NAME, self.matches)
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ExactMatchIntentClassifier":
        """The trained component (an empty one if nothing was persisted)."""
        try:
            with model_storage.read_from(resource) as directory:
                matches = rasa.shared.utils.io.read_json_file(directory / FILE_NAME)
        except ValueError:
            matches = {}
        return cls(config, model_storage, resource, matches)

    def process(self, messages: List[Message]) -> List[Message]:
        """Override the intent of exact matches; leave every other message alone."""
        for message in messages:
            intent = self.matches.get(normalise(message.get(TEXT) or ""))
            if intent is None:
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking, add_to_output=True)
        return messages
