"""Account service: verification, channel links, account lifecycle, addresses, newsletter.

Lookups by email are case-insensitive. Functions that could reveal whether an email is
registered (password reset) return nothing.
"""

from __future__ import annotations

import secrets
from typing import List, Optional

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ._common import active_customer, address_view, coerce_id, customer_ref, owned_order
from .db import use_session
from .errors import AlreadyExists, InvalidInput, ShopError
from .ids import normalize_account_type, normalize_email, normalize_phone
from .models import (
    Address,
    ChannelLink,
    Customer,
    NewsletterSubscription,
    Order,
    Outbox,
    PaymentMethod,
    Ticket,
    utcnow,
)
from .orders import AddressInput, parse_address
from .views import AddressView, CustomerRef, PaymentMethodView

__all__ = [
    "verify_customer",
    "customer_for_sender",
    "link_sender",
    "unlink_sender",
    "find_customer_by_email",
    "get_customer",
    "create_account",
    "delete_account",
    "edit_account",
    "switch_account_type",
    "request_password_reset",
    "mail_customer",
    "set_default_address",
    "list_addresses",
    "set_newsletter",
    "newsletter_status",
    "saved_payment_methods",
]

_PAYMENT_LABELS = {"visa": "Visa", "mastercard": "Mastercard", "amex": "American Express",
                   "paypal": "PayPal", "applepay": "Apple Pay", "googlepay": "Google Pay",
                   "klarna": "Invoice (Klarna)", "sepa": "SEPA direct debit"}


def _by_email(s: Session, email: str) -> Optional[Customer]:
    customer = s.scalars(select(Customer).where(Customer.email == email)).first()
    return customer if customer is not None and not customer.deleted else None


def verify_customer(
    email: str, order_id: str, *, session: Optional[Session] = None
) -> Optional[CustomerRef]:
    """The customer when ``email`` (case-insensitive) owns ``order_id``; None otherwise
    (including malformed input), so callers cannot probe which part was wrong."""
    try:
        normalized = normalize_email(email)
        with use_session(session) as s:
            customer = _by_email(s, normalized)
            if customer is None:
                return None
            owned_order(s, order_id, customer.id)
            return customer_ref(customer)
    except ShopError:
        return None


def customer_for_sender(
    sender_id: str, *, session: Optional[Session] = None
) -> Optional[CustomerRef]:
    """The customer a chat sender was linked to earlier, if any."""
    if not sender_id:
        return None
    with use_session(session) as s:
        link = s.get(ChannelLink, str(sender_id))
        if link is None:
            return None
        customer = s.get(Customer, link.customer_id)
        return customer_ref(customer) if customer is not None and not customer.deleted else None


def link_sender(sender_id: str, customer_id: int, *, session: Optional[Session] = None) -> None:
    """Remember that chat ``sender_id`` is verified as ``customer_id`` (replaces old links)."""
    if not sender_id:
        raise InvalidInput("sender_id", "missing")
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        link = s.get(ChannelLink, str(sender_id))
        if link is None:
            s.add(ChannelLink(sender_id=str(sender_id), customer_id=customer.id))
        else:
            link.customer_id = customer.id
            link.linked_at = utcnow()
        s.flush()


def unlink_sender(sender_id: str, *, session: Optional[Session] = None) -> None:
    """Forget the verification of a chat sender (log out)."""
    with use_session(session) as s:
        s.execute(delete(ChannelLink).where(ChannelLink.sender_id == str(sender_id)))


def find_customer_by_email(
    email: str, *, session: Optional[Session] = None
) -> Optional[CustomerRef]:
    """Active customer with this email (case-insensitive); None when unknown or malformed."""
    try:
        normalized = normalize_email(email)
    except InvalidInput:
        return None
    with use_session(session) as s:
        customer = _by_email(s, normalized)
        return customer_ref(customer) if customer is not None else None


