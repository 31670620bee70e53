"""Marketing copy from the catalog's facts: a short description or a promotional line.

Two writers behind one guard:

- the trained seq2seq generator (``shopassist.generation``) when a model is present and
  ``SHOP_KB_GENERATOR`` is on (the same switch as for knowledge-base answers); it words the
  product's fact sheet;
- otherwise (or when the guard rejects the generator's draft) a deterministic template writer
  that only rearranges the product's own fields.

Every draft passes :func:`guard` before it is shown: the answer guard of
``shopassist.generation.guard`` (numbers, units, names, negation) plus catalog checks: no
material and no feature word that the product's data does not contain, and a price only if it is
the product's price.

CLI::

    python -m shopassist.search.copy APP-0001 [--style promo] [--all]
"""

from __future__ import annotations

import argparse
import hashlib
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from shopassist.generation.guard import check as answer_guard
from shopassist.shop.catalog_data import CATEGORIES
from shopassist.shop.views import ProductView

__all__ = ["Copy", "facts", "template_copy", "guard", "write_copy", "STYLES", "main"]

STYLES = ("description", "promo")

# Words that claim a property; a copy may use one only if the product's data contains it.
FEATURE_WORDS = (
    "waterproof", "water-resistant", "windproof", "breathable", "wireless", "bluetooth", "noise cancelling",
    "non-slip", "organic", "vegan", "recycled", "handmade", "lightweight", "ultralight", "insulated", "warm",
    "cushioned", "adjustable", "rechargeable", "dishwasher-safe", "non-stick", "machine-washable", "stretch",
    "fast", "portable", "hypoallergenic", "fragrance-free", "eco-friendly", "sustainable", "warranty",
)


def _materials() -> List[str]:
    return sorted({m.lower() for spec in CATEGORIES.values() for item in spec.items for m in item.materials}
                  | {"leather", "silk", "gold", "titanium", "bamboo", "glass", "wood", "plastic", "steel"},
                  key=len, reverse=True)


def _brands() -> List[str]:
    from shopassist.nlu import vocab

    return sorted({b for spec in CATEGORIES.values() for b in spec.brands} | set(vocab.BRANDS))


@dataclass
class Copy:
    """A checked text and how it was made (``writer``: generator | template)."""

    sku: str
    style: str
    text: str
    writer: str
    rejected_drafts: List[str] = field(default_factory=list)
    checked: int = 1  # drafts the guard looked at (generator's + template's)


def _money(p: ProductView) -> str:
    symbols = {"EUR": "€", "USD": "$", "GBP": "£"}
    return f"{symbols.get(p.currency, '')}{p.price:,.2f}" if p.currency in symbols else f"{p.price:,.2f} {p.currency}"


def _feature_sentence(p: ProductView) -> str:
    # The seed's description is "<style> <noun> in <colour>, made of <material>. <features>. <blurb>"
    parts = [s.strip() for s in re.split(r"(?<=\.)\s+", p.description) if s.strip()]
    return parts[1].rstrip(".") if len(parts) >= 3 else ""


def facts(p: ProductView) -> str:
    """The product's fact sheet: everything a copy may say, in plain sentences."""
    colour = f" Colour: {p.color}." if p.color and p.color != "multicolour" else ""
    sizes = f" Sizes: {', '.join(p.sizes)}." if p.sizes else ""
    return (f"{p.name} by {p.brand} ({p.category}).{colour} Material: {p.material}. Price: {_money(p)}.{sizes} "
            f"{p.description}")


def template_copy(p: ProductView, style: str = "description") -> str:
    """A deterministic copy built only from the product's fields (variant chosen by SKU)."""
    feature = _feature_sentence(p)
    colour = f" in {p.color}" if p.color and p.color != "multicolour" else ""
    pick = int(hashlib.sha256(f"{p.sku}|{style}".encode()).hexdigest(), 16) % 2
    if style == "promo":
        if pick == 0:
            body = f"New favourite alert: the {p.name}{colour}."
            body += f" {feature}." if feature else ""
            return body + f" Yours for {_money(p)}."
        lead = f"{feature}: " if feature else ""
        return f"{lead}that's the {p.name}, made of {p.material}, now {_money(p)}."
    if pick == 0:
        body = f"The {p.name} from {p.brand} is made of {p.material}{colour}."
    else:
        body = f"Made of {p.material}{colour}, the {p.name} is part of our {p.category} range."
    if feature:
        body += f" {feature}."
    if p.sizes:
        body += f" Available in sizes {p.sizes[0]} to {p.sizes[-1]}."
    return body


