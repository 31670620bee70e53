"""ExactMatchIntentClassifier (run in the Rasa venv): short training examples decide the intent
of a message equal to them; values (e-mail, order number, phone) are matched by their entity
type, so "my email is bob@example.com" is the inform example "my email is lars@mail.de"
whatever DIET thinks; ambiguous examples and longer messages are left to DIET."""

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
from shopassist.nlu.exact_match import ExactMatchIntentClassifier, masked

def example(text, intent, *entities):
    spans = []
    for entity, value in entities:
        start = text.index(value)
        spans.append({"entity": entity, "value": value, "start": start, "end": start + len(value)})
    return Message(data={"text": text, "intent": intent, "entities": spans})

data = TrainingData([
    example("hi", "greet"),
    example("thanks", "thank"),
    example("ok", "affirm"), example("ok", "thank"),  # ambiguous: forgotten
    example("my email is lars@mail.de", "inform", ("email", "lars@mail.de")),
    example("邮箱是sunny@sina.com", "inform", ("email", "sunny@sina.com")),
    example("sign up lars@mail.de for the newsletter please", "newsletter_subscription", ("email", "lars@mail.de")),
    example("order 10000001 please", "track_order", ("order_id", "10000001")),
    example("order 10000002 please", "cancel_order", ("order_id", "10000002")),  # ambiguous
    example("i live in Berlin", "inform", ("delivery_city", "Berlin")),  # value not masked: skipped
    example("could you please tell me where my order 10000001 is right now", "track_order",
            ("order_id", "10000001")),  # longer than six words
])
context = ExecutionContext(GraphSchema({}), "test")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
component = ExactMatchIntentClassifier.create(ExactMatchIntentClassifier.get_default_config(), storage,
                                              Resource("em"), context)
component.train(data)
loaded = ExactMatchIntentClassifier.load(component._config, storage, Resource("em"), context)

DIET = [{"name": "newsletter_subscription", "confidence": 0.68}, {"name": "inform", "confidence": 0.2}]

def parse(text, *entities):
    message = example(text, None, *entities)
    message.data.pop("intent")
    message.set("intent", dict(DIET[0]), add_to_output=True)
    message.set("intent_ranking", [dict(r) for r in DIET], add_to_output=True)
    loaded.process([message])
    return message.get("intent")["name"], message.get("intent")["confidence"], message.get("intent_ranking")[0]["name"]

print(json.dumps({
    "matches": loaded.matches,
    "email": parse("My email is bob@example.com!", ("email", "bob@example.com")),
    "zh_email": parse("邮箱是 bob@qq.com", ("email", "bob@qq.com")),
    "hi": parse("Hi!"),
    "ok": parse("ok"),
    "ambiguous_order": parse("order 10000009 please", ("order_id", "10000009")),
    "other_value": parse("thanks", ("person_name", "thanks")),
    "longer": parse("my email is bob@example.com and I want the newsletter", ("email", "bob@example.com")),
    "masked_overlap": masked("abc", [{"entity": "email", "start": 0, "end": 2}, {"entity": "phone", "start": 1, "end": 3}], ["email", "phone"]),
    "masked_two": masked("call 555-1234 or a@b.de", [{"entity": "phone", "start": 5, "end": 13}, {"entity": "email", "start": 17, "end": 23}], ["email", "phone"]),
}, ensure_ascii=False))
'''


def _run() -> dict:
    proc = subprocess.run([str(RASA_PY), "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_exact_and_masked_matches() -> None:
    out = _run()
    assert out["matches"] == {
        "hi": "greet", "thanks": "thank", "my email is ent_email": "inform", "邮箱是 ent_email": "inform"}
    # a one-value reply is inform whatever DIET ranked first, in either language
    assert out["email"] == ["inform", 1.0, "inform"]
    assert out["zh_email"] == ["inform", 1.0, "inform"]
    assert out["hi"] == ["greet", 1.0, "greet"]
    # ambiguous, too long, or equal to nothing remembered: DIET's ranking stays
    for case in ("ok", "ambiguous_order", "longer"):
        assert out[case] == ["newsletter_subscription", 0.68, "newsletter_subscription"], case
    # a value of a type that is not masked does not hide an exact match of the text
    assert out["other_value"] == ["thank", 1.0, "thank"]
    assert out["masked_overlap"] is None
    assert out["masked_two"] == "call ent_phone or ent_email"
