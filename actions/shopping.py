"""Conversational shopping (issue #8): search with follow-ups, product details, cart, checkout
and recommendations. The logic lives in ``shopassist.search``; this module maps it to slots,
domain responses and product cards.

Slots: ``search_state`` (the last query, its filters, the products shown, the selected one) and
``cart`` (``[{"sku", "quantity"}]``).
"""

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist.search import cart as carts
from shopassist.search.copy import write_copy
from shopassist.search.engine import all_products
from shopassist.search.recommend import recommend
from shopassist.search.refine import Turn, refine, start
from shopassist.shop.errors import NotAllowed
from shopassist.shop.views import ProductView

from .common import call, customer_id, money
from .outcome import Outcome, TaskContext

logger = logging.getLogger(__name__)

PLACEHOLDER_IMAGE = "assets/product.svg"  # served by the chat page (webchat/assets)


def _label(domain: DomainDict, tracker: Tracker, response: str, default: str) -> str:
    """A button title from a domain response, in the conversation's language."""
    language = tracker.get_slot("language") or "en"
    variants = (domain.get("responses") or {}).get(response) or []
    plain = next((v.get("text") for v in variants if not v.get("condition")), None)
    for variant in variants:
        for cond in variant.get("condition") or []:
            if cond.get("name") == "language" and cond.get("value") == language:
                return variant.get("text") or plain or default
    return plain or default


def _catalog() -> Dict[str, ProductView]:
    return {p.sku: p for p in all_products()}


def cards(products: List[ProductView], domain: DomainDict, tracker: Tracker) -> List[Dict[str, Any]]:
    """Product cards (Rasa "elements"): name, price, image placeholder, Details / Add to cart."""
    details = _label(domain, tracker, "utter_button_details", "Details")
    add = _label(domain, tracker, "utter_button_add_to_cart", "Add to cart")
    out = []
    for i, p in enumerate(products, start=1):
        colour = f" · {p.color}" if p.color and p.color != "multicolour" else ""
        out.append({
            "title": f"{i}. {p.name}",
            "subtitle": f"{money(p.price, p.currency)} · {p.brand}{colour}",
            "image_url": PLACEHOLDER_IMAGE,
            "buttons": [
                {"title": details, "payload": f'/select_product{{"product_sku":"{p.sku}"}}'},
                {"title": add, "payload": f'/add_to_cart{{"product_sku":"{p.sku}"}}'},
            ],
        })
    return out


def _entities(tracker: Tracker) -> List[Dict[str, Any]]:
    return list((tracker.latest_message or {}).get("entities") or [])


def _text(tracker: Tracker) -> str:
    text = (tracker.latest_message or {}).get("text") or ""
    return "" if text.startswith("/") else text  # a button payload carries no words


def _payload_sku(tracker: Tracker) -> Optional[str]:
    return next((str(e.get("value")) for e in _entities(tracker) if e.get("entity") == "product_sku" and e.get("value")), None)


