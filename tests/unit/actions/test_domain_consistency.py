"""The domain, the rules and the actions agree: nothing is named in one place and missing in another."""

import re
from pathlib import Path

import yaml

from actions.specs import TASK_SLOTS, TASKS
from actions.tasks import HANDLERS
from shopassist.sentiment.tone import TONED

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
ACTIONS_SOURCE = "\n".join(p.read_text() for p in (ROOT / "actions").glob("*.py"))
# issue 5: acknowledgements and tone variants are picked in shopassist/sentiment/tone.py
ACTIONS_SOURCE += "\n".join((ROOT / p).read_text() for p in ("shopassist/sentiment/tone.py", "shopassist/channels/handoff.py"))
ACTIONS_SOURCE += "\n".join(f'"{n}_{t}"' for n, ts in TONED.items() for t in ts)
DIALOGUE = "\n".join(p.read_text() for p in (ROOT / "data").glob("*.yml"))

BITEXT_INTENTS = set(
    "cancel_order change_order change_shipping_address check_cancellation_fee check_invoice check_payment_methods "
    "check_refund_policy complaint contact_customer_service contact_human_agent create_account delete_account "
    "delivery_options delivery_period edit_account get_invoice get_refund newsletter_subscription payment_issue "
    "place_order recover_password registration_problems review set_up_shipping_address switch_account track_order "
    "track_refund".split()
)


def test_all_27_intents_and_the_conversation_intents_are_in_the_domain() -> None:
    extra = {"greet", "goodbye", "affirm", "deny", "thank", "bot_challenge", "inform", "search_product", "ask_question",
             "out_of_scope", "csat_rate", "switch_language"}  # csat: issue 5; switch_language: issue 11
    shopping = {"refine_search", "select_product", "add_to_cart", "checkout", "recommend_product"}  # issue #8
    privacy = {"request_data_export"}  # issue #12: what the shop knows about me
    assert set(DOMAIN["intents"]) == BITEXT_INTENTS | extra | shopping | privacy


def test_every_bitext_intent_has_a_handling_path() -> None:
    for intent in BITEXT_INTENTS:
        assert re.search(rf"intent: {intent}\b", DIALOGUE), f"no rule or story for {intent}"


def test_every_task_has_a_handler_and_a_task_slot_mapping() -> None:
    mapped = {m["value"] for m in DOMAIN["slots"]["task"]["mappings"]}
    assert set(TASKS) == set(HANDLERS) == mapped


def test_task_slots_exist_and_form_lists_every_slot_a_task_asks_for() -> None:
    form_slots = set(DOMAIN["forms"]["task_form"]["required_slots"])
    for spec in TASKS.values():
        assert set(spec.extra) <= form_slots
    assert {"order_id", "customer_email"} <= form_slots
    assert set(TASK_SLOTS) <= set(DOMAIN["slots"])


def test_every_response_is_used_by_the_dialogue_or_an_action() -> None:
    for response in DOMAIN["responses"]:
        if response.startswith("utter_ask_"):
            assert response[len("utter_ask_"):] in DOMAIN["slots"], response
            continue
        assert response in DIALOGUE or f'"{response}"' in ACTIONS_SOURCE, f"{response} is never used"


def test_every_response_referenced_by_actions_exists() -> None:
    for name in set(re.findall(r'"(utter_[a-z_]+)"', ACTIONS_SOURCE)):
        assert name in DOMAIN["responses"], f"actions use {name}, which domain.yml lacks"


def test_every_custom_action_is_implemented() -> None:
    for action in DOMAIN["actions"]:
        assert f'return "{action}"' in ACTIONS_SOURCE, f"{action} has no implementation"
