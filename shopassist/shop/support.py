"""Support service: tickets (complaints, callbacks, ...) and reviews."""

from __future__ import annotations

from typing import Optional

from sqlalchemy.orm import Session

from ._common import active_customer, aware, coerce_id
from .db import use_session
from .errors import InvalidInput, ProductNotFound
from .ids import normalize_email, normalize_order_id, normalize_phone
from .models import TICKET_KINDS, Product, Review, Ticket, utcnow
from .views import TicketView

__all__ = ["open_ticket", "add_review", "ticket_number"]

MAX_TEXT = 4000


def ticket_number(ticket_id: int) -> str:
    """Public ticket number: 'T-' + 6 digits."""
    return f"T-{ticket_id:06d}"


def open_ticket(
    kind: str,
    text: str,
    customer_id: Optional[int] = None,
    sender_id: Optional[str] = None,
    phone: Optional[str] = None,
    email: Optional[str] = None,
    *,
    order_id: Optional[str] = None,
    session: Optional[Session] = None,
) -> TicketView:
    """Open a ticket of ``kind`` (complaint | callback | payment_issue | registration_problem |
    contact). A callback needs a phone number (a known customer's number on file will do);
    anonymous tickets need a phone or email. Returns the ticket number 'T-000123'."""
    kind = (kind or "").strip().lower()
    if kind not in TICKET_KINDS:
        raise InvalidInput("kind", "unknown")
    body = (text or "").strip()[:MAX_TEXT]
    clean_phone = normalize_phone(phone) if phone else None
    clean_email = normalize_email(email) if email else None
    number = normalize_order_id(order_id) if order_id else None
    cid = coerce_id(customer_id) if customer_id is not None else None
    if customer_id is not None and cid is None:
        raise InvalidInput("customer_id", "format")
    with use_session(session) as s:
        if cid is not None:
            customer = active_customer(s, cid)
            if kind == "callback" and clean_phone is None:
                clean_phone = customer.phone  # known customers may use the number on file
        elif clean_phone is None and clean_email is None:
            raise InvalidInput("contact", "missing")
        if kind == "callback" and clean_phone is None:
            raise InvalidInput("phone", "missing")
        ticket = Ticket(kind=kind, status="open", customer_id=cid,
                        sender_id=str(sender_id) if sender_id else None, order_number=number,
                        text=body, phone=clean_phone, email=clean_email, created_at=utcnow())
        s.add(ticket)
        s.flush()
        return TicketView(number=ticket_number(ticket.id), kind=ticket.kind,
                          status=ticket.status, created_at=aware(ticket.created_at))  # type: ignore[arg-type]


def add_review(
    rating: int,
    text: str,
    customer_id: Optional[int] = None,
    sku: Optional[str] = None,
    *,
    session: Optional[Session] = None,
) -> int:
    """Store a review (rating 1–5, of the shop or of product ``sku``); returns its id."""
    try:
        stars = int(str(rating).strip())
    except (TypeError, ValueError):
        raise InvalidInput("rating", "not_a_number") from None
    if not 1 <= stars <= 5:
        raise InvalidInput("rating", "out_of_range")
    with use_session(session) as s:
        cid = None
        if customer_id is not None:
            cid = active_customer(s, customer_id).id
        code = None
        if sku:
            code = sku.strip().upper()
            if s.get(Product, code) is None:
                raise ProductNotFound(sku)
        review = Review(customer_id=cid, sku=code, rating=stars,
                        text=(text or "").strip()[:MAX_TEXT], created_at=utcnow())
        s.add(review)
        s.flush()
        return review.id