def get_customer(customer_id: int, *, session: Optional[Session] = None) -> CustomerRef:
    """The active customer ``customer_id`` or :class:`CustomerNotFound`."""
    with use_session(session) as s:
        return customer_ref(active_customer(s, customer_id))


def _clean_name(name: Optional[str]) -> str:
    text = " ".join((name or "").split())
    if not 1 <= len(text) <= 120 or not any(ch.isalpha() for ch in text):
        raise InvalidInput("name", "format")
    return text


def create_account(
    email: str,
    name: str,
    account_type: str = "standard",
    *,
    phone: Optional[str] = None,
    session: Optional[Session] = None,
) -> CustomerRef:
    """Register a customer. ``InvalidInput`` for a bad email/name/type/phone,
    ``AlreadyExists("account")`` when the email is taken."""
    normalized = normalize_email(email)
    clean_name = _clean_name(name)
    kind = normalize_account_type(account_type)
    clean_phone = normalize_phone(phone) if phone else None
    with use_session(session) as s:
        if s.scalars(select(Customer.id).where(Customer.email == normalized)).first() is not None:
            raise AlreadyExists("account")
        customer = Customer(email=normalized, name=clean_name, account_type=kind,
                            phone=clean_phone, created_at=utcnow())
        s.add(customer)
        try:
            s.flush()
        except IntegrityError:  # lost a race with a concurrent registration
            raise AlreadyExists("account") from None
        return customer_ref(customer)


def delete_account(customer_id: int, *, session: Optional[Session] = None) -> None:
    """Delete an account by anonymising its personal data.

    Email/name/phone are replaced, addresses, saved payment methods, channel links, the
    newsletter subscription and outbox mail are removed, order address snapshots and
    ticket contact data are blanked. Orders themselves are kept (bookkeeping).
    """
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        old_email = customer.email
        cid = customer.id
        customer.email = f"deleted-{cid}@invalid.example"
        customer.name = "Deleted customer"
        customer.phone = None
        customer.deleted = True
        customer.anonymised_at = utcnow()
        customer.addresses.clear()
        s.execute(delete(PaymentMethod).where(PaymentMethod.customer_id == cid))
        s.execute(delete(ChannelLink).where(ChannelLink.customer_id == cid))
        s.execute(delete(NewsletterSubscription).where(NewsletterSubscription.email == old_email))
        s.execute(delete(Outbox).where(Outbox.to_email == old_email))
        s.execute(update(Order).where(Order.customer_id == cid).values(shipping_address="[removed]"))
        s.execute(update(Ticket).where(Ticket.customer_id == cid).values(phone=None, email=None))
        s.flush()


def edit_account(
    customer_id: int,
    *,
    name: Optional[str] = None,
    email: Optional[str] = None,
    phone: Optional[str] = None,
    session: Optional[Session] = None,
) -> CustomerRef:
    """Change name, email and/or phone (only the given ones). A new email must be free."""
    new_name = _clean_name(name) if name is not None else None
    new_email = normalize_email(email) if email is not None else None
    new_phone = normalize_phone(phone) if phone is not None else None
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        if new_email is not None and new_email != customer.email:
            if s.scalars(select(Customer.id).where(Customer.email == new_email)).first():
                raise AlreadyExists("account")
            # Keep the newsletter preference with the person, not the old address.
            s.execute(update(NewsletterSubscription)
                      .where(NewsletterSubscription.email == customer.email)
                      .values(email=new_email, updated_at=utcnow()))
            customer.email = new_email
        if new_name is not None:
            customer.name = new_name
        if new_phone is not None:
            customer.phone = new_phone
        try:
            s.flush()
        except IntegrityError:
            raise AlreadyExists("account") from None
        return customer_ref(customer)


def switch_account_type(
    customer_id: int, account_type: str, *, session: Optional[Session] = None
) -> CustomerRef:
    """Change the account type (idempotent; compare ``account_type`` before if needed)."""
    kind = normalize_account_type(account_type)
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        customer.account_type = kind
        s.flush()
        return customer_ref(customer)


