"""Language detection: script counts, hysteresis and explicit switch requests (issue 11)."""
from pathlib import Path

import pytest
import yaml

from shopassist.nlu.langdetect import detect, next_language

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("text, expected", [
    ("where is my order?", "en"),
    ("我的订单到哪了", "zh"),
    ("帮我cancel一下这个订单", "zh"),
    ("I want to return this 耳机", "en"),
    ("wo de 订单 dao na le", "zh"),
])
def test_clear_messages_are_detected(text: str, expected: str) -> None:
    assert detect(text).language == expected


@pytest.mark.parametrize("text", ["10000001", "１２３４５６７８", "ok", "👍", "好", "refund",
                                  "alice@example.com", "INV-20000001", "12 Main St", "?"])
def test_ambiguous_messages_keep_the_conversation_language(text: str) -> None:
    assert detect(text).language is None
    assert next_language("zh", text) == "zh"
    assert next_language("en", text) == "en"


@pytest.mark.parametrize("text, expected", [
    ("can we speak Chinese?", "zh"), ("说中文", "zh"), ("Chinese please", "zh"),
    ("说英文吧", "en"), ("English please", "en"), ("我看不懂中文，please speak English", "en"),
])
def test_explicit_switch_requests_win(text: str, expected: str) -> None:
    found = detect(text)
    assert found.switch and found.language == expected


def test_country_names_are_not_switch_requests() -> None:
    assert not detect("do you ship to China?").switch
    assert next_language("zh", "英国能寄吗") == "zh"


def test_accuracy_on_the_mixed_evaluation_set_reaches_the_target() -> None:
    cases = yaml.safe_load((ROOT / "tests/data/lang_detect.yml").read_text(encoding="utf-8"))["cases"]
    assert len(cases) >= 150
    correct = sum(next_language(before, text) == expected for before, expected, text in cases)
    assert correct / len(cases) >= 0.99
