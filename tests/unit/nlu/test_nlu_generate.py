"""Tests for the NLU training-data generator (pure Python, no rasa needed)."""
from __future__ import annotations

import random
import re

import pytest
import yaml

from shopassist.nlu import generate, templates, vocab
from shopassist.nlu.splitting import split_token

BITEXT_INTENTS = {
    "cancel_order", "change_order", "change_shipping_address", "check_cancellation_fee",
    "check_invoice", "check_payment_methods", "check_refund_policy", "complaint",
    "contact_customer_service", "contact_human_agent", "create_account", "delete_account",
    "delivery_options", "delivery_period", "edit_account", "get_invoice", "get_refund",
    "newsletter_subscription", "payment_issue", "place_order", "recover_password",
    "registration_problems", "review", "set_up_shipping_address", "switch_account",
    "track_order", "track_refund",
}
EXTRA_INTENTS = {"greet", "goodbye", "affirm", "deny", "thank", "bot_challenge", "inform", "ask_question",
                 "search_product", "out_of_scope",
                 # conversational shopping (issue #8)
                 "refine_search", "select_product", "add_to_cart", "checkout", "recommend_product",
                 "request_data_export"}  # issue #12
ENTITIES = {"order_id", "invoice_id", "person_name", "account_type", "refund_amount",
            "delivery_city", "delivery_country", "email", "phone", "rating", "category",
            "color", "size", "brand", "price"}


@pytest.fixture(scope="module")
def small():
    return generate.generate(seed=7, per_intent=60)


def test_all_contract_intents_present(small):
    assert set(small) == BITEXT_INTENTS | EXTRA_INTENTS


def test_counts_and_uniqueness(small):
    for intent, exs in small.items():
        if intent in BITEXT_INTENTS:
            assert len(exs) == int(60 * generate.INTENT_SCALE.get(intent, 1.0)), intent
        texts = [e.text.lower() for e in exs]
        assert len(texts) == len(set(texts)), intent


def test_deterministic():
    a = generate.generate(seed=3, per_intent=20)
    b = generate.generate(seed=3, per_intent=20)
    assert {k: [e.markup() for e in v] for k, v in a.items()} == \
           {k: [e.markup() for e in v] for k, v in b.items()}
    c = generate.generate(seed=4, per_intent=20)
    assert [e.text for e in a["cancel_order"]] != [e.text for e in c["cancel_order"]]


def test_entity_spans_are_consistent(small):
    seen_types = set()
    for exs in small.values():
        for ex in exs:
            for start, end, etype, _ in ex.entities:
                seen_types.add(etype)
                surface = ex.text[start:end]
                assert surface and surface == surface.strip(), (ex.text, start, end)
                assert etype in ENTITIES
                # entities must sit on word boundaries
                assert start == 0 or not ex.text[start - 1].isalnum(), ex.text
                assert end == len(ex.text) or not ex.text[end].isalnum(), ex.text
    assert {"order_id", "invoice_id", "account_type", "person_name"} <= seen_types


def test_no_unfilled_slots(small):
    for exs in small.values():
        for ex in exs:
            assert "{" not in ex.text and "}" not in ex.text, ex.text


def test_out_of_scope_has_no_entities(small):
    assert all(not e.entities for e in small["out_of_scope"])


def test_markup_roundtrip():
    text = "cancel order 10000001 for Premium"
    ents = [(13, 21, "order_id", None), (26, 33, "account_type", "premium")]
    markup = generate.to_markup(text, ents)
    assert markup == ('cancel order [10000001](order_id) for '
                      '[Premium]{"entity": "account_type", "value": "premium"}')


def test_render_fills_entities():
    rng = random.Random(1)
    text, ents = generate.render("cancel order {order_id} now", rng, noise=False)
    assert len(ents) == 1
    start, end, etype, _ = ents[0]
    assert etype == "order_id"
    assert re.fullmatch(r"#?\d{6,15}", text[start:end])


def test_typo_changes_only_long_words():
    rng = random.Random(0)
    assert generate.typo("ab", rng) == "ab"
    assert generate.typo("1234", rng) == "1234"
    out = generate.typo("cancel", rng)
    assert out != "cancel" or True  # may coincidentally be equal on duplicate-letter ops
    assert abs(len(out) - len("cancel")) <= 1


def test_value_generators():
    rng = random.Random(5)
    for _ in range(200):
        surface, _ = vocab.invoice_id(rng)
        assert re.fullmatch(r"(#\d{4,8}|(INV|inv|Inv)-?\d{8})", surface), surface
        surface, value = vocab.account_type(rng)
        assert value in vocab.ACCOUNT_TYPES and surface.lower() == value
        surface, _ = vocab.email(rng)
        assert re.fullmatch(r"[\w.]+@[\w.-]+\.\w+", surface)


def test_templates_reference_known_slots():
    known = (set(vocab.ENTITY_GENERATORS) | set(generate.FILLERS)
             | {"x", "num", "month", "adj", "amt", "V", "G", "O", "N"})
    for intent, spec in templates.INTENTS.items():
        strings = list(spec.get("extras", [])) + list(spec.get("nouns", []))
        for group in spec.get("groups", []):
            strings += group["objects"]
        for s in strings:
            for slot in generate.SLOT_RE.findall(s):
                assert slot in known, (intent, s)


def test_write_yaml(tmp_path, small):
    paths = generate.write_yaml(small, tmp_path)
    names = {p.name for p in paths}
    assert {"regex.yml", "lookups.yml", "orders.yml", "out_of_scope.yml"} <= names
    intents = set()
    for p in paths:
        doc = yaml.safe_load(p.read_text())
        assert doc["version"] == "3.1"
        for item in doc["nlu"]:
            if "intent" in item:
                intents.add(item["intent"])
                lines = [l for l in item["examples"].splitlines() if l.strip()]
                assert all(l.startswith("- ") for l in lines)
    assert intents == BITEXT_INTENTS | EXTRA_INTENTS


def test_regexes_match_id_forms():
    order = re.compile(generate.REGEXES["order_id"][0])
    assert order.search("cancel order 00123842")
    assert order.search("track #10000001")
    inv = [re.compile(p, re.I) for p in generate.REGEXES["invoice_id"]]
    assert any(p.search("invoice INV-20000001") for p in inv)
    assert any(p.search("bill #00108") for p in inv)


@pytest.mark.parametrize("token,expected", [
    ("$1499", [(0, "$"), (1, "1499")]),
    ("order113542617735902", [(0, "order"), (5, "113542617735902")]),
    ("refunding$1499", [(0, "refunding"), (9, "$"), (10, "1499")]),
    ("INV20000001", [(0, "INV20000001")]),
    ("#00108", [(0, "#00108")]),
    ("hello", [(0, "hello")]),
    ("abc12", [(0, "abc12")]),
])
def test_split_token(token, expected):
    assert split_token(token) == expected


def test_drop_collisions(tmp_path):
    path = tmp_path / "eval.txt"
    path.write_text("How can I cancel my order right now?\nshort one\n", encoding="utf-8")
    avoid = generate.load_avoid_list([path, tmp_path / "missing.csv"])
    assert avoid == {"how can i cancel my order right now"}
    exs = {"cancel_order": [generate.Example("cancel_order", "how can I cancel my order right now"),
                            generate.Example("cancel_order", "cancel order 10000001")]}
    assert generate.drop_collisions(exs, avoid) == 1
    assert [e.text for e in exs["cancel_order"]] == ["cancel order 10000001"]
