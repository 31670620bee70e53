"""Actions that run the task collected by task_form, and act on the customer's yes/no."""

import logging
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from shopassist.shop.errors import InvoiceNotFound, NotAllowed, OrderNotFound
from shopassist.texts import lang_of

from . import account, orders, payments, shopping, support
from .common import call, clear_task, reason_text
from .escalation import HANDOFF, decline_handoff, offer_if_frustrated, start_handoff, say_in_tone
from .outcome import Outcome, TaskContext
from .specs import VERIFICATION_FAILED

logger = logging.getLogger(__name__)
Handler = Callable[[TaskContext], Outcome]

#: task → (step run when the form completes, step run after the customer says yes).
#: Tasks with a second step ask "shall I go ahead?" in the first.
HANDLERS: Dict[str, Tuple[Handler, Optional[Handler]]] = {
    "track_order": (orders.track, None),
    "delivery_period": (orders.delivery_period, None),
    "check_cancellation_fee": (orders.cancellation_fee, None),
    "cancel_order": (orders.cancel_quote, orders.cancel),
    "change_order": (orders.change_quote, orders.change),
    "change_shipping_address": (orders.address_quote, orders.change_address),
    "set_up_shipping_address": (orders.set_default_address, None),
    "get_refund": (payments.refund_quote, payments.request_refund),
    "track_refund": (payments.track_refund, None),
    "get_invoice": (payments.get_invoice, None),
    "check_invoice": (payments.check_invoices, None),
    "create_account": (account.create_account, None),
    "delete_account": (account.delete_quote, account.delete_account),
    "edit_account": (account.edit_account, None),
    "request_data_export": (account.export_data, None),
    "switch_account": (account.switch_account, None),
    "recover_password": (account.recover_password, None),
    "newsletter_subscription": (account.newsletter, None),
    "review": (support.review, None),
    "complaint": (support.ticket("complaint"), None),
    "payment_issue": (support.ticket("payment_issue"), None),
    "registration_problems": (support.registration_problem, None),
    "contact_human_agent": (support.callback, None),
    "checkout": (shopping.checkout_quote, shopping.checkout),
}


def _failure_reply(exc: Exception, tracker: Tracker) -> Tuple[str, Dict[str, Any]]:
    """The response for a shop error (never a stack trace to the customer)."""
    if isinstance(exc, OrderNotFound):
        return "utter_order_not_on_account", {"order_id": tracker.get_slot("order_id")}
    if isinstance(exc, InvoiceNotFound):
        return "utter_invoice_not_found", {}
    if isinstance(exc, NotAllowed):
        return "utter_not_allowed", {"reason": reason_text(exc.reason, lang_of(tracker.get_slot("language")))}
    logger.exception("task %s failed", tracker.get_slot("task"), exc_info=exc)
    return "utter_service_error", {}


async def run_step(step: Handler, dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """Run one handler step off the event loop and turn its outcome into messages and events."""
    try:
        outcome: Outcome = await call(step, TaskContext(tracker))
    except Exception as exc:  # shop errors get specific replies, anything else a polite one
        response, values = _failure_reply(exc, tracker)
        say_in_tone(dispatcher, tracker, [(response, values)])
        return clear_task() + offer_if_frustrated(dispatcher, tracker)
    # Upset customers get an acknowledgement and the calm version of each reply (same facts).
    say_in_tone(dispatcher, tracker, outcome.replies)
    if outcome.pending:
        return [SlotSet("pending_action", tracker.get_slot("task"))]
    events = clear_task()
    events += [SlotSet(name, value) for name, value in outcome.slots.items()]
    events.append(SlotSet("resolved_intent", tracker.get_slot("task")))  # CSAT is asked at goodbye
    return events + offer_if_frustrated(dispatcher, tracker)


class ActionRunTask(Action):
    """Runs the task once task_form has everything it needs."""

    def name(self) -> Text:
        return "action_run_task"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        task = tracker.get_slot("task")
        if task == VERIFICATION_FAILED:
            dispatcher.utter_message(response="utter_too_many_attempts")
            return clear_task() + [SlotSet("order_id", None), SlotSet("customer_email", None)]
        handlers = HANDLERS.get(task or "")
        if handlers is None:
            say_in_tone(dispatcher, tracker, [("utter_default", {})])
            return clear_task() + offer_if_frustrated(dispatcher, tracker)
        return await run_step(handlers[0], dispatcher, tracker)


class ActionConfirmPending(Action):
    """The customer said yes: carry out the pending change."""

    def name(self) -> Text:
        return "action_confirm_pending"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        pending = tracker.get_slot("pending_action")
        if pending == HANDOFF:
            return await start_handoff(dispatcher, tracker)
        handlers = HANDLERS.get(pending or "")
        if not handlers or handlers[1] is None:
            dispatcher.utter_message(response="utter_nothing_pending")
            return [SlotSet("pending_action", None)]
        return await run_step(handlers[1], dispatcher, tracker)


class ActionRejectPending(Action):
    """The customer said no: change nothing."""

    def name(self) -> Text:
        return "action_reject_pending"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("pending_action") == HANDOFF:
            return decline_handoff(dispatcher)
        if tracker.get_slot("pending_action"):
            dispatcher.utter_message(response="utter_confirm_cancelled")
            return clear_task()
        dispatcher.utter_message(response="utter_nothing_pending")
        return []


class ActionStopTask(Action):
    """The customer changed their mind inside the form: stop it and forget its details."""

    def name(self) -> Text:
        return "action_stop_task"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(response="utter_ok_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None)] + clear_task()
