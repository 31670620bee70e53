"""Order service: lookup, cancellation, line changes, shipping address, refunds, invoices.

All functions take an optional ``session``; without one they run in their own transaction
(commit on success, rollback on error). Foreign and unknown orders both raise
:class:`OrderNotFound`.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import List, Mapping, Optional, Tuple, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopassist.settings import get_settings

from . import policy
from ._common import (
    address_text,
    as_naive_utc,
    order_view,
    owned_order,
    recompute_totals,
    refund_view,
    invoice_view,
)
from .db import use_session
from .errors import InvalidInput, InvoiceNotFound, NotAllowed, OrderNotFound, ProductNotFound
from .ids import normalize_invoice_id
from .models import Invoice, Order, OrderEvent, OrderLine, OrderStatus, Outbox, Product, Refund, Return
from .views import CancellationQuote, InvoiceView, OrderView, RefundView

__all__ = [
    "get_order",
    "list_orders",
    "cancellation_quote",
    "cancel_order",
    "update_order_line",
    "add_order_line",
    "change_shipping_address",
    "request_refund",
    "refund_status",
    "get_invoice",
    "list_invoices",
    "send_invoice",
    "return_eligibility",
    "parse_address",
    "AddressInput",
]

#: A street address as free text ("Street 1, 10115 Berlin, Germany") or a mapping with keys
#: street, city, postcode (or zip), country.
AddressInput = Union[str, Mapping[str, str]]

MAX_LINE_QUANTITY = 99


def _owned(s: Session, order_id: object, customer_id: Optional[int], *, lock: bool = False) -> Order:
    order = owned_order(s, order_id, customer_id, for_update=lock)
    if order.customer.deleted:
        raise OrderNotFound()
    return order


def get_order(order_id: str, customer_id: int, *, session: Optional[Session] = None) -> OrderView:
    """Status, items, totals, shipment and dates of one of the customer's orders."""
    with use_session(session) as s:
        return order_view(_owned(s, order_id, customer_id))


def list_orders(customer_id: int, *, session: Optional[Session] = None) -> List[OrderView]:
    """All orders of the customer, newest first (empty for unknown customers)."""
    with use_session(session) as s:
        orders = s.scalars(
            select(Order)
            .where(Order.customer_id == customer_id)
            .order_by(Order.created_at.desc(), Order.number.desc())
        ).all()
        return [order_view(o) for o in orders if not o.customer.deleted]


def _quote(order: Order, now: datetime) -> CancellationQuote:
    decision = policy.can_cancel(order.status, order.paid_at, now)
    refund_cents = 0
    if decision.allowed and order.paid_at is not None:
        refund_cents = max(order.total_cents - policy.to_cents(decision.fee), 0)
    return CancellationQuote(
        order_id=order.number,
        allowed=decision.allowed,
        fee=decision.fee,
        reason=decision.reason,
        refund_amount=refund_cents / 100.0,
        currency=get_settings().currency,
    )


def cancellation_quote(
    order_id: str,
    customer_id: int,
    now: Optional[datetime] = None,
    *,
    session: Optional[Session] = None,
) -> CancellationQuote:
    """Whether the order can be cancelled right now, the fee and the refund it would give."""
    with use_session(session) as s:
        return _quote(_owned(s, order_id, customer_id), as_naive_utc(now))


def cancel_order(
    order_id: str,
    customer_id: int,
    now: Optional[datetime] = None,
    *,
    session: Optional[Session] = None,
) -> OrderView:
    """Cancel the order (policy permitting): restock items and, if it was paid, create an
    approved refund of the total minus any fee. Raises ``NotAllowed(reason)`` otherwise."""
    now = as_naive_utc(now)
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id, lock=True)
        quote = _quote(order, now)
        if not quote.allowed:
            raise NotAllowed(quote.reason)
        for line in order.lines:
            product = s.get(Product, line.sku)
            if product is not None:
                product.stock += line.quantity
        order.status = OrderStatus.CANCELLED
        order.cancelled_at = now
        note = f"fee {quote.fee:.2f}" if quote.fee else ""
        order.events.append(OrderEvent(status=OrderStatus.CANCELLED, at=now, note=note))
        if order.paid_at is not None:
            order.refunds.append(
                Refund(amount_cents=policy.to_cents(quote.refund_amount), status="approved",
                       reason="order cancelled", requested_at=now)
            )
        s.flush()
        return order_view(order)


def _product(s: Session, sku: str) -> Product:
    product = s.get(Product, (sku or "").strip().upper())
    if product is None:
        raise ProductNotFound(sku)
    return product


def _check_quantity(quantity: object, minimum: int) -> int:
    try:
        value = int(quantity)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidInput("quantity", "not_a_number") from None
    if value < minimum or value > MAX_LINE_QUANTITY:
        raise InvalidInput("quantity", "out_of_range")
    return value


