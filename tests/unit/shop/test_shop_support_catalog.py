"""Tickets, reviews, product search and static shop information."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from shopassist.shop import service
from shopassist.shop.db import session_scope
from shopassist.shop.errors import CustomerNotFound, InvalidInput, ProductNotFound
from shopassist.shop.models import Review, Ticket


def test_open_tickets(shop_db):
    alice = service.find_customer_by_email("alice@example.com")
    t1 = service.open_ticket("complaint", "Parcel arrived damaged", customer_id=alice.id,
                             sender_id="web-1", order_id="#10000004")
    assert re.fullmatch(r"T-\d{6}", t1.number) and t1.status == "open" and t1.kind == "complaint"
    t2 = service.open_ticket("callback", "Please call me", phone="+49 30 999 888")
    assert t2.number != t1.number
    t3 = service.open_ticket("callback", "call me", customer_id=alice.id)  # phone on file
    with session_scope() as s:
        rows = {t.id: t for t in s.scalars(select(Ticket)).all()}
        assert rows[int(t1.number[2:])].order_number == "10000004"
        assert rows[int(t2.number[2:])].phone == "+4930999888"
        assert rows[int(t3.number[2:])].phone == alice.phone
    with pytest.raises(InvalidInput) as err:
        service.open_ticket("callback", "call me", email="x@example.com")
    assert err.value.field == "phone"
    with pytest.raises(InvalidInput):
        service.open_ticket("praise", "hi", email="x@example.com")
    with pytest.raises(InvalidInput) as err:
        service.open_ticket("contact", "hello")  # anonymous and no way to answer
    assert err.value.field == "contact"
    with pytest.raises(CustomerNotFound):
        service.open_ticket("complaint", "x", customer_id=99999)


def test_reviews(shop_db):
    rid = service.add_review(5, "Great shop!")
    rid2 = service.add_review("4", "Nice shoes", sku="sho-0001")
    assert rid != rid2
    with session_scope() as s:
        assert s.get(Review, rid2).sku == "SHO-0001" and s.get(Review, rid2).rating == 4
    for bad in (0, 6, "five"):
        with pytest.raises(InvalidInput):
            service.add_review(bad, "x")
    with pytest.raises(ProductNotFound):
        service.add_review(3, "x", sku="NOPE-1")


def test_search_products(sqlite_shop):
    jackets = service.search_products("jackets", limit=10)
    assert jackets and all("jacket" in p.name.lower() for p in jackets)
    prices = [p.price for p in jackets]
    assert prices == sorted(prices)
    shoes = service.search_products(category="Shoes", max_price=80, limit=50)
    assert shoes and all(p.category == "shoes" and p.price <= 80 for p in shoes)
    assert all(p.in_stock for p in shoes)
    red = service.search_products(color="RED", limit=50)
    assert red and all(p.color == "red" for p in red)
    brand = service.search_products(brand="northpeak", limit=50)
    assert brand and all(p.brand == "Northpeak" for p in brand)
    sized = service.search_products(category="apparel", size="XL", limit=50)
    assert sized and all("XL" in p.sizes for p in sized)
    assert service.search_products("unobtainium") == []
    assert len(service.search_products(limit=3)) == 3
    everything = service.search_products(in_stock=False, limit=50)
    assert len(everything) == 50
    assert service.get_product("ele-0001").sku == "ELE-0001"
    with pytest.raises(ProductNotFound):
        service.get_product("x")


def test_static_information():
    options = {o.method: o for o in service.delivery_options()}
    assert (options["standard"].min_days, options["standard"].max_days) == (3, 5)
    assert options["express"].fee == pytest.approx(12.90) and options["express"].free_from is None
    assert options["standard"].free_from == 50.0
    methods = service.payment_methods()
    assert "PayPal" in methods and len(methods) == 6
    assert len(service.categories()) >= 8
    policy = service.refund_policy()
    assert policy.return_window_days == 30
