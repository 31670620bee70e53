"""LanguageDIETClassifier (run in the Rasa venv): each instance trains on its language's
examples only, ranks only its language's messages, and survives persistence."""

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
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from shopassist.nlu.language_diet import LanguageDIETClassifier
from shopassist.nlu.tokenizer import ShopTokenizer

context = ExecutionContext(GraphSchema({}), "test")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
tokenizer = ShopTokenizer(ShopTokenizer.get_default_config())
en = {"track_order": ["where is my parcel", "track my order", "where is my package now"],
      "cancel_order": ["cancel my order", "please cancel the order", "I want to cancel it"]}
# "thank" exists in Chinese only: the English instance must never learn it
zh = {"track_order": ["我的快递到哪了", "包裹现在在哪里", "查一下物流"],
      "cancel_order": ["我要取消订单", "这单不要了", "帮我撤销订单"],
      "thank": ["谢谢", "多谢了", "感谢帮忙"]}
examples = [Message(data={"text": f"{text} {tail}".strip(), "intent": intent})
            for data in (en, zh) for intent, texts in data.items() for text in texts
            for tail in ("", "!", "?", "pls", "thx")]
data = TrainingData(examples)
tokenizer.process_training_data(data)
featurizer = CountVectorsFeaturizer.create(
    {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 1,
     "max_ngram": 3}, storage, Resource("cv"), context)
featurizer.train(data)
featurizer.process_training_data(data)

def trained(language):
    config = {**LanguageDIETClassifier.get_default_config(), "language": language, "epochs": 60,
              "number_of_transformer_layers": 0, "entity_recognition": False, "random_seed": 1}
    LanguageDIETClassifier.create(config, storage, Resource(f"diet_{language}"), context).train(data)
    return LanguageDIETClassifier.load(config, storage, Resource(f"diet_{language}"), context)

def parse(components, text):
    message = Message(data={"text": text})
    tokenizer.process([message])
    featurizer.process([message])
    for component in components:
        component.process([message])
    ranking = message.get("intent_ranking") or []
    return {"intent": (message.get("intent") or {}).get("name"),
            "labels": sorted(r["name"] for r in ranking)}

english, chinese = trained("en"), trained("zh")
out = {
    "en_alone_en": parse([english], "where is my parcel?"),
    "en_alone_zh": parse([english], "我的包裹到哪了"),
    "zh_alone_en": parse([chinese], "where is my parcel?"),
    "zh_alone_zh": parse([chinese], "我的包裹到哪了"),
    "both_en": parse([english, chinese], "where is my parcel?"),
    "both_zh": parse([english, chinese], "我的包裹到哪了"),
    "digits": parse([english, chinese], "10000001"),
}
print(json.dumps(out, ensure_ascii=False))
'''


def _run() -> dict:
    proc = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_one_diet_per_language() -> None:
    out = _run()
    # each instance ranks its own language's messages and leaves the others untouched
    assert out["en_alone_en"]["intent"] == "track_order"
    assert out["en_alone_zh"] == {"intent": None, "labels": []}
    assert out["zh_alone_en"] == {"intent": None, "labels": []}
    assert out["zh_alone_zh"]["intent"] == "track_order"
    # trained on its language's examples only: the Chinese-only intent is unknown to English
    assert out["both_en"]["labels"] == ["cancel_order", "track_order"]
    assert out["both_zh"]["labels"] == ["cancel_order", "thank", "track_order"]
    assert out["both_en"]["intent"] == "track_order" and out["both_zh"]["intent"] == "track_order"
    # a message in neither script (digits) is English's, as for the character classifier
    assert out["digits"]["labels"] == ["cancel_order", "track_order"]
