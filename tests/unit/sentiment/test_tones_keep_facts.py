"""Tone variations in domain.yml: same facts (placeholders) as the original, a Chinese version each."""

import re
import string
from pathlib import Path

import yaml

from shopassist.sentiment.tone import TONED, acknowledgement, toned_response

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())
RESPONSES = DOMAIN["responses"]
ISSUE5_RESPONSES = ["utter_tone_ack", "utter_tone_ack_repeat", "utter_offer_handoff", "utter_handoff_queued",
                    "utter_handoff_callback", "utter_handoff_declined", "utter_handoff_ended", "utter_csat_request",
                    "utter_csat_thanks", "utter_csat_invalid"]
SAMPLE = {"order_id": "10000003", "items": "1× Trail Runner", "status": "shipped", "status_detail": "DHL 00340434",
          "eta_detail": "arrives 2026-11-28", "reason": "it has already shipped.", "refund_text": "€282.05 back",
          "amount": "€287.00", "min_days": 5, "max_days": 7, "kind": "complaint", "ticket": "T-000123"}
FACT_RE = re.compile(r"\d[\d.,:-]*|T-\d+|€[\d.,]+")


def placeholders(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def variations(name: str):
    return RESPONSES[name]


def english(name: str):
    return [v for v in variations(name)
            if not any(c.get("name") == "language" and c.get("value") == "zh" for c in v.get("condition", []))]


def test_every_toned_response_has_its_variants_with_identical_placeholders() -> None:
    for name, tones in TONED.items():
        original = {frozenset(placeholders(v["text"])) for v in variations(name)}
        assert len(original) == 1, name
        for tone_name in tones:
            variant = toned_response(name, tone_name)
            assert variant == f"{name}_{tone_name}" and variant in RESPONSES, variant
            for v in variations(variant):
                assert placeholders(v["text"]) == set(next(iter(original))), (variant, v["text"])


def test_rendered_facts_are_identical_across_tones() -> None:
    for name, tones in TONED.items():
        base = english(name)[0]["text"].format(**SAMPLE)
        for tone_name in tones:
            for v in english(f"{name}_{tone_name}"):
                rendered = v["text"].format(**SAMPLE)
                assert sorted(FACT_RE.findall(rendered)) == sorted(FACT_RE.findall(base)), (name, rendered)
                for value in SAMPLE.values():
                    if f"{value}" in base:
                        assert f"{value}" in rendered


def test_neutral_tone_and_missing_variants_fall_back_to_the_original() -> None:
    assert toned_response("utter_order_status", "neutral") == "utter_order_status"
    assert toned_response("utter_greet", "calm") == "utter_greet"
    assert toned_response("utter_order_eta", "friendly") == "utter_order_eta"
    assert acknowledgement("calm", 0.2) == "utter_tone_ack"
    assert acknowledgement("calm", 0.9) == "utter_tone_ack_repeat"
    assert acknowledgement("friendly", 0.0) == ""


def test_every_new_response_has_english_first_and_a_chinese_variation() -> None:
    new = ISSUE5_RESPONSES + [f"{n}_{t}" for n, ts in TONED.items() for t in ts]
    for name in new:
        vs = variations(name)
        assert "condition" not in vs[0], name  # English default first
        zh = [v for v in vs if any(c.get("name") == "language" and c.get("value") == "zh"
                                   for c in v.get("condition", []))]
        assert zh and re.search(r"[\u4e00-\u9fff]", zh[0]["text"]), name


def test_calm_acknowledgements_are_conditioned_on_the_tone_slot() -> None:
    conditions = [c for v in variations("utter_tone_ack") for c in v.get("condition", [])]
    assert {"type": "slot", "name": "tone", "value": "calm"} in conditions
    assert DOMAIN["slots"]["tone"]["values"] == ["calm", "neutral", "friendly"]
    assert DOMAIN["slots"]["language"] == {"type": "categorical", "values": ["en", "zh"], "initial_value": "en",
                                           "influence_conversation": False, "mappings": [{"type": "custom"}]}
