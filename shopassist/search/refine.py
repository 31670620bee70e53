"""Multi-turn search state: what was asked, which filters hold, which products were shown.

The state is a plain JSON dict (it lives in the ``search_state`` slot)::

    {"text": "warm jacket", "filters": {...}, "offset": 0, "shown": ["OUT-0001", ...],
     "selected": "OUT-0001" | None}

Follow-ups change it: "cheaper" caps the price below the selected product (or the median of those shown), "more expensive"
raises it, "show more" pages on, "in blue" / "size M" / "under 50" / "from Northpeak" replace that
filter, "the second one" selects a shown product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence

from shopassist.shop.views import ProductView

from .engine import SearchResult, search
from .query import Filters, merge_entities, parse

__all__ = ["Turn", "start", "refine", "ordinal", "PAGE"]

PAGE = 5
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "last": -1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_MORE = re.compile(r"\b(show (?:me )?more|more (?:results|options|please)|next(?: page| ones)?|other (?:ones|options)|"
                   r"anything else|what else|see more|load more|more like (?:this|these))\b")
_CHEAPER = re.compile(r"\b(cheaper|less expensive|lower price|too (?:expensive|pricey|much)|more affordable|"
                      r"budget|cheapest)\b")
_PRICIER = re.compile(r"\b(more expensive|pricier|higher (?:end|quality)|premium|better ones?)\b")


@dataclass
class Turn:
    """What a follow-up did: ``kind`` is new | more | cheaper | pricier | filter | select | none."""

    kind: str
    state: Dict[str, Any]
    result: Optional[SearchResult] = None
    selected: Optional[ProductView] = None


def ordinal(text: str) -> Optional[int]:
    """1-based position named in "the second one", "number 3", "#2", "the last one" (-1)."""
    low = (text or "").lower()
    m = re.search(r"(?:number|no\.?|#|item|option|product)\s*([1-9])\b", low) or re.search(r"^\s*([1-9])\s*$", low)
    if m:
        return int(m.group(1))
    m = re.search(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b", low)
    if m:
        return _ORDINALS[m.group(1)]
    m = re.search(r"\bthe (one|two|three|four|five)\b(?! of)", low)
    return _ORDINALS[m.group(1)] if m and m.group(1) != "one" else None


# In a conversation, rank by meaning once the encoder is loaded (keywords until then).
SEMANTIC: Optional[bool] = None


def _run(state: Dict[str, Any], exclude: Iterable[str] = ()) -> SearchResult:
    return search(state["text"], Filters.from_dict(state["filters"]), limit=PAGE, offset=state["offset"],
                  exclude=exclude, semantic=SEMANTIC)


def start(text: str, entities: Sequence[Dict[str, Any]] = ()) -> Turn:
    """A new search for ``text`` (plus the NLU's entities)."""
    filters, _ = parse(text)
    filters = merge_entities(filters, entities)
    state = {"text": text, "filters": filters.to_dict(), "offset": 0, "shown": [], "selected": None}
    result = _run(state)
    state["shown"] = [p.sku for p in result.products]
    return Turn("new", state, result)


def _shown(state: Dict[str, Any], products: Dict[str, ProductView]) -> List[ProductView]:
    return [products[s] for s in state.get("shown") or [] if s in products]


def refine(state: Optional[Dict[str, Any]], text: str, entities: Sequence[Dict[str, Any]] = (),
           catalog: Optional[Dict[str, ProductView]] = None) -> Turn:
    """Apply a follow-up message to the previous search ``state``.

    Without a previous search the message is a new search.
    """
    if not state or not state.get("text") and not state.get("filters"):
        return start(text, entities)
    from .engine import all_products

    state = {**state, "filters": dict(state.get("filters") or {})}
    catalog = catalog or {p.sku: p for p in all_products()}
    shown = _shown(state, catalog)
    low = (text or "").lower()

    position = ordinal(low)
    if position is not None and shown and not _MORE.search(low):
        index = len(shown) - 1 if position == -1 else position - 1
        if 0 <= index < len(shown):
            state["selected"] = shown[index].sku
            return Turn("select", state, selected=shown[index])
        return Turn("none", state)

    changes, _ = parse(text)
    changes = merge_entities(changes, entities)
    filters = Filters.from_dict(state["filters"])
    updates: Dict[str, Any] = {}
    if _CHEAPER.search(low) and shown and changes.max_price is None:
        # Cheaper than the product looked at, else than the middle of what was shown.
        selected = catalog.get(state.get("selected") or "")
        prices = sorted(p.price for p in shown)
        updates["max_price"] = round((selected.price if selected else prices[(len(prices) - 1) // 2]) - 0.01, 2)
        kind = "cheaper"
    elif _PRICIER.search(low) and shown and changes.min_price is None:
        updates["min_price"] = round(max(p.price for p in shown) + 0.01, 2)
        updates["max_price"] = None
        kind = "pricier"
    elif _MORE.search(low) and not _has_filters(changes):
        paged = {**state, "offset": int(state.get("offset") or 0) + PAGE}
        result = _run(paged)
        if not result.products:  # nothing further: keep the page the shopper is looking at
            return Turn("more", state, result)
        paged["shown"] = [p.sku for p in result.products]
        return Turn("more", paged, result)
    else:
        kind = "filter"
    for name in ("color", "size", "brand", "min_price", "max_price", "category"):
        value = getattr(changes, name)
        if value is not None:
            updates[name] = value
    if changes.items:
        updates["items"] = list(changes.items)
        updates["category"] = None
    if not updates:
        return Turn("none", state)
    new = {**state, "filters": {**filters.to_dict(), **updates}, "offset": 0, "selected": None}
    result = _run(new)
    if not result.products:  # an empty refinement keeps the previous results to refine again
        return Turn(kind, state, result)
    new["shown"] = [p.sku for p in result.products]
    return Turn(kind, new, result)


def _has_filters(f: Filters) -> bool:
    return any(v is not None for v in (f.color, f.size, f.brand, f.min_price, f.max_price, f.category)) or bool(f.items)
