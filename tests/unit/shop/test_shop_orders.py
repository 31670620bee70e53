"""Order service: ownership, cancellation, line changes, address, refunds, invoices,
transactions. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from shopassist.shop import service
from shopassist.shop.db import session_scope
from shopassist.shop.errors import (
    InvalidInput,
    InvoiceNotFound,
    NotAllowed,
    OrderNotFound,
    ProductNotFound,
)
from shopassist.shop.models import Order, Product, Refund


@pytest.fixture
def alice(shop_db):
    return service.find_customer_by_email("alice@example.com")


@pytest.fixture
def bob(shop_db):
    return service.find_customer_by_email("bob@example.com")


def _error_text(fn, *args, **kwargs) -> tuple:
    with pytest.raises(OrderNotFound) as err:
        fn(*args, **kwargs)
    return type(err.value), str(err.value), err.value.args


def test_get_order_view(alice):
    order = service.get_order("#10000003", alice.id)
    assert order.order_id == "10000003" and order.status == "shipped"
    assert order.currency == "EUR" and order.shipping_method == "express"
    assert order.total == pytest.approx(order.subtotal + order.shipping_fee)
    assert sum(i.line_total for i in order.items) == pytest.approx(order.subtotal)
    assert "Berlin" in order.shipping_address
    data = order.to_dict()
    assert data["items"][0]["sku"] and isinstance(data["created_at"], str)
    with pytest.raises(Exception):
        order.status = "x"  # frozen


@pytest.mark.parametrize("raw", ["order #10000004", " 0010000004", "１００００００４"])
def test_get_order_accepts_typed_ids(alice, raw):
    assert service.get_order(raw, alice.id).order_id == "10000004"


def test_foreign_order_is_indistinguishable_from_unknown(alice, bob):
    foreign = _error_text(service.get_order, "10000011", alice.id)
    unknown = _error_text(service.get_order, "19999999", alice.id)
    assert foreign == unknown
    for fn in (service.cancellation_quote, service.cancel_order):
        assert _error_text(fn, "10000001", bob.id) == unknown
    assert _error_text(service.change_shipping_address, "10000001", bob.id,
                       "Elm Street 1, 12345 Springfield") == unknown
    assert _error_text(service.request_refund, "10000004", bob.id) == unknown
    assert _error_text(service.refund_status, bob.id, "10000005") == unknown
    assert _error_text(service.get_order, "10000001", None) == unknown
    assert service.verify_customer("bob@example.com", "10000001") is None


def test_customer_id_from_slot_strings(alice):
    # slot values may arrive as strings or floats
    assert service.get_order("10000001", str(alice.id)).order_id == "10000001"
    assert service.get_order("10000001", float(alice.id)).order_id == "10000001"
    with pytest.raises(OrderNotFound):
        service.get_order("10000001", "alice")


def test_bad_order_id_is_invalid_input(alice):
    with pytest.raises(InvalidInput):
        service.get_order("my order", alice.id)


def test_cancel_placed_order_is_free_and_restocks(alice):
    quote = service.cancellation_quote("10000001", alice.id)
    assert (quote.allowed, quote.fee, quote.reason, quote.refund_amount) == (True, 0.0,
                                                                             "not_paid", 0.0)
    with session_scope() as s:
        stock_before = s.get(Product, "HOM-0005").stock
    order = service.cancel_order("10000001", alice.id)
    assert order.status == "cancelled" and order.cancelled_at is not None
    assert service.refund_status(alice.id, "10000001") == []
    with session_scope() as s:
        assert s.get(Product, "HOM-0005").stock == stock_before + 2
    with pytest.raises(NotAllowed) as err:
        service.cancel_order("10000001", alice.id)
    assert err.value.reason == "already_cancelled"


def test_cancel_paid_order_within_grace_is_free(alice):
    paid_at = service.get_order("10000002", alice.id).paid_at
    within = paid_at + timedelta(hours=3)
    quote = service.cancellation_quote("10000002", alice.id, now=within)
    assert (quote.allowed, quote.fee, quote.reason) == (True, 0.0, "within_grace_period")
    order = service.cancel_order("10000002", alice.id, now=within)
    refunds = service.refund_status(alice.id, "10000002")
    assert len(refunds) == 1 and refunds[0].amount == pytest.approx(order.total)
    assert refunds[0].status == "approved"


def test_cancel_paid_order_after_grace_charges_fee(alice):
    quote = service.cancellation_quote("10000002", alice.id)
    assert (quote.allowed, quote.reason) == (True, "fee_applies")
    assert quote.fee == pytest.approx(4.95)
    order = service.cancel_order("10000002", alice.id)
    refund = service.refund_status(alice.id, "10000002")[0]
    assert refund.amount == pytest.approx(order.total - 4.95)
    assert refund.expected_by is not None


@pytest.mark.parametrize("number, reason", [("10000003", "already_shipped"),
                                            ("10000004", "already_delivered"),
                                            ("10000005", "already_cancelled")])
def test_cancel_refused_after_shipping(alice, number, reason):
    quote = service.cancellation_quote(number, alice.id)
    assert (quote.allowed, quote.reason) == (False, reason)
    with pytest.raises(NotAllowed) as err:
        service.cancel_order(number, alice.id)
    assert err.value.reason == reason


def test_update_and_add_order_lines(alice):
    before = service.get_order("10000001", alice.id)
    sku = before.items[0].sku
    after = service.update_order_line("10000001", alice.id, sku, 3)
    line = next(i for i in after.items if i.sku == sku)
    assert line.quantity == 3
    assert after.subtotal == pytest.approx(before.subtotal + 2 * line.unit_price)
    assert after.total == pytest.approx(after.subtotal + after.shipping_fee)
    after = service.update_order_line("10000001", alice.id, sku, 0)
    assert sku not in [i.sku for i in after.items] and len(after.items) == 1
    with pytest.raises(NotAllowed) as err:
        service.update_order_line("10000001", alice.id, after.items[0].sku, 0)
    assert err.value.reason == "last_line"
    added = service.add_order_line("10000001", alice.id, "boo-0002", 2)
    assert any(i.sku == "BOO-0002" and i.quantity == 2 for i in added.items)
    with pytest.raises(ProductNotFound):
        service.add_order_line("10000001", alice.id, "NOPE-1")
    with pytest.raises(InvalidInput):
        service.update_order_line("10000001", alice.id, "ELE-0003", 1)  # not in the order
    with pytest.raises(NotAllowed) as err:
        service.add_order_line("10000003", alice.id, "BOO-0002")
    assert err.value.reason == "already_shipped"


def test_add_order_line_checks_stock(alice):
    with session_scope() as s:
        product = s.scalars(select(Product).where(Product.stock == 0)).first()
        sku = product.sku
    with pytest.raises(NotAllowed) as err:
        service.add_order_line("10000001", alice.id, sku, 1)
    assert err.value.reason == "out_of_stock"


def test_paid_order_change_updates_invoice(alice):
    order = service.add_order_line("10000002", alice.id, "BOO-0003", 1)
    assert service.get_invoice(alice.id, order_id="10000002").amount == pytest.approx(order.total)


def test_change_shipping_address(alice):
    order = service.change_shipping_address("10000002", alice.id,
                                            "Rue de Rivoli 5, 75001 Paris, France")
    assert order.shipping_address == "Alice Martin, Rue de Rivoli 5, 75001 Paris, France"
    order = service.change_shipping_address(
        "10000001", alice.id, {"street": "Via Roma 3", "city": "Milan", "postcode": "20121",
                               "country": "Italy"})
    assert "Via Roma 3, 20121 Milan, Italy" in order.shipping_address
    with pytest.raises(NotAllowed) as err:
        service.change_shipping_address("10000003", alice.id, "Via Roma 3, 20121 Milan")
    assert err.value.reason == "already_shipped"
    with pytest.raises(InvalidInput):
        service.change_shipping_address("10000001", alice.id, "Milan")


def test_refund_within_window_creates_return_and_refund(alice):
    refund = service.request_refund("10000004", alice.id, reason="too small")
    assert refund.status == "requested" and refund.order_id == "10000004"
    assert refund.amount == pytest.approx(service.get_order("10000004", alice.id).total)
    with pytest.raises(NotAllowed) as err:
        service.request_refund("10000004", alice.id)
    assert err.value.reason == "refund_already_requested"
    assert refund in service.refund_status(alice.id)


def test_partial_refund_amount_rules(alice):
    with pytest.raises(InvalidInput):
        service.request_refund("10000004", alice.id, amount=100000)
    with pytest.raises(InvalidInput):
        service.request_refund("10000004", alice.id, amount=-5)
    refund = service.request_refund("10000004", alice.id, amount="20 euros")
    assert refund.amount == pytest.approx(20.0)


def test_refund_outside_window_or_not_delivered(alice):
    with pytest.raises(NotAllowed) as err:
        service.request_refund("10000006", alice.id)
    assert err.value.reason == "return_window_expired"
    for number in ("10000001", "10000002", "10000003"):
        with pytest.raises(NotAllowed) as err:
            service.request_refund(number, alice.id)
        assert err.value.reason == "not_delivered"
    # the window is computed against the injectable "now"
    delivered = service.get_order("10000004", alice.id).delivered_at
    with pytest.raises(NotAllowed):
        service.request_refund("10000004", alice.id, now=delivered + timedelta(days=31))


def test_refund_of_cancelled_order_returns_existing(alice):
    refund = service.request_refund("10000005", alice.id)
    assert refund.status == "approved"
    assert refund.amount == pytest.approx(service.get_order("10000005", alice.id).total - 4.95)
    cancelled = service.cancel_order("10000001", alice.id)  # never paid: nothing to refund
    assert cancelled.status == "cancelled"
    with pytest.raises(NotAllowed) as err:
        service.request_refund("10000001", alice.id)
    assert err.value.reason == "nothing_to_refund"


def test_invoices_are_owned(alice, bob):
    invoice = service.get_invoice(alice.id, invoice_id="INV-20000002")
    assert invoice.order_id == "10000002" and invoice.currency == "EUR"
    assert service.get_invoice(alice.id, invoice_id="20000002") == invoice
    assert service.get_invoice(alice.id, order_id="#10000002") == invoice
    assert service.get_invoice(alice.id).invoice_number in {
        i.invoice_number for i in service.list_invoices(alice.id)}
    errors = []
    for kwargs in ({"invoice_id": "INV-20000002"}, {"invoice_id": "INV-29999999"},
                   {"order_id": "10000002"}):
        with pytest.raises(InvoiceNotFound) as err:
            service.get_invoice(bob.id, **kwargs)
        errors.append(str(err.value))
    assert len(set(errors)) == 1
    with pytest.raises(InvoiceNotFound):
        service.get_invoice(alice.id, order_id="10000001")  # placed: no invoice yet
    assert service.list_invoices(bob.id)[0].order_id == "10000012"


def test_failed_transaction_rolls_back(alice):
    with pytest.raises(RuntimeError):
        with session_scope() as s:
            service.cancel_order("10000002", alice.id, session=s)
            assert s.get(Order, s.scalars(select(Order.id).where(
                Order.number == "10000002")).one()).status == "cancelled"
            raise RuntimeError("boom after the write")
    assert service.get_order("10000002", alice.id).status == "paid"
    assert service.refund_status(alice.id, "10000002") == []
    with session_scope() as s:
        assert s.scalars(select(Refund).join(Order).where(Order.number == "10000002")).all() == []


def test_failed_call_writes_nothing(alice):
    before = service.get_order("10000001", alice.id)
    line = before.items[0]
    with session_scope() as s:
        stock = s.get(Product, line.sku).stock
    with pytest.raises(NotAllowed):
        service.update_order_line("10000001", alice.id, line.sku, line.quantity + stock + 1)
    assert service.get_order("10000001", alice.id) == before
    with session_scope() as s:
        assert s.get(Product, line.sku).stock == stock
