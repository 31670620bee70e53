"""Chinese and English on the real action server (issue 11): the language slot action and text
that actions build, in the conversation's language."""

from __future__ import annotations

from typing import Any, Dict

from .conftest import Stack
from .test_action_server import alice_id, call_action


def slot_events(answer: Dict[str, Any]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in answer["events"] if e.get("event") == "slot"}


def test_language_slot_follows_the_message_with_hysteresis(actions: Stack) -> None:
    answer = call_action(actions, "action_validate_slot_mappings", {"language": "en"}, text="我的订单到哪了")
    assert slot_events(answer).get("language") == "zh"
    # an order number alone is undecided: the slot is left alone
    answer = call_action(actions, "action_validate_slot_mappings", {"language": "zh"}, text="10000001")
    assert "language" not in slot_events(answer)
    answer = call_action(actions, "action_validate_slot_mappings", {"language": "zh"}, text="说英文吧")
    assert slot_events(answer).get("language") == "en"


def test_track_order_text_is_chinese_for_a_chinese_conversation(actions: Stack) -> None:
    answer = call_action(actions, "action_run_task",
                         {"task": "track_order", "order_id": "10000003", "customer_id": alice_id(), "language": "zh"})
    reply = answer["responses"][0]
    assert reply["response"] == "utter_order_status"
    assert reply["status"] == "已发货"
    assert "运单号" in reply["status_detail"] and "预计" in reply["status_detail"]


def test_refusal_reason_is_chinese_for_a_chinese_conversation(actions: Stack) -> None:
    # 10000003 has shipped: it can no longer be cancelled
    answer = call_action(actions, "action_run_task",
                         {"task": "cancel_order", "order_id": "10000003", "customer_id": alice_id(), "language": "zh"})
    reply = answer["responses"][0]
    assert reply["response"] == "utter_cancel_refused"
    assert reply["reason"] == "订单已发货。收到后您可以申请退货。"
