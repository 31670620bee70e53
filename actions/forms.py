"""The task form: asks only for what the current task still needs, and verifies identity."""

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from shopassist.settings import get_settings
from shopassist.shop import policy, service
from shopassist.shop.errors import InvalidInput, OrderNotFound
from shopassist.shop.ids import normalize_account_type, normalize_order_id, normalize_phone

from .common import call, customer_id
from .specs import MAX_VERIFICATION_ATTEMPTS, VERIFICATION_FAILED, needs_identity, required_slots

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
#: Account fields a customer can edit, and the words that name them.
ACCOUNT_FIELDS = {"email": r"e-?mail|\bmail", "phone": r"phone|mobile|\bnumber", "name": r"\bname"}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
#: Tasks whose first message usually already describes the problem.
DESCRIBED_TASKS = {"complaint", "payment_issue", "registration_problems"}
# Requests to change an order that can no longer change stop before asking for details.
LOCKABLE_TASKS = {"change_shipping_address", "change_order"}


def parse_rating(value: Any) -> Optional[int]:
    """1–5 from "5", "4 stars", "five"; None otherwise."""
    text = str(value).lower()
    match = re.search(r"\b([1-5])\b", text)
    if match:
        return int(match.group(1))
    for word, number in NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return number
    return None


def parse_phone(value: Any) -> Optional[str]:
    """The phone number in a message ("call me on +49 170 1234567"), normalised; or None."""
    match = re.search(r"\+?\d[\d\s()/.-]{4,22}\d", str(value))
    try:
        return normalize_phone(match.group(0)) if match else None
    except InvalidInput:
        return None


def sender_is_trusted(tracker: Tracker) -> bool:
    """Whether the channel authenticates its sender ids, so a verified customer may be remembered."""
    return (tracker.get_latest_input_channel() or "") in get_settings().trusted_link_channels


