"""Background warm-up of the action server: the knowledge base (encoder, index, generator) and the
product search index load in threads when a server worker starts, so neither start-up nor the
first customer waits. Started from the action server (not at import time, so importing the
actions, e.g. in tests, starts nothing). ``SHOP_KB_WARMUP=false`` turns it off."""

from __future__ import annotations

import logging
import threading

__all__ = ["start_background_warm_up", "warm_up_search"]

logger = logging.getLogger(__name__)


def warm_up_search() -> None:
    """Embed the catalog now (or load the cached embeddings), so the first search is fast."""
    try:
        from shopassist.search.engine import all_products
        from shopassist.search.index import get_index

        get_index(all_products())
        logger.info("product search ready")
    except Exception:  # the first search retries
        logger.exception("product search warm-up failed (search will retry at first use)")


def start_background_warm_up() -> None:
    """Start the warm-up threads (one after the other in one thread: they share the encoder)."""
    from shopassist.knowledge.answer import warm_up

    def run() -> None:
        warm_up()
        warm_up_search()

    threading.Thread(target=run, name="warm-up", daemon=True).start()
