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
    # What the item is for, in plain words: feeds search, recommendations and marketing copy.
    features: str = ""


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
            _ItemType("T-Shirt", ("cotton", "organic cotton"), (12, 29), APPAREL_SIZES,
                        features="Soft and breathable for everyday wear"),
            _ItemType("Hoodie", ("cotton", "fleece"), (39, 69), APPAREL_SIZES,
                        features="Warm and cosy, with a hood and a front pocket"),
            _ItemType("Jeans", ("denim",), (49, 99), "28,30,32,34,36,38",
                        features="Five-pocket jeans with a comfortable fit"),
            _ItemType("Dress", ("viscose", "linen", "cotton"), (39, 89), APPAREL_SIZES,
                        features="Light and flowing, for summer days and evenings out"),
            _ItemType("Jacket", ("wool", "polyester", "denim"), (69, 159), APPAREL_SIZES,
                        features="A warm layer for cool autumn days in the city"),
            _ItemType("Sweater", ("merino wool", "cashmere", "cotton"), (49, 129), APPAREL_SIZES,
                        features="A warm knit for cold winter days"),
        ),
    ),
    "shoes": _Category(
        "SHO",
        ("Stridewell", "Urbanline", "Trailhawk", "Pavé"),
        _BASIC_COLORS,
        ("Classic", "Lightweight", "Everyday", "Pro", "Retro"),
        (
            _ItemType("Sneakers", ("canvas", "leather", "mesh"), (49, 129), SHOE_SIZES,
                        features="Casual everyday sneakers with a cushioned sole"),
            _ItemType("Running Shoes", ("mesh", "knit"), (79, 169), SHOE_SIZES,
                        features="Cushioned and breathable for road running and jogging"),
            _ItemType("Boots", ("leather", "suede"), (89, 199), SHOE_SIZES,
                        features="Sturdy and warm, with a grippy sole for winter walks and hiking"),
            _ItemType("Sandals", ("leather", "rubber"), (29, 79), SHOE_SIZES,
                        features="Open and airy for summer and the beach"),
            _ItemType("Loafers", ("leather", "suede"), (69, 139), SHOE_SIZES,
                        features="Smart slip-on shoes for the office"),
        ),
    ),
    "outdoor": _Category(
        "OUT",
        ("Northpeak", "Trailhawk", "Fjellmark"),
        ("green", "orange", "blue", "black", "grey", "red"),
        ("Alpine", "Trail", "Expedition", "Ultralight", "Basecamp"),
        (
            _ItemType("Rain Jacket", ("Gore-Tex", "nylon"), (99, 249), APPAREL_SIZES,
                        features="Waterproof and windproof shell with a hood, for hiking in wet weather"),
            _ItemType("Tent", ("nylon", "polyester"), (129, 399),
                        features="A camping tent for two that is quick to pitch"),
            _ItemType("Sleeping Bag", ("down", "synthetic fill"), (79, 229),
                        features="Keeps you warm when camping on cold nights"),
            _ItemType("Backpack", ("nylon", "cordura"), (59, 179),
                        features="A hiking daypack with padded straps"),
            _ItemType("Hiking Poles", ("aluminium", "carbon"), (39, 99),
                        features="Adjustable trekking poles for steep trails"),
            _ItemType("Headlamp", ("aluminium", "plastic"), (19, 59),
                        features="A bright LED head torch for camping and night runs"),
        ),
    ),
    "electronics": _Category(
        "ELE",
        ("Voltra", "Sonique", "Pixelon", "Ampere"),
        ("black", "white", "silver", "blue", "grey"),
        ("Pro", "Mini", "Max", "Go", "Studio", "Lite"),
        (
            _ItemType("Wireless Headphones", ("plastic", "aluminium"), (49, 299),
                        features="Over-ear Bluetooth headphones with noise cancelling for music and travel"),
            _ItemType("Bluetooth Speaker", ("fabric", "plastic"), (29, 199),
                        features="A portable wireless speaker for music at home or outdoors"),
            _ItemType("Smartwatch", ("aluminium", "steel"), (99, 349),
                        features="Tracks fitness, heart rate and notifications on your wrist"),
            _ItemType("Power Bank", ("aluminium", "plastic"), (19, 69),
                        features="A portable battery that charges your phone on the go"),
            _ItemType("E-Reader", ("plastic",), (89, 199),
                        features="A glare-free screen for reading books anywhere"),
            _ItemType("USB-C Charger", ("plastic",), (15, 49),
                        features="A fast charger for phones and laptops"),
        ),
    ),
    "home": _Category(
        "HOM",
        ("Hygge & Co", "Casa Lume", "Birchwood"),
        ("white", "beige", "grey", "green", "blue", "brown", "yellow"),
        ("Nordic", "Soft", "Rustic", "Modern", "Cosy"),
        (
            _ItemType("Throw Blanket", ("wool", "cotton"), (29, 89),
                        features="A soft, warm blanket for the sofa"),
            _ItemType("Cushion Cover", ("linen", "velvet"), (12, 35),
                        features="A decorative cover for sofa cushions"),
            _ItemType("Table Lamp", ("ceramic", "metal"), (39, 129),
                        features="Warm light for the bedside table or the desk"),
            _ItemType("Bath Towel Set", ("cotton",), (25, 69),
                        features="Soft, absorbent towels for the bathroom"),
            _ItemType("Scented Candle", ("soy wax",), (12, 34),
                        features="A relaxing fragrance for a cosy evening"),
            _ItemType("Bed Linen Set", ("cotton", "linen"), (49, 149),
                        features="Duvet cover and pillowcase for a good night's sleep"),
        ),
    ),
    "kitchen": _Category(
        "KIT",
        ("Cucina Viva", "Ironleaf", "Birchwood"),
        ("black", "red", "silver", "white", "green", "blue"),
        ("Chef's", "Everyday", "Professional", "Compact", "Classic"),
        (
            _ItemType("Frying Pan", ("cast iron", "stainless steel"), (29, 99),
                        features="Heats evenly for eggs, steaks and everyday cooking"),
            _ItemType("Knife Set", ("stainless steel",), (49, 179),
                        features="Sharp kitchen knives for chopping and slicing"),
            _ItemType("Coffee Grinder", ("stainless steel", "plastic"), (29, 129),
                        features="Grinds coffee beans fresh for espresso or filter coffee"),
            _ItemType("Kettle", ("stainless steel", "glass"), (25, 89),
                        features="Boils water quickly for tea and coffee"),
            _ItemType("Cutting Board", ("bamboo", "oak"), (15, 49),
                        features="A sturdy board for chopping vegetables"),
            _ItemType("Blender", ("glass", "plastic"), (39, 149),
                        features="Blends smoothies, soups and shakes"),
        ),
    ),
    "beauty": _Category(
        "BEA",
        ("Lumea", "Verdant", "Solenne"),
        ("white", "pink", "green", "beige"),
        ("Hydrating", "Gentle", "Radiance", "Sensitive", "Natural"),
        (
            _ItemType("Face Cream", ("aloe vera", "shea butter"), (15, 59),
                        features="A moisturising cream for dry skin"),
            _ItemType("Shampoo", ("argan oil", "tea tree"), (7, 19),
                        features="Gentle cleansing for shiny hair"),
            _ItemType("Serum", ("vitamin C", "hyaluronic acid"), (19, 69),
                        features="Concentrated skin care for a radiant complexion"),
            _ItemType("Lip Balm", ("beeswax", "shea butter"), (4, 12),
                        features="Protects dry, chapped lips"),
            _ItemType("Body Lotion", ("shea butter", "almond oil"), (9, 29),
                        features="A nourishing lotion for soft skin"),
        ),
    ),
    "sports": _Category(
        "SPO",
        ("Pacefield", "Stridewell", "Corefit"),
        ("black", "blue", "red", "green", "orange", "grey", "pink"),
        ("Pro", "Training", "Club", "Performance", "Core"),
        (
            _ItemType("Yoga Mat", ("TPE", "natural rubber"), (19, 69),
                        features="A non-slip mat for yoga and pilates"),
            _ItemType("Dumbbell Set", ("steel", "neoprene"), (29, 119),
                        features="Weights for strength training at home"),
            _ItemType("Football", ("synthetic leather",), (15, 49),
                        features="A match ball for training and games"),
            _ItemType("Tennis Racket", ("graphite", "aluminium"), (49, 199),
                        features="A light racket for control and power on court"),
            _ItemType("Cycling Jersey", ("polyester",), (35, 89), APPAREL_SIZES,
                        features="A breathable jersey for road cycling"),
            _ItemType("Water Bottle", ("stainless steel", "Tritan"), (9, 29),
                        features="A reusable bottle for the gym and the outdoors"),
        ),
    ),
    "toys": _Category(
        "TOY",
        ("Kiddo", "Blockwerk", "Little Fox"),
        ("red", "blue", "yellow", "green", "multicolour"),
        ("Creative", "Classic", "Junior", "Adventure", "Discovery"),
        (
            _ItemType("Building Blocks", ("wood", "plastic"), (19, 79),
                        features="A construction set that sparks creativity"),
            _ItemType("Puzzle", ("cardboard",), (9, 29),
                        features="A jigsaw puzzle for the whole family"),
            _ItemType("Plush Bear", ("polyester plush",), (12, 35),
                        features="A cuddly soft toy for children"),
            _ItemType("Remote Control Car", ("plastic",), (29, 99),
                        features="A fast toy car for racing"),
            _ItemType("Board Game", ("cardboard",), (19, 49),
                        features="Fun for family game nights"),
            _ItemType("Kids Raincoat", ("polyurethane",), (25, 49), KIDS_SIZES,
                        features="A waterproof raincoat for children"),
        ),
    ),
    "books": _Category(
        "BOO",
        ("Quillhouse", "Meridian Press", "Atlas Books"),
        ("multicolour",),
        ("Illustrated", "Pocket", "Hardcover", "Collector's", "Paperback"),
        (
            _ItemType("Cookbook", ("paper",), (15, 39),
                        features="Recipes for everyday cooking"),
            _ItemType("Travel Guide", ("paper",), (12, 29),
                        features="Tips and maps for your next trip"),
            _ItemType("Novel", ("paper",), (9, 25),
                        features="Gripping fiction for long evenings"),
            _ItemType("Children's Book", ("paper",), (8, 19),
                        features="Bedtime stories for kids"),
            _ItemType("Photography Book", ("paper",), (25, 59),
                        features="Stunning photographs for the coffee table"),
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
                + (f"{item.features}. " if item.features else "")
                + f"{rng.choice(_BLURBS)}"
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
