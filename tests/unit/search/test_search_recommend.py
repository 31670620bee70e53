"""Recommendations: never sold-out products, never what the customer returned or already bought."""

from sqlalchemy import select

from shopassist.search.recommend import leave_last_out, load_history, recommend
from shopassist.shop.db import session_scope
from shopassist.shop.models import Customer, Order, Product


def _customer_with_a_return() -> int:
    with session_scope() as s:
        order = s.scalars(select(Order).where(Order.status == "returned").order_by(Order.id)).first()
        return order.customer_id


def test_returned_and_bought_products_are_never_recommended(shop):
    cid = _customer_with_a_return()
    history = load_history()
    returned = history.returned(cid)
    bought = {sku for skus in history.orders[cid] for sku in skus}
    assert returned, "the seeded customer returned something"
    recs = {p.sku for p in recommend(cid, limit=200)}
    assert recs and not recs & (returned | bought)


def test_sold_out_products_are_never_recommended(shop):
    with session_scope() as s:
        sold_out = set(s.scalars(select(Product.sku).where(Product.stock == 0)).all())
        customers = s.scalars(select(Customer.id)).all()
    assert sold_out
    for cid in customers[:10]:
        assert not {p.sku for p in recommend(cid, limit=200)} & sold_out
    assert not {p.sku for p in recommend(None, limit=200)} & sold_out


def test_new_customers_get_the_best_sellers(shop, catalog):
    history = load_history()
    popular = recommend(None, limit=5)
    units = [history.units.get(p.sku, 0) for p in popular]
    best_in_stock = max(n for sku, n in history.units.items() if catalog[sku].in_stock)
    assert units == sorted(units, reverse=True) and units[0] == best_in_stock


def test_post_purchase_suggestions_leave_out_the_cart(shop):
    recs = recommend(None, seeds=["OUT-0001"], exclude=["OUT-0004"], limit=5)
    skus = {p.sku for p in recs}
    assert "OUT-0001" not in skus and "OUT-0004" not in skus
    assert any(p.category == "outdoor" for p in recs)  # similar products rank up


def test_leave_last_out_reports_a_rate(shop):
    report = leave_last_out()
    assert report["customers"] >= 20
    assert 0.0 <= report["hit_rate@5"] <= 1.0
