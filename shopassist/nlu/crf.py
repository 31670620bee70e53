"""CRFEntityExtractor that keeps its trained taggers, so loading a model does not retrain the CRF.

Rasa 3.6's ``CRFEntityExtractor.load`` stores only the training dataset and fits the CRFs again
every time a model is loaded. With our English and Chinese data that is about 70 of the Rasa
server's 90 seconds of start-up (py-spy, session 4), and it happens in every test that starts a
server. This subclass also pickles the fitted taggers (sklearn-crfsuite models pickle their
model file's bytes) and loads them directly. Without the pickle (a model trained with the plain
extractor, or a broken file) it falls back to Rasa's retraining, so nothing is lost.

Referenced from config.yml as ``shopassist.nlu.crf.PersistedCRFEntityExtractor``; the features and
the output are Rasa's.
"""
from __future__ import annotations

import logging
import pickle
from typing import Any, Dict, List, Text

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor, CRFToken

logger = logging.getLogger(__name__)

TAGGERS_FILE = "crf_taggers.pkl"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class PersistedCRFEntityExtractor(CRFEntityExtractor):
    """Rasa's CRF entity extractor, persisted as fitted models instead of a dataset to refit."""

    def persist(self, dataset: List[List[CRFToken]]) -> None:
        """Rasa's files (the dataset and the tagger order) plus the fitted taggers."""
        super().persist(dataset)
        with self._model_storage.write_to(self._resource) as model_dir:
            # our own artefact, written by train() and read back only from this model archive
            (model_dir / TAGGERS_FILE).write_bytes(pickle.dumps(self.entity_taggers))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> CRFEntityExtractor:
        """The stored taggers; Rasa's refitting when they are missing or unreadable."""
        try:
            with model_storage.read_from(resource) as model_dir:
                taggers = pickle.loads((model_dir / TAGGERS_FILE).read_bytes())
                crf_order = rasa.shared.utils.io.read_json_file(model_dir / "crf_order.json")
        except ValueError:  # no resource: the component was never trained (no entity examples)
            return super().load(config, model_storage, resource, execution_context, **kwargs)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            logger.warning("stored CRF taggers not usable (%s); refitting them from the dataset", exc)
            return super().load(config, model_storage, resource, execution_context, **kwargs)
        extractor = cls(config, model_storage, resource, taggers)
        extractor.crf_order = crf_order
        return extractor
