"""Retrieval and sentence selection over the real knowledge base."""

from __future__ import annotations

import pytest

from shopassist.knowledge.answer import IDK_TEXT, answer_question


@pytest.mark.parametrize(
    "question, source, expected",
    [
        ("how long until a refund reaches my card?", "en/refunds.md", "5–7 business days"),
        ("what's the charge for cancelling late?", "en/orders.md", "€4.95"),
        ("how much is express shipping?", "en/shipping.md", "€12.90"),
        ("which courier delivers my parcel?", "en/shipping.md", "DHL and UPS"),
        ("can I send back opened make-up?", "en/returns.md", "opened cosmetics"),
        ("how long is the password reset link valid?", "en/accounts-privacy.md", "60 minutes"),
    ],
)
def test_right_passage_and_sentence(real_kb, question: str, source: str, expected: str) -> None:
    hits = real_kb.retrieve(question, k=3)
    assert hits[0].passage.source == source
    assert hits[0].score >= hits[1].score >= hits[2].score
    assert hits[0].source.startswith(source + "#")
    sel = real_kb.select(question)
    assert sel.known and expected in sel.text


@pytest.mark.parametrize("question", ["who painted the Mona Lisa?", "what is the capital of Australia?",
                                      "tell me a joke about cats"])
def test_unrelated_question_is_not_known(real_kb, question: str) -> None:
    sel = real_kb.select(question)
    assert not sel.known and sel.text == ""


async def test_answer_pipeline_extractive_and_idk(real_kb) -> None:
    reply = await answer_question("what does express delivery cost?", knowledge_base=lambda: real_kb, generator=None)
    assert reply.path == "extractive" and reply.known and "€12.90" in reply.text
    assert reply.sources and reply.sources[0].startswith("en/shipping.md#")
    idk = await answer_question("who painted the Mona Lisa?", knowledge_base=lambda: real_kb, generator=None)
    assert idk.path == "idk" and not idk.known and idk.text == IDK_TEXT
