"""PersistedCRFEntityExtractor (run in the Rasa venv): loads its fitted CRFs instead of refitting,
extracts what Rasa's own extractor extracts, and refits when the stored taggers are unusable."""

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
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.featurizers.sparse_featurizer.lexical_syntactic_featurizer import LexicalSyntacticFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from shopassist.nlu.crf import TAGGERS_FILE, PersistedCRFEntityExtractor

context = ExecutionContext(GraphSchema({}), "test")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
examples = []
for number in (str(10000000 + 7919 * i) for i in range(40)):
    for template in ("where is order {n}", "cancel {n} please", "my order number is {n}", "status of {n} ?"):
        text = template.format(n=number)
        start = text.index(number)
        examples.append(Message(data={"text": text, "intent": "track_order", "entities": [
            {"start": start, "end": start + len(number), "value": number, "entity": "order_id"}]}))
data = TrainingData(examples)
tokenizer.process_training_data(data)
# the CRF trains only on messages that have features (as in config.yml, a featurizer runs first)
featurizer = LexicalSyntacticFeaturizer.create(LexicalSyntacticFeaturizer.get_default_config(), storage,
                                               Resource("lexical"), context)
featurizer.train(data)
featurizer.process_training_data(data)

def fresh(name):
    return Resource(name)

config = PersistedCRFEntityExtractor.get_default_config()
resource = fresh("crf")
PersistedCRFEntityExtractor.create(config, storage, resource, context).train(data)
stored = sorted(p.name for p in (storage._storage_path / "crf").iterdir())

refits = []
original = CRFEntityExtractor.train_model.__func__
def counting(cls, *args, **kwargs):
    refits.append(1)
    return original(cls, *args, **kwargs)
CRFEntityExtractor.train_model = classmethod(counting)

def extract(component, text):
    message = Message(data={"text": text})
    tokenizer.process([message])
    featurizer.process([message])
    component.process([message])
    return [(e["entity"], e["value"]) for e in message.get("entities", [])]

texts = ["where is order 99887766", "cancel 44443333 please", "hello there"]
loaded = PersistedCRFEntityExtractor.load(config, storage, resource, context)
fast = [extract(loaded, t) for t in texts]
refits_on_load = len(refits)
stock = CRFEntityExtractor.load(config, storage, resource, context)  # Rasa's way: refit the dataset
slow = [extract(stock, t) for t in texts]
(storage._storage_path / "crf" / TAGGERS_FILE).write_bytes(b"not a pickle")
refits.clear()
broken = PersistedCRFEntityExtractor.load(config, storage, resource, context)
after_break = [extract(broken, t) for t in texts]
print(json.dumps({"stored": stored, "refits_on_load": refits_on_load, "fast": fast, "slow": slow,
                  "after_break": after_break, "refits_after_break": len(refits)}))
'''


def test_loads_stored_taggers_without_refitting_and_extracts_the_same_entities() -> None:
    run = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert "crf_taggers.pkl" in result["stored"] and "crf_dataset.json" in result["stored"]
    assert result["refits_on_load"] == 0
    assert result["fast"][0] == [["order_id", "99887766"]]
    assert result["fast"][1] == [["order_id", "44443333"]]
    assert result["fast"][2] == []
    assert result["fast"] == result["slow"]  # the same CRFs as Rasa's own refitting gives
    assert result["after_break"] == result["fast"]  # an unreadable pickle: refit, nothing lost
    assert result["refits_after_break"] == 1
