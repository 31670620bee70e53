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


def test_the_customer_profile_steers_the_ranking(shop):
    """A stored profile (favourite category and brand) lifts matching products; without it the
    same customer's ranking follows history and popularity only."""
    import json

    from shopassist.insights.models import InsightsBase
    from shopassist.insights.profiles import CustomerProfile
    from shopassist.search import recommend as rec
    from shopassist.search.engine import all_products
    from shopassist.shop.db import get_engine

    products = [p for p in all_products() if p.in_stock]
    target = sorted({p.category for p in products})[-1]
    brand = next(p.brand for p in products if p.category == target)
    with session_scope() as s:
        cid = s.scalars(select(Customer.id).order_by(Customer.id.desc())).first()
    before = [p.category for p in recommend(cid, limit=10)]
    engine = get_engine()
    InsightsBase.metadata.create_all(engine)
    with session_scope(engine) as s:
        s.merge(CustomerProfile(customer_id=cid, data=json.dumps(
            {"favourite_categories": [target], "favourite_brands": [brand], "price_band": "mid-range"})))
    try:
        after = [p.category for p in recommend(cid, limit=10)]
        assert after.count(target) > before.count(target)
        assert rec.affinity(None, products[:3], [p.price for p in products]).tolist() == [0.0, 0.0, 0.0]
    finally:
        with session_scope(engine) as s:
            s.query(CustomerProfile).filter_by(customer_id=cid).delete()
