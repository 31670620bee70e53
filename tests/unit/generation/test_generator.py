"""The answer generator: a tiny model trained a few steps and reloaded through the real loading
path, number-constrained decoding, the grounding guard and the fallbacks around the generator."""

from __future__ import annotations

import asyncio
import os
import random
import time
from pathlib import Path


import pytest
import torch

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from shopassist.generation import get_generator, reset_generator  # noqa: E402
from shopassist.settings import get_settings  # noqa: E402
from shopassist.generation.data import format_input, generate, make_example  # noqa: E402
from shopassist.generation.guard import check, numbers  # noqa: E402
from shopassist.generation.model import NumberConstraint, GeneratorResult, number_token_ids, restore_case  # noqa: E402
from shopassist.knowledge.answer import answer_question  # noqa: E402
from shopassist.knowledge.retrieval import Selection, Sentence  # noqa: E402

FACT = "Express delivery takes 1–2 business days and costs €12.90 per order."


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from shopassist.generation.train import train

    out = tmp_path_factory.mktemp("generator")
    metrics = train(out, steps=4, batch_size=4, save_every=2, eval_n=4)
    assert (out / "final" / "config.json").exists() and (out / "metrics.json").exists()
    assert metrics["steps"] == 4 and "key_value_rate" in metrics
    return out


def test_training_data_values_change_in_every_example() -> None:
    examples = list(generate(200, seed=1, kb_share=0.0))
    facts = [e.fact for e in examples]
    assert len(set(facts)) > 190
    numbered = [(e.fact, e.answer) for e in examples if any(c.isdigit() for c in e.answer)]
    assert len(numbered) > 100
    assert all(not [p for p in check(e.answer, e.fact, e.question) if "numbers" in p] for e in examples)
    tones = {e.tone for e in examples}
    assert tones == {"neutral", "apologetic", "friendly"}
    for e in examples:  # a tone changes the opener, never the facts
        assert numbers(e.answer) <= numbers(e.fact + " " + e.question)


def test_tiny_model_saves_resumes_and_reloads_through_the_real_path(tiny_model_dir: Path, monkeypatch) -> None:
    from shopassist.generation.train import latest_checkpoint, train

    assert latest_checkpoint(tiny_model_dir) is not None or (tiny_model_dir / "final").exists()
    monkeypatch.setenv("SHOP_GENERATOR_DIR", str(tiny_model_dir))
    get_settings.cache_clear()
    reset_generator()
    try:
        generator = get_generator()
        assert generator is not None and get_generator() is generator  # loaded once
        result = generator.answer("how much is express?", FACT)
        assert isinstance(result, GeneratorResult) and isinstance(result.text, str)
    finally:
        reset_generator()
        monkeypatch.delenv("SHOP_GENERATOR_DIR")
        get_settings.cache_clear()


