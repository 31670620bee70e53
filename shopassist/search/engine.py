"""Hybrid product search: hard filters over the catalog rows, then ranking by meaning.

The catalog is small (a few hundred rows), so filtering in Python over one ``SELECT`` is simpler
and as fast as composing SQL; the ranking is the cosine similarity of the message's MiniLM
embedding with each product's, plus a small bonus per descriptive word of the message that the
product's text contains ("waterproof", "leather"), which MiniLM tends to under-weight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from shopassist.shop.catalog import _product_view
from shopassist.shop.db import use_session
from shopassist.shop.models import Product
from shopassist.shop.views import ProductView

from .index import encode, get_index, is_ready, product_text
from .query import Filters, item_nouns, parse

__all__ = ["SearchResult", "all_products", "matches", "search", "rank"]

KEYWORD_BONUS = 0.06
_STOP = {
    "a", "an", "the", "some", "any", "for", "me", "i", "im", "i'm", "want", "need", "looking", "look",
    "search", "find", "show", "buy", "to", "of", "in", "with", "and", "or", "please", "do", "you",
    "have", "sell", "something", "my", "get", "can", "is", "are", "it", "that", "this", "on", "at",
    "by", "from", "euros", "euro", "eur", "size", "got", "there", "what", "which", "good", "nice",
    "new", "one", "ones", "like", "would", "could", "should", "your", "shop", "store", "stock",
}


@dataclass(frozen=True)
class SearchResult:
    """One page of results and how many products matched the filters in all."""

    products: List[ProductView]
    total: int


def all_products(session: Optional[Session] = None) -> List[ProductView]:
    """Every catalog product, in SKU order."""
    with use_session(session) as s:
        return [_product_view(p) for p in s.scalars(select(Product).order_by(Product.sku)).all()]


def matches(p: ProductView, f: Filters) -> bool:
    """Whether product ``p`` meets every hard filter of ``f``."""
    if f.in_stock and not p.in_stock:
        return False
    if f.category and p.category != f.category:
        return False
    if f.items and not any(_is_item(p, item) for item in f.items):
        return False
    if f.color and (p.color or "").lower() != f.color.lower():
        return False
    if f.brand and p.brand.lower() != f.brand.lower():
        return False
    if f.size and f.size.upper() not in {s.upper() for s in p.sizes}:
        return False
    if f.min_price is not None and p.price < f.min_price:
        return False
    if f.max_price is not None and p.price > f.max_price:
        return False
    return True


def _is_item(p: ProductView, item: str) -> bool:
    # Names end with the item type ("Northpeak Alpine Rain Jacket"); "Jacket" must not match
    # "Rain Jacket" unless asked for, which the synonym table does explicitly.
    name = p.name.lower()
    noun = item.lower()
    if not name.endswith(noun):
        return False
    longer = [n.lower() for n in item_nouns() if n.lower().endswith(" " + noun)]
    return not any(name.endswith(n) for n in longer)


def _keywords(text: str) -> List[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in _STOP and len(w) > 2]


def rank(text: str, products: Sequence[ProductView], semantic: Optional[bool] = None) -> List[Tuple[float, ProductView]]:
    """Products scored against ``text`` (best first; cheapest first among equal scores).

    ``semantic=None``: use the embeddings when they are loaded, else rank by keywords only
    (a search right after start-up must not wait for the encoder; the warm-up loads it).
    """
    if not products:
        return []
    if not text.strip():
        return [(0.0, p) for p in sorted(products, key=lambda p: (p.price, p.sku))]
    if semantic is None:
        semantic = is_ready()
    words = _keywords(text)
    sims = _similarities(encode([text])[0], products) if semantic else np.zeros(len(products))
    scored = []
    for p, sim in zip(products, sims):
        haystack = product_text(p).lower() + " " + (p.material or "").lower()
        bonus = KEYWORD_BONUS * sum(1 for w in words if re.search(rf"\b{re.escape(w.rstrip('s'))}", haystack))
        scored.append((float(sim) + bonus, p))
    scored.sort(key=lambda item: (-item[0], item[1].price, item[1].sku))
    return scored


def _similarities(query: np.ndarray, products: Sequence[ProductView]) -> np.ndarray:
    # Embeddings come from the cached catalog index; products not in it (edited rows) are encoded.
    catalog = all_products()
    index = get_index(catalog)
    rows = [index.row(p.sku) for p in products]
    emb = np.zeros((len(products), index.emb.shape[1]), dtype=np.float32)
    missing = [i for i, r in enumerate(rows) if r is None]
    for i, r in enumerate(rows):
        if r is not None:
            emb[i] = index.emb[r]
    if missing:
        emb[missing] = encode([product_text(products[i]) for i in missing])
    return emb @ query


def search(
    text: str,
    filters: Optional[Filters] = None,
    *,
    limit: int = 5,
    offset: int = 0,
    exclude: Iterable[str] = (),
    session: Optional[Session] = None,
    semantic: Optional[bool] = True,
) -> SearchResult:
    """Products meeting ``filters`` (default: those stated in ``text``), ranked by meaning.

    ``offset`` pages through the ranking ("show more"); ``exclude`` drops SKUs (already shown).
    ``semantic``: True = rank by meaning (loads the encoder if needed), None = only if loaded.
    """
    if filters is None:
        filters, _ = parse(text)
    skip = set(exclude)
    candidates = [p for p in all_products(session) if matches(p, filters) and p.sku not in skip]
    ranked = [p for _, p in rank(text, candidates, semantic)]
    offset = max(0, int(offset))
    return SearchResult(ranked[offset: offset + max(1, int(limit))], len(ranked))
