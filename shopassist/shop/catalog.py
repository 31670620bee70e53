"""Catalogue and static shop information: product search, delivery and payment options."""

from __future__ import annotations

import re
from typing import List, Optional

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from shopassist.settings import get_settings

from . import policy
from ._common import money
from .catalog_data import CATEGORIES
from .db import use_session
from .errors import ProductNotFound
from .models import Product
from .views import DeliveryOption, ProductView

__all__ = [
    "search_products",
    "get_product",
    "categories",
    "delivery_options",
    "payment_methods",
    "refund_policy",
]

refund_policy = policy.refund_policy

_STOP_WORDS = {
    "a", "an", "the", "some", "any", "for", "me", "i", "im", "i'm", "want", "need", "looking",
    "look", "search", "find", "show", "buy", "to", "of", "in", "with", "and", "or", "please",
    "do", "you", "have", "sell", "something", "under", "below", "less", "than", "euro", "euros",
    "eur", "€", "cheap", "new", "my", "get", "can",
}


def _variants(word: str) -> List[str]:
    # Crude plural folding so "jackets" finds "Jacket" and "dresses" finds "Dress".
    forms = {word}
    if len(word) > 4 and word.endswith("es"):
        forms.add(word[:-2])
    if len(word) > 3 and word.endswith("s"):
        forms.add(word[:-1])
    return sorted(forms)


def _product_view(p: Product) -> ProductView:
    return ProductView(
        sku=p.sku,
        name=p.name,
        category=p.category,
        brand=p.brand,
        color=p.color,
        sizes=tuple(x for x in p.sizes.split(",") if x),
        material=p.material,
        price=money(p.price_cents),
        currency=get_settings().currency,
        stock=p.stock,
        in_stock=p.stock > 0,
        description=p.description,
    )


def _normalize_category(category: str) -> str:
    text = category.strip().lower()
    for name in CATEGORIES:
        if text in _variants(name) or name in _variants(text):
            return name
    return text


def search_products(
    text: Optional[str] = None,
    category: Optional[str] = None,
    color: Optional[str] = None,
    brand: Optional[str] = None,
    max_price: Optional[float] = None,
    in_stock: bool = True,
    limit: int = 5,
    *,
    size: Optional[str] = None,
    session: Optional[Session] = None,
) -> List[ProductView]:
    """Attribute filters plus keyword ranking over the catalogue.

    Structured filters (category, colour, brand, price, size, stock) must all hold. Keywords of
    ``text`` (minus filler words) rank the rest: products matching more keywords in name,
    description, brand, category, colour or material come first, cheapest first among equals;
    products matching none are left out. Semantic search can replace the ranking later.
    """
    conditions = []
    if category:
        conditions.append(Product.category == _normalize_category(category))
    if color:
        conditions.append(Product.color.ilike(color.strip()))
    if brand:
        conditions.append(Product.brand.ilike(f"%{brand.strip()}%"))
    if max_price is not None:
        conditions.append(Product.price_cents <= policy.to_cents(float(max_price)))
    if size:
        # sizes is a comma-separated list; match a whole element.
        conditions.append(("," + Product.sizes + ",").ilike(f"%,{size.strip()},%"))
    if in_stock:
        conditions.append(Product.stock > 0)
    keywords = [
        word for word in re.findall(r"[\w'&-]+", (text or "").lower()) if word not in _STOP_WORDS and not word.isdigit()
    ]
    stmt = select(Product).where(and_(*conditions)) if conditions else select(Product)
    stmt = stmt.order_by(Product.price_cents, Product.sku)
    limit = max(1, min(int(limit), 50))
    with use_session(session) as s:
        products = list(s.scalars(stmt).all())
        if keywords:
            scored = [(_keyword_hits(p, keywords), p) for p in products]
            # sorted() is stable, so equal scores stay cheapest first.
            products = [p for hits, p in sorted(scored, key=lambda item: -item[0]) if hits > 0]
        return [_product_view(p) for p in products[:limit]]


def _keyword_hits(product: Product, keywords: List[str]) -> int:
    """How many keywords (in any singular/plural variant) occur in the product's text fields."""
    haystack = " ".join(
        str(value or "").lower()
        for value in (product.name, product.description, product.brand, product.category, product.color, product.material)
    )
    return sum(any(form in haystack for form in _variants(word)) for word in keywords)


def get_product(sku: str, *, session: Optional[Session] = None) -> ProductView:
    """One product by SKU (case-insensitive) or :class:`ProductNotFound`."""
    with use_session(session) as s:
        product = s.get(Product, (sku or "").strip().upper())
        if product is None:
            raise ProductNotFound(sku)
        return _product_view(product)


def categories() -> List[str]:
    """The catalogue's category names."""
    return list(CATEGORIES)


def delivery_options() -> List[DeliveryOption]:
    """Shipping methods with fee and business-day range, from settings."""
    cfg = get_settings()
    return [
        DeliveryOption(method="standard", label="Standard delivery",
                       fee=float(cfg.standard_shipping_fee), currency=cfg.currency,
                       min_days=cfg.standard_delivery_days[0],
                       max_days=cfg.standard_delivery_days[1],
                       free_from=float(cfg.free_shipping_threshold)),
        DeliveryOption(method="express", label="Express delivery",
                       fee=float(cfg.express_shipping_fee), currency=cfg.currency,
                       min_days=cfg.express_delivery_days[0],
                       max_days=cfg.express_delivery_days[1], free_from=None),
    ]


def payment_methods() -> List[str]:
    """Accepted payment methods (display names), from settings."""
    return list(get_settings().payment_methods)
