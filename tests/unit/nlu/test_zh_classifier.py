"""ChineseCharIntentClassifier (run in the Rasa venv): trained on the Chinese examples only, it
re-ranks Chinese messages, survives persistence, leaves English messages as DIET ranked them,
and stays off when there is too little Chinese data."""

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = r'''
import json, tempfile
from pathlib import Path
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from shopassist.nlu.zh_classifier import (ChineseCharIntentClassifier, is_chinese, mix_rankings,
                                          normalise)

context = ExecutionContext(GraphSchema({}), "test")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
heads = ["", "亲，", "你好，", "麻烦问下，", "在吗，"]
tails = ["", "呀", "？", "，谢谢", "啊"]
zh = {"track_order": ["我的快递到哪了", "包裹现在在哪里", "物流信息查一下", "订单{n}到哪了"],
      "cancel_order": ["我要取消订单", "这单不要了", "帮我撤销订单{n}", "取消掉吧"],
      "thank": ["谢谢", "多谢了", "感谢帮忙", "辛苦了谢谢"]}
examples = []
for intent, texts in zh.items():
    for i, (text, head, tail) in enumerate((t, h, e) for t in texts for h in heads for e in tails):
        examples.append(Message(data={"text": head + text.format(n=10000000 + i) + tail, "intent": intent}))
english = [Message(data={"text": f"where is my parcel {i}", "intent": "track_order"}) for i in range(30)]
data = TrainingData(examples + english)

def trained(name, config, training):
    component = ChineseCharIntentClassifier.create(
        {**ChineseCharIntentClassifier.get_default_config(), **config}, storage, Resource(name), context)
    component.train(training)
    return ChineseCharIntentClassifier.load(component._config, storage, Resource(name), context)

DIET = [{"name": "cancel_order", "confidence": 0.6}, {"name": "track_order", "confidence": 0.4}]

def parse(component, text):
    message = Message(data={"text": text})
    message.set("intent", dict(DIET[0]), add_to_output=True)
    message.set("intent_ranking", [dict(r) for r in DIET], add_to_output=True)
    component.process([message])
    return message.get("intent"), message.get("intent_ranking")

full = trained("zh", {"weight": 1.0}, data)
half = trained("zh_half", {"weight": 0.5}, data)
off = trained("zh_off", {}, TrainingData(examples[:10] + english))
out = {
    "persisted": full.model is not None,
    "classes": sorted(full.model.classes_),
    "zh": parse(full, "亲，请问我的包裹到哪儿了"),
    "zh_thanks": parse(full, "太谢谢了"),
    "en": parse(full, "where is my parcel"),
    "half": parse(half, "亲，请问我的包裹到哪儿了"),
    "half_proba": dict(zip(half.model.classes_,
                           half.model.predict_proba(["亲，请问我的包裹到哪儿了"])[0].tolist())),
    "off_model": off.model is None,
    "off": parse(off, "我的快递到哪了"),
    "is_chinese": [is_chinese(t) for t in ("嗨", "我要refund", "I want to return this 耳机", "12345678", "hello")],
    "normalise": normalise("订单号１２３４５６７８ ＯＫ！"),
    "mix": mix_rankings([{"name": "a", "confidence": 0.8}, {"name": "b", "confidence": 0.2}],
                        {"b": 0.9, "c": 0.1}, 0.5),
}
print(json.dumps(out, ensure_ascii=False))
'''


def _run() -> dict:
    proc = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_chinese_character_classifier() -> None:
    out = _run()
    assert out["persisted"] and out["classes"] == ["cancel_order", "thank", "track_order"]
    # Chinese messages are decided by the character model, not the (wrong) DIET ranking.
    intent, ranking = out["zh"]
    assert intent["name"] == "track_order" and ranking[0] == intent
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
    assert out["zh_thanks"][0]["name"] == "thank"
    # English messages keep DIET's ranking untouched.
    assert out["en"] == [{"name": "cancel_order", "confidence": 0.6},
                         [{"name": "cancel_order", "confidence": 0.6},
                          {"name": "track_order", "confidence": 0.4}]]
    # weight 0.5 averages the two rankings.
    intent, ranking = out["half"]
    expected = {name: 0.5 * out["half_proba"].get(name, 0.0)
                + 0.5 * {"cancel_order": 0.6, "track_order": 0.4}.get(name, 0.0)
                for name in out["half_proba"]}
    assert {r["name"]: round(r["confidence"], 6) for r in ranking} == \
        {k: round(v, 6) for k, v in expected.items()}
    assert intent["name"] == max(expected, key=expected.get)
    # Too little Chinese data: nothing trained, messages untouched.
    assert out["off_model"] and out["off"][0] == {"name": "cancel_order", "confidence": 0.6}
    assert out["is_chinese"] == [True, True, False, False, False]
    assert out["normalise"] == "订单号0 ok!"
    assert [r["name"] for r in out["mix"]] == ["b", "a", "c"]
    assert [round(r["confidence"], 3) for r in out["mix"]] == [0.55, 0.4, 0.05]
