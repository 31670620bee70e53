"""SQLAlchemy 2 ORM models of the demo shop.

Money is stored as integer cents (exact arithmetic, identical on SQLite and PostgreSQL);
timestamps are naive UTC. Service functions convert rows to plain view objects, so these
classes never leave a session.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import List, Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "OrderStatus",
    "ORDER_STATUSES",
    "TICKET_KINDS",
    "ACCOUNT_TYPES",
    "Customer",
    "Address",
    "Product",
    "Order",
    "OrderLine",
    "OrderEvent",
    "Shipment",
    "Invoice",
    "Refund",
    "Return",
    "PaymentMethod",
    "Ticket",
    "NewsletterSubscription",
    "Review",
    "Outbox",
    "ChannelLink",
    "utcnow",
]


def utcnow() -> datetime:
    """Current time as naive UTC (the representation stored in the database)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class OrderStatus:
    """Order lifecycle: placed → paid → shipped → delivered (+ cancelled, returned)."""

    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


ORDER_STATUSES = ("placed", "paid", "shipped", "delivered", "cancelled", "returned")
SHIPPING_METHODS = ("standard", "express")
REFUND_STATUSES = ("requested", "approved", "paid")
RETURN_STATUSES = ("requested", "received", "rejected")
TICKET_KINDS = ("complaint", "callback", "payment_issue", "registration_problem", "contact")
ACCOUNT_TYPES = ("basic", "standard", "premium", "platinum", "gold", "freemium", "free", "pro")


class Base(DeclarativeBase):
    """Declarative base of all shop tables."""


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[Optional[str]] = mapped_column(String(40))
    account_type: Mapped[str] = mapped_column(String(20), default="standard")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymised_at: Mapped[Optional[datetime]] = mapped_column(DateTime)

    addresses: Mapped[List["Address"]] = relationship(
        back_populates="customer", cascade="all, delete-orphan"
    )
    orders: Mapped[List["Order"]] = relationship(back_populates="customer")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    label: Mapped[str] = mapped_column(String(40), default="home")
    street: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str] = mapped_column(String(20), default="")
    country: Mapped[str] = mapped_column(String(60), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="addresses")


class Product(Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    brand: Mapped[str] = mapped_column(String(60))
    color: Mapped[Optional[str]] = mapped_column(String(30))
    sizes: Mapped[str] = mapped_column(String(120), default="")  # comma-separated, "" = one size
    material: Mapped[Optional[str]] = mapped_column(String(60))
    price_cents: Mapped[int] = mapped_column(Integer)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("price_cents >= 0", name="ck_products_price"),
        CheckConstraint("stock >= 0", name="ck_products_stock"),
    )


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(8), unique=True, index=True)  # the public id
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=OrderStatus.PLACED)
    shipping_method: Mapped[str] = mapped_column(String(20), default="standard")
    shipping_address: Mapped[str] = mapped_column(Text, default="")  # snapshot text
    subtotal_cents: Mapped[int] = mapped_column(Integer, default=0)
    shipping_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    paid_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    shipped_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    delivered_at: Mapped[Optional[datetime]] = mapped_column(DateTime)
    cancelled_at: Mapped[Optional[datetime]] = mapped_column(DateTime)

    customer: Mapped[Customer] = relationship(back_populates="orders")
    lines: Mapped[List["OrderLine"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )
    shipment: Mapped[Optional["Shipment"]] = relationship(
        back_populates="order", uselist=False, cascade="all, delete-orphan"
    )
    invoice: Mapped[Optional["Invoice"]] = relationship(
        back_populates="order", uselist=False, cascade="all, delete-orphan"
    )
    refunds: Mapped[List["Refund"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Refund.id"
    )
    returns: Mapped[List["Return"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Return.id"
    )
    events: Mapped[List["OrderEvent"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderEvent.id"
    )

    __table_args__ = (
        CheckConstraint(
            "status IN ('placed','paid','shipped','delivered','cancelled','returned')",
            name="ck_orders_status",
        ),
        CheckConstraint("shipping_method IN ('standard','express')", name="ck_orders_method"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"))
    name: Mapped[str] = mapped_column(String(200))  # snapshot: product names may change
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="lines")

    __table_args__ = (
        UniqueConstraint("order_id", "sku", name="uq_order_lines_sku"),
        CheckConstraint("quantity > 0", name="ck_order_lines_qty"),
    )


class OrderEvent(Base):
    """Status history of an order (audit trail)."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="events")


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    carrier: Mapped[str] = mapped_column(String(40))
    tracking_number: Mapped[str] = mapped_column(String(40))
    estimated_delivery: Mapped[Optional[date]] = mapped_column(Date)
    shipped_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="shipment")


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(12), unique=True, index=True)  # INV-xxxxxxxx
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="invoice")


class Refund(Base):
    __tablename__ = "refunds"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="requested")
    reason: Mapped[str] = mapped_column(String(500), default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    paid_at: Mapped[Optional[datetime]] = mapped_column(DateTime)

    order: Mapped[Order] = relationship(back_populates="refunds")

    __table_args__ = (
        CheckConstraint("status IN ('requested','approved','paid')", name="ck_refunds_status"),
        CheckConstraint("amount_cents >= 0", name="ck_refunds_amount"),
    )


class Return(Base):
    __tablename__ = "returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="requested")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="returns")


class PaymentMethod(Base):
    """A payment method on file (never a full card number)."""

    __tablename__ = "payment_methods"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # visa, mastercard, amex, paypal, ...
    last4: Mapped[Optional[str]] = mapped_column(String(4))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="open")
    customer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("customers.id"), index=True)
    sender_id: Mapped[Optional[str]] = mapped_column(String(200))
    order_number: Mapped[Optional[str]] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[Optional[str]] = mapped_column(String(40))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint(
            "kind IN ('complaint','callback','payment_issue','registration_problem','contact')",
            name="ck_tickets_kind",
        ),
    )


class NewsletterSubscription(Base):
    __tablename__ = "newsletter_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    subscribed: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("customers.id"), index=True)
    sku: Mapped[Optional[str]] = mapped_column(ForeignKey("products.sku"))
    rating: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="ck_reviews_rating"),)


class Outbox(Base):
    """Messages 'sent' to customers (password resets, confirmations); nothing leaves the box."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_email: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ChannelLink(Base):
    """A chat sender verified once stays linked to its customer."""

    __tablename__ = "channel_links"

    sender_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