def _after_lines_changed(order: Order, note: str) -> None:
    recompute_totals(order)
    if order.invoice is not None:
        # A paid order that changes is re-invoiced for the new total (difference settled).
        order.invoice.amount_cents = order.total_cents
    order.events.append(OrderEvent(status=order.status, note=note[:200]))


def update_order_line(
    order_id: str,
    customer_id: int,
    sku: str,
    quantity: int,
    *,
    session: Optional[Session] = None,
) -> OrderView:
    """Set the quantity of a line (0 removes it; the last line cannot be removed).

    Only before shipping. Stock is checked for increases and returned for decreases.
    """
    qty = _check_quantity(quantity, 0)
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id, lock=True)
        decision = policy.can_change(order.status)
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        product = _product(s, sku)
        line = next((ln for ln in order.lines if ln.sku == product.sku), None)
        if line is None:
            raise InvalidInput("sku", "not_in_order")
        if qty == 0 and len(order.lines) == 1:
            raise NotAllowed("last_line")
        delta = qty - line.quantity
        if delta > product.stock:
            raise NotAllowed("out_of_stock")
        product.stock -= delta
        if qty == 0:
            order.lines.remove(line)
        else:
            line.quantity = qty
        _after_lines_changed(order, f"{product.sku} quantity {qty}")
        s.flush()
        return order_view(order)


def add_order_line(
    order_id: str,
    customer_id: int,
    sku: str,
    quantity: int = 1,
    *,
    session: Optional[Session] = None,
) -> OrderView:
    """Add a product to an order before shipping (adds to the quantity if already there)."""
    qty = _check_quantity(quantity, 1)
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id, lock=True)
        decision = policy.can_change(order.status)
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        product = _product(s, sku)
        if qty > product.stock:
            raise NotAllowed("out_of_stock")
        line = next((ln for ln in order.lines if ln.sku == product.sku), None)
        if line is None:
            order.lines.append(OrderLine(sku=product.sku, name=product.name, quantity=qty,
                                         unit_price_cents=product.price_cents))
        elif line.quantity + qty > MAX_LINE_QUANTITY:
            raise InvalidInput("quantity", "out_of_range")
        else:
            line.quantity += qty
        product.stock -= qty
        _after_lines_changed(order, f"{product.sku} +{qty}")
        s.flush()
        return order_view(order)


_POSTCODE_CITY = re.compile(r"^(?P<postcode>[A-Z]{0,2}-?\d[\w-]*(?: [A-Z]{2})?)\s+(?P<city>.+)$")


def parse_address(address: AddressInput) -> Tuple[str, str, str, str]:
    """(street, postcode, city, country) from free text or a mapping; ``InvalidInput`` when
    street or city is missing."""
    if isinstance(address, Mapping):
        street = str(address.get("street", "") or "").strip()
        city = str(address.get("city", "") or "").strip()
        postcode = str(address.get("postcode", address.get("zip", "")) or "").strip()
        country = str(address.get("country", "") or "").strip()
    else:
        parts = [p.strip() for p in re.split(r"[,\n;]", str(address or "")) if p.strip()]
        if len(parts) < 2:
            raise InvalidInput("address", "incomplete")
        street, rest = parts[0], parts[1:]
        match = _POSTCODE_CITY.match(rest[0])
        if match:
            postcode, city = match.group("postcode"), match.group("city")
        else:
            postcode, city = "", rest[0]
        country = rest[1] if len(rest) > 1 else ""
    if len(street) < 3 or not re.search(r"[^\W\d_]", street) or len(city) < 2:
        raise InvalidInput("address", "incomplete")
    if max(len(street), len(city), len(postcode), len(country)) > 200:
        raise InvalidInput("address", "too_long")
    return street, postcode, city, country


def change_shipping_address(
    order_id: str,
    customer_id: int,
    address: AddressInput,
    *,
    session: Optional[Session] = None,
) -> OrderView:
    """Replace the order's shipping address snapshot (only before the order ships)."""
    street, postcode, city, country = parse_address(address)
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id, lock=True)
        decision = policy.can_change_address(order.status)
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        order.shipping_address = (
            f"{order.customer.name}, " + address_text(street, postcode, city, country)
        )
        order.events.append(OrderEvent(status=order.status, note="shipping address changed"))
        s.flush()
        return order_view(order)


def _parse_amount(amount: object) -> Optional[int]:
    if amount is None or amount == "":
        return None
    if isinstance(amount, (int, float)):
        value = float(amount)
    else:
        match = re.search(r"\d+(?:[.,]\d{1,2})?", str(amount))
        if not match:
            raise InvalidInput("amount", "not_a_number")
        value = float(match.group(0).replace(",", "."))
    if value <= 0:
        raise InvalidInput("amount", "not_positive")
    return policy.to_cents(value)


