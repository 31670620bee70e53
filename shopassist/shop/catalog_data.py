"""Our own demo catalogue vocabulary and a deterministic product generator (used by seed)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Dict, List, Sequence, Tuple

__all__ = ["ProductSpec", "CATEGORIES", "generate_products", "PRODUCTS_PER_CATEGORY"]

PRODUCTS_PER_CATEGORY = 12

APPAREL_SIZES = "XS,S,M,L,XL,XXL"
SHOE_SIZES = ",".join(str(s) for s in range(36, 47))
KIDS_SIZES = "98,104,110,116,122,128"


@dataclass(frozen=True)
class _ItemType:
    noun: str
    materials: Tuple[str, ...]
    price_range: Tuple[int, int]  # whole currency units
    sizes: str = ""  # "" = one size


@dataclass(frozen=True)
class _Category:
    prefix: str
    brands: Tuple[str, ...]
    colors: Tuple[str, ...]
    styles: Tuple[str, ...]
    items: Tuple[_ItemType, ...]


_BASIC_COLORS = ("black", "white", "grey", "navy", "blue", "red", "green", "beige", "brown")

CATEGORIES: Dict[str, _Category] = {
    "apparel": _Category(
        "APP",
        ("Urbanline", "Northpeak", "Linnea", "Corso"),
        _BASIC_COLORS + ("pink", "yellow"),
        ("Classic", "Slim", "Relaxed", "Essential", "Vintage", "Organic"),
        (
            _ItemType("T-Shirt", ("cotton", "organic cotton"), (12, 29), APPAREL_SIZES),
            _ItemType("Hoodie", ("cotton", "fleece"), (39, 69), APPAREL_SIZES),
            _ItemType("Jeans", ("denim",), (49, 99), "28,30,32,34,36,38"),
            _ItemType("Dress", ("viscose", "linen", "cotton"), (39, 89), APPAREL_SIZES),
            _ItemType("Jacket", ("wool", "polyester", "denim"), (69, 159), APPAREL_SIZES),
            _ItemType("Sweater", ("merino wool", "cashmere", "cotton"), (49, 129), APPAREL_SIZES),
        ),
    ),
    "shoes": _Category(
        "SHO",
        ("Stridewell", "Urbanline", "Trailhawk", "Pavé"),
        _BASIC_COLORS,
        ("Classic", "Lightweight", "Everyday", "Pro", "Retro"),
        (
            _ItemType("Sneakers", ("canvas", "leather", "mesh"), (49, 129), SHOE_SIZES),
            _ItemType("Running Shoes", ("mesh", "knit"), (79, 169), SHOE_SIZES),
            _ItemType("Boots", ("leather", "suede"), (89, 199), SHOE_SIZES),
            _ItemType("Sandals", ("leather", "rubber"), (29, 79), SHOE_SIZES),
            _ItemType("Loafers", ("leather", "suede"), (69, 139), SHOE_SIZES),
        ),
    ),
    "outdoor": _Category(
        "OUT",
        ("Northpeak", "Trailhawk", "Fjellmark"),
        ("green", "orange", "blue", "black", "grey", "red"),
        ("Alpine", "Trail", "Expedition", "Ultralight", "Basecamp"),
        (
            _ItemType("Rain Jacket", ("Gore-Tex", "nylon"), (99, 249), APPAREL_SIZES),
            _ItemType("Tent", ("nylon", "polyester"), (129, 399)),
            _ItemType("Sleeping Bag", ("down", "synthetic fill"), (79, 229)),
            _ItemType("Backpack", ("nylon", "cordura"), (59, 179)),
            _ItemType("Hiking Poles", ("aluminium", "carbon"), (39, 99)),
            _ItemType("Headlamp", ("aluminium", "plastic"), (19, 59)),
        ),
    ),
    "electronics": _Category(
        "ELE",
        ("Voltra", "Sonique", "Pixelon", "Ampere"),
        ("black", "white", "silver", "blue", "grey"),
        ("Pro", "Mini", "Max", "Go", "Studio", "Lite"),
        (
            _ItemType("Wireless Headphones", ("plastic", "aluminium"), (49, 299)),
            _ItemType("Bluetooth Speaker", ("fabric", "plastic"), (29, 199)),
            _ItemType("Smartwatch", ("aluminium", "steel"), (99, 349)),
            _ItemType("Power Bank", ("aluminium", "plastic"), (19, 69)),
            _ItemType("E-Reader", ("plastic",), (89, 199)),
            _ItemType("USB-C Charger", ("plastic",), (15, 49)),
        ),
    ),
    "home": _Category(
        "HOM",
        ("Hygge & Co", "Casa Lume", "Birchwood"),
        ("white", "beige", "grey", "green", "blue", "brown", "yellow"),
        ("Nordic", "Soft", "Rustic", "Modern", "Cosy"),
        (
            _ItemType("Throw Blanket", ("wool", "cotton"), (29, 89)),
            _ItemType("Cushion Cover", ("linen", "velvet"), (12, 35)),
            _ItemType("Table Lamp", ("ceramic", "metal"), (39, 129)),
            _ItemType("Bath Towel Set", ("cotton",), (25, 69)),
            _ItemType("Scented Candle", ("soy wax",), (12, 34)),
            _ItemType("Bed Linen Set", ("cotton", "linen"), (49, 149)),
        ),
    ),
    "kitchen": _Category(
        "KIT",
        ("Cucina Viva", "Ironleaf", "Birchwood"),
        ("black", "red", "silver", "white", "green", "blue"),
        ("Chef's", "Everyday", "Professional", "Compact", "Classic"),
        (
            _ItemType("Frying Pan", ("cast iron", "stainless steel"), (29, 99)),
            _ItemType("Knife Set", ("stainless steel",), (49, 179)),
            _ItemType("Coffee Grinder", ("stainless steel", "plastic"), (29, 129)),
            _ItemType("Kettle", ("stainless steel", "glass"), (25, 89)),
            _ItemType("Cutting Board", ("bamboo", "oak"), (15, 49)),
            _ItemType("Blender", ("glass", "plastic"), (39, 149)),
        ),
    ),
    "beauty": _Category(
        "BEA",
        ("Lumea", "Verdant", "Solenne"),
        ("white", "pink", "green", "beige"),
        ("Hydrating", "Gentle", "Radiance", "Sensitive", "Natural"),
        (
            _ItemType("Face Cream", ("aloe vera", "shea butter"), (15, 59)),
            _ItemType("Shampoo", ("argan oil", "tea tree"), (7, 19)),
            _ItemType("Serum", ("vitamin C", "hyaluronic acid"), (19, 69)),
            _ItemType("Lip Balm", ("beeswax", "shea butter"), (4, 12)),
            _ItemType("Body Lotion", ("shea butter", "almond oil"), (9, 29)),
        ),
    ),
    "sports": _Category(
        "SPO",
        ("Pacefield", "Stridewell", "Corefit"),
        ("black", "blue", "red", "green", "orange", "grey", "pink"),
        ("Pro", "Training", "Club", "Performance", "Core"),
        (
            _ItemType("Yoga Mat", ("TPE", "natural rubber"), (19, 69)),
            _ItemType("Dumbbell Set", ("steel", "neoprene"), (29, 119)),
            _ItemType("Football", ("synthetic leather",), (15, 49)),
            _ItemType("Tennis Racket", ("graphite", "aluminium"), (49, 199)),
            _ItemType("Cycling Jersey", ("polyester",), (35, 89), APPAREL_SIZES),
            _ItemType("Water Bottle", ("stainless steel", "Tritan"), (9, 29)),
        ),
    ),
    "toys": _Category(
        "TOY",
        ("Kiddo", "Blockwerk", "Little Fox"),
        ("red", "blue", "yellow", "green", "multicolour"),
        ("Creative", "Classic", "Junior", "Adventure", "Discovery"),
        (
            _ItemType("Building Blocks", ("wood", "plastic"), (19, 79)),
            _ItemType("Puzzle", ("cardboard",), (9, 29)),
            _ItemType("Plush Bear", ("polyester plush",), (12, 35)),
            _ItemType("Remote Control Car", ("plastic",), (29, 99)),
            _ItemType("Board Game", ("cardboard",), (19, 49)),
            _ItemType("Kids Raincoat", ("polyurethane",), (25, 49), KIDS_SIZES),
        ),
    ),
    "books": _Category(
        "BOO",
        ("Quillhouse", "Meridian Press", "Atlas Books"),
        ("multicolour",),
        ("Illustrated", "Pocket", "Hardcover", "Collector's", "Paperback"),
        (
            _ItemType("Cookbook", ("paper",), (15, 39)),
            _ItemType("Travel Guide", ("paper",), (12, 29)),
            _ItemType("Novel", ("paper",), (9, 25)),
            _ItemType("Children's Book", ("paper",), (8, 19)),
            _ItemType("Photography Book", ("paper",), (25, 59)),
        ),
    ),
}

_BLURBS: Sequence[str] = (
    "A favourite with our customers.",
    "Made to last and easy to care for.",
    "Designed in Europe with sustainable materials where possible.",
    "Great value for everyday use.",
    "Backed by our 2-year warranty.",
)


@dataclass(frozen=True)
class ProductSpec:
    """A generated catalogue entry (plain values; seed turns it into a Product row)."""

    sku: str
    name: str
    category: str
    brand: str
    color: str
    sizes: str
    material: str
    price_cents: int
    stock: int
    description: str


def generate_products(rng: random.Random) -> List[ProductSpec]:
    """Deterministic catalogue: ``PRODUCTS_PER_CATEGORY`` products for each category."""
    products: List[ProductSpec] = []
    for category, spec in CATEGORIES.items():
        names: set = set()
        for i in range(PRODUCTS_PER_CATEGORY):
            item = spec.items[i % len(spec.items)]
            style = rng.choice(spec.styles)
            brand = rng.choice(spec.brands)
            name = f"{brand} {style} {item.noun}"
            while name in names:  # keep names unique inside a category
                style = rng.choice(spec.styles)
                brand = rng.choice(spec.brands)
                name = f"{brand} {style} {item.noun}"
            names.add(name)
            color = rng.choice(spec.colors)
            material = rng.choice(item.materials)
            low, high = item.price_range
            price_cents = rng.randint(low, high) * 100 + rng.choice((0, 49, 95, 99))
            stock = 0 if rng.random() < 0.08 else rng.randint(3, 80)
            colour_text = "" if color == "multicolour" else f" in {color}"
            description = (
                f"{style} {item.noun.lower()}{colour_text}, made of {material}. "
                f"{rng.choice(_BLURBS)}"
            )
            products.append(
                ProductSpec(
                    sku=f"{spec.prefix}-{i + 1:04d}",
                    name=name,
                    category=category,
                    brand=brand,
                    color=color,
                    sizes=item.sizes,
                    material=material,
                    price_cents=price_cents,
                    stock=stock,
                    description=description,
                )
            )
    return products
