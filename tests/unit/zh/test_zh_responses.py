"""Every response has a Chinese variation; action-built text exists in both languages."""
import re
from pathlib import Path

import yaml

from shopassist import texts

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def _languages(variation: dict) -> set:
    return {c["value"] for c in variation.get("condition") or [] if c.get("name") == "language"}


def test_the_language_slot_follows_the_shared_contract() -> None:
    assert DOMAIN["slots"]["language"] == {
        "type": "categorical", "values": ["en", "zh"], "initial_value": "en",
        "influence_conversation": False, "mappings": [{"type": "custom"}]}
    assert "action_validate_slot_mappings" in DOMAIN["actions"]


def test_every_response_has_exactly_one_chinese_variation_in_chinese() -> None:
    for name, variations in DOMAIN["responses"].items():
        zh = [v for v in variations if "zh" in _languages(v)]
        assert len(zh) == 1, name
        assert HAN.search(zh[0]["text"]), name


def test_chinese_variations_use_the_same_placeholders_and_buttons() -> None:
    for name, variations in DOMAIN["responses"].items():
        english = next(v for v in variations if not v.get("condition"))
        zh = next(v for v in variations if "zh" in _languages(v))
        assert set(re.findall(r"\{(\w+)\}", english["text"])) == set(re.findall(r"\{(\w+)\}", zh["text"])), name
        assert [b["payload"] for b in english.get("buttons", [])] == [b["payload"] for b in zh.get("buttons", [])], name
        for button in zh.get("buttons", []):
            assert HAN.search(button["title"]) or re.fullmatch(r"[⭐ 0-9]+", button["title"]), (name, button)


def test_other_conditional_variations_are_english_only() -> None:
    # Rasa picks at random among all matching conditional variations, so a task-specific English
    # variation must not also match a Chinese conversation.
    for name, variations in DOMAIN["responses"].items():
        for variation in variations:
            if variation.get("condition"):
                assert _languages(variation) in ({"en"}, {"zh"}), name


def test_the_catalogue_has_every_entry_in_both_languages() -> None:
    for key, entry in texts.TEXTS.items():
        assert set(entry) == {"en", "zh"}, key
        assert set(re.findall(r"\{(\w+)\}", entry["en"])) == set(re.findall(r"\{(\w+)\}", entry["zh"])), key
    assert texts.reason("already_shipped", "zh") == "订单已发货。收到后您可以申请退货。"
    assert texts.reason("unknown-code", "zh") == texts.TEXTS["reason.default"]["zh"]
    assert texts.status_name("shipped", "zh") == "已发货"
    assert texts.lang_of("fr") == "en"


def test_the_channels_apology_follows_the_message_language() -> None:
    assert HAN.search(texts.apology_for("我的订单到哪了？"))
    assert texts.apology_for("where is my order?").startswith("Sorry, something went wrong")
    assert texts.apology_for("10000003").startswith("Sorry")  # undecided: English