def request_refund(
    order_id: str,
    customer_id: int,
    amount: Union[float, str, None] = None,
    reason: str = "",
    *,
    now: Optional[datetime] = None,
    session: Optional[Session] = None,
) -> RefundView:
    """Request a refund.

    - delivered within the return window → creates a return + a ``requested`` refund
      (``amount`` defaults to the order total and may not exceed what is still refundable);
    - cancelled or returned orders → their existing refund (``NotAllowed("nothing_to_refund")``
      when the order was never paid);
    - otherwise ``NotAllowed``: ``not_delivered`` (placed/paid/shipped: cancel instead or wait),
      ``return_window_expired``, ``refund_already_requested``.
    """
    cents = _parse_amount(amount)
    now = as_naive_utc(now)
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id, lock=True)
        if order.status in (OrderStatus.CANCELLED, OrderStatus.RETURNED):
            if not order.refunds:
                raise NotAllowed("nothing_to_refund")
            return refund_view(order.refunds[-1])
        if order.status != OrderStatus.DELIVERED:
            raise NotAllowed(policy.NOT_DELIVERED)
        if order.refunds:
            raise NotAllowed("refund_already_requested")
        decision = policy.return_eligible(order.delivered_at, now)
        if not decision.allowed:
            raise NotAllowed(decision.reason)
        refundable = order.total_cents
        if cents is not None and cents > refundable:
            raise InvalidInput("amount", "exceeds_total")
        text = (reason or "").strip()[:500]
        order.returns.append(Return(reason=text, status="requested", created_at=now))
        refund = Refund(amount_cents=cents if cents is not None else refundable,
                        status="requested", reason=text, requested_at=now)
        order.refunds.append(refund)
        order.events.append(OrderEvent(status=order.status, at=now, note="refund requested"))
        s.flush()
        return refund_view(refund)


def refund_status(
    customer_id: int, order_id: Optional[str] = None, *, session: Optional[Session] = None
) -> List[RefundView]:
    """Refunds of one order (``order_id``) or of all the customer's orders, newest first."""
    with use_session(session) as s:
        if order_id is not None:
            order = _owned(s, order_id, customer_id)
            refunds = list(order.refunds)
        else:
            refunds = list(
                s.scalars(select(Refund).join(Order).where(Order.customer_id == customer_id)).all()
            )
        refunds.sort(key=lambda r: (r.requested_at, r.id), reverse=True)
        return [refund_view(r) for r in refunds]


def get_invoice(
    customer_id: int,
    invoice_id: Optional[str] = None,
    order_id: Optional[str] = None,
    *,
    session: Optional[Session] = None,
) -> InvoiceView:
    """An invoice by number ('INV-20000002' or '20000002'), by order id, or the latest one.

    Unknown and foreign invoices (or orders) both raise :class:`InvoiceNotFound`.
    """
    with use_session(session) as s:
        invoice: Optional[Invoice]
        if invoice_id is not None:
            number = normalize_invoice_id(invoice_id)
            invoice = s.scalars(select(Invoice).where(Invoice.number == number)).first()
        elif order_id is not None:
            try:
                invoice = _owned(s, order_id, customer_id).invoice
            except OrderNotFound:
                raise InvoiceNotFound() from None
        else:
            invoice = s.scalars(
                select(Invoice).join(Order).where(Order.customer_id == customer_id)
                .order_by(Invoice.issued_at.desc(), Invoice.id.desc())
            ).first()
        if invoice is None or invoice.order.customer_id != customer_id or invoice.order.customer.deleted:
            raise InvoiceNotFound()
        return invoice_view(invoice)


def list_invoices(customer_id: int, *, session: Optional[Session] = None) -> List[InvoiceView]:
    """All invoices of the customer, newest first."""
    with use_session(session) as s:
        invoices = s.scalars(
            select(Invoice).join(Order).where(Order.customer_id == customer_id)
            .order_by(Invoice.issued_at.desc(), Invoice.id.desc())
        ).all()
        return [invoice_view(i) for i in invoices if not i.order.customer.deleted]


def send_invoice(customer_id: int, invoice_id: str, *, session: Optional[Session] = None) -> str:
    """'Email' a copy of the customer's invoice (an outbox row); returns the address used.

    Foreign and unknown invoices raise :class:`InvoiceNotFound`.
    """
    with use_session(session) as s:
        invoice = get_invoice(customer_id, invoice_id=invoice_id, session=s)
        order = _owned(s, invoice.order_id, customer_id)
        email = order.customer.email
        s.add(Outbox(
            to_email=email,
            subject=f"Your invoice {invoice.invoice_number}",
            body=(f"Hello {order.customer.name},\n\nattached is invoice {invoice.invoice_number} for order "
                  f"{invoice.order_id}: {invoice.amount:.2f} {invoice.currency}, issued "
                  f"{invoice.issued_at:%Y-%m-%d}.\n"),
        ))
        s.flush()
        return email


def return_eligibility(
    order_id: str, customer_id: int, now: Optional[datetime] = None, *, session: Optional[Session] = None
) -> policy.ReturnDecision:
    """Whether the customer's order can still be returned for a refund (delivered, in window)."""
    with use_session(session) as s:
        order = _owned(s, order_id, customer_id)
        return policy.return_eligible(order.delivered_at, as_naive_utc(now))
