"""The answer generator: a small seq2seq model that words an answer from
``question: Q fact: S`` (S = the selected knowledge-base sentence(s)), with number-constrained
greedy decoding and a grounding guard. ``get_generator()`` is None when no model is trained."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Optional

__all__ = ["get_generator", "default_model_dir", "reset_generator"]

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_generator: Any = None
_loaded = False


def default_model_dir() -> Path:
    """``SHOP_GENERATOR_DIR`` or ``<project>/models/generator``."""
    from shopassist.settings import get_settings

    cfg = get_settings()
    return Path(cfg.generator_dir) if cfg.generator_dir else Path(cfg.project_root) / "models" / "generator"


def get_generator() -> Optional[Any]:
    """The process-wide generator (loaded once), or None when no trained model exists."""
    global _generator, _loaded
    if not _loaded:
        with _lock:
            if not _loaded:
                path = default_model_dir() / "final"
                if (path / "config.json").exists():
                    from .model import Generator

                    logger.info("loading answer generator from %s", path)
                    _generator = Generator.load(path)
                else:
                    logger.info("no answer generator at %s: answers are extractive", path)
                _loaded = True
    return _generator


def reset_generator() -> None:
    global _generator, _loaded
    with _lock:
        _generator, _loaded = None, False