def test_no_model_means_no_generator(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SHOP_GENERATOR_DIR", str(tmp_path / "none"))
    get_settings.cache_clear()
    reset_generator()
    try:
        assert get_generator() is None
    finally:
        reset_generator()
        monkeypatch.delenv("SHOP_GENERATOR_DIR")
        get_settings.cache_clear()


def test_constrained_decoding_never_emits_a_number_absent_from_the_input(tiny_model_dir: Path) -> None:
    from shopassist.generation.model import Generator

    gen = Generator.load(tiny_model_dir / "final")
    tok = gen.tokenizer
    numeric = set(gen.number_ids)
    rng = random.Random(7)
    examples = [make_example(rng) for _ in range(6)]
    sources = [format_input(e.question, e.fact, e.tone) for e in examples]
    enc = tok(sources, return_tensors="pt", padding=True)
    # Without the constraint, push the model towards numbers by boosting every number token.
    class Boost(NumberConstraint):
        def __call__(self, input_ids, scores):
            scores = scores.clone()
            scores[:, list(numeric)] += 50.0
            return super().__call__(input_ids, scores)

    from transformers import LogitsProcessorList

    out = gen.model.generate(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"], do_sample=False,
                             max_new_tokens=12, logits_processor=LogitsProcessorList([Boost(gen.number_ids, enc["input_ids"])]))
    for row, ids in enumerate(out):
        allowed = set(enc["input_ids"][row].tolist())
        emitted = {int(i) for i in ids} & numeric
        assert emitted <= allowed, tok.convert_ids_to_tokens(sorted(emitted - allowed))


def test_number_constraint_masks_only_absent_numbers() -> None:
    number_ids = [5, 6, 7]
    proc = NumberConstraint(number_ids, torch.tensor([[1, 5, 2]]))
    scores = proc(torch.tensor([[0]]), torch.zeros(1, 10))
    assert scores[0, 5] == 0 and scores[0, 1] == 0
    assert torch.isinf(scores[0, 6]) and torch.isinf(scores[0, 7])


def test_restore_case_and_spacing_from_the_input() -> None:
    source = format_input("can I pay with PayPal?", "We accept PayPal and Apple Pay. Call +49 30 1234 or support@shop.example.")
    assert restore_case("you can pay with paypal.", source) == "You can pay with PayPal."
    assert restore_case("express costs €12. 90 per order.", "costs €12.90 per order") == "Express costs €12.90 per order."
    assert "support@shop.example" in restore_case("email support @ shop. example", source)


@pytest.mark.parametrize(
    "answer, fact, problem",
    [
        ("Express delivery costs €13.90 per order.", FACT, "numbers not in the facts"),
        ("Express delivery takes 1–2 hours.", FACT, "wrong unit"),
        ("Express delivery costs $12.90 per order.", FACT, "wrong unit"),
        ("Yes, cash on delivery is available.", "Cash on delivery is not available.", "negation"),
        ("Cash on delivery is not available.", "Cash on delivery is available.", "negation"),
        ("We ship with DHL and FedEx.", "We ship with DHL and UPS.", "name not in the facts"),
    ],
)
def test_guard_catches_wrong_numbers_units_names_and_negation(answer: str, fact: str, problem: str) -> None:
    assert any(problem in p for p in check(answer, fact)), check(answer, fact)


def test_guard_catches_fluent_answers_about_something_else_and_missing_asked_values() -> None:
    """Measured failure modes of the CPU-trained model (docs/answers.md): lower-case content that
    is not in the input, and an answer that drops the fee the question asked for."""
    trade_in = "You can trade in old smartphones and receive a voucher worth up to €150."
    problems = check("You can pay with klarna, sepa direct debit and apple pay.", trade_in, "what do I get for my old phone?")
    assert any("words not in the facts" in p and "klarna" in p for p in problems)
    facts = ("You can cancel an order free of charge within 12 hours after payment. After those 12 hours, a paid "
             "order can still be cancelled until it ships, for a cancellation fee of €6.50.")
    partial = "You can cancel an order free of charge within 12 hours after payment."
    assert any("asked-for value is missing" in p for p in check(partial, facts, "what's the fee if I cancel after paying?"))
    assert check(partial + " After that the fee is €6.50.", facts, "what's the fee if I cancel after paying?") == []


def test_guard_accepts_every_training_target() -> None:
    """The phrasing the model is taught passes: 0 of 2,000 correct targets are rejected."""
    from shopassist.generation.data import generate

    rejected = [(e.answer, check(e.answer, e.fact, e.question)) for e in generate(2000, seed=3)
                if check(e.answer, e.fact, e.question)]
    assert rejected == []


def test_guard_accepts_faithful_rewordings() -> None:
    assert check("Express delivery costs €12.90 per order.", FACT) == []
    assert check("No, cash on delivery is not available.", "Cash on delivery is not available.") == []
    assert check("You can return items within 30 days of delivery.",
                 "You can return items within 30 days of delivery, without giving a reason.") == []


class FakeKB:
    def select(self, question: str) -> Selection:
        return Selection(question, True, 0.9, [Sentence(FACT, 0.9, 0, 0)], [])


class SlowGenerator:
    def answer(self, question: str, fact: str, tone: str = "neutral") -> GeneratorResult:
        import time

        time.sleep(1.0)
        return GeneratorResult("Express costs €12.90.", True)


class WrongGenerator:
    def answer(self, question: str, fact: str, tone: str = "neutral") -> GeneratorResult:
        text = "Express costs €19.90."
        problems = check(text, fact, question)
        return GeneratorResult(text, not problems, problems)


class CrashingGenerator:
    def answer(self, question: str, fact: str) -> GeneratorResult:
        raise RuntimeError("CUDA error: device-side assert triggered")  # any failure inside the model


class GoodGenerator:
    def answer(self, question: str, fact: str, tone: str = "neutral") -> GeneratorResult:
        return GeneratorResult("Express delivery costs €12.90 per order.", True)


@pytest.mark.parametrize(
    "generator, path, text",
    [
        (SlowGenerator(), "timeout_fallback", FACT),
        (WrongGenerator(), "guard_fallback", FACT),
        (CrashingGenerator(), "error_fallback", FACT),
        (GoodGenerator(), "generator", "Express delivery costs €12.90 per order."),
        (None, "extractive", FACT),
    ],
)
async def test_fallbacks_around_the_generator(generator, path: str, text: str) -> None:
    reply = await answer_question("how much is express?", generation_timeout=0.2, generator=generator,
                                  knowledge_base=lambda: FakeKB())
    assert reply.path == path and reply.text == text and reply.known


async def test_slow_or_crashing_generator_answers_within_the_budget() -> None:
    """Issue #7: a slow or crashing generator still gives the customer the fact, in time."""
    for generator in (SlowGenerator(), CrashingGenerator()):
        started = time.monotonic()
        reply = await answer_question("how much is express?", generation_timeout=0.3, generator=generator,
                                      knowledge_base=lambda: FakeKB())
        assert reply.text == FACT and reply.known
        assert time.monotonic() - started < 0.9  # the SlowGenerator alone takes 1 s


async def test_generator_that_fails_to_load_falls_back_to_the_extractive_answer(monkeypatch) -> None:
    from shopassist.knowledge import answer as answer_module

    def broken() -> None:
        raise OSError("models/generator/final: no such file")

    monkeypatch.setattr("shopassist.generation.get_generator", broken)
    assert answer_module._generator() is None
    reply = await answer_question("how much is express?", knowledge_base=lambda: FakeKB())
    assert reply.path == "extractive" and reply.text == FACT


async def test_event_loop_stays_free_while_generating() -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    await answer_question("q", generation_timeout=0.5, generator=SlowGenerator(), knowledge_base=lambda: FakeKB())
    task.cancel()
    assert ticks > 10


def test_training_continues_from_a_local_seq2seq_checkpoint_given_as_base(tiny_model_dir: Path, tmp_path: Path) -> None:
    """`--base PATH`: any local seq2seq checkpoint (here our own tiny one) is the starting point."""
    from shopassist.generation.model import Generator
    from shopassist.generation.train import train

    metrics = train(tmp_path / "from-base", steps=2, batch_size=2, eval_n=0, base=tiny_model_dir / "final")
    assert metrics["steps"] == 2
    generator = Generator.load(tmp_path / "from-base" / "final")
    assert isinstance(generator.answer("how much is express?", FACT).text, str)
