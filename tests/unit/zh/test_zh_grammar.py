"""The compositional Chinese grammar (shopassist.nlu.zh.grammar): every spec resolves, draws are
complete messages, and the generator really draws from it."""
import random
import re
from pathlib import Path

import pytest
import yaml

from shopassist.nlu.zh import generate as zh
from shopassist.nlu.zh import grammar

ROOT = Path(__file__).resolve().parents[3]
DOMAIN_INTENTS = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
SPECS = grammar.all_specs()


def test_every_grammar_intent_is_a_domain_intent_and_every_reference_resolves() -> None:
    assert set(SPECS) <= DOMAIN_INTENTS | {"out_of_scope"}
    assert len(SPECS) >= 40
    for intent, spec in SPECS.items():
        assert grammar.unknown_refs(spec) == [], intent
        assert spec.get("frames") or spec.get("extras"), intent


@pytest.mark.parametrize("intent", sorted(SPECS))
def test_draws_are_complete_varied_messages(intent: str) -> None:
    rng = random.Random(7)
    texts = [zh.render(grammar.draw(SPECS[intent], rng), rng)[0] for _ in range(300)]
    for text in texts:
        assert not re.search(r"[<>{}]", text), (intent, text)
        assert text.strip(), intent
    # a grammar, not a list: 300 draws give many distinct messages
    assert len(set(texts)) >= 100, intent


def test_expand_resolves_nested_slots_and_reports_unknown_ones() -> None:
    rng = random.Random(1)
    slots = {"A": ["<B>了"], "B": ["取消"]}
    assert grammar.expand("<A>", slots, rng) == "取消了"
    assert grammar.expand("<please>", {"please": ["请"]}, rng) == "请"   # own slot over COMMON
    with pytest.raises(KeyError):
        grammar.expand("<nope>", {}, rng)
    assert grammar.unknown_refs({"frames": ["<V><nope>"], "slots": {"V": ["改"]}}) == ["nope"]


def test_the_generator_draws_most_examples_from_the_grammar() -> None:
    spec = {"frames": ["从语法来的消息<n>"], "slots": {"n": [str(i) for i in range(500)]}}
    examples = zh.sample("greet", ["旧模板{order_id}"], 200, random.Random(3), set(), spec, 0.8)
    from_grammar = sum("从语法来的消息" in ex.text for ex in examples)
    assert 130 <= from_grammar <= 190
