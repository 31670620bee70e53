"""Actions called over HTTP on the real action server, as the Rasa server calls them,
against the seeded database; effects are checked in the database itself."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import httpx
import pytest

from shopassist.shop import service
from shopassist.shop.errors import OrderNotFound

from .conftest import Stack, domain_dict

DOMAIN = domain_dict()
SLOT_NAMES = list(DOMAIN["slots"])
ALICE_EMAIL = "alice@example.com"


def alice_id() -> str:
    return str(service.find_customer_by_email(ALICE_EMAIL).id)


def call_action(
    stack: Stack,
    action: str,
    slots: Dict[str, Any],
    *,
    text: str = "",
    intent: str = "inform",
    entities: Optional[List[dict]] = None,
    sender: str = "http-test",
    active_loop: Optional[str] = None,
    new: Optional[Dict[str, Any]] = None,
    channel: str = "rest",
) -> Dict[str, Any]:
    """POST one action request to the action server's webhook and return its JSON answer.

    ``new`` holds slots set by the latest user message (the ones a form validates).
    """
    all_slots = {name: None for name in SLOT_NAMES}
    all_slots.update(slots)
    all_slots.update(new or {})
    events = [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}, "input_channel": channel}]
    events += [{"event": "slot", "name": name, "value": value} for name, value in (new or {}).items()]
    tracker = {
        "sender_id": sender,
        "slots": all_slots,
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []},
        "events": events,
        "paused": False,
        "followup_action": None,
        "active_loop": {"name": active_loop} if active_loop else {},
        "latest_action_name": "action_listen",
    }
    body = {"next_action": action, "sender_id": sender, "tracker": tracker, "domain": DOMAIN, "version": "3.6.21"}
    reply = httpx.post(f"{stack.action_url}/webhook", json=body, timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.json()


def slot_events(answer: Dict[str, Any]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in answer["events"] if e["event"] == "slot"}


def responses(answer: Dict[str, Any]) -> List[str]:
    return [r.get("response") for r in answer["responses"]]


def test_health(actions: Stack) -> None:
    assert httpx.get(f"{actions.action_url}/health").json()["status"] == "ok"


def test_unknown_action_is_a_clear_error(actions: Stack) -> None:
    body = {"next_action": "action_does_not_exist", "tracker": {"sender_id": "x", "slots": {}, "events": []}}
    reply = httpx.post(f"{actions.action_url}/webhook", json=body)
    assert reply.status_code == 404
    assert "action_does_not_exist" in reply.text


def test_form_asks_order_then_email_for_an_unverified_customer(actions: Stack) -> None:
    answer = call_action(actions, "validate_task_form", {"task": "track_order"}, sender="http-ask", active_loop="task_form")
    assert slot_events(answer)["requested_slot"] == "order_id"
    answer = call_action(
        actions, "validate_task_form", {"task": "track_order", "requested_slot": "order_id"}, new={"order_id": "#10000003"},
        sender="http-ask", active_loop="task_form",
    )
    slots = slot_events(answer)
    assert slots["order_id"] == "10000003"
    assert slots["requested_slot"] == "customer_email"


@pytest.mark.parametrize("channel,linked", [("slack", True), ("rest", False)])
def test_email_and_order_verify_the_customer(actions: Stack, channel: str, linked: bool) -> None:
    sender = f"http-verify-{channel}"
    answer = call_action(
        actions, "validate_task_form",
        {"task": "track_order", "order_id": "10000003", "requested_slot": "customer_email"},
        new={"customer_email": "Alice@Example.com"}, sender=sender, active_loop="task_form", channel=channel,
    )
    slots = slot_events(answer)
    assert slots["customer_id"] == alice_id()
    assert slots["requested_slot"] is None  # nothing more to ask
    assert "utter_verified" in responses(answer)
    # Only a channel that authenticates its senders remembers the customer for later chats.
    remembered = service.customer_for_sender(sender)
    assert (remembered is not None and remembered.email == ALICE_EMAIL) is linked


def test_a_linked_slack_sender_is_not_asked_again(actions: Stack) -> None:
    service.link_sender("U-LINKED", int(alice_id()))
    answer = call_action(actions, "validate_task_form", {"task": "check_invoice"}, sender="U-LINKED",
                         active_loop="task_form", channel="slack")
    slots = slot_events(answer)
    assert slots["customer_id"] == alice_id() and slots["requested_slot"] is None
    # The same sender id on REST (chosen by the client) proves nothing.
    answer = call_action(actions, "validate_task_form", {"task": "check_invoice"}, sender="U-LINKED",
                         active_loop="task_form", channel="rest")
    assert slot_events(answer)["requested_slot"] == "order_id"


@pytest.mark.parametrize("email", ["bob@example.com", "nobody@example.com"])
def test_someone_elses_or_unknown_email_reveals_nothing(actions: Stack, email: str) -> None:
    answer = call_action(
        actions, "validate_task_form",
        {"task": "track_order", "order_id": "10000003", "requested_slot": "customer_email"},
        new={"customer_email": email},
        sender="http-intruder-" + email, active_loop="task_form",
    )
    slots = slot_events(answer)
    assert slots.get("customer_id") is None
    assert slots["order_id"] is None and slots["customer_email"] is None
    assert responses(answer) == ["utter_verification_failed"]
    assert slots["failed_attempts"] == 1


def test_track_order_answers_from_the_database(actions: Stack) -> None:
    answer = call_action(actions, "action_run_task", {"task": "track_order", "order_id": "10000003", "customer_id": alice_id()})
    order = service.get_order("10000003", int(alice_id()))
    reply = answer["responses"][0]
    assert reply["response"] == "utter_order_status"
    assert reply["status"] == "shipped"
    assert order.tracking_number in reply["status_detail"] and order.carrier in reply["status_detail"]


def test_cancel_needs_confirmation_then_really_cancels(actions: Stack) -> None:
    cid = str(service.find_customer_by_email("carol@example.com").id)  # Alice's orders stay as seeded
    quote = call_action(actions, "action_run_task", {"task": "cancel_order", "order_id": "10001001", "customer_id": cid})
    assert responses(quote) == ["utter_cancel_quote"]
    assert slot_events(quote)["pending_action"] == "cancel_order"
    assert service.get_order("10001001", int(cid)).status == "placed"  # nothing changed yet

    done = call_action(
        actions, "action_confirm_pending",
        {"task": "cancel_order", "order_id": "10001001", "customer_id": cid, "pending_action": "cancel_order"},
        intent="affirm",
    )
    assert responses(done) == ["utter_cancel_done"]
    assert slot_events(done)["pending_action"] is None
    assert service.get_order("10001001", int(cid)).status == "cancelled"


def test_shipped_order_cannot_be_cancelled(actions: Stack) -> None:
    answer = call_action(actions, "action_run_task", {"task": "cancel_order", "order_id": "10000003", "customer_id": alice_id()})
    assert responses(answer) == ["utter_cancel_refused"]
    assert "shipped" in answer["responses"][0]["reason"]
    assert slot_events(answer).get("pending_action") is None


def test_someone_elses_order_via_action_gives_not_found(actions: Stack) -> None:
    bob = str(service.find_customer_by_email("bob@example.com").id)
    answer = call_action(actions, "action_run_task", {"task": "track_order", "order_id": "10000003", "customer_id": bob})
    assert responses(answer) == ["utter_order_not_on_account"]
    with pytest.raises(OrderNotFound):
        service.get_order("10000003", int(bob))


def test_complaint_creates_a_ticket(actions: Stack) -> None:
    answer = call_action(
        actions, "action_run_task",
        {"task": "complaint", "feedback_text": "The parcel arrived crushed and two plates were broken.",
         "customer_email": "dora@example.org"},
        sender="http-complaint",
    )
    assert responses(answer) == ["utter_ticket_created"]
    assert answer["responses"][0]["ticket"].startswith("T-")


def test_newsletter_unsubscribe_follows_the_request(actions: Stack) -> None:
    answer = call_action(
        actions, "action_run_task",
        {"task": "newsletter_subscription", "customer_email": "bob@example.com", "task_text": "please unsubscribe me"},
    )
    assert responses(answer) == ["utter_newsletter_off"]
    assert service.newsletter_status("bob@example.com") is False


def test_policy_answers_come_from_settings(actions: Stack) -> None:
    answer = call_action(actions, "action_answer_info", {}, intent="check_refund_policy")
    reply = answer["responses"][0]
    assert reply["response"] == "utter_refund_policy"
    assert reply["return_days"] == 30


def test_someone_elses_invoice_is_not_found(actions: Stack) -> None:
    bob = str(service.find_customer_by_email("bob@example.com").id)
    answer = call_action(actions, "action_run_task", {"task": "get_invoice", "invoice_id": "INV-20000002", "customer_id": bob})
    assert responses(answer) == ["utter_invoice_not_found"]


def test_data_export_mails_everything_held_about_the_customer(actions: Stack) -> None:
    """Right of access (issue #12): the verified customer gets a full copy by email, counts in the chat."""
    import json

    from sqlalchemy import select

    from shopassist.shop.db import get_engine, session_scope
    from shopassist.shop.models import Outbox

    answer = call_action(actions, "action_run_task", {"task": "request_data_export", "customer_id": alice_id()},
                         sender="http-export")
    reply = answer["responses"][0]
    assert reply["response"] == "utter_data_export_sent" and reply["email"] == ALICE_EMAIL
    orders = service.list_orders(int(alice_id()))
    assert reply["orders"] == len(orders) and reply["addresses"] >= 1
    with session_scope(get_engine()) as s:
        mail = s.scalars(select(Outbox).where(Outbox.to_email == ALICE_EMAIL,
                                              Outbox.subject == "A copy of your personal data")).all()[-1]
        document = json.loads(mail.body)
    assert document["customer"]["email"] == ALICE_EMAIL and document["profile"]["orders"] >= 1
    assert reply["categories"] == ", ".join(document["profile"]["favourite_categories"])
    assert {o["number"] for o in document["orders"]} == {o.order_id for o in orders}
    assert slot_events(answer)["resolved_intent"] == "request_data_export"
