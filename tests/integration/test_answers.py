"""action_answer_question over HTTP on the real action server (knowledge base built at start-up
into the test's var/ folder, so the first call may wait for the encoder and the index)."""

from __future__ import annotations

import time
import uuid
from typing import Any, Dict

import httpx

from .conftest import Stack, domain_dict

DOMAIN = domain_dict()


def ask(stack: Stack, text: str, intent: str = "nlu_fallback") -> Dict[str, Any]:
    slots = {name: None for name in DOMAIN["slots"]}
    tracker = {
        "sender_id": "kb-test", "slots": slots,
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.3}, "entities": []},
        "events": [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}],
        "paused": False, "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
    }
    body = {"next_action": "action_answer_question", "sender_id": "kb-test", "tracker": tracker,
            "domain": DOMAIN, "version": "3.6.21"}
    reply = httpx.post(f"{stack.action_url}/webhook", json=body, timeout=120)
    assert reply.status_code == 200, reply.text
    return reply.json()


def test_answers_a_policy_question_from_the_knowledge_base(actions: Stack) -> None:
    answer = ask(actions, "how much does express delivery cost?", intent="ask_question")
    texts = [r.get("text") or "" for r in answer["responses"]]
    assert len(texts) == 1 and "€12.90" in texts[0]
    assert not answer["responses"][0].get("buttons")
    assert answer["events"] == []


def test_says_it_does_not_know_and_offers_a_person(actions: Stack) -> None:
    answer = ask(actions, "who painted the Mona Lisa?")
    response = answer["responses"][0]
    assert "couldn't find" in response["text"]
    assert response["buttons"] == [{"title": "Talk to a person", "payload": "/contact_human_agent"}]


def ask_until(stack: Stack, question: str, wanted: str, timeout: float = 90.0) -> str:
    """Ask through the REST channel until the reply contains ``wanted`` (the index rebuilds in the background)."""
    deadline = time.monotonic() + timeout
    attempt = 0
    while True:
        attempt += 1
        reply = stack.texts(f"kb-live-{uuid.uuid4().hex[:8]}", question)
        if wanted in reply or time.monotonic() > deadline:
            return reply
        time.sleep(1.0)


def test_a_new_and_then_changed_document_is_answered_without_restart_or_retraining(stack: Stack) -> None:
    """A fact added after training is answered; when its value changes, the answer carries the new
    value once the index is rebuilt (the running servers notice the change themselves)."""
    doc = stack.tmp / "kb" / "en" / "zz-gift-wrapping.md"
    question = "how much does gift wrapping cost?"
    try:
        doc.write_text("# Gift wrapping\n\n## Gift wrapping\n\nGift wrapping costs €3.50 per item and can be "
                       "chosen at checkout.\n", encoding="utf-8")
        assert "€3.50" in ask_until(stack, question, "€3.50")
        doc.write_text(doc.read_text(encoding="utf-8").replace("€3.50", "€4.20"), encoding="utf-8")
        reply = ask_until(stack, question, "€4.20")
        assert "€4.20" in reply and "€3.50" not in reply
    finally:
        doc.unlink(missing_ok=True)
        ask_until(stack, question, "couldn't find", timeout=60)  # back to the original documents
