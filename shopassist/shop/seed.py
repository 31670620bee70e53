"""Deterministic demo data (``random.Random(42)``: the same shop on every run).

Fixed, documented demo records (created first; dates relative to the seeding ``now``):

=========  ========================  =========  ==============================================
order      customer                  status     notes
=========  ========================  =========  ==============================================
10000001   Alice Martin (alice@…)    placed     2 lines, not paid → free cancellation
10000002   Alice                     paid       paid 72 h ago → cancellation fee applies
10000003   Alice                     shipped    express, DHL, tracking JJD014610000003, ETA set
10000004   Alice                     delivered  delivered 5 days ago → returnable
10000005   Alice                     cancelled  cancelled after grace period, refund approved
10000006   Alice                     delivered  delivered 60 days ago → return window expired
10000011   Bob Chen (bob@…)          placed
10000012   Bob                       shipped    UPS, tracking 1Z999AA110000012
=========  ========================  =========  ==============================================

Every paid-or-later order has an invoice ``INV-2xxxxxxx`` (order 10000002 → INV-20000002).
Alice: alice@example.com, customer of account type "standard", Visa …4242 + PayPal on file.
Bob: bob@example.com, "premium", subscribed to the newsletter.
Generated customers (``<firstname>@example.com``) own orders numbered from 10001001.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, Optional, Sequence, Tuple

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from . import policy
from ._common import address_text, as_naive_utc, recompute_totals
from .catalog_data import generate_products
from .db import get_engine, init_db, reset_db, session_scope
from .ids import order_number_to_invoice
from .models import (
    Address,
    Base,
    Customer,
    Invoice,
    NewsletterSubscription,
    Order,
    OrderEvent,
    OrderLine,
    PaymentMethod,
    Product,
    Refund,
    Return,
    Review,
    Shipment,
)

__all__ = ["seed", "reset", "ensure_seeded", "is_seeded", "SeedReport", "DEMO", "SEED"]

SEED = 42

#: Documented demo ids, for tests, the README and the bot's examples.
DEMO: Dict[str, str] = {
    "alice_email": "alice@example.com",
    "bob_email": "bob@example.com",
    "order_placed": "10000001",
    "order_paid": "10000002",
    "order_shipped": "10000003",
    "order_delivered": "10000004",
    "order_cancelled": "10000005",
    "order_delivered_old": "10000006",
    "bob_order_placed": "10000011",
    "bob_order_shipped": "10000012",
    "invoice_paid": "INV-20000002",
}

FIRST_GENERATED_ORDER = 10001001

_FIRST_NAMES = (
    "carol", "david", "emma", "felix", "grace", "henry", "isabel", "jonas", "karin", "leon",
    "maria", "noah", "olivia", "paul", "quentin", "rosa", "samir", "tina", "ugo", "vera",
    "william", "xenia", "yusuf", "zoe", "anton", "bianca", "carlos", "daria", "elias", "fatima",
    "georg", "hanna", "ivan", "julia", "kenji", "lena", "marco", "nadia",
)
_LAST_NAMES = (
    "Schmidt", "Dubois", "Rossi", "García", "Jansen", "Novak", "Kowalski", "Andersson",
    "Müller", "Moreau", "Bianchi", "Fernández", "de Vries", "Horvat", "Nielsen", "Keller",
)
_ADDRESSES = (
    ("Berlin", "10115", "Germany"), ("Munich", "80331", "Germany"), ("Hamburg", "20095", "Germany"),
    ("Paris", "75002", "France"), ("Lyon", "69002", "France"), ("Amsterdam", "1012 AB", "Netherlands"),
    ("Vienna", "1010", "Austria"), ("Madrid", "28013", "Spain"), ("Milan", "20121", "Italy"),
    ("Brussels", "1000", "Belgium"), ("Dublin", "D02", "Ireland"), ("Copenhagen", "1050", "Denmark"),
)
_STREETS = ("Hauptstraße", "Rue de la Paix", "Via Roma", "Keizersgracht", "Calle Mayor",
            "Ringstraße", "Bahnhofstraße", "Rue Victor Hugo", "Main Street", "Kongens Gade")
_CARRIERS: Tuple[Tuple[str, str], ...] = (("DHL", "JJD0146"), ("UPS", "1Z999AA1"),
                                          ("DPD", "0150"), ("GLS", "GLS77"), ("Hermes", "H100"))
_STATUS_CYCLE = ("placed", "paid", "shipped", "delivered", "cancelled", "returned")
_REVIEW_TEXTS = ("Great quality, would buy again.", "Fast delivery, as described.",
                 "Okay for the price.", "Sizing runs a little small.", "Excellent service!")


@dataclass
class SeedReport:
    """What ``seed`` did: ``seeded`` is False when data already existed."""

    seeded: bool
    counts: Dict[str, int] = field(default_factory=dict)


def _tracking(carrier_prefix: str, number: str) -> str:
    # Carrier-like prefix + order number: unique and stable across seeds.
    return f"{carrier_prefix}{number}"


def _add_customer(
    s: Session, *, email: str, name: str, phone: str, account_type: str, created_at: datetime,
    street: str, city: str, postcode: str, country: str,
) -> Tuple[Customer, str]:
    customer = Customer(email=email, name=name, phone=phone, account_type=account_type,
                        created_at=created_at)
    customer.addresses.append(Address(label="home", street=street, city=city, postcode=postcode,
                                      country=country, is_default=True))
    s.add(customer)
    s.flush()
    return customer, f"{name}, " + address_text(street, postcode, city, country)


def _add_order(
    s: Session,
    products: Dict[str, Product],
    *,
    number: str,
    customer: Customer,
    address: str,
    lines: Sequence[Tuple[str, int]],
    status: str,
    created_at: datetime,
    method: str = "standard",
    paid_at: Optional[datetime] = None,
    shipped_at: Optional[datetime] = None,
    delivered_at: Optional[datetime] = None,
    cancelled_at: Optional[datetime] = None,
    carrier: Optional[Tuple[str, str]] = None,
) -> Order:
    order = Order(number=number, customer=customer, status=status, shipping_method=method,
                  shipping_address=address, created_at=created_at, paid_at=paid_at,
                  shipped_at=shipped_at, delivered_at=delivered_at, cancelled_at=cancelled_at)
    for sku, qty in lines:
        product = products[sku]
        order.lines.append(OrderLine(sku=sku, name=product.name, quantity=qty,
                                     unit_price_cents=product.price_cents))
    recompute_totals(order)
    # Status history in chronological order.
    for event_status, at in (("placed", created_at), ("paid", paid_at), ("shipped", shipped_at),
                             ("delivered", delivered_at), ("cancelled", cancelled_at)):
        if at is not None:
            order.events.append(OrderEvent(status=event_status, at=at))
    if paid_at is not None:
        order.invoice = Invoice(number=order_number_to_invoice(number),
                                amount_cents=order.total_cents, issued_at=paid_at)
    if shipped_at is not None:
        name, prefix = carrier or _CARRIERS[0]
        eta = policy.delivery_estimate(method, shipped_at.date())[1]
        order.shipment = Shipment(carrier=name, tracking_number=_tracking(prefix, number),
                                  estimated_delivery=eta, shipped_at=shipped_at)
    s.add(order)
    return order


def _seed_fixed(s: Session, products: Dict[str, Product], now: datetime) -> None:
    fee = policy.to_cents(policy.refund_policy().cancellation_fee)
    alice, alice_addr = _add_customer(
        s, email="alice@example.com", name="Alice Martin", phone="+4930555010",
        account_type="standard", created_at=now - timedelta(days=400),
        street="Lindenstraße 12", city="Berlin", postcode="10969", country="Germany")
    s.add_all([PaymentMethod(customer_id=alice.id, kind="visa", last4="4242", is_default=True),
               PaymentMethod(customer_id=alice.id, kind="paypal", last4=None)])
    d = timedelta(days=1)
    _add_order(s, products, number="10000001", customer=alice, address=alice_addr,
               lines=[("APP-0001", 1), ("HOM-0005", 2)], status="placed",
               created_at=now - timedelta(hours=2))
    _add_order(s, products, number="10000002", customer=alice, address=alice_addr,
               lines=[("ELE-0001", 1)], status="paid", created_at=now - 3 * d,
               paid_at=now - 3 * d + timedelta(minutes=5))
    _add_order(s, products, number="10000003", customer=alice, address=alice_addr,
               lines=[("SHO-0002", 1), ("SPO-0006", 2)], status="shipped", method="express",
               created_at=now - 4 * d, paid_at=now - 4 * d, shipped_at=now - 1 * d,
               carrier=_CARRIERS[0])
    _add_order(s, products, number="10000004", customer=alice, address=alice_addr,
               lines=[("APP-0004", 1)], status="delivered", created_at=now - 10 * d,
               paid_at=now - 10 * d, shipped_at=now - 8 * d, delivered_at=now - 5 * d)
    cancelled = _add_order(
        s, products, number="10000005", customer=alice, address=alice_addr,
        lines=[("KIT-0002", 1)], status="cancelled", created_at=now - 7 * d,
        paid_at=now - 7 * d, cancelled_at=now - 5 * d)
    cancelled.refunds.append(Refund(amount_cents=cancelled.total_cents - fee, status="approved",
                                    reason="order cancelled", requested_at=now - 5 * d))
    _add_order(s, products, number="10000006", customer=alice, address=alice_addr,
               lines=[("BOO-0001", 2)], status="delivered", created_at=now - 66 * d,
               paid_at=now - 66 * d, shipped_at=now - 63 * d, delivered_at=now - 60 * d)

    bob, bob_addr = _add_customer(
        s, email="bob@example.com", name="Bob Chen", phone="+4940555020",
        account_type="premium", created_at=now - 200 * d,
        street="Mönckebergstraße 7", city="Hamburg", postcode="20095", country="Germany")
    s.add(PaymentMethod(customer_id=bob.id, kind="mastercard", last4="5454", is_default=True))
    s.add(NewsletterSubscription(email=bob.email, subscribed=True, updated_at=now - 100 * d))
    _add_order(s, products, number="10000011", customer=bob, address=bob_addr,
               lines=[("TOY-0001", 1)], status="placed", created_at=now - timedelta(hours=5))
    _add_order(s, products, number="10000012", customer=bob, address=bob_addr,
               lines=[("OUT-0002", 1)], status="shipped", created_at=now - 3 * d,
               paid_at=now - 3 * d, shipped_at=now - 2 * d, carrier=_CARRIERS[1])


def _seed_generated(s: Session, rng: random.Random, products: Dict[str, Product],
                    now: datetime) -> None:
    fee = policy.to_cents(policy.refund_policy().cancellation_fee)
    skus = sorted(products)
    number = FIRST_GENERATED_ORDER
    cycle = 0
    for first in _FIRST_NAMES:
        last = rng.choice(_LAST_NAMES)
        city, postcode, country = rng.choice(_ADDRESSES)
        street = f"{rng.choice(_STREETS)} {rng.randint(1, 120)}"
        customer, addr = _add_customer(
            s, email=f"{first}@example.com", name=f"{first.capitalize()} {last}",
            phone=f"+49{rng.randint(100000000, 999999999)}",
            account_type=rng.choice(("basic", "standard", "standard", "premium", "pro")),
            created_at=now - timedelta(days=rng.randint(100, 900)),
            street=street, city=city, postcode=postcode, country=country)
        kind = rng.choice(("visa", "mastercard", "amex", "paypal"))
        s.add(PaymentMethod(customer_id=customer.id, kind=kind, is_default=True,
                            last4=None if kind == "paypal" else f"{rng.randint(0, 9999):04d}"))
        if rng.random() < 0.4:
            s.add(NewsletterSubscription(email=customer.email, subscribed=rng.random() < 0.8,
                                         updated_at=now - timedelta(days=rng.randint(1, 300))))
        for _ in range(rng.randint(1, 5)):
            status = _STATUS_CYCLE[cycle % len(_STATUS_CYCLE)]
            cycle += 1
            lines = [(sku, rng.randint(1, 3)) for sku in rng.sample(skus, rng.randint(1, 3))]
            method = "express" if rng.random() < 0.25 else "standard"
            age = {"placed": (0.05, 1), "paid": (0.5, 3), "shipped": (2, 6), "delivered": (6, 90),
                   "cancelled": (2, 60), "returned": (20, 80)}[status]
            created = now - timedelta(days=rng.uniform(*age))
            created = created.replace(microsecond=0)
            paid = created + timedelta(minutes=rng.randint(1, 180))
            timeline: Dict[str, Optional[datetime]] = {"paid_at": None, "shipped_at": None,
                                                       "delivered_at": None, "cancelled_at": None}
            if status == "placed":
                pass
            elif status == "cancelled":
                was_paid = rng.random() < 0.6
                timeline["paid_at"] = paid if was_paid else None
                timeline["cancelled_at"] = paid + timedelta(hours=rng.randint(1, 40))
            else:
                timeline["paid_at"] = paid
                if status in ("shipped", "delivered", "returned"):
                    shipped = min(paid + timedelta(days=1), now - timedelta(hours=1))
                    timeline["shipped_at"] = shipped
                    if status != "shipped":
                        timeline["delivered_at"] = shipped + timedelta(days=rng.randint(1, 4))
            order = _add_order(s, products, number=str(number), customer=customer, address=addr,
                               lines=lines, status=status, created_at=created, method=method,
                               carrier=rng.choice(_CARRIERS), **timeline)
            number += 1
            if status == "cancelled" and timeline["paid_at"] is not None:
                late = timeline["cancelled_at"] - timeline["paid_at"] > timedelta(  # type: ignore[operator]
                    hours=policy.refund_policy().cancellation_grace_hours)
                order.refunds.append(Refund(
                    amount_cents=order.total_cents - (fee if late else 0),
                    status=rng.choice(("approved", "paid")), reason="order cancelled",
                    requested_at=timeline["cancelled_at"]))
            elif status == "returned":
                returned_at = timeline["delivered_at"] + timedelta(days=rng.randint(2, 10))  # type: ignore[operator]
                order.returns.append(Return(reason=rng.choice(("too small", "damaged",
                                                               "changed my mind")),
                                            status="received", created_at=returned_at))
                order.refunds.append(Refund(amount_cents=order.subtotal_cents, status="paid",
                                            reason="return", requested_at=returned_at,
                                            paid_at=returned_at + timedelta(days=5)))
                order.events.append(OrderEvent(status="returned", at=returned_at))
            if status == "delivered" and rng.random() < 0.3:
                s.add(Review(customer_id=customer.id, sku=lines[0][0], rating=rng.randint(2, 5),
                             text=rng.choice(_REVIEW_TEXTS),
                             created_at=timeline["delivered_at"]))


def is_seeded(session: Session) -> bool:
    """True when the shop tables already contain data."""
    return session.scalar(select(func.count()).select_from(Product)) != 0


def _counts(session: Session) -> Dict[str, int]:
    return {
        table.name: int(session.scalar(select(func.count()).select_from(table)) or 0)
        for table in Base.metadata.sorted_tables
    }


def seed(session: Session, now: Optional[datetime] = None) -> SeedReport:
    """Fill an empty database with the demo shop; a no-op when data already exists.

    ``now`` (default: current UTC time) anchors all relative dates, so tests can pin it.
    The caller owns the transaction (use ``session_scope()``).
    """
    if is_seeded(session):
        return SeedReport(seeded=False, counts=_counts(session))
    now = as_naive_utc(now).replace(microsecond=0)
    rng = random.Random(SEED)
    products: Dict[str, Product] = {}
    for spec in generate_products(rng):
        product = Product(**spec.__dict__)
        products[spec.sku] = product
        session.add(product)
    session.flush()
    _seed_fixed(session, products, now)
    _seed_generated(session, rng, products, now)
    session.flush()
    return SeedReport(seeded=True, counts=_counts(session))


def ensure_seeded(engine: Optional[Engine] = None, now: Optional[datetime] = None) -> SeedReport:
    """Create missing tables and seed when empty (safe to call at action-server start-up)."""
    engine = engine or get_engine()
    init_db(engine)
    with session_scope(engine) as s:
        return seed(s, now=now)


def reset(engine: Optional[Engine] = None, now: Optional[datetime] = None) -> SeedReport:
    """Drop the shop tables, re-create them and seed from scratch."""
    engine = engine or get_engine()
    reset_db(engine)
    with session_scope(engine) as s:
        return seed(s, now=now)
