"""The shopping actions on a real seeded database, with rasa-sdk's own Tracker and dispatcher:
cards, slot updates across turns, and the Chinese button titles from the domain."""

from pathlib import Path

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.shopping import ActionAddToCart, ActionRecommendProducts, ActionRefineSearch, ActionSearchProducts

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[3] / "domain.yml").read_text())


def _tracker(text: str, slots: dict, intent: str, entities=()) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": list(entities)}
    return Tracker("t-1", slots, message, [], False, None, {}, "action_listen")


def _apply(slots: dict, events: list) -> dict:
    return {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}


async def _run(action, text: str, slots: dict, intent: str, entities=()):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, _tracker(text, slots, intent, entities), DOMAIN)
    return dispatcher.messages, _apply(slots, events)


async def test_search_refine_select_add_across_turns(shop):
    slots = {"language": "en"}
    messages, slots = await _run(ActionSearchProducts(), "show me some sneakers", slots, "search_product")
    assert messages[0]["response"] == "utter_search_results"
    cards = messages[0]["elements"]
    assert cards and all(c["title"].split(". ", 1)[1].endswith("Sneakers") for c in cards)
    assert cards[0]["buttons"][1] == {"title": "Add to cart",
                                      "payload": f'/add_to_cart{{"product_sku":"{slots["search_state"]["shown"][0]}"}}'}

    messages, slots = await _run(ActionRefineSearch(), "in blue", slots, "refine_search")
    assert slots["search_state"]["filters"]["color"] == "blue"
    shown = slots["search_state"]["shown"]

    messages, slots = await _run(ActionRefineSearch(), "the first one", slots, "select_product")
    assert messages[0]["response"] == "utter_product_details" and slots["search_state"]["selected"] == shown[0]

    messages, slots = await _run(ActionAddToCart(), "add it to my cart", slots, "add_to_cart")
    assert messages[0]["response"] == "utter_added_to_cart"
    assert slots["cart"] == [{"sku": shown[0], "quantity": 1}]
    if len(messages) > 1:  # "customers who bought it also liked": never the product itself
        assert all(shown[0] not in c["buttons"][1]["payload"] for c in messages[1]["elements"])


async def test_chinese_button_titles_and_no_previous_search(shop):
    messages, _ = await _run(ActionRecommendProducts(), "有什么推荐", {"language": "zh"}, "recommend_product")
    assert messages[0]["response"] == "utter_recommendations_popular"
    assert {b["title"] for c in messages[0]["elements"] for b in c["buttons"]} == {"详情", "加入购物车"}
    messages, slots = await _run(ActionRefineSearch(), "cheaper", {"language": "en"}, "refine_search")
    assert messages[0]["response"] == "utter_no_search_yet" and "search_state" not in slots


async def test_add_to_cart_from_a_card_button_and_sold_out(shop, catalog):
    sold_out = next(p.sku for p in catalog.values() if not p.in_stock)
    messages, slots = await _run(ActionAddToCart(), f'/add_to_cart{{"product_sku":"{sold_out}"}}', {}, "add_to_cart",
                                 [{"entity": "product_sku", "value": sold_out}])
    assert messages[0]["response"] == "utter_product_out_of_stock" and "cart" not in slots
    messages, slots = await _run(ActionAddToCart(), "/add_to_cart", {}, "add_to_cart",
                                 [{"entity": "product_sku", "value": "APP-0007"}])
    assert slots["cart"] == [{"sku": "APP-0007", "quantity": 1}]
