"""Pure helpers: id normalisation and the policy rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from shopassist.shop import policy
from shopassist.shop.errors import InvalidInput
from shopassist.shop.ids import (
    normalize_account_type,
    normalize_email,
    normalize_invoice_id,
    normalize_order_id,
    normalize_phone,
)

NOW = datetime(2025, 6, 4, 12, 0)  # a Wednesday


@pytest.mark.parametrize(
    "raw",
    ["10000001", "#10000001", " 10000001 ", "order 10000001", "Order #10000001",
     "order no. 10000001", "order10000001", "0010000001", "１００００００１", "＃10000001",
     "1000-0001", 10000001, "ORDER NUMBER: 10000001"],
)
def test_order_id_normalisation(raw):
    assert normalize_order_id(raw) == "10000001"


def test_short_order_ids_are_zero_padded():
    assert normalize_order_id("123") == "00000123"


@pytest.mark.parametrize("raw", ["", "abc", "123456789", "10000001x", "order", None, "1e5"])
def test_bad_order_ids(raw):
    with pytest.raises(InvalidInput) as err:
        normalize_order_id(raw)
    assert err.value.field == "order_id"


@pytest.mark.parametrize("raw", ["INV-20000002", "inv 20000002", "INV20000002", "#20000002",
                                 "20000002", "invoice no 20000002", "inv-０20000002"])
def test_invoice_id_normalisation(raw):
    assert normalize_invoice_id(raw) == "INV-20000002"


def test_email_and_account_type_and_phone():
    assert normalize_email("  Alice@Example.COM ") == "alice@example.com"
    with pytest.raises(InvalidInput):
        normalize_email("not-an-email")
    assert normalize_account_type("Premium account") == "premium"
    assert normalize_account_type("PRO") == "pro"
    with pytest.raises(InvalidInput):
        normalize_account_type("diamond")
    assert normalize_phone("+49 (30) 123-456") == "+4930123456"
    assert normalize_phone("0049 30 123456") == "+4930123456"
    with pytest.raises(InvalidInput):
        normalize_phone("call me")


def test_can_cancel_rules():
    assert policy.can_cancel("placed", None, NOW) == (True, 0.0, "not_paid")
    assert policy.can_cancel("paid", NOW - timedelta(hours=2), NOW) == (True, 0.0,
                                                                       "within_grace_period")
    allowed, fee, reason = policy.can_cancel("paid", NOW - timedelta(hours=25), NOW)
    assert (allowed, reason) == (True, "fee_applies") and fee == pytest.approx(4.95)
    assert policy.can_cancel("shipped", NOW, NOW) == (False, 0.0, "already_shipped")
    assert policy.can_cancel("delivered", NOW, NOW).reason == "already_delivered"
    assert policy.can_cancel("cancelled", NOW, NOW).reason == "already_cancelled"
    assert policy.can_cancel("returned", NOW, NOW).reason == "already_returned"


def test_change_rules():
    assert policy.can_change("placed").allowed and policy.can_change("paid").allowed
    assert policy.can_change_address("shipped") == (False, "already_shipped")
    assert policy.can_change("cancelled") == (False, "already_cancelled")


def test_return_window():
    inside = policy.return_eligible(NOW - timedelta(days=5), NOW)
    assert inside.allowed and inside.reason == "within_return_window"
    assert inside.deadline == (NOW + timedelta(days=25)).date()
    assert policy.return_eligible(NOW - timedelta(days=60), NOW) == (
        False, "return_window_expired", (NOW - timedelta(days=30)).date())
    assert policy.return_eligible(None, NOW).reason == "not_delivered"


def test_delivery_and_shipping():
    # Wednesday + 3..5 business days → Monday..Wednesday
    assert policy.delivery_estimate("standard", date(2025, 6, 4)) == (date(2025, 6, 9),
                                                                      date(2025, 6, 11))
    assert policy.delivery_estimate("express", date(2025, 6, 6)) == (date(2025, 6, 9),
                                                                     date(2025, 6, 10))
    assert policy.shipping_fee("standard", 49.99) == pytest.approx(4.95)
    assert policy.shipping_fee("standard", 50.0) == 0.0
    assert policy.shipping_fee("express", 500) == pytest.approx(12.90)
    with pytest.raises(ValueError):
        policy.delivery_days("drone")
    rp = policy.refund_policy()
    assert rp.return_window_days == 30 and rp.refund_processing_days == (5, 7)
    assert policy.to_cents(4.95) == 495 and policy.to_cents(12.9) == 1290
