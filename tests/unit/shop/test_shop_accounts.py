"""Account service: verification, sender links, account lifecycle, password reset,
newsletter, addresses, payment methods. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from shopassist.shop import service
from shopassist.shop.db import session_scope
from shopassist.shop.errors import AlreadyExists, CustomerNotFound, InvalidInput, OrderNotFound
from shopassist.shop.models import ChannelLink, Customer, NewsletterSubscription, Order, Outbox


@pytest.fixture
def alice(shop_db):
    return service.find_customer_by_email("alice@example.com")


def test_verify_customer(alice):
    assert service.verify_customer("ALICE@example.com ", "order #10000003") == alice
    assert service.verify_customer("alice@example.com", "10000011") is None  # Bob's order
    assert service.verify_customer("alice@example.com", "19999999") is None
    assert service.verify_customer("nobody@example.com", "10000001") is None
    assert service.verify_customer("garbage", "garbage") is None


def test_sender_link(alice):
    assert service.customer_for_sender("web-123") is None
    service.link_sender("web-123", alice.id)
    assert service.customer_for_sender("web-123") == alice
    bob = service.find_customer_by_email("bob@example.com")
    service.link_sender("web-123", bob.id)  # re-link replaces
    assert service.customer_for_sender("web-123") == bob
    service.unlink_sender("web-123")
    assert service.customer_for_sender("web-123") is None
    with pytest.raises(CustomerNotFound):
        service.link_sender("web-9", 999999)


def test_create_account_and_duplicates(shop_db):
    ref = service.create_account("New.User@Example.com", "  New   User ", "Premium")
    assert (ref.email, ref.name, ref.account_type) == ("new.user@example.com", "New User",
                                                       "premium")
    assert service.find_customer_by_email("NEW.USER@example.com") == ref
    with pytest.raises(AlreadyExists):
        service.create_account("new.user@EXAMPLE.com", "Other")
    with pytest.raises(AlreadyExists):
        service.create_account("alice@example.com", "Alice Again")
    with pytest.raises(InvalidInput) as err:
        service.create_account("not-an-email", "X")
    assert err.value.field == "email"
    with pytest.raises(InvalidInput) as err:
        service.create_account("x@example.com", "X", account_type="diamond")
    assert err.value.field == "account_type"
    assert service.find_customer_by_email("x@example.com") is None


def test_delete_account_anonymises(alice):
    service.link_sender("tg-1", alice.id)
    service.set_newsletter("alice@example.com", True)
    service.request_password_reset("alice@example.com")
    service.delete_account(alice.id)
    assert service.find_customer_by_email("alice@example.com") is None
    assert service.customer_for_sender("tg-1") is None
    assert service.verify_customer("alice@example.com", "10000001") is None
    with pytest.raises(OrderNotFound):
        service.get_order("10000001", alice.id)
    with session_scope() as s:
        row = s.get(Customer, alice.id)
        assert row.deleted and row.name == "Deleted customer" and row.phone is None
        assert "alice" not in row.email and row.addresses == []
        orders = s.scalars(select(Order).where(Order.customer_id == alice.id)).all()
        assert len(orders) == 6 and all(o.shipping_address == "[removed]" for o in orders)
        assert s.scalars(select(ChannelLink).where(ChannelLink.customer_id == alice.id)).all() == []
        assert s.scalars(select(NewsletterSubscription).where(
            NewsletterSubscription.email == "alice@example.com")).all() == []
        assert s.scalars(select(Outbox).where(Outbox.to_email == "alice@example.com")).all() == []
    with pytest.raises(CustomerNotFound):
        service.delete_account(alice.id)
    # the email is free again
    assert service.create_account("alice@example.com", "Alice Reborn").id != alice.id


def test_edit_and_switch_account(alice):
    ref = service.edit_account(alice.id, name="Alice M.", phone="+49 170 1234567")
    assert (ref.name, ref.phone, ref.email) == ("Alice M.", "+491701234567", alice.email)
    ref = service.edit_account(alice.id, email="Alice.Martin@example.com")
    assert ref.email == "alice.martin@example.com"
    assert service.verify_customer("alice.martin@example.com", "10000001") == ref
    with pytest.raises(AlreadyExists):
        service.edit_account(alice.id, email="bob@example.com")
    with pytest.raises(InvalidInput):
        service.edit_account(alice.id, email="bad")
    assert service.switch_account_type(alice.id, "GOLD").account_type == "gold"
    with pytest.raises(InvalidInput):
        service.switch_account_type(alice.id, "emerald")
    with pytest.raises(CustomerNotFound):
        service.switch_account_type(424242, "gold")


def _outbox(email: str) -> list:
    with session_scope() as s:
        return [(o.subject, o.body) for o in
                s.scalars(select(Outbox).where(Outbox.to_email == email)).all()]


def test_password_reset_outbox(shop_db):
    assert service.request_password_reset("Alice@Example.com") is None
    mails = _outbox("alice@example.com")
    assert len(mails) == 1 and "reset" in mails[0][0].lower() and "token=" in mails[0][1]
    assert service.request_password_reset("nobody@example.com") is None  # same answer
    assert _outbox("nobody@example.com") == []
    with pytest.raises(InvalidInput):
        service.request_password_reset("no email")


def test_newsletter_toggle(shop_db):
    email = "news@example.org"
    assert service.newsletter_status(email) is False
    assert service.set_newsletter(email, True) is True
    assert service.newsletter_status("NEWS@example.org") is True
    assert service.set_newsletter(email, False) is False
    assert service.newsletter_status(email) is False
    assert service.newsletter_status("bob@example.com") is True
    with pytest.raises(InvalidInput):
        service.set_newsletter("nope", True)


def test_default_address_and_payment_methods(alice):
    view = service.set_default_address(alice.id, "Kastanienallee 3, 10435 Berlin, Germany")
    assert (view.street, view.postcode, view.city, view.country, view.is_default) == (
        "Kastanienallee 3", "10435", "Berlin", "Germany", True)
    addresses = service.list_addresses(alice.id)
    assert addresses[0] == view and sum(a.is_default for a in addresses) == 1
    again = service.set_default_address(alice.id, {"street": "Lindenstraße 12", "city": "Berlin",
                                                   "postcode": "10969", "country": "Germany"})
    assert again.id == addresses[1].id  # the existing address was reused
    assert len(service.list_addresses(alice.id)) == 2
    labels = [m.label for m in service.saved_payment_methods(alice.id)]
    assert labels == ["Visa ending in 4242", "PayPal"]
    assert service.saved_payment_methods(987654) == []
