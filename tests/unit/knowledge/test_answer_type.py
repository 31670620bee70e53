"""Expected answer types steer sentence selection towards sentences holding the asked-for value."""

import pytest

from shopassist.knowledge.answer_type import expected_types, sentence_types, type_match


@pytest.mark.parametrize("question, kind", [
    ("how much does express delivery cost?", "money"),
    ("what's the fee if I cancel?", "money"),
    ("how long until my refund arrives?", "duration"),
    ("how many days do I have to send it back?", "duration"),
    ("which address should I write an email to?", "email"),
    ("what is your phone number?", "phone"),
    ("how many people can join a workshop?", "count"),
])
def test_question_types(question: str, kind: str) -> None:
    assert kind in expected_types(question)


def test_no_preference_for_open_questions() -> None:
    assert expected_types("can I return a gift without the receipt?") == set()


def test_sentence_types_and_match() -> None:
    assert {"money", "count"} <= sentence_types("Express delivery costs €12.90 per order.")
    assert "duration" in sentence_types("A refund reaches you within 3–5 business days.")
    assert "email" in sentence_types("You can email us at support@shop.example.")
    assert type_match({"money"}, "Standard shipping costs €4.90.")
    assert not type_match({"email"}, "Please do not send returns to this address.")
    assert not type_match(set(), "Standard shipping costs €4.90.")


def test_bonus_picks_the_sentence_with_the_asked_for_value(real_kb) -> None:
    question = "what's the fee if I cancel after paying?"
    real_kb.answer_type_bonus = 0.0
    try:
        without = real_kb.select(question).text
        real_kb.answer_type_bonus = 0.05
        with_bonus = real_kb.select(question).text
    finally:
        real_kb.answer_type_bonus = 0.05
    assert "€" in with_bonus
    assert "€" not in without  # the case the bonus was made for (docs/answers.md)
