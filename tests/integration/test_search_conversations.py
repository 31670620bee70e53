"""End to end (issue #8): product search, refinement, details, cart and checkout through the REST
channel, with the real Rasa server, action server, MiniLM and a freshly seeded database."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from shopassist.shop import service
from shopassist.shop.db import session_scope
from shopassist.shop.models import Order

from .conftest import Stack, buttons, reply_text


@pytest.fixture(autouse=True)
def search_ready(stack: Stack) -> None:
    """Wait until the action server has loaded MiniLM and the catalog index (its warm-up thread);
    before that, search ranks by keywords, which these tests do not pin down."""
    log = stack.tmp / "actions.log"
    deadline = time.monotonic() + 240
    while "product search ready" not in log.read_text(errors="replace"):
        assert time.monotonic() < deadline, "the action server never finished its search warm-up"
        time.sleep(1)


def _prices(text: str) -> list:
    return [float(p.replace(",", "")) for p in re.findall(r"€([\d,]+\.\d\d)", text)]


def test_search_refine_select_add_to_cart_and_check_out(stack: Stack, sender: str) -> None:
    bob = service.find_customer_by_email("bob@example.com").id
    stock_before = service.get_product("OUT-0007").stock

    found = stack.say(sender, "do you have a warm waterproof jacket under 150 for hiking?")
    text = reply_text(found)
    assert "Here's what I found" in text and "Rain Jacket" in text
    assert all(price <= 150 for price in _prices(text))
    assert any(b["payload"].startswith("/add_to_cart") for b in buttons(found))  # card buttons

    cheaper = stack.texts(sender, "cheaper")
    assert "Trailhawk Basecamp Rain Jacket" in cheaper and "Ultralight" not in cheaper
    assert max(_prices(cheaper)) < 114

    details = stack.texts(sender, "tell me more about the first one")
    assert "Trailhawk Basecamp Rain Jacket" in details and "Gore-Tex" in details and "€113.00" in details

    added = stack.say(sender, "add it to my cart")
    assert "Added Trailhawk Basecamp Rain Jacket to your cart" in reply_text(added)
    assert "/checkout" in {b["payload"] for b in buttons(added)}

    ask = stack.texts(sender, "check out")
    assert "order" in ask.lower()  # identity first: one of the customer's order numbers
    assert "email" in stack.texts(sender, "10000012").lower()
    quote = stack.texts(sender, "bob@example.com")
    assert "Trailhawk Basecamp Rain Jacket" in quote and "Shall I place an order" in quote
    with session_scope() as s:
        orders_before = len(s.scalars(select(Order).where(Order.customer_id == bob)).all())

    placed = stack.texts(sender, "yes")
    assert "is placed" in placed
    number = re.search(r"order (\d{8})", placed).group(1)
    order = service.get_order(number, bob)
    assert [line.sku for line in order.items] == ["OUT-0007"] and order.status == "placed"
    with session_scope() as s:
        assert len(s.scalars(select(Order).where(Order.customer_id == bob)).all()) == orders_before + 1
    assert service.get_product("OUT-0007").stock == stock_before - 1
    assert stack.tracker(sender)["slots"]["cart"] is None  # the cart is empty again


def test_colour_show_more_and_an_empty_refinement(stack: Stack, sender: str) -> None:
    first = stack.texts(sender, "show me some shoes")
    assert "Here's what I found" in first
    more = stack.texts(sender, "show more")
    assert "Here are more" in more
    blue = stack.texts(sender, "in blue")
    assert "Here's what I found" in blue and ("Sandals" in blue or "Sneakers" in blue)
    state = stack.tracker(sender)["slots"]["search_state"]
    assert state["filters"]["color"] == "blue" and state["shown"]
    nothing = stack.texts(sender, "in pink")
    assert "couldn't find" in nothing.lower()
    assert stack.tracker(sender)["slots"]["search_state"]["filters"]["color"] == "blue"  # kept


def test_recommendations_for_a_new_visitor(stack: Stack, sender: str) -> None:
    reply = stack.say(sender, "what would you recommend?")
    assert "favourites" in reply_text(reply)
    assert len([b for b in buttons(reply) if b["payload"].startswith("/add_to_cart")]) == 5


def test_add_to_cart_without_a_product_asks_which(stack: Stack, sender: str) -> None:
    assert "Which product do you mean" in stack.texts(sender, "add it to my cart")
