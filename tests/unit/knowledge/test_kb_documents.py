"""The knowledge documents state exactly the values Settings holds (one source of truth)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopassist.knowledge.chunking import chunk_all, split_sentences
from shopassist.knowledge.documents import PLACEHOLDER, load_documents, placeholder_values, render
from shopassist.settings import Settings

from shopassist.settings import DEFAULT_PROJECT_ROOT

REAL_KB = DEFAULT_PROJECT_ROOT / "kb"

ENFORCED = [
    "return_window_days", "cancellation_grace_hours", "cancellation_fee", "refund_days_min", "refund_days_max",
    "standard_days_min", "standard_days_max", "express_days_min", "express_days_max", "standard_shipping_fee",
    "express_shipping_fee", "free_shipping_threshold", "payment_methods", "support_hours", "support_phone",
    "support_email",
]


def all_text(docs) -> str:
    return "\n".join(d.text for d in docs)


def test_every_enforced_value_is_a_placeholder_in_the_sources() -> None:
    raw = "\n".join(p.read_text() for p in (REAL_KB / "en").glob("*.md"))
    used = set(PLACEHOLDER.findall(raw))
    assert set(ENFORCED) <= used, f"documents do not state: {set(ENFORCED) - used}"


def test_rendered_documents_state_the_default_settings() -> None:
    settings = Settings()
    text = all_text(load_documents(REAL_KB, settings=settings))
    assert "{" not in text and "}" not in text
    low, high = settings.refund_processing_days
    assert f"within {settings.return_window_days} days of delivery" in text
    assert f"within {low}–{high} business days" in text
    assert f"cancellation fee of €{settings.cancellation_fee:.2f}" in text
    assert f"within {settings.cancellation_grace_hours} hours after payment" in text
    assert f"Standard shipping costs €{settings.standard_shipping_fee:.2f}" in text
    assert f"costs €{settings.express_shipping_fee:.2f} per order" in text
    assert f"orders of €{settings.free_shipping_threshold:.2f} or more" in text
    s_low, s_high = settings.standard_delivery_days
    e_low, e_high = settings.express_delivery_days
    assert f"Standard delivery takes {s_low}–{s_high} business days" in text
    assert f"Express delivery takes {e_low}–{e_high} business days" in text
    for method in settings.payment_methods:
        assert method in text
    for value in (settings.support_hours, settings.support_phone, settings.support_email):
        assert value in text


def test_changed_settings_change_the_documents() -> None:
    settings = Settings(return_window_days=45, cancellation_fee=7.5, refund_processing_days=(2, 3),
                        free_shipping_threshold=80, support_phone="+49 40 999", payment_methods=["PayPal", "Cash"])
    text = all_text(load_documents(REAL_KB, settings=settings))
    assert "within 45 days of delivery" in text and "within 30 days of delivery" not in text
    assert "cancellation fee of €7.50" in text and "€4.95 per order" in text  # standard fee unchanged
    assert "within 2–3 business days" in text and "5–7" not in text
    assert "orders of €80.00 or more" in text
    assert "+49 40 999" in text and "+49 30 1234 5678" not in text
    assert "payment methods: PayPal and Cash." in text


def test_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(KeyError, match="return_windw_days"):
        render("within {return_windw_days} days", placeholder_values(Settings()), "en/x.md")


def test_the_knowledge_base_is_big_enough() -> None:
    docs = load_documents(REAL_KB)
    passages = chunk_all(docs)
    sentences = [s for p in passages for s in p.sentences]
    assert len(docs) >= 11
    assert len(sentences) >= 60
    assert len(set(sentences)) == len(sentences)
    assert all(p.heading and p.text for p in passages)


def test_sentence_splitting_keeps_prices_and_times_whole() -> None:
    assert split_sentences("It costs €4.95 per order. Call 8:00–20:00, Mon–Fri. Done") == [
        "It costs €4.95 per order.", "Call 8:00–20:00, Mon–Fri.", "Done"]
