"""Chinese NLU data: every intent covered, entity spans valid, the test set never trained on."""
import re
from pathlib import Path

import yaml

from shopassist.nlu.zh import generate as zh

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


# set only by button payloads (the CSAT rating), never typed: no training examples in any language
BUTTON_ONLY = {"csat_rate"}


def test_every_domain_intent_has_chinese_training_examples() -> None:
    examples = zh.generate()
    for intent in set(DOMAIN["intents"]) - BUTTON_ONLY:
        assert len(examples.get(intent, [])) >= 40, intent


def test_entity_spans_cover_the_annotated_text_and_ids_keep_their_digits() -> None:
    for intent, exs in zh.generate().items():
        for ex in exs:
            for start, end, entity, value in ex.entities:
                surface = ex.text[start:end]
                assert surface and surface == surface.strip(), (intent, ex.text)
                if entity == "order_id":
                    assert re.fullmatch(r"[#＃]?[0-9０-９]{6,15}", surface), ex.text


def test_full_width_and_chinese_numeral_forms_are_generated() -> None:
    texts = [ex.text for exs in zh.generate().values() for ex in exs]
    assert any(re.search(r"[０-９]{6,}", t) for t in texts)
    assert any(re.search(r"[一二三四五六七八九]百", t) for t in texts)
    assert any("¥" in t or "￥" in t for t in texts)


def test_the_held_out_test_set_is_large_enough_and_never_generated() -> None:
    data = yaml.safe_load((ROOT / "tests/data/zh_nlu_test.yml").read_text(encoding="utf-8"))["intents"]
    assert len(data["out_of_scope"]) >= 60
    for intent in set(DOMAIN["intents"]) - BUTTON_ONLY:
        assert len(data.get(intent, [])) >= 10, intent
    held_out = zh.load_test_texts()
    generated = {zh.normalise(ex.text) for exs in zh.generate(avoid=held_out).values() for ex in exs}
    assert not generated & held_out


def test_committed_chinese_data_is_what_the_generator_writes(tmp_path: Path) -> None:
    written = zh.write_yaml(zh.generate(avoid=zh.load_test_texts()), tmp_path)
    for path in written:
        assert path.read_text(encoding="utf-8") == (ROOT / "data/nlu" / path.name).read_text(encoding="utf-8"), path.name