def request_password_reset(email: str, *, session: Optional[Session] = None) -> None:
    """'Send' a reset link (an outbox row) when an active account exists. Always returns
    None so the caller cannot reveal whether the email is registered. ``InvalidInput`` for
    a malformed email only."""
    normalized = normalize_email(email)
    with use_session(session) as s:
        customer = _by_email(s, normalized)
        if customer is None:
            return None
        token = secrets.token_urlsafe(24)
        s.add(Outbox(
            to_email=customer.email,
            subject="Reset your password",
            body=(f"Hello {customer.name},\n\nuse this link within 1 hour to choose a new "
                  f"password: https://shop.example/reset?token={token}\n\n"
                  "If you did not ask for this, ignore this message."),
            created_at=utcnow(),
        ))
        s.flush()
        return None


def mail_customer(customer_id: int, subject: str, body: str, *, session: Optional[Session] = None) -> str:
    """'Send' a message to the customer's address on file (an outbox row); returns that address.

    Used for what must not be shown in a chat window, such as the full copy of their data."""
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        s.add(Outbox(to_email=customer.email, subject=subject, body=body, created_at=utcnow()))
        s.flush()
        return customer.email


def set_default_address(
    customer_id: int,
    address: AddressInput,
    *,
    label: str = "home",
    session: Optional[Session] = None,
) -> AddressView:
    """Save ``address`` as the customer's default shipping address (reuses an identical one)."""
    street, postcode, city, country = parse_address(address)
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        chosen = next((a for a in customer.addresses
                       if (a.street, a.postcode, a.city, a.country)
                       == (street, postcode, city, country)), None)
        for existing in customer.addresses:
            existing.is_default = False
        if chosen is None:
            chosen = Address(label=(label or "home")[:40], street=street, city=city,
                             postcode=postcode, country=country)
            customer.addresses.append(chosen)
        chosen.is_default = True
        s.flush()
        return address_view(chosen)


def list_addresses(customer_id: int, *, session: Optional[Session] = None) -> List[AddressView]:
    """Saved addresses of the customer, default first."""
    with use_session(session) as s:
        customer = active_customer(s, customer_id)
        addresses = sorted(customer.addresses, key=lambda a: (not a.is_default, a.id))
        return [address_view(a) for a in addresses]


def set_newsletter(email: str, subscribed: bool, *, session: Optional[Session] = None) -> bool:
    """Subscribe or unsubscribe ``email`` (no account needed); returns the new state."""
    normalized = normalize_email(email)
    with use_session(session) as s:
        row = s.scalars(select(NewsletterSubscription)
                        .where(NewsletterSubscription.email == normalized)).first()
        if row is None:
            row = NewsletterSubscription(email=normalized)
            s.add(row)
        row.subscribed = bool(subscribed)
        row.updated_at = utcnow()
        s.flush()
        return row.subscribed


def newsletter_status(email: str, *, session: Optional[Session] = None) -> bool:
    """Whether ``email`` currently receives the newsletter."""
    normalized = normalize_email(email)
    with use_session(session) as s:
        row = s.scalars(select(NewsletterSubscription)
                        .where(NewsletterSubscription.email == normalized)).first()
        return bool(row and row.subscribed)


def saved_payment_methods(
    customer_id: int, *, session: Optional[Session] = None
) -> List[PaymentMethodView]:
    """Payment methods on file (masked), default first; empty for unknown customers."""
    cid = coerce_id(customer_id)
    with use_session(session) as s:
        rows = s.scalars(select(PaymentMethod).where(PaymentMethod.customer_id == cid)
                         .order_by(PaymentMethod.is_default.desc(), PaymentMethod.id)).all()
        views = []
        for row in rows:
            name = _PAYMENT_LABELS.get(row.kind, row.kind.title())
            label = f"{name} ending in {row.last4}" if row.last4 else name
            views.append(PaymentMethodView(kind=row.kind, last4=row.last4, label=label,
                                           is_default=row.is_default))
        return views
