"""Filters read from shoppers' messages (no database, no model)."""

import pytest

from shopassist.search.query import Filters, merge_entities, parse


@pytest.mark.parametrize("text,expected", [
    ("a warm waterproof jacket under 150 for hiking", {"items": ("Jacket", "Rain Jacket"), "max_price": 150.0}),
    ("red running shoes size 42", {"items": ("Running Shoes",), "color": "red", "size": "42"}),
    ("Northpeak hoodies between 40 and 60 euros", {"items": ("Hoodie",), "brand": "Northpeak",
                                                   "min_price": 40.0, "max_price": 60.0}),
    ("something for my kitchen under €30", {"category": "kitchen", "max_price": 30.0}),
    ("blue t-shirts in XL", {"items": ("T-Shirt",), "color": "blue", "size": "XL"}),
    ("headphones 50-100", {"items": ("Wireless Headphones",), "min_price": 50.0, "max_price": 100.0}),
    ("gray sweaters over 80", {"items": ("Sweater",), "color": "grey", "min_price": 80.0}),
    ("jeans in size medium", {"items": ("Jeans",), "size": "M"}),
    ("fitness tracker", {"items": ("Smartwatch",)}),
    ("music outdoors", {}),  # "outdoors" is not the outdoor category
])
def test_parse(text, expected):
    filters, _ = parse(text)
    got = {k: v for k, v in filters.to_dict().items() if v not in (None, [], True)}
    want = {k: list(v) if isinstance(v, tuple) else v for k, v in expected.items()}
    assert got == want


def test_parse_keeps_the_descriptive_rest():
    _, rest = parse("a warm waterproof jacket under 150 for hiking")
    assert "waterproof" in rest and "150" not in rest and "jacket" not in rest


def test_nlu_entities_fill_gaps_but_do_not_override_the_text():
    filters, _ = parse("blue shoes")
    merged = merge_entities(filters, [{"entity": "color", "value": "red"}, {"entity": "brand", "value": "trailhawk"},
                                      {"entity": "price", "value": "80"}])
    assert merged.color == "blue" and merged.brand == "Trailhawk" and merged.max_price == 80.0
    unknown = merge_entities(Filters(), [{"entity": "brand", "value": "Nike"}])
    assert unknown.brand == "Nike"  # kept: the search then honestly finds nothing


def test_filters_round_trip_through_a_slot():
    f = Filters(items=("Boots",), color="navy", max_price=200.0)
    assert Filters.from_dict(f.to_dict()) == f
    assert Filters.from_dict({"junk": 1, "color": "red"}).color == "red"
