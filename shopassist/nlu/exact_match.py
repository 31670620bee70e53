"""Exact-match intent classifier for short messages ("hi", "thanks", "no").

DIET is unsure about one- and two-word messages because their words also occur inside
longer examples of other intents ("hi, I want to cancel…", "…, thanks"): measured, "hi" and
"thanks" stayed below the fallback threshold (greet 0.37, thank 0.25). This component runs after
DIET and, when the whole normalised message equals a short training example of exactly one
intent, sets that intent with confidence 1.0. Anything else keeps DIET's prediction.

Examples with values (e-mail addresses, order numbers, phone numbers) are remembered with each
value replaced by its entity type: "my email is bob@example.com" matches the inform example
"my email is lars@mail.de" as ``my email is ent_email``. Without this, a one-value reply inside
a form was at the mercy of every retraining: a change to the *Chinese* data once moved DIET's
choice for "my email is bob@example.com" to newsletter_subscription (0.98; docs/chinese.md).

Referenced from config.yml as ``shopassist.nlu.exact_match.ExactMatchIntentClassifier``.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text, Tuple

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


def masked(text: str, entities: List[Dict[str, Any]], types: List[str]) -> Optional[str]:
    """``text`` with the spans of entities of ``types`` replaced by ``ent_<type>``, normalised;
    None when no such entity has a usable span."""
    spans = sorted({(e["start"], e["end"], e["entity"]) for e in entities or []
                    if e.get("entity") in types and isinstance(e.get("start"), int)
                    and isinstance(e.get("end"), int) and 0 <= e["start"] < e["end"] <= len(text)})
    if not spans or any(a[1] > b[0] for a, b in zip(spans, spans[1:])):  # none, or overlapping
        return None
    out, pos = [], 0
    for start, end, entity in spans:
        out += [text[pos:start], f" ent_{entity} "]
        pos = end
    return normalise("".join(out) + text[pos:])


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ExactMatchIntentClassifier(GraphComponent, IntentClassifier):
    """Sets the intent of a short message that equals an unambiguous training example."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Only examples of at most ``max_words`` words are remembered; examples with values of
        the ``masked_entities`` types, with the values masked, of at most ``max_masked_words``."""
        return {"max_words": 4, "max_masked_words": 6, "masked_entities": ["email", "order_id", "phone"]}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 matches: Optional[Dict[str, str]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.matches = matches or {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ExactMatchIntentClassifier":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Remember short examples (entity-free, or with masked values) whose text belongs to
        one intent only."""
        seen: Dict[str, set] = {}
        for example in training_data.intent_examples:
            key, with_values = self._key(example, training=True)
            limit = self._config["max_masked_words" if with_values else "max_words"]
            if key and len(key.split()) <= limit:
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
            key, _ = self._key(message)
            intent = self.matches.get(key) if key else None
            if intent is None:
                continue
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
            message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking, add_to_output=True)
        return messages

    def _key(self, message: Message, training: bool = False) -> Tuple[Optional[str], bool]:
        """The lookup key and whether values were masked in it: the masked text of a message
        with values of the masked types, else its normalised text (for a training example only
        when it has no entities at all: a value of another type would be remembered verbatim)."""
        text, entities = message.get(TEXT) or "", message.get(ENTITIES) or []
        key = masked(text, entities, self._config["masked_entities"])
        if key:
            return key, True
        return (None if training and entities else normalise(text)), False
