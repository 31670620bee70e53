"""Helpers shared by the actions: reading slots, rendering values, clearing a finished task."""

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from shopassist import texts
from shopassist.settings import get_settings

from .specs import TASK_SLOTS

logger = logging.getLogger(__name__)

def reason_text(code: str, lang: str = "en") -> str:
    """A customer-readable sentence for a shop reason code, in ``lang`` (shopassist.texts)."""
    return texts.reason(code, lang)


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
