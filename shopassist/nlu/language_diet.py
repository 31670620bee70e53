"""DIET intent classifier for one language (issue 11): one for English, one for Chinese.

With one DIET shared by both languages, every Chinese data round moved English figures that no
Chinese change should touch: run 18 sent English e-mail replies to newsletter_subscription, run
20 cost 0.6 points of English accuracy, and the session-7 grammar cost 0.5 points of English
accuracy and 2.4 points of English off-topic rejection (docs/nlu-measurements.md, run 21).
Each instance of this component trains on the examples of its language only and ranks the
intents of its language's messages only, so Chinese examples cannot pull an English message to
their intents. The featurizers before it are fitted on both languages, so a change to the
Chinese data still changes the English DIET's input space and its English figures jitter a
little (run 22: English off-topic rejection 0.930 -> 0.914, accuracy +0.1 point). Which
messages are Chinese is decided exactly as for the character n-gram classifier (:func:`shopassist.nlu.zh_classifier.is_chinese`): Han characters and not
English; every other message (English, digits, e-mail addresses, emoji) is English's.

Referenced from config.yml as ``shopassist.nlu.language_diet.LanguageDIETClassifier`` with
``language: en`` and ``language: zh``; every other option is DIET's.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from shopassist.nlu.zh_classifier import is_chinese

logger = logging.getLogger(__name__)
LANGUAGES = ("en", "zh")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LanguageDIETClassifier(DIETClassifier):
    """DIETClassifier restricted to the messages of one language (``language``: en or zh)."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """DIET's defaults plus ``language``."""
        return {**DIETClassifier.get_default_config(), "language": "en"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """DIET's constructor (also used by ``load``); an unknown ``language`` is a
        configuration error, raised here once rather than on every message."""
        super().__init__(*args, **kwargs)
        self._language = self.component_config["language"]
        if self._language not in LANGUAGES:
            raise ValueError(f"LanguageDIETClassifier: language must be one of {LANGUAGES}, "
                             f"not {self._language!r}")

    def handles(self, text: str) -> bool:
        """Whether a message belongs to this instance's language."""
        return is_chinese(text) == (self._language == "zh")

    def train(self, training_data: TrainingData) -> Resource:
        """Train on this language's examples; with none of them, persist nothing."""
        own = training_data.filter_training_examples(lambda m: self.handles(m.get(TEXT) or ""))
        if len({m.get("intent") for m in own.intent_examples}) < 2:
            logger.info("LanguageDIETClassifier(%s): fewer than two intents in the data, off.",
                        self._language)
            return self._resource
        return super().train(own)

    def process(self, messages: List[Message]) -> List[Message]:
        """Rank the intents of this language's messages; leave the others untouched."""
        if self.model is None:
            return messages
        own = [m for m in messages if self.handles(m.get(TEXT) or "")]
        if own:
            super().process(own)
        return messages
