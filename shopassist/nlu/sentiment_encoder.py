"""The fine-tuned MiniLM sentiment classifier, run with onnxruntime inside the Rasa server.

Built by :mod:`shopassist.sentiment.encoder_training` (``make sentiment-encoder``) into a directory
holding ``model.onnx``, ``tokenizer.json`` and ``meta.json``. The Rasa environment has no torch,
so the exported graph runs on onnxruntime with the ``tokenizers`` package: about 5–6 ms a message
on one CPU thread.

Optional by design: when the directory, its files or onnxruntime are missing, :func:`load_encoder`
logs why and returns ``None``, and the sentiment component goes on with its n-gram model alone.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from shopassist.nlu.sentiment_model import LABELS, normalise

logger = logging.getLogger(__name__)

REQUIRED_FILES = ("model.onnx", "tokenizer.json", "meta.json")


class OnnxSentimentEncoder:
    """Class probabilities (order of :data:`LABELS`) for English texts."""

    def __init__(self, session: Any, tokenizer: Any, meta: dict, directory: Path) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.meta = meta
        self.directory = directory

    def predict_proba(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """An (n, 3) array of probabilities; texts are normalised like the n-gram model's."""
        if not texts:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        rows = []
        for start in range(0, len(texts), batch_size):
            encoded = self._tokenizer.encode_batch([normalise(t) or "." for t in texts[start:start + batch_size]])
            feeds = {"input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
                     "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64)}
            rows.append(self._session.run(None, feeds)[0])
        return np.vstack(rows)


def load_encoder(directory: Optional[str | Path], threads: int = 1) -> Optional[OnnxSentimentEncoder]:
    """The encoder in ``directory``, or ``None`` (with a log line saying why) when it cannot be used."""
    if not directory:
        return None
    path = Path(directory)
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        logger.warning("sentiment encoder not used: %s lacks %s (build it with `make sentiment-encoder`);"
                       " the n-gram model answers alone", path, ", ".join(missing))
        return None
    try:
        import onnxruntime
        from tokenizers import Tokenizer
    except ImportError as exc:
        logger.warning("sentiment encoder not used: %s; the n-gram model answers alone", exc)
        return None
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    if list(meta.get("labels", [])) != list(LABELS):
        logger.warning("sentiment encoder not used: %s has labels %s, expected %s", path,
                       meta.get("labels"), list(LABELS))
        return None
    tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
    tokenizer.enable_truncation(int(meta.get("max_length", 64)))
    tokenizer.enable_padding()
    options = onnxruntime.SessionOptions()
    # one thread: the Rasa server handles requests concurrently, and a short message is 5 ms anyway
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        session = onnxruntime.InferenceSession(str(path / "model.onnx"), options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # a corrupt or foreign file must not take the NLU server down
        logger.warning("sentiment encoder not used: %s cannot be loaded (%s)", path / "model.onnx", exc)
        return None
    logger.info("sentiment encoder loaded from %s", path)
    return OnnxSentimentEncoder(session, tokenizer, meta, path)
