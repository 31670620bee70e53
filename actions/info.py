"""Answers that need no customer data: policies and contacts (product search: actions/shopping.py)."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist import texts
from shopassist.knowledge.documents import hours_text
from shopassist.settings import get_settings
from shopassist.shop import service

from .common import call, customer_id, latest_intent, money


def _policy_reply(intent: str, lang: str = "en") -> Dict[str, Any]:
    cfg = get_settings()
    low, high = cfg.refund_processing_days
    if intent == "check_payment_methods":
        return {"response": "utter_payment_methods",
                "methods": texts.join([texts.payment_method(m, lang) for m in cfg.payment_methods], lang)}
    if intent == "check_refund_policy":
        return {"response": "utter_refund_policy", "return_days": cfg.return_window_days, "min_days": low, "max_days": high}
    if intent == "delivery_options":
        options = " ".join(
            texts.text("delivery.option", lang, label=opt.label, low=opt.min_days, high=opt.max_days,
                       fee=money(opt.fee, opt.currency))
            for opt in service.delivery_options()
        )
        return {"response": "utter_delivery_options", "options": options, "threshold": money(cfg.free_shipping_threshold)}
    return {"response": "utter_contact_info", "hours": hours_text(cfg.support_hours, lang), "phone": cfg.support_phone, "email": cfg.support_email}


class ActionAnswerInfo(Action):
    """Payment methods, refund policy, delivery options and contact details, from settings."""

    def name(self) -> Text:
        return "action_answer_info"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(**_policy_reply(latest_intent(tracker), texts.lang_of(tracker.get_slot("language"))))
        return []


class ActionAskLineSku(Action):
    """Asks which order line to change, with one button per line."""

    def name(self) -> Text:
        return "action_ask_line_sku"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        order = await call(service.get_order, tracker.get_slot("order_id"), customer_id(tracker))
        buttons = [
            {"title": f"{line.quantity}× {line.name}", "payload": f"/inform{{\"line_sku\":\"{line.sku}\"}}"} for line in order.items
        ]
        dispatcher.utter_message(response="utter_which_line", buttons=buttons)
        return []
