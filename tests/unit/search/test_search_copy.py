"""Marketing copy: the template writer always passes the grounding guard; the guard rejects
prices, materials, features and brands that are not the product's."""

import pytest

from shopassist.evaluation.search import evaluate_copy, rouge_l
from shopassist.search.copy import STYLES, guard, main, template_copy, write_copy


def test_every_template_copy_is_grounded(shop, catalog):
    for p in catalog.values():
        for style in STYLES:
            text = template_copy(p, style)
            assert guard(text, p) == [], (p.sku, text)


@pytest.mark.parametrize("text,problem", [
    ("A waterproof t-shirt for everyday wear.", "feature not in the facts: waterproof"),
    ("A soft t-shirt made of silk.", "material not in the facts: silk"),
    ("Only €9.99 this week!", "price not the product's: €9.99"),
    ("Nike quality in black.", "another brand: Nike"),
    ("Backed by a 5-year warranty.", "numbers not in the facts"),
    ("This t-shirt is not breathable.", "negation differs from the fact"),
])
def test_guard_rejects_unsupported_claims(shop, catalog, text, problem):
    problems = guard(text, catalog["APP-0001"])
    assert any(problem in p for p in problems), problems


def test_guard_accepts_the_facts(shop, catalog):
    assert guard("The Urbanline Organic T-Shirt in black, made of organic cotton, for €19.49.", catalog["APP-0001"]) == []


def test_write_copy_without_a_model_uses_the_template(shop, catalog):
    copy = write_copy(catalog["OUT-0001"], "promo", use_generator=False)
    assert copy.writer == "template" and "€124.00" in copy.text and not copy.rejected_drafts


def test_rouge_l():
    assert rouge_l("the red jacket", "the red jacket") == 1.0
    assert rouge_l("", "x") == 0.0
    assert 0 < rouge_l("a warm red jacket", "the red jacket is warm") < 1


def test_copy_report(shop):
    report = evaluate_copy()
    assert report["products"] >= 15 and report["rouge_l"] > 0.3
    assert report["rejection_rate"] <= 1.0 and report["candidates"] >= 2 * 120


def test_cli(shop, capsys):
    assert main(["APP-0001", "NOPE-1", "--no-generator"]) == 0
    out = capsys.readouterr().out
    assert "APP-0001 [template]" in out and "NOPE-1: no such product" in out
    assert main([]) == 2