def _show(turn: Turn, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> None:
    result = turn.result
    if result is None or not result.products:
        response = {"cheaper": "utter_no_cheaper_products", "more": "utter_no_more_products"}.get(turn.kind, "utter_no_products")
        dispatcher.utter_message(response=response)
        return
    response = "utter_search_results_more" if turn.kind == "more" else "utter_search_results"
    dispatcher.utter_message(response=response, count=result.total, shown=len(result.products),
                             elements=cards(result.products, domain, tracker))


def _names_filters(text: str, items: bool = False, price: bool = False) -> bool:
    """The message names a category, colour or brand (or, when asked, a product word or a price)."""
    from shopassist.search.query import parse

    filters, _ = parse(text)
    return bool(filters.category or filters.color or filters.brand or (items and filters.items)
                or (price and (filters.min_price is not None or filters.max_price is not None)))


def is_search_follow_up(tracker: Tracker, max_words: int = 6) -> bool:
    """The NLU was unsure (``nlu_fallback``), results are on screen and the short message names a
    colour, category, brand or price: a refinement ("in blue", "under 50"), not a question for
    the knowledge base. DIET's confidence on two-word follow-ups moves with every retraining."""
    latest = tracker.latest_message or {}
    if (latest.get("intent") or {}).get("name") != "nlu_fallback" or not tracker.get_slot("search_state"):
        return False
    text = _text(tracker)
    if not 0 < len(text.split()) <= max_words:
        return False
    return _names_filters(text, price=True)


def _state_events(turn: Turn) -> List[EventType]:
    return [SlotSet("search_state", turn.state)]


class ActionSearchProducts(Action):
    """A new search: filters from the message and the NLU's entities, ranked by meaning."""

    def name(self) -> Text:
        return "action_search_products"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        text = _text(tracker)
        if not text.strip() and not _entities(tracker):
            dispatcher.utter_message(response="utter_place_order")
            return []
        try:
            turn = await call(start, text, _entities(tracker))
        except Exception:  # noqa: BLE001 - the encoder or the database failed: say so politely
            logger.exception("product search failed")
            dispatcher.utter_message(response="utter_service_error")
            return []
        _show(turn, dispatcher, tracker, domain)
        return _state_events(turn)


class ActionRefineSearch(Action):
    """A follow-up to the last results: cheaper, in blue, show more, the second one."""

    def name(self) -> Text:
        return "action_refine_search"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        state = tracker.get_slot("search_state")
        sku = _payload_sku(tracker)
        if sku:
            return await _details(sku, state, dispatcher, tracker, domain)
        if not state and not _names_filters(_text(tracker), items=True):
            # "cheaper" with nothing to compare; "what about boots?" is still a search of its own
            dispatcher.utter_message(response="utter_no_search_yet")
            return []
        try:
            turn = await call(refine, state, _text(tracker), _entities(tracker))
        except Exception:  # noqa: BLE001
            logger.exception("refining the search failed")
            dispatcher.utter_message(response="utter_service_error")
            return []
        if turn.kind == "select" and turn.selected is not None:
            return await _details(turn.selected.sku, turn.state, dispatcher, tracker, domain)
        if turn.kind == "none":
            dispatcher.utter_message(response="utter_refine_unclear")
            return []
        _show(turn, dispatcher, tracker, domain)
        return _state_events(turn)


async def _details(sku: str, state: Optional[Dict[str, Any]], dispatcher: CollectingDispatcher, tracker: Tracker,
                   domain: DomainDict) -> List[EventType]:
    """One product: its grounded description (marketing copy) and a card to add it to the cart."""
    product = (await call(_catalog)).get(sku)
    if product is None:
        dispatcher.utter_message(response="utter_no_products")
        return []
    copy = await call(write_copy, product, "description")
    stock = "in_stock" if product.in_stock else "out_of_stock"
    dispatcher.utter_message(response="utter_product_details", name=product.name, copy=copy.text,
                             price=money(product.price, product.currency), stock=stock,
                             sizes=", ".join(product.sizes) or "-",
                             elements=cards([product], domain, tracker) if product.in_stock else None)
    new_state = {**(state or {"text": "", "filters": {}, "offset": 0, "shown": [sku]}), "selected": sku}
    return [SlotSet("search_state", new_state)]


def _target(tracker: Tracker, catalog: Dict[str, ProductView]) -> Optional[ProductView]:
    """Which product "it" is: a button's SKU, "the second one", the selected one, the only one shown."""
    from shopassist.search.refine import ordinal

    sku = _payload_sku(tracker)
    if sku:
        return catalog.get(sku)
    state = tracker.get_slot("search_state") or {}
    shown = [s for s in state.get("shown") or [] if s in catalog]
    position = ordinal(_text(tracker))
    if position is not None and shown:
        index = len(shown) - 1 if position == -1 else position - 1
        return catalog[shown[index]] if 0 <= index < len(shown) else None
    if state.get("selected") in catalog:
        return catalog[state["selected"]]
    return catalog[shown[0]] if len(shown) == 1 else None


class ActionAddToCart(Action):
    """Puts the product the shopper means into the cart; suggests what goes with it."""

    def name(self) -> Text:
        return "action_add_to_cart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        catalog = await call(_catalog)
        product = _target(tracker, catalog)
        if product is None:
            dispatcher.utter_message(response="utter_which_product")
            return []
        if not product.in_stock:
            dispatcher.utter_message(response="utter_product_out_of_stock", name=product.name)
            return []
        cart = carts.add(tracker.get_slot("cart"), product.sku)
        lines = carts.lines(cart, catalog)
        dispatcher.utter_message(response="utter_added_to_cart", name=product.name,
                                 count=sum(line.quantity for line in lines), total=money(carts.total(lines)))
        in_cart = [line.product.sku for line in lines]
        extra = await call(recommend, customer_id(tracker), seeds=[product.sku], exclude=in_cart, limit=3)
        if extra:
            dispatcher.utter_message(response="utter_goes_well_with", elements=cards(extra, domain, tracker))
        state = {**(tracker.get_slot("search_state") or {}), "selected": product.sku}
        if extra:
            state["shown"] = [p.sku for p in extra]
        return [SlotSet("cart", cart), SlotSet("search_state", state)]


class ActionRecommendProducts(Action):
    """"What would you recommend?": from the verified customer's history, else best sellers."""

    def name(self) -> Text:
        return "action_recommend_products"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        cid = customer_id(tracker)
        in_cart = [item.get("sku") for item in tracker.get_slot("cart") or [] if isinstance(item, dict)]
        try:
            products = await call(recommend, cid, exclude=in_cart, limit=5)
        except Exception:  # noqa: BLE001
            logger.exception("recommendations failed")
            dispatcher.utter_message(response="utter_service_error")
            return []
        if not products:
            dispatcher.utter_message(response="utter_no_products")
            return []
        response = "utter_recommendations_personal" if cid is not None else "utter_recommendations_popular"
        dispatcher.utter_message(response=response, elements=cards(products, domain, tracker))
        state = {"text": "", "filters": {}, "offset": 0, "shown": [p.sku for p in products], "selected": None}
        return [SlotSet("search_state", state)]


# --- checkout: a task of task_form (identity first, then "shall I place it?") -------------------

def checkout_quote(ctx: TaskContext) -> Outcome:
    """What the order would be: the cart's lines and total; waits for a yes."""
    lines = carts.lines(ctx.slot("cart"), _catalog())
    if not lines:
        return Outcome.say("utter_cart_empty")
    items = ", ".join(f"{line.quantity}× {line.product.name}" for line in lines)
    return Outcome(replies=[("utter_checkout_quote", {"items": items, "total": money(carts.total_with_shipping(lines))})],
                   pending=True)


def checkout(ctx: TaskContext) -> Outcome:
    """Places the order for the verified customer and empties the cart."""
    try:
        order = carts.place_order(ctx.customer_id, ctx.slot("cart") or [])
    except NotAllowed as exc:
        return Outcome.say("utter_checkout_failed" if exc.reason != "empty_cart" else "utter_cart_empty")
    items = ", ".join(f"{line.quantity}× {line.name}" for line in order.items)
    return Outcome(replies=[("utter_order_placed", {"order_id": order.order_id, "items": items,
                                                    "total": money(order.total, order.currency)})],
                   slots={"cart": None})

