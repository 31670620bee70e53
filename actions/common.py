"""Helpers shared by the actions: reading slots, rendering values, clearing a finished task."""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from shopassist.settings import get_settings

from .specs import TASK_SLOTS

logger = logging.getLogger(__name__)

#: How refusal reason codes from the shop read to a customer.
REASONS: Dict[str, str] = {
    "already_shipped": "it has already shipped. Once it arrives you can return it instead.",
    "already_delivered": "it has already been delivered. You can return it instead.",
    "already_cancelled": "it is already cancelled.",
    "already_returned": "it has already been returned.",
    "not_delivered": "it hasn't been delivered yet. You can cancel it instead while it hasn't shipped.",
    "return_window_expired": "the return window for this order has closed.",
    "not_paid": "nothing has been charged for it yet.",
    "last_line": "an order must keep at least one item. You can cancel the order instead.",
    "out_of_stock": "that item is out of stock.",
    "refund_already_requested": "a refund for this order has already been requested.",
    "nothing_to_refund": "nothing was paid for it, so there is nothing to refund.",
}


def reason_text(code: str) -> str:
    """A customer-readable sentence for a shop reason code."""
    return REASONS.get(code, "that isn't possible for this order right now.")


def money(amount: float, currency: Optional[str] = None) -> str:
    """Render an amount like "€24.90" (or "24.90 USD" for other currencies)."""
    currency = currency or get_settings().currency
    symbols = {"EUR": "€", "USD": "$", "GBP": "£"}
    if currency in symbols:
        return f"{symbols[currency]}{amount:,.2f}"
    return f"{amount:,.2f} {currency}"


def customer_id(tracker: Tracker) -> Optional[int]:
    """The verified customer's id, or None while the customer is not verified."""
    value = tracker.get_slot("customer_id")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def latest_intent(tracker: Tracker) -> str:
    """Name of the latest user message's intent ("" when there is none)."""
    return (tracker.latest_message or {}).get("intent", {}).get("name") or ""


def clear_task() -> List[EventType]:
    """Events that forget a finished task's details (order and identity stay)."""
    return [SlotSet(slot, 0 if slot == "failed_attempts" else None) for slot in TASK_SLOTS]


def describe_items(items: Any) -> str:
    """"2× Trail Runner, 1× Rain Jacket"."""
    return ", ".join(f"{line.quantity}× {line.name}" for line in items)



async def call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a blocking shop call in a worker thread so the action server's loop stays free."""
    import asyncio

    return await asyncio.to_thread(fn, *args, **kwargs)
