"""Seed: determinism, counts, the documented demo records, idempotency, reset."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import func, select

from shopassist.shop import service
from shopassist.shop.db import dispose_engines, get_engine, session_scope
from shopassist.shop.models import Customer, Order, Product, Refund, Return, Shipment
from shopassist.shop.seed import DEMO, ensure_seeded, reset, seed

FIXED_NOW = datetime(2025, 6, 4, 12, 0, 0)


def _snapshot(url: str) -> dict:
    with session_scope(get_engine(url)) as s:
        return {
            "products": s.execute(select(Product.sku, Product.name, Product.category, Product.color,
                                         Product.price_cents, Product.stock)
                                  .order_by(Product.sku)).all(),
            "customers": s.execute(select(Customer.email, Customer.name, Customer.phone)
                                   .order_by(Customer.email)).all(),
            "orders": s.execute(select(Order.number, Order.status, Order.total_cents,
                                       Order.created_at, Order.paid_at, Order.delivered_at)
                                .order_by(Order.number)).all(),
            "refunds": s.execute(select(Refund.amount_cents, Refund.status)
                                 .order_by(Refund.amount_cents, Refund.status)).all(),
        }


def test_seed_is_deterministic(tmp_path):
    urls = [f"sqlite:///{tmp_path / f'a{i}.db'}" for i in range(2)]
    for url in urls:
        ensure_seeded(get_engine(url), now=FIXED_NOW)
    first, second = (_snapshot(u) for u in urls)
    dispose_engines()
    assert first == second
    assert len(first["products"]) >= 100


def test_counts_and_coverage(shop_db):
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Product)) >= 100
        categories = set(s.scalars(select(Product.category)).all())
        assert len(categories) >= 8
        assert 35 <= s.scalar(select(func.count()).select_from(Customer)) <= 45
        statuses = Counter(s.scalars(select(Order.status)).all())
        assert set(statuses) == {"placed", "paid", "shipped", "delivered", "cancelled",
                                 "returned"}
        # every shipped/delivered order has a shipment, every paid+ order an invoice
        for order in s.scalars(select(Order)).all():
            if order.shipped_at is not None:
                assert order.shipment is not None and order.shipment.tracking_number
            if order.paid_at is not None:
                assert order.invoice is not None
                assert order.invoice.number == "INV-2" + order.number[1:]
            assert order.lines and order.total_cents == order.subtotal_cents + order.shipping_cents
        assert s.scalar(select(func.count()).select_from(Refund)) > 0
        assert s.scalar(select(func.count()).select_from(Return)) > 0
        assert s.scalar(select(func.count()).select_from(Shipment)) > 0


def test_fixed_demo_records(shop_db):
    now = shop_db.now
    alice = service.find_customer_by_email(DEMO["alice_email"])
    bob = service.find_customer_by_email(DEMO["bob_email"])
    assert alice.name == "Alice Martin" and bob.name == "Bob Chen"
    orders = {o.order_id: o for o in service.list_orders(alice.id)}
    assert {k: v.status for k, v in orders.items()} == {
        "10000001": "placed", "10000002": "paid", "10000003": "shipped",
        "10000004": "delivered", "10000005": "cancelled", "10000006": "delivered"}
    assert len(orders["10000001"].items) == 2 and orders["10000001"].invoice_number is None
    assert now - orders["10000002"].paid_at.replace(tzinfo=None) > timedelta(hours=24)
    shipped = orders["10000003"]
    assert shipped.carrier == "DHL" and shipped.tracking_number == "JJD014610000003"
    assert shipped.estimated_delivery is not None
    delivered = orders["10000004"].delivered_at.replace(tzinfo=None)
    assert delivered == now - timedelta(days=5)
    assert orders["10000006"].delivered_at.replace(tzinfo=None) == now - timedelta(days=60)
    assert [r.order_id for r in service.refund_status(alice.id, "10000005")] == ["10000005"]
    assert {i.invoice_number for i in service.list_invoices(alice.id)} == {
        "INV-20000002", "INV-20000003", "INV-20000004", "INV-20000005", "INV-20000006"}
    bob_orders = {o.order_id: o.status for o in service.list_orders(bob.id)}
    assert bob_orders == {"10000011": "placed", "10000012": "shipped"}


def test_seed_is_idempotent_and_reset_restores(shop_db):
    with session_scope() as s:
        report = seed(s)
    assert report.seeded is False
    alice = service.find_customer_by_email("alice@example.com")
    service.cancel_order("10000001", alice.id)
    report = reset(now=shop_db.now)
    assert report.seeded and report.counts["products"] >= 100
    assert service.get_order("10000001", alice.id).status == "placed"
