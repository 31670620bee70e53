"""Internal helpers shared by the service modules: time, ownership lookups, view builders."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopassist.settings import get_settings

from . import policy
from .errors import CustomerNotFound, OrderNotFound
from .ids import normalize_order_id
from .models import Address, Customer, Invoice, Order, Refund, utcnow
from .views import AddressView, CustomerRef, InvoiceView, OrderLineView, OrderView, RefundView


def as_naive_utc(now: Optional[datetime]) -> datetime:
    """Injectable 'now' → naive UTC (aware datetimes are converted, naive ones taken as UTC)."""
    if now is None:
        return utcnow()
    if now.tzinfo is not None:
        return now.astimezone(timezone.utc).replace(tzinfo=None)
    return now


def aware(value: Optional[datetime]) -> Optional[datetime]:
    """Stored naive UTC → timezone-aware UTC for views."""
    return value.replace(tzinfo=timezone.utc) if value is not None else None


def money(cents: int) -> float:
    """Integer cents → float currency units."""
    return round(cents / 100.0, 2)


def coerce_id(value: object) -> Optional[int]:
    """Customer id from an int or an int-like slot value ("12", 12.0); None when not one."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return number if float(value) == number else None  # type: ignore[arg-type]


def active_customer(session: Session, customer_id: object) -> Customer:
    """The non-deleted customer with ``customer_id`` or :class:`CustomerNotFound`."""
    cid = coerce_id(customer_id)
    customer = session.get(Customer, cid) if cid is not None else None
    if customer is None or customer.deleted:
        raise CustomerNotFound()
    return customer


def owned_order(
    session: Session, order_id: object, customer_id: Optional[int], *, for_update: bool = False
) -> Order:
    """The order ``order_id`` if it belongs to ``customer_id``; otherwise :class:`OrderNotFound`
    (same error for unknown and foreign orders, so existence is never revealed)."""
    number = normalize_order_id(order_id)  # type: ignore[arg-type]
    stmt = select(Order).where(Order.number == number)
    if for_update:
        stmt = stmt.with_for_update()  # serialise concurrent writes on PostgreSQL
    order = session.scalars(stmt).first()
    if order is None or coerce_id(customer_id) is None or order.customer_id != coerce_id(customer_id):
        raise OrderNotFound()
    return order


def customer_ref(customer: Customer) -> CustomerRef:
    return CustomerRef(
        id=customer.id,
        email=customer.email,
        name=customer.name,
        phone=customer.phone,
        account_type=customer.account_type,
    )


def address_text(street: str, postcode: str, city: str, country: str) -> str:
    """One-line address: 'street, postcode city, country' (empty parts skipped)."""
    town = " ".join(p for p in (postcode, city) if p)
    return ", ".join(p for p in (street, town, country) if p)


def address_view(address: Address) -> AddressView:
    return AddressView(
        id=address.id,
        label=address.label,
        street=address.street,
        city=address.city,
        postcode=address.postcode,
        country=address.country,
        is_default=address.is_default,
        text=address_text(address.street, address.postcode, address.city, address.country),
    )


def _expected_delivery(order: Order) -> Optional[date]:
    if order.shipment is not None and order.shipment.estimated_delivery is not None:
        return order.shipment.estimated_delivery
    if order.status in ("placed", "paid"):
        # Not shipped yet: latest date if it shipped today (documented as an estimate).
        start = utcnow().date()
        return policy.delivery_estimate(order.shipping_method, start)[1]
    return None


def order_view(order: Order) -> OrderView:
    currency = get_settings().currency
    lines = tuple(
        OrderLineView(
            sku=line.sku,
            name=line.name,
            quantity=line.quantity,
            unit_price=money(line.unit_price_cents),
            line_total=money(line.unit_price_cents * line.quantity),
        )
        for line in order.lines
    )
    return OrderView(
        order_id=order.number,
        status=order.status,
        items=lines,
        subtotal=money(order.subtotal_cents),
        shipping_fee=money(order.shipping_cents),
        total=money(order.total_cents),
        currency=currency,
        shipping_method=order.shipping_method,
        shipping_address=order.shipping_address,
        created_at=aware(order.created_at),  # type: ignore[arg-type]
        paid_at=aware(order.paid_at),
        shipped_at=aware(order.shipped_at),
        delivered_at=aware(order.delivered_at),
        cancelled_at=aware(order.cancelled_at),
        carrier=order.shipment.carrier if order.shipment else None,
        tracking_number=order.shipment.tracking_number if order.shipment else None,
        estimated_delivery=_expected_delivery(order),
        invoice_number=order.invoice.number if order.invoice else None,
    )


def refund_view(refund: Refund) -> RefundView:
    expected: Optional[date] = None
    if refund.status != "paid":
        high = get_settings().refund_processing_days[1]
        expected = policy.add_business_days(refund.requested_at.date(), high)
    return RefundView(
        refund_id=refund.id,
        order_id=refund.order.number,
        amount=money(refund.amount_cents),
        currency=get_settings().currency,
        status=refund.status,
        reason=refund.reason,
        requested_at=aware(refund.requested_at),  # type: ignore[arg-type]
        paid_at=aware(refund.paid_at),
        expected_by=expected,
    )


def invoice_view(invoice: Invoice) -> InvoiceView:
    return InvoiceView(
        invoice_number=invoice.number,
        order_id=invoice.order.number,
        amount=money(invoice.amount_cents),
        currency=get_settings().currency,
        issued_at=aware(invoice.issued_at),  # type: ignore[arg-type]
        order_status=invoice.order.status,
    )


def recompute_totals(order: Order) -> None:
    """Recalculate subtotal, shipping (policy) and total from the lines."""
    subtotal = sum(line.unit_price_cents * line.quantity for line in order.lines)
    fee = policy.shipping_fee(order.shipping_method, subtotal / 100.0)
    order.subtotal_cents = subtotal
    order.shipping_cents = policy.to_cents(fee)
    order.total_cents = subtotal + order.shipping_cents


def days_ago(now: datetime, days: float) -> datetime:
    """``now`` minus ``days`` (helper for seed data)."""
    return now - timedelta(days=days)
