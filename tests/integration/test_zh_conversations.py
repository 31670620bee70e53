"""End to end in Chinese (issue 11): real Rasa + action server + database over the REST webhook.

The conversation language follows the customer: Chinese replies to Chinese messages, an
order number or an email address does not flip it, and an explicit request switches it.
"""

from __future__ import annotations

import re

from shopassist.shop import service

from .conftest import Stack, buttons, reply_text

HAN = re.compile(r"[\u4e00-\u9fff]")
# four English words in a row = an English sentence
ENGLISH_RUN = re.compile(r"\b[A-Za-z']+(?:[ ,]+[A-Za-z']+){3,}\b")


def assert_chinese(text: str, names: tuple = ()) -> None:
    """The reply is Chinese: Han characters and no English sentence in it (the catalogue's
    product names, given in ``names``, are proper names and stay as they are)."""
    assert HAN.search(text), f"no Chinese in {text!r}"
    for name in names:
        text = text.replace(name, "")
    assert not ENGLISH_RUN.search(text), f"English in a Chinese reply: {text!r}"


def placed_order_of_a_generated_customer() -> tuple:
    """(email, order number) of a placed order that belongs to neither alice nor bob."""
    for first in ("carol", "david", "emma", "felix", "grace", "henry", "isabel", "jonas"):
        customer = service.find_customer_by_email(f"{first}@example.com")
        for order in service.list_orders(customer.id):
            if order.status == "placed":
                return customer.email, order.order_id, customer.id
    raise AssertionError("the seed has no placed order of a generated customer")


def test_chinese_cancel_changes_the_database(stack: Stack, sender: str) -> None:
    email, number, cid = placed_order_of_a_generated_customer()
    first = reply_text(stack.say(sender, f"亲，我要取消订单{number}"))
    assert_chinese(first)
    assert "邮箱" in first
    quote = stack.say(sender, email)  # an email address alone keeps the conversation Chinese
    products = tuple(line.name for line in service.get_order(number, cid).items)
    assert_chinese(reply_text(quote), products)
    assert number in reply_text(quote)
    assert {b["title"] for b in buttons(quote)} == {"是的，取消", "不，保留"}
    assert service.get_order(number, cid).status == "placed"  # not before the yes
    done = reply_text(stack.say(sender, "是的"))
    assert_chinese(done)
    assert "已取消" in done
    assert service.get_order(number, cid).status == "cancelled"
    assert stack.tracker(sender)["slots"]["language"] == "zh"


def test_full_width_order_number_and_chinese_status(stack: Stack, sender: str) -> None:
    stack.say(sender, "帮我查一下订单１０００００１２到哪了")
    reply = stack.texts(sender, "bob@example.com")
    assert_chinese(reply)
    assert "10000012" in reply and "已发货" in reply and "1Z999AA110000012" in reply


def test_mid_conversation_language_switch(stack: Stack, sender: str) -> None:
    assert "shop assistant" in stack.texts(sender, "hi")
    switched = stack.texts(sender, "can we speak Chinese?")
    assert_chinese(switched)
    assert stack.tracker(sender)["slots"]["language"] == "zh"
    assert_chinese(stack.texts(sender, "👍"))  # an emoji does not flip the language back
    back = stack.texts(sender, "说英文吧")
    assert "English" in back and not HAN.search(back)
    assert stack.tracker(sender)["slots"]["language"] == "en"


def test_chinese_unhappy_paths_stay_chinese(stack: Stack, sender: str) -> None:
    assert_chinese(stack.texts(sender, "今天天气怎么样"))  # out of scope
    stack.say(sender, "我要退款")
    assert_chinese(stack.texts(sender, "不用了"))  # stop the form
    stack.say(sender, "查一下订单19999999")
    assert_chinese(stack.texts(sender, "bob@example.com"))  # unknown order
