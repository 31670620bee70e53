"""The Rasa NLU component (run in the Rasa venv): trains, persists, loads, labels every message."""

import csv
import json
import subprocess
from pathlib import Path

from shopassist.nlu import sentiment_data
from shopassist.nlu.sentiment_model import chinese_score

ROOT = Path(__file__).resolve().parents[3]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"
DEV = ROOT.parent / "shared" / "data" / "sentiment_dev.csv"

SCRIPT = r'''
import json, sys, tempfile
from pathlib import Path
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from shopassist.nlu.sentiment import SentimentAnalyzer

storage = LocalModelStorage(Path(tempfile.mkdtemp()))
resource = Resource("sentiment")
context = ExecutionContext(GraphSchema({}), "test")
config = SentimentAnalyzer.get_default_config()  # as in config.yml
component = SentimentAnalyzer.create(config, storage, resource, context)
component.train(TrainingData())
loaded = SentimentAnalyzer.load(config, storage, resource, context)
texts = ["This is the worst service ever, my parcel is two weeks late and nobody answers!",
         "Thank you so much, the jacket is perfect!", "Can I change the delivery address of my order?",
         "", "差评！快递太慢了", "谢谢，问题解决了", "我想查一下订单 10000003 的物流",
         "WHERE IS MY ORDER?? I HAVE BEEN WAITING FOR TEN DAYS"]
messages = [Message(data={"text": t}) for t in texts]
loaded.process(messages)
out = [m.get("sentiment") for m in messages]
in_output = all("sentiment" in m.as_dict(only_output_properties=True) for m in messages)
empty = SentimentAnalyzer.load(config, LocalModelStorage(Path(tempfile.mkdtemp())), Resource("none"), context)
untrained = empty.process([Message(data={"text": "awful"})])[0].get("sentiment")
print(json.dumps({"out": out, "in_output": in_output, "untrained": untrained}))
'''


def test_component_trains_persists_loads_and_labels_every_message() -> None:
    run = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    labels = [r["label"] for r in result["out"]]
    assert labels == ["negative", "positive", "neutral", "neutral", "negative", "positive", "neutral", "negative"]
    assert all(-1.0 <= r["score"] <= 1.0 for r in result["out"])
    assert result["out"][0]["score"] < 0 < result["out"][1]["score"]
    assert result["in_output"]  # so it shows in /model/parse and the tracker's parse_data
    assert result["untrained"] == {"label": "neutral", "score": 0.0}


def test_generated_training_data_is_deterministic_and_covers_all_labels() -> None:
    first = sentiment_data.generate(200, seed=3)
    assert first == sentiment_data.generate(200, seed=3)
    labels = {label for _, label in first}
    assert labels == {"negative", "neutral", "positive"}
    assert len({text for text, _ in first}) == len(first)


def test_training_data_shares_no_message_with_the_measurement_file() -> None:
    if not DEV.exists():
        return  # the shared data is not part of a fresh clone; hygiene is checked where it is
    dev = {row["text"].strip().lower() for row in csv.DictReader(DEV.open(encoding="utf-8"))}
    ours = {text.strip().lower() for text, _ in sentiment_data.generate(1500)}
    assert not ours & dev


def test_chinese_lexicon_on_our_labelled_messages() -> None:
    rows = list(csv.DictReader((ROOT / "tests" / "data" / "sentiment_zh.csv").open(encoding="utf-8")))
    assert len(rows) >= 30
    correct = sum(chinese_score(r["text"])[0] == r["label"] for r in rows)
    assert correct / len(rows) >= 0.85, correct / len(rows)
    assert chinese_score("不满意")[0] == "negative"
    assert chinese_score("不错")[0] == "positive"
    assert chinese_score("呵呵")[0] == "negative"
    assert chinese_score("！！！")[0] == "negative"