class ValidateTaskForm(FormValidationAction):
    """Validates task_form slots; order number and email are checked against the shop."""

    def name(self) -> Text:
        return "validate_task_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events: List[EventType] = []
        if customer_id(tracker) is None and sender_is_trusted(tracker):
            linked = await call(service.customer_for_sender, tracker.sender_id)
            if linked is not None:
                events += [SlotSet("customer_id", str(linked.id)), SlotSet("customer_email", linked.email)]
        if tracker.get_slot("requested_slot") is None:
            # The form is starting: keep the request itself (e.g. "unsubscribe me").
            text = (tracker.latest_message or {}).get("text") or ""
            events.append(SlotSet("task_text", text[:500]))
            if tracker.get_slot("task") in DESCRIBED_TASKS and len(text.split()) >= 6:
                events.append(SlotSet("feedback_text", text[:2000]))
        tracker.add_slots(events)
        return events + await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        task = tracker.get_slot("task")
        if not task or task == VERIFICATION_FAILED:
            return []
        verified = customer_id(tracker) is not None
        order_id = tracker.get_slot("order_id")
        needed = list(
            required_slots(task, verified=verified, has_order=bool(order_id), has_invoice=bool(tracker.get_slot("invoice_id")))
        )
        if task in LOCKABLE_TASKS and verified and order_id and not await self._order_can_change(tracker):
            # Nothing more to ask: action_run_task explains why it can't be done.
            return [slot for slot in needed if tracker.get_slot(slot) is not None]
        return needed

    async def _order_can_change(self, tracker: Tracker) -> bool:
        try:
            order = await call(service.get_order, tracker.get_slot("order_id"), customer_id(tracker))
        except OrderNotFound:
            return False
        return policy.can_change(order.status).allowed

    # --- identity ------------------------------------------------------------------------
    async def validate_order_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        try:
            order_id = normalize_order_id(str(value))
        except InvalidInput:
            dispatcher.utter_message(response="utter_invalid_order_id")
            return {"order_id": None}
        cid = customer_id(tracker)
        if cid is not None:
            try:
                await call(service.get_order, order_id, cid)
            except OrderNotFound:
                dispatcher.utter_message(response="utter_order_not_on_account", order_id=order_id)
                return self._failed(tracker, {"order_id": None})
            return {"order_id": order_id}
        email = tracker.get_slot("customer_email")
        if email and self._identity_needed(tracker, has_order=True):
            return await self._verify(dispatcher, tracker, email, order_id)
        return {"order_id": order_id}

    async def validate_customer_email(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        match = EMAIL_RE.search(str(value))
        if not match:
            dispatcher.utter_message(response="utter_invalid_email")
            return {"customer_email": None}
        email = match.group(0).lower()
        order_id = tracker.get_slot("order_id")
        if customer_id(tracker) is None and order_id and self._identity_needed(tracker, has_order=True):
            return await self._verify(dispatcher, tracker, email, order_id)
        return {"customer_email": email}

    @staticmethod
    def _identity_needed(tracker: Tracker, has_order: bool) -> bool:
        return needs_identity(
            tracker.get_slot("task") or "", has_order=has_order, has_invoice=bool(tracker.get_slot("invoice_id"))
        )

    async def _verify(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, email: str, order_id: str
    ) -> Dict[Text, Any]:
        """Check that ``email`` owns ``order_id``; on success link this chat to the customer."""
        customer = await call(service.verify_customer, email, order_id)
        if customer is None:
            # Same answer for an unknown order and someone else's order: nothing is revealed.
            dispatcher.utter_message(response="utter_verification_failed", order_id=order_id)
            return self._failed(tracker, {"order_id": None, "customer_email": None})
        if sender_is_trusted(tracker):
            await call(service.link_sender, tracker.sender_id, customer.id)
        dispatcher.utter_message(response="utter_verified", name=customer.name.split()[0])
        return {"order_id": order_id, "customer_email": email, "customer_id": str(customer.id), "failed_attempts": 0}

    def _failed(self, tracker: Tracker, result: Dict[Text, Any]) -> Dict[Text, Any]:
        attempts = int(tracker.get_slot("failed_attempts") or 0) + 1
        result["failed_attempts"] = attempts
        if attempts >= MAX_VERIFICATION_ATTEMPTS:
            result["task"] = VERIFICATION_FAILED
        return result

    # --- task details --------------------------------------------------------------------
    def validate_account_type(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        try:
            return {"account_type": normalize_account_type(str(value))}
        except InvalidInput:
            dispatcher.utter_message(response="utter_invalid_account_type")
            return {"account_type": None}

    def validate_person_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        name = re.sub(r"^(my name is|i am|i'm|it's|name:?)\s+", "", str(value).strip(), flags=re.I)
        if not (1 < len(name) <= 80) or any(ch.isdigit() for ch in name):
            return {"person_name": None}
        return {"person_name": name.title() if name.islower() else name}

    def validate_shipping_address(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        address = " ".join(str(value).split())
        if len(address) < 10 or len(address) > 300 or not re.search(r"\d", address):
            dispatcher.utter_message(response="utter_invalid_address")
            return {"shipping_address": None}
        return {"shipping_address": address}

    async def validate_line_sku(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        try:
            order = await call(service.get_order, tracker.get_slot("order_id"), customer_id(tracker))
        except OrderNotFound:
            return {"line_sku": None}
        wanted = str(value).strip().lower()
        # A button sends the SKU; a typed answer names (part of) the product.
        matches = [line for line in order.items if wanted == line.sku.lower() or wanted in line.name.lower()]
        if not matches:
            matches = [line for line in order.items if any(word in line.name.lower() for word in wanted.split() if len(word) > 3)]
        if len(matches) == 1:
            return {"line_sku": matches[0].sku}
        dispatcher.utter_message(response="utter_invalid_line")
        return {"line_sku": None}

    def validate_quantity(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        match = re.search(r"\d+", str(value))
        if not match or int(match.group(0)) > 10:
            dispatcher.utter_message(response="utter_invalid_quantity")
            return {"quantity": None}
        return {"quantity": match.group(0)}

    def validate_account_field(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value).lower()
        for field, pattern in ACCOUNT_FIELDS.items():
            if re.search(pattern, text):
                return {"account_field": field}
        return {"account_field": None}

    def validate_account_value(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        field = tracker.get_slot("account_field")
        text = str(value).strip()
        if field == "email":
            match = EMAIL_RE.search(text)
            cleaned = match.group(0).lower() if match else None
        elif field == "phone":
            cleaned = parse_phone(text)
        else:
            cleaned = text if 1 < len(text) <= 80 else None
        if cleaned is None:
            dispatcher.utter_message(response="utter_invalid_value", account_field=field)
        return {"account_value": cleaned}

    def validate_rating(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        rating = parse_rating(value)
        if rating is None:
            dispatcher.utter_message(response="utter_invalid_rating")
        return {"rating": str(rating) if rating else None}

    def validate_phone(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        phone = parse_phone(value)
        if phone is None:
            dispatcher.utter_message(response="utter_invalid_phone")
        return {"phone": phone}

    def validate_feedback_text(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        text = str(value).strip()
        return {"feedback_text": text[:2000] if text else None}