#: the wording of the copy templates (and of the generator's copy targets), which the answer
#: guard's content-word check must accept besides the product's own facts
COPY_PHRASING = ("new", "favourite", "alert", "yours", "now", "made", "part", "range", "available", "sizes")


def guard(text: str, p: ProductView) -> List[str]:
    """Problems of ``text`` as a copy of product ``p``; empty = grounded."""
    source = facts(p)
    # The answer guard reads "Gore-Tex." as the word "gore-tex."; detach sentence-final dots.
    # It also reads "Chef's" as the name "Chef": the facts list the bare word too.
    detached = re.sub(r"\.(\s|$)", r" .\1", source)
    problems = answer_guard(text, detached + " " + re.sub(r"'s\b", "", detached), allowed=COPY_PHRASING)
    low, src = text.lower(), source.lower()
    for material in _materials():
        if re.search(rf"\b{re.escape(material)}\b", low) and material not in src:
            problems.append(f"material not in the facts: {material}")
            low = low.replace(material, " ")
    for word in FEATURE_WORDS:
        if re.search(rf"\b{re.escape(word)}\b", low) and word not in src:
            problems.append(f"feature not in the facts: {word}")
    for brand in _brands():
        if re.search(rf"\b{re.escape(brand.lower())}\b", low) and brand.lower() != p.brand.lower():
            problems.append(f"another brand: {brand}")
    for amount in re.findall(r"[€$£]\s?\d+(?:[.,]\d+)?", text):
        value = float(re.sub(r"[^\d.]", "", amount.replace(",", ".")))
        if abs(value - p.price) > 0.005:
            problems.append(f"price not the product's: {amount}")
    return problems


def _generator():  # -> Optional[Generator]
    from shopassist.settings import get_settings

    if not get_settings().kb_generator:
        return None
    try:
        from shopassist.generation import get_generator

        return get_generator()
    except Exception:  # noqa: BLE001 - a broken model must not break copy writing
        return None


def write_copy(p: ProductView, style: str = "description", *, use_generator: Optional[bool] = None) -> Copy:
    """A grounded copy of ``p``: the generator's draft if it passes the guard, else the template's."""
    style = style if style in STYLES else "description"
    rejected: List[str] = []
    gen = _generator() if use_generator in (None, True) else None
    if gen is not None:
        question = "write a short promotion for this product" if style == "promo" else "describe this product"
        try:
            draft = gen.generate([question], [facts(p)])[0]
        except Exception:  # noqa: BLE001
            draft = ""
        if draft and not guard(draft, p):
            return Copy(p.sku, style, draft, "generator")
        rejected.append(draft)  # an empty draft (the model failed) counts as rejected
    text = template_copy(p, style)
    problems = guard(text, p)
    if problems:  # never expected; rather say the bare facts than an unchecked sentence
        rejected.append(text)
        text = p.description
    return Copy(p.sku, style, text, "template", rejected, checked=1 + (gen is not None))


def main(argv: Optional[Sequence[str]] = None) -> int:
    from shopassist.shop import service

    parser = argparse.ArgumentParser(prog="python -m shopassist.search.copy", description="Write product copy.")
    parser.add_argument("skus", nargs="*", help="product SKUs (e.g. APP-0001)")
    parser.add_argument("--style", choices=STYLES, default="description")
    parser.add_argument("--all", action="store_true", help="every product of the catalog")
    parser.add_argument("--no-generator", action="store_true", help="use the template writer only")
    args = parser.parse_args(argv)
    if args.all:
        from .engine import all_products

        products = all_products()
    else:
        products = []
        for sku in args.skus:
            try:
                products.append(service.get_product(sku))
            except Exception:  # noqa: BLE001 - ProductNotFound and bad input alike
                print(f"{sku}: no such product")
    if not products:
        parser.print_usage()
        return 2
    for p in products:
        copy = write_copy(p, args.style, use_generator=False if args.no_generator else None)
        print(f"{p.sku} [{copy.writer}] {copy.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
