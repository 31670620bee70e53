"""Pure parts of the actions: which slots a task asks for, and parsing of typed answers."""

import pytest

from actions.account import wants_unsubscribe
from actions.forms import parse_phone, parse_rating
from actions.specs import TASKS, needs_identity, required_slots


def test_order_task_asks_order_then_email_until_verified() -> None:
    assert required_slots("track_order", verified=False, has_order=False) == ("order_id", "customer_email")
    assert required_slots("track_order", verified=True, has_order=True) == ("order_id",)


def test_account_tasks_need_identity_but_no_order_once_verified() -> None:
    assert required_slots("delete_account", verified=False, has_order=False) == ("order_id", "customer_email")
    assert required_slots("delete_account", verified=True, has_order=False) == ()
    assert required_slots("switch_account", verified=True, has_order=False) == ("account_type",)


def test_fee_question_is_policy_unless_an_order_is_named() -> None:
    assert required_slots("check_cancellation_fee", verified=False, has_order=False) == ()
    assert required_slots("check_cancellation_fee", verified=False, has_order=True) == ("order_id", "customer_email")


def test_invoice_by_number_needs_no_order_once_verified() -> None:
    assert required_slots("get_invoice", verified=True, has_order=False, has_invoice=True) == ()
    assert required_slots("get_invoice", verified=True, has_order=False, has_invoice=False) == ("order_id",)


def test_tasks_without_personal_data_never_ask_for_identity() -> None:
    for task in ("create_account", "recover_password", "newsletter_subscription", "review", "complaint"):
        assert not needs_identity(task, has_order=False)
    assert required_slots("create_account", verified=False, has_order=False) == ("customer_email", "person_name", "account_type")


def test_destructive_tasks_ask_for_confirmation() -> None:
    destructive = {name for name, spec in TASKS.items() if spec.confirm}
    assert destructive == {"cancel_order", "change_order", "change_shipping_address", "get_refund", "delete_account",
                           "checkout"}  # checkout (issue #8) places an order: it asks first too


def test_unknown_task_asks_nothing() -> None:
    assert required_slots("no_such_task", verified=False, has_order=False) == ()


@pytest.mark.parametrize("text,expected", [("5", 5), ("4 stars", 4), ("I'd give it five", 5), ("10/10", None), ("great", None)])
def test_parse_rating(text: str, expected) -> None:
    assert parse_rating(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("my number is 030 1234567", "0301234567"), ("+49 (170) 123-4567", "+491701234567"), ("call me", None), ("12", None)],
)
def test_parse_phone(text: str, expected) -> None:
    assert parse_phone(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("please unsubscribe me", True), ("stop sending me the newsletter", True), ("sign me up", False),
     ("I want to subscribe", False), ("opt-out please", True)],
)
def test_newsletter_direction(text: str, expected: bool) -> None:
    assert wants_unsubscribe(text) is expected
