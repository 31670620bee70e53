"""Personalised recommendations from the shop's order history.

score(c) = CO_WEIGHT * co-occurrence(history, c) + SIM_WEIGHT * max similarity(history, c)
           + POP_WEIGHT * popularity(c) + PROFILE_WEIGHT * affinity(profile, c)

- co-occurrence: how often ``c`` was bought together with a history item, counted across all
  customers (in the same order, or by the same customer), normalised by the history item's count;
- similarity: MiniLM cosine between the product texts (the catalog search index);
- popularity: units sold (log-scaled), the only signal for a customer without history;
- affinity: the customer profile (shopassist.insights.profiles): a favourite category, a favourite
  brand and the customer's price band each add to the score. The stored profile is used when there
  is one; in the leave-last-out evaluation it is derived from the truncated history instead, so the
  held-out order cannot leak in.

Never recommended: out-of-stock products, products the customer returned (or whose refund came
from a return), and products the customer already bought (or, post-purchase, just put in the cart).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shopassist.shop.db import use_session
from shopassist.shop.models import Order
from shopassist.shop.views import ProductView

from .engine import all_products
from .index import get_index

__all__ = ["History", "load_history", "recommend", "leave_last_out", "CO_WEIGHT", "SIM_WEIGHT", "POP_WEIGHT"]

CO_WEIGHT = 1.0
SIM_WEIGHT = 0.6
POP_WEIGHT = 0.15
PROFILE_WEIGHT = 0.3
_COUNTED = ("placed", "paid", "shipped", "delivered", "returned")  # cancelled orders bought nothing


@dataclass
class History:
    """Every customer's orders (chronological SKU lists), their returned SKUs and units sold."""

    orders: Dict[int, List[List[str]]]
    was_returned: Dict[int, List[bool]]  # parallel to ``orders``
    units: Counter

    def returned(self, customer_id: int, upto: Optional[int] = None) -> Set[str]:
        """SKUs the customer sent back (in their first ``upto`` orders)."""
        orders = self.orders.get(customer_id, [])[:upto]
        flags = self.was_returned.get(customer_id, [])
        return {sku for skus, back in zip(orders, flags) for sku in skus if back}

    def baskets(self, skip: Optional[Tuple[int, int]] = None) -> Iterable[Tuple[int, List[str]]]:
        for cid, orders in self.orders.items():
            for i, skus in enumerate(orders):
                if skip != (cid, i):
                    yield cid, skus


def load_history(session: Optional[Session] = None) -> History:
    """Read the order history (not cancelled orders) from the database."""
    orders: Dict[int, List[List[str]]] = defaultdict(list)
    was_returned: Dict[int, List[bool]] = defaultdict(list)
    units: Counter = Counter()
    with use_session(session) as s:
        rows = s.scalars(select(Order).options(selectinload(Order.lines), selectinload(Order.returns))
                         .order_by(Order.created_at, Order.id)).all()
        for order in rows:
            if order.status not in _COUNTED:
                continue
            orders[order.customer_id].append([line.sku for line in order.lines])
            was_returned[order.customer_id].append(order.status == "returned" or bool(order.returns))
            for line in order.lines:
                units[line.sku] += line.quantity
    return History(dict(orders), dict(was_returned), units)


def _cooccurrence(history: History, skip: Optional[Tuple[int, int]] = None) -> Tuple[Dict[str, Counter], Counter]:
    # Items bought by the same customer (any of their orders) count as co-occurring.
    pairs: Dict[str, Counter] = defaultdict(Counter)
    counts: Counter = Counter()
    per_customer: Dict[int, Set[str]] = defaultdict(set)
    for cid, skus in history.baskets(skip):
        per_customer[cid].update(skus)
    for items in per_customer.values():
        for a in items:
            counts[a] += 1
            for b in items:
                if a != b:
                    pairs[a][b] += 1
    return pairs, counts


