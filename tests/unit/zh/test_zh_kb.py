"""Chinese knowledge base: same facts as the English one, rendered from Settings, answered
by lexical retrieval with "I don't know" for off-topic questions (issue 11)."""
from pathlib import Path

import yaml

from shopassist.knowledge.answer import answer_question_sync, question_language
from shopassist.knowledge.documents import PLACEHOLDER, load_documents, placeholder_values
from shopassist.knowledge.zh_retrieval import ZhKnowledgeBase
from shopassist.settings import get_settings

ROOT = Path(__file__).resolve().parents[3]
KB = ROOT / "kb"


def test_both_languages_have_the_same_documents_with_the_same_placeholders() -> None:
    en = {p.name: set(PLACEHOLDER.findall(p.read_text(encoding="utf-8"))) for p in (KB / "en").glob("*.md")}
    zh = {p.name: set(PLACEHOLDER.findall(p.read_text(encoding="utf-8"))) for p in (KB / "zh").glob("*.md")}
    assert en == zh


def test_chinese_and_english_documents_state_the_values_the_shop_enforces() -> None:
    cfg = get_settings()
    enforced = ["return_window_days", "cancellation_grace_hours", "cancellation_fee", "refund_days_min",
                "refund_days_max", "standard_days_min", "express_days_max", "standard_shipping_fee",
                "express_shipping_fee", "free_shipping_threshold", "support_phone", "support_email"]
    for language in ("en", "zh"):
        text = " ".join(d.text for d in load_documents(KB, language))
        values = placeholder_values(cfg, language)
        assert "{" not in text, language
        for name in enforced:
            assert values[name] in text, (language, name)
    assert str(cfg.return_window_days) in placeholder_values(cfg, "zh")["return_window_days"]
    assert "欧元" in " ".join(d.text for d in load_documents(KB, "zh"))


def test_chinese_questions_are_answered_from_the_chinese_documents() -> None:
    data = yaml.safe_load((ROOT / "tests/data/kb_questions_zh.yml").read_text(encoding="utf-8"))
    kb = ZhKnowledgeBase.load(KB)
    answered = sum(1 for q, source, fact in data["answerable"]
                   if (sel := kb.select(q)).known and fact in sel.text and sel.hits[0].passage.source == source)
    assert answered / len(data["answerable"]) >= 0.85
    assert not any(kb.select(q).known for q in data["idk"])


def test_answer_routes_chinese_questions_to_the_chinese_documents() -> None:
    assert question_language("退货要付运费吗") == "zh" and question_language("do I pay for returns?") == "en"
    reply = answer_question_sync("取消订单要收手续费吗")
    assert reply.known and str(get_settings().cancellation_grace_hours) in reply.text and "手续费" in reply.text
    unknown = answer_question_sync("明天天气怎么样")
    assert not unknown.known and "人工" in unknown.text
