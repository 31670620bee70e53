"""Character n-gram intent classifier for Chinese messages (issue 11).

DIET sees a Chinese message through jieba words and character n-grams *inside* those words, and
is under-confident on short Chinese turns: most of its Chinese errors were ``nlu_fallback`` with
the right intent on top below 0.5 (docs/nlu-measurements.md, run 16). A linear model over
character 1-3-grams of the whole message (scikit-learn TF-IDF + logistic regression, no
segmentation, n-grams across word boundaries) is the classic strong baseline for short Chinese
texts. This component trains one on the Chinese training examples and, for a Chinese message,
mixes its probabilities into DIET's ranking (``weight`` 1.0 = it alone decides, 0.5 = average).
English messages are left exactly as DIET ranked them. Measured in docs/chinese.md.

Referenced from config.yml as ``shopassist.nlu.zh_classifier.ChineseCharIntentClassifier``; it
must come after the LanguageDIETClassifiers and before ExactMatchIntentClassifier and FallbackClassifier.
"""
from __future__ import annotations

import logging
import pickle
import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from shopassist.nlu.cjk import HAN
from shopassist.nlu.langdetect import detect

logger = logging.getLogger(__name__)

FILE_NAME = "zh_char_classifier.pkl"
_HAN_RE = re.compile(f"[{HAN}]")
_DIGITS = re.compile(r"\d+")


def is_chinese(text: str) -> bool:
    """A message this classifier handles: it has Han characters and is not English
    (a lone Han character, "嗨", counts; "I want to return this 耳机" does not)."""
    return bool(_HAN_RE.search(text or "")) and detect(text).language != "en"


def normalise(text: str) -> str:
    """NFKC (full-width digits, letters and punctuation to ASCII), lower case, every number
    as ``0`` (order numbers and amounts say nothing about the intent), spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(_DIGITS.sub("0", text).split())


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ChineseCharIntentClassifier(GraphComponent, IntentClassifier):
    """TF-IDF character n-grams + logistic regression for Chinese messages."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """``weight``: share of this model in a Chinese message's ranking; ``C``: inverse
        regularisation of the logistic regression; ``max_ngram``: longest character n-gram."""
        # Chosen on the first three held-out Chinese sets (docs/nlu-measurements.md, run 19):
        # the best mean accuracy that kept off-topic rejection >= 0.90 on each; 1-4-grams, jieba
        # word n-grams and balanced class weights were no better.
        return {"weight": 0.7, "C": 1000.0, "max_ngram": 3, "ranking_length": 10,
                "min_examples": 50}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Any] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ChineseCharIntentClassifier":
        """A new, untrained component."""
        return cls(config, model_storage, resource)

    def build_model(self) -> Any:
        """The untrained scikit-learn pipeline (also used by the measurement script)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        return make_pipeline(
            TfidfVectorizer(analyzer="char", ngram_range=(1, self._config["max_ngram"]),
                            preprocessor=normalise, sublinear_tf=True),
            LogisticRegression(C=self._config["C"], max_iter=3000))

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on the Chinese intent examples; with too few of them, persist nothing."""
        texts, labels = [], []
        for example in training_data.intent_examples:
            text = example.get(TEXT) or ""
            if is_chinese(text):
                texts.append(text)
                labels.append(example.get(INTENT))
        if len(texts) < self._config["min_examples"] or len(set(labels)) < 2:
            logger.info("Only %d Chinese examples: the character n-gram classifier is off.",
                        len(texts))
            return self._resource
        self.model = self.build_model().fit(texts, labels)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / FILE_NAME).write_bytes(pickle.dumps(self.model))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "ChineseCharIntentClassifier":
        """The trained component; an inactive one when nothing was persisted."""
        model = None
        try:
            with model_storage.read_from(resource) as directory:
                path = directory / FILE_NAME
                if path.exists():
                    model = pickle.loads(path.read_bytes())
        except ValueError:
            pass
        return cls(config, model_storage, resource, model)

    def process(self, messages: List[Message]) -> List[Message]:
        """Re-rank the intents of Chinese messages; English ones keep DIET's ranking."""
        if self.model is None:
            return messages
        chinese = [m for m in messages if is_chinese(m.get(TEXT) or "")]
        if not chinese:
            return messages
        probabilities = self.model.predict_proba([m.get(TEXT) for m in chinese])
        for message, row in zip(chinese, probabilities):
            ranking = mix_rankings(message.get(INTENT_RANKING_KEY) or [],
                                   dict(zip(self.model.classes_, row)),
                                   self._config["weight"])[: self._config["ranking_length"]]
            message.set(INTENT, dict(ranking[0]), add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages


def mix_rankings(ranking: List[Dict[str, Any]], probabilities: Dict[str, float],
                 weight: float) -> List[Dict[str, Any]]:
    """``weight`` × this model's probabilities + (1 − ``weight``) × the earlier ranking's
    confidences (0 for an intent not in it), best first."""
    earlier = {r["name"]: float(r.get("confidence") or 0.0) for r in ranking}
    mixed = {name: weight * float(probabilities.get(name, 0.0))
             + (1.0 - weight) * earlier.get(name, 0.0)
             for name in set(earlier) | set(probabilities)}
    return [{"name": name, "confidence": confidence}
            for name, confidence in sorted(mixed.items(), key=lambda kv: -kv[1])]