def _band(price: float, prices: Sequence[float]) -> str:
    """The catalog tercile of a price: the same bands as the customer profile."""
    ordered = sorted(prices)
    low, high = ordered[len(ordered) // 3], ordered[2 * len(ordered) // 3]
    return "budget" if price < low else "premium" if price > high else "mid-range"


def profile_of(customer_id: int, bought: Sequence[str], by_sku: Dict[str, ProductView],
               stored: bool = True) -> Optional[Dict]:
    """The customer's profile: the stored one (refreshed by the analytics consumer), else one
    derived from ``bought`` (the favourites and price band the profile would hold)."""
    if stored:
        try:
            from shopassist.insights.profiles import get_profile
            from shopassist.shop.db import get_engine

            profile = get_profile(get_engine(), customer_id)
            if profile:
                return profile
        except Exception:  # no analytics tables: fall back to the history itself
            pass
    items = [by_sku[s] for s in bought if s in by_sku]
    if not items:
        return None
    prices = sorted(p.price for p in items)
    return {"favourite_categories": [c for c, _ in Counter(p.category for p in items).most_common(3)],
            "favourite_brands": [b for b, _ in Counter(p.brand for p in items).most_common(3)],
            "price_band": _band(prices[len(prices) // 2], [p.price for p in by_sku.values()])}


def affinity(profile: Optional[Dict], candidates: Sequence[ProductView], prices: Sequence[float]) -> np.ndarray:
    """How well each candidate fits the profile (0..1)."""
    if not profile:
        return np.zeros(len(candidates))
    cats, brands = set(profile.get("favourite_categories") or []), set(profile.get("favourite_brands") or [])
    band = profile.get("price_band")
    return np.array([0.5 * (p.category in cats) + 0.3 * (p.brand in brands) + 0.2 * (band == _band(p.price, prices))
                     for p in candidates])


def recommend(
    customer_id: Optional[int] = None,
    *,
    seeds: Sequence[str] = (),
    limit: int = 5,
    exclude: Iterable[str] = (),
    history: Optional[History] = None,
    products: Optional[Sequence[ProductView]] = None,
    _skip: Optional[Tuple[int, int]] = None,
) -> List[ProductView]:
    """Products for ``customer_id`` (their history) and/or ``seeds`` (e.g. what was just bought).

    With neither history nor seeds, the most popular in-stock products.
    """
    history = history or load_history()
    products = list(products) if products is not None else all_products()
    by_sku = {p.sku: p for p in products}
    orders = history.orders.get(customer_id, []) if customer_id is not None else []
    if _skip is not None:
        orders = orders[: _skip[1]]
    bought = [sku for skus in orders for sku in skus]
    basis = list(dict.fromkeys(list(seeds) + bought))
    banned = set(exclude) | set(bought) | set(seeds)
    if customer_id is not None:
        banned |= history.returned(customer_id, _skip[1] if _skip else None)
    candidates = [p for p in products if p.in_stock and p.sku not in banned]
    if not candidates:
        return []
    units = history.units
    if _skip is not None:  # the held-out order must not count towards popularity either
        units = Counter(units)
        for sku in history.orders[_skip[0]][_skip[1]]:
            units[sku] = 0
    top = max(units.values(), default=1) or 1
    popularity = np.array([math.log1p(units.get(p.sku, 0)) / math.log1p(top) for p in candidates])
    score = POP_WEIGHT * popularity
    known = [sku for sku in basis if sku in by_sku]
    if known:
        pairs, counts = _cooccurrence(history, _skip)
        co = np.array([sum(pairs[h][p.sku] / counts[h] for h in known if counts[h]) / len(known)
                       for p in candidates])
        index = get_index(products)
        rows = [index.row(sku) for sku in known]
        base = index.emb[[r for r in rows if r is not None]]
        cand = index.emb[[index.row(p.sku) for p in candidates]]
        sim = (cand @ base.T).max(axis=1) if len(base) else np.zeros(len(candidates))
        score = score + CO_WEIGHT * co + SIM_WEIGHT * sim
    if customer_id is not None:
        profile = profile_of(customer_id, bought, by_sku, stored=_skip is None)
        score = score + PROFILE_WEIGHT * affinity(profile, candidates, [p.price for p in products])
    order = sorted(range(len(candidates)), key=lambda i: (-score[i], candidates[i].sku))
    return [candidates[i] for i in order[: max(1, limit)]]


def leave_last_out(k: int = 5, session: Optional[Session] = None) -> Dict[str, float]:
    """Hide each customer's last order (of those with >= 2 orders); hit = one of its products is
    in the top ``k`` recommended from the earlier orders. Stock is ignored here (a product can be
    sold out today and still have been the right suggestion then)."""
    history = load_history(session)
    in_stock_all = [replace(p, in_stock=True) for p in all_products(session)]
    hits = baseline_hits = n = 0
    chance = 0.0
    for cid, orders in history.orders.items():
        if len(orders) < 2:
            continue
        last = len(orders) - 1
        held_out = set(orders[last])
        # What k random picks from the same candidates would hit (the seeded baskets are random).
        banned = {s for o in orders[:last] for s in o} | history.returned(cid, last)
        pool = len(in_stock_all) - len(banned)
        fresh = len(held_out - banned)
        chance += 1 - math.comb(pool - fresh, k) / math.comb(pool, k) if pool >= k else 1.0
        recs = recommend(cid, limit=k, history=history, products=in_stock_all, _skip=(cid, last))
        popular = recommend(None, limit=k, history=history, products=in_stock_all, _skip=(cid, last),
                            exclude=[s for o in orders[:last] for s in o])
        hits += bool(held_out & {p.sku for p in recs})
        baseline_hits += bool(held_out & {p.sku for p in popular})
        n += 1
    return {"customers": n, "hit_rate@5": round(hits / n, 4) if n else 0.0,
            "baseline_hit_rate@5": round(baseline_hits / n, 4) if n else 0.0,
            "random_expected@5": round(chance / n, 4) if n else 0.0}
