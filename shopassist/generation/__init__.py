"""The answer generator: a small seq2seq model that words an answer from
``question: Q fact: S`` (S = the selected knowledge-base sentence(s)), with number-constrained
greedy decoding and a grounding guard. ``get_generator()`` is None when no model is trained."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any, Optional

__all__ = ["get_generator", "default_model_dir", "reset_generator"]

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_generator: Any = None
_loaded = False
_checked_at = 0.0  # monotonic time of the last look for a model (while none exists)


def default_model_dir() -> Path:
    """``SHOP_GENERATOR_DIR`` or ``<project>/models/generator``."""
    from shopassist.settings import get_settings

    cfg = get_settings()
    return Path(cfg.generator_dir) if cfg.generator_dir else Path(cfg.project_root) / "models" / "generator"


def get_generator() -> Optional[Any]:
    """The process-wide generator (loaded once), or None while no trained model exists.

    Without a model the directory is looked at again every ``generator_poll_seconds``, so a
    model that finishes training in the background is picked up without a restart."""
    global _generator, _loaded, _checked_at
    if _generator is not None:
        return _generator
    from shopassist.settings import get_settings

    if _loaded and time.monotonic() - _checked_at < get_settings().generator_poll_seconds:
        return None
    with _lock:
        if _generator is None and (not _loaded or time.monotonic() - _checked_at >= get_settings().generator_poll_seconds):
            path = default_model_dir() / "final"
            if (path / "config.json").exists():
                from .model import Generator

                logger.info("loading answer generator from %s", path)
                generator = Generator.load(path)
                generator.warm_up()
                _generator = generator
                logger.info("answers are now worded by the generator")
            elif not _loaded:
                logger.info("no answer generator at %s: answers are extractive", path)
            _loaded, _checked_at = True, time.monotonic()
    return _generator


def reset_generator() -> None:
    """Forget the loaded generator (tests, or after retraining)."""
    global _generator, _loaded, _checked_at
    with _lock:
        _generator, _loaded, _checked_at = None, False, 0.0
