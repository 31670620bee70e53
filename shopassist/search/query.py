"""Structured search filters read from a shopper's message.

The catalog's own vocabulary (categories, item types, colours, brands, sizes) is the lookup
table, so a filter only ever names something the shop can match; the NLU's entities (category,
color, size, brand, price) are merged in by :func:`merge_entities`. Price phrases ("under 150",
"between 20 and 50 euros", "over 100", "max 80") are regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from typing import Any, Dict, Iterable, List, Optional, Tuple

from shopassist.shop.catalog_data import CATEGORIES

__all__ = ["Filters", "parse", "merge_entities", "ITEM_SYNONYMS", "CATEGORY_SYNONYMS", "item_nouns",
           "catalog_colors", "catalog_brands"]


@dataclass(frozen=True)
class Filters:
    """Hard constraints of a search; None / empty = unconstrained."""

    category: Optional[str] = None
    items: Tuple[str, ...] = ()  # item types, e.g. ("Rain Jacket", "Jacket")
    color: Optional[str] = None
    size: Optional[str] = None
    brand: Optional[str] = None
    min_price: Optional[float] = None
    max_price: Optional[float] = None
    in_stock: bool = True

    def to_dict(self) -> Dict[str, Any]:
        data = asdict(self)
        data["items"] = list(self.items)
        return data

    @classmethod
    def from_dict(cls, data: Optional[Dict[str, Any]]) -> "Filters":
        data = dict(data or {})
        known = {f for f in cls.__dataclass_fields__}  # type: ignore[attr-defined]
        data = {k: v for k, v in data.items() if k in known}
        data["items"] = tuple(data.get("items") or ())
        return cls(**data)

    def with_(self, **changes: Any) -> "Filters":
        return replace(self, **changes)


def item_nouns() -> List[str]:
    """Every item type of the catalog ("T-Shirt", "Rain Jacket", ...)."""
    return [item.noun for spec in CATEGORIES.values() for item in spec.items]


def catalog_colors() -> List[str]:
    return sorted({c for spec in CATEGORIES.values() for c in spec.colors})


def catalog_brands() -> List[str]:
    return sorted({b for spec in CATEGORIES.values() for b in spec.brands})


# Words shoppers use for an item type -> the catalog's item types. Plurals are folded separately.
ITEM_SYNONYMS: Dict[str, Tuple[str, ...]] = {
    "t-shirt": ("T-Shirt",), "tshirt": ("T-Shirt",), "tee": ("T-Shirt",), "shirt": ("T-Shirt",),
    "hoodie": ("Hoodie",), "sweatshirt": ("Hoodie",), "jeans": ("Jeans",), "denim": ("Jeans",),
    "dress": ("Dress",), "jacket": ("Jacket", "Rain Jacket"), "coat": ("Jacket", "Rain Jacket"),
    "raincoat": ("Rain Jacket", "Kids Raincoat"), "rain jacket": ("Rain Jacket",),
    "sweater": ("Sweater",), "jumper": ("Sweater",), "pullover": ("Sweater",),
    "sneaker": ("Sneakers",), "sneakers": ("Sneakers",), "trainer": ("Sneakers", "Running Shoes"),
    "running shoe": ("Running Shoes",), "running shoes": ("Running Shoes",),
    "boot": ("Boots",), "boots": ("Boots",), "hiking boot": ("Boots",), "sandal": ("Sandals",),
    "loafer": ("Loafers",), "shoe": ("Sneakers", "Running Shoes", "Boots", "Sandals", "Loafers"),
    "tent": ("Tent",), "sleeping bag": ("Sleeping Bag",), "backpack": ("Backpack",),
    "rucksack": ("Backpack",), "daypack": ("Backpack",), "hiking pole": ("Hiking Poles",),
    "trekking pole": ("Hiking Poles",), "poles": ("Hiking Poles",), "headlamp": ("Headlamp",),
    "head torch": ("Headlamp",), "headphone": ("Wireless Headphones",),
    "headphones": ("Wireless Headphones",), "earphones": ("Wireless Headphones",),
    "speaker": ("Bluetooth Speaker",), "smartwatch": ("Smartwatch",), "fitness tracker": ("Smartwatch",), "watch": ("Smartwatch",),
    "power bank": ("Power Bank",), "powerbank": ("Power Bank",), "e-reader": ("E-Reader",),
    "ereader": ("E-Reader",), "kindle": ("E-Reader",), "charger": ("USB-C Charger",),
    "blanket": ("Throw Blanket",), "throw": ("Throw Blanket",), "cushion": ("Cushion Cover",),
    "lamp": ("Table Lamp",), "towel": ("Bath Towel Set",), "candle": ("Scented Candle",),
    "bed linen": ("Bed Linen Set",), "bedding": ("Bed Linen Set",), "duvet cover": ("Bed Linen Set",),
    "frying pan": ("Frying Pan",), "pan": ("Frying Pan",), "knife": ("Knife Set",),
    "knives": ("Knife Set",), "coffee grinder": ("Coffee Grinder",), "grinder": ("Coffee Grinder",),
    "kettle": ("Kettle",), "cutting board": ("Cutting Board",), "chopping board": ("Cutting Board",),
    "blender": ("Blender",), "face cream": ("Face Cream",), "moisturiser": ("Face Cream",),
    "moisturizer": ("Face Cream",), "shampoo": ("Shampoo",), "serum": ("Serum",),
    "lip balm": ("Lip Balm",), "body lotion": ("Body Lotion",), "lotion": ("Body Lotion",),
    "yoga mat": ("Yoga Mat",), "mat": ("Yoga Mat",), "dumbbell": ("Dumbbell Set",),
    "weights": ("Dumbbell Set",), "football": ("Football",), "soccer ball": ("Football",),
    "ball": ("Football",), "tennis racket": ("Tennis Racket",), "racket": ("Tennis Racket",),
    "racquet": ("Tennis Racket",), "cycling jersey": ("Cycling Jersey",), "jersey": ("Cycling Jersey",),
    "water bottle": ("Water Bottle",), "bottle": ("Water Bottle",),
    "building blocks": ("Building Blocks",), "blocks": ("Building Blocks",), "puzzle": ("Puzzle",),
    "jigsaw": ("Puzzle",), "teddy": ("Plush Bear",), "teddy bear": ("Plush Bear",),
    "plush": ("Plush Bear",), "soft toy": ("Plush Bear",), "rc car": ("Remote Control Car",),
    "remote control car": ("Remote Control Car",), "toy car": ("Remote Control Car",),
    "board game": ("Board Game",), "kids raincoat": ("Kids Raincoat",),
    "cookbook": ("Cookbook",), "recipe book": ("Cookbook",), "travel guide": ("Travel Guide",),
    "guidebook": ("Travel Guide",), "novel": ("Novel",), "children's book": ("Children's Book",),
    "kids book": ("Children's Book",), "photography book": ("Photography Book",),
    "photo book": ("Photography Book",),
}

CATEGORY_SYNONYMS: Dict[str, str] = {
    "apparel": "apparel", "clothes": "apparel", "clothing": "apparel", "fashion": "apparel",
    "shoes": "shoes", "footwear": "shoes", "outdoor": "outdoor", "camping": "outdoor",
    "outdoor gear": "outdoor", "electronics": "electronics", "gadgets": "electronics",
    "tech": "electronics", "home": "home", "homeware": "home", "home decor": "home",
    "kitchen": "kitchen", "kitchenware": "kitchen", "cookware": "kitchen", "beauty": "beauty",
    "skincare": "beauty", "skin care": "beauty", "cosmetics": "beauty", "sports": "sports",
    "sport": "sports", "fitness gear": "sports", "toys": "toys", "toy": "toys", "books": "books",
    "book": "books",
}

_COLOR_SYNONYMS = {"gray": "grey", "navy blue": "navy", "dark blue": "navy", "multicolor": "multicolour",
                   "colourful": "multicolour", "colorful": "multicolour"}
_SIZES = ("XXL", "XL", "XS", "S", "M", "L")
_SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL", "extra small": "XS"}

_NUM = r"(\d+(?:[.,]\d{1,2})?)"
_CUR = r"(?:€|\$|£|eur|euros?|dollars?|bucks)?"
_PRICE_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (rf"\bbetween\s*{_CUR}\s*{_NUM}\s*{_CUR}\s*(?:and|-|to)\s*{_CUR}\s*{_NUM}", "range"),
    (rf"(?<![\w.]){_CUR}\s*{_NUM}\s*{_CUR}\s*(?:-|–|to)\s*{_CUR}\s*{_NUM}\s*{_CUR}(?=\s*(?:€|eur|euro|dollar|$|\W))", "range_bare"),
    (rf"\b(?:under|below|less than|cheaper than|up to|max(?:imum)?|at most|no more than|within|budget(?: of)?|for less than|<)\s*{_CUR}\s*{_NUM}", "max"),
    (rf"\b(?:over|above|more than|at least|min(?:imum)?|from|>)\s*{_CUR}\s*{_NUM}", "min"),
)


def _to_float(text: str) -> float:
    return float(text.replace(",", "."))


def _find_phrase(text: str, phrases: Iterable[str], plurals: bool = True) -> List[Tuple[int, int, str]]:
    """Longest-first, non-overlapping whole-word matches of ``phrases`` (with plural folding)."""
    hits: List[Tuple[int, int, str]] = []
    taken: List[Tuple[int, int]] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        variants = {phrase, phrase + "s", phrase + "es"} if plurals else {phrase}
        if plurals and phrase.endswith("y"):
            variants.add(phrase[:-1] + "ies")
        alt = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{alt})(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.append((m.start(), m.end(), phrase))
    return hits


def parse(text: str) -> Tuple[Filters, str]:
    """Filters stated in ``text`` and the rest of the message (what to rank by meaning)."""
    low = " " + (text or "").lower().replace("’", "'") + " "
    spans: List[Tuple[int, int]] = []
    changes: Dict[str, Any] = {}

    for pattern, kind in _PRICE_PATTERNS:
        m = re.search(pattern, low)
        if not m:
            continue
        spans.append(m.span())
        if kind.startswith("range"):
            a, b = sorted((_to_float(m.group(1)), _to_float(m.group(2))))
            changes.setdefault("min_price", a)
            changes.setdefault("max_price", b)
        elif kind == "max":
            changes.setdefault("max_price", _to_float(m.group(1)))
        else:
            changes.setdefault("min_price", _to_float(m.group(1)))

    items: List[str] = []
    noun_phrases = {n.lower(): (n,) for n in item_nouns()}
    noun_phrases.update(ITEM_SYNONYMS)
    for start, end, phrase in _find_phrase(low, noun_phrases):
        spans.append((start, end))
        for noun in noun_phrases[phrase]:
            if noun not in items:
                items.append(noun)
    if items:
        changes["items"] = tuple(items)
    else:
        for start, end, phrase in _find_phrase(low, CATEGORY_SYNONYMS, plurals=False):
            changes["category"] = CATEGORY_SYNONYMS[phrase]
            spans.append((start, end))
            break

    colours = {c: c for c in catalog_colors()}
    colours.update(_COLOR_SYNONYMS)
    for start, end, phrase in _find_phrase(low, colours):
        changes["color"] = colours[phrase]
        break

    # Other brands shoppers name are filters too: "Nike sneakers" must not show other sneakers.
    from shopassist.nlu.vocab import BRANDS

    brands = {b.lower(): b for b in list(BRANDS) + catalog_brands()}
    for start, end, phrase in _find_phrase(low, brands):
        changes["brand"] = brands[phrase]
        spans.append((start, end))
        break

    m = re.search(r"\bsize\s*:?\s*(xxl|xl|xs|s|m|l|\d{2,3})\b", low) or re.search(
        r"\b(?:in|an?)\s+(xxl|xl|xs|\d{2})\b(?!\s*(?:€|eur|euro|dollar|\$|%))", low)
    if m:
        changes["size"] = m.group(1).upper()
        spans.append(m.span())
    else:
        m = re.search(r"\bsize\s+(extra large|extra small|small|medium|large)\b", low)
        if m:
            changes["size"] = _SIZE_WORDS[m.group(1)]
            spans.append(m.span())

    if re.search(r"\b(incl(?:uding|\.)? out of stock|sold out too|even if (?:it's |they're )?sold out)\b", low):
        changes["in_stock"] = False

    rest = low
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return Filters(**changes), " ".join(rest.split())


def merge_entities(filters: Filters, entities: Iterable[Dict[str, Any]]) -> Filters:
    """Add what the NLU found (entity name -> value) where the text parser found nothing.

    NLU values are mapped onto the catalog's vocabulary; values the catalog cannot match (a brand
    we do not sell) are kept, so the search honestly finds nothing rather than ignoring them.
    """
    changes: Dict[str, Any] = {}
    for ent in entities:
        name, value = ent.get("entity"), str(ent.get("value") or "").strip()
        if not value:
            continue
        sub, _ = parse(value)
        if name == "color" and filters.color is None:
            changes["color"] = sub.color or _COLOR_SYNONYMS.get(value.lower(), value.lower())
        elif name == "brand" and filters.brand is None:
            changes["brand"] = sub.brand or value
        elif name == "size" and filters.size is None:
            changes["size"] = _SIZE_WORDS.get(value.lower(), value.upper())
        elif name == "category" and not filters.items and filters.category is None:
            if sub.items:
                changes["items"] = sub.items
            elif sub.category:
                changes["category"] = sub.category
        elif name == "price" and filters.max_price is None:
            m = re.search(_NUM, value)
            if m:
                changes["max_price"] = _to_float(m.group(1))
    return filters.with_(**changes) if changes else filters
