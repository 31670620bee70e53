"""End to end: real Rasa server + action server + database, talking through the REST webhook.

Each test is one customer conversation; database effects are checked in the database.
"""

from __future__ import annotations

import pytest

from shopassist.shop import service

from .conftest import Stack, buttons, reply_text


def customer(email: str) -> int:
    return service.find_customer_by_email(email).id


@pytest.mark.parametrize("text,expected", [("hi", "I'm the shop assistant"), ("hello there", "I'm the shop assistant"),
                                           ("thanks", "You're welcome"), ("thank you!", "You're welcome"),
                                           ("bye", "Goodbye")])
def test_small_talk(stack: Stack, sender: str, text: str, expected: str) -> None:
    assert expected in stack.texts(sender, text)


def test_cancel_an_order_with_confirmation_changes_the_database(stack: Stack, sender: str) -> None:
    bob = customer("bob@example.com")
    assert service.get_order("10000011", bob).status == "placed"

    first = stack.say(sender, "I want to cancel my order 10000011")
    assert "email" in reply_text(first).lower()
    quote = stack.say(sender, "bob@example.com")
    assert "10000011" in reply_text(quote) and "cancel" in reply_text(quote).lower()
    assert {b["payload"] for b in buttons(quote)} >= {"/affirm", "/deny"}
    assert service.get_order("10000011", bob).status == "placed"  # not before the yes

    done = stack.texts(sender, "yes")
    assert "cancelled" in done.lower()
    assert service.get_order("10000011", bob).status == "cancelled"


def test_someone_elses_order_reveals_nothing(stack: Stack, sender: str) -> None:
    alice_order = service.get_order("10000003", customer("alice@example.com"))
    stack.say(sender, "where is my order 10000003?")
    reply = stack.texts(sender, "bob@example.com")
    assert "couldn't find" in reply.lower()
    for secret in (alice_order.tracking_number, alice_order.carrier, "Alice", "shipped"):
        assert secret not in reply


def test_unknown_order_gets_a_polite_answer(stack: Stack, sender: str) -> None:
    stack.say(sender, "track order 19999999")
    reply = stack.texts(sender, "alice@example.com")
    assert "couldn't find order 19999999" in reply


def test_track_then_cancel_it_uses_the_same_order(stack: Stack, sender: str) -> None:
    stack.say(sender, "where is order 10000002")
    status = stack.texts(sender, "alice@example.com")
    assert "10000002" in status and "paid" in status
    quote = stack.texts(sender, "ok, cancel it")
    assert "10000002" in quote and "4.95" in quote  # paid > 24 h ago: the fee applies
    assert "haven't changed" in stack.texts(sender, "no").lower()
    assert service.get_order("10000002", customer("alice@example.com")).status == "paid"


def test_faq_inside_a_form_returns_to_the_form(stack: Stack, sender: str) -> None:
    stack.say(sender, "I need to change the delivery address for order 10000001")
    digression = stack.texts(sender, "which payment methods do you accept?")
    assert "PayPal" in digression
    assert "email" in digression.lower()  # and the form asks its question again


def test_stopping_a_form(stack: Stack, sender: str) -> None:
    stack.say(sender, "I want to delete my account")
    assert "stopped" in stack.texts(sender, "no, forget it").lower()
    assert stack.tracker(sender)["active_loop"] == {}


def test_out_of_scope(stack: Stack, sender: str) -> None:
    reply = stack.texts(sender, "what is the capital of Mongolia?")
    assert "only help with shopping" in reply or "didn't quite get" in reply
