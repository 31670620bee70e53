"""The fine-tuned MiniLM sentiment encoder: trained here (torch), run in the Rasa venv (onnxruntime).

A short real fine-tuning (a few steps on a small generated set) gives a small but real artefact;
the checks are that the exported graph computes what the torch model computes, that the Rasa
component averages it in, and that a missing or broken encoder leaves the n-gram model working.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from shopassist.sentiment.encoder_training import EncoderTrainingConfig, FineTuned, fine_tune, save

ROOT = Path(__file__).resolve().parents[3]
RASA_PY = ROOT / ".venv-rasa" / "bin" / "python"
TEXTS = ["my parcel is two weeks late and nobody answers", "thank you, the jacket is perfect!",
         "can i change the delivery address?", "thanks for nothing", "@shop where is order 10000003?"]


@pytest.fixture(scope="module")
def tuned() -> FineTuned:
    return fine_tune(EncoderTrainingConfig(per_label=60, threads=2), max_steps=4)


@pytest.fixture(scope="module")
def encoder_dir(tuned: FineTuned, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save(tuned, tmp_path_factory.mktemp("sentiment-encoder"))  # int8, as `make` builds it


@pytest.fixture(scope="module")
def float_dir(tuned: FineTuned, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save(tuned, tmp_path_factory.mktemp("sentiment-encoder-float"), quantize=False)


def _in_rasa_venv(script: str, *args: str) -> dict:
    run = subprocess.run([str(RASA_PY), "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(run.stdout.strip().splitlines()[-1])


ONNX_SCRIPT = r'''
import json, sys
from shopassist.nlu.sentiment_encoder import load_encoder
encoder = load_encoder(sys.argv[1])
texts = json.loads(sys.argv[2])
print(json.dumps({"proba": encoder.predict_proba(texts).tolist(), "meta": encoder.meta}))
'''


def test_the_exported_graph_computes_what_the_torch_model_computes(
        tuned: FineTuned, encoder_dir: Path, float_dir: Path) -> None:
    import torch

    from shopassist.nlu.sentiment_model import normalise

    encoded = tuned.tokenizer([normalise(t) for t in TEXTS], padding=True, return_tensors="pt")
    with torch.no_grad():
        expected = tuned.model(encoded["input_ids"], encoded["attention_mask"])
    # float32: the same numbers; int8: near them (after 4 steps the head is sharp relative to the
    # weights, so rounding moves probabilities by up to ~0.15; on the trained model the macro-F1
    # changes by 0.005, measured by `make eval`)
    for directory, tolerance, quantized in ((float_dir, 1e-4, False), (encoder_dir, 0.2, True)):
        assert sorted(p.name for p in directory.iterdir()) == ["meta.json", "model.onnx", "tokenizer.json"]
        result = _in_rasa_venv(ONNX_SCRIPT, str(directory), json.dumps(TEXTS))
        assert result["meta"]["labels"] == ["negative", "neutral", "positive"]
        assert result["meta"]["steps"] == 4 and result["meta"]["samples"] > 100
        assert result["meta"]["quantized"] is quantized
        proba = torch.tensor(result["proba"])
        assert proba.shape == (len(TEXTS), 3)
        assert torch.allclose(proba.sum(-1), torch.ones(len(TEXTS)), atol=1e-4)
        assert torch.allclose(proba, expected, atol=tolerance), (directory, proba, expected)
    assert (encoder_dir / "model.onnx").stat().st_size < (float_dir / "model.onnx").stat().st_size / 3


COMPONENT_SCRIPT = r'''
import json, sys, tempfile
from pathlib import Path
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from shopassist.nlu.sentiment import SentimentAnalyzer

texts = json.loads(sys.argv[2])
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
context = ExecutionContext(GraphSchema({}), "test")
out = {}
for name, encoder_dir in (("with", sys.argv[1]), ("without", None), ("missing", "/nonexistent/dir"),
                          ("broken", sys.argv[3])):
    config = {**SentimentAnalyzer.get_default_config(), "per_label": 300, "encoder_dir": encoder_dir}
    resource = Resource("sentiment")
    if name == "with":
        SentimentAnalyzer.create(config, storage, resource, context).train(TrainingData())
    component = SentimentAnalyzer.load(config, storage, resource, context)
    messages = [Message(data={"text": t}) for t in texts]
    component.process(messages)
    out[name] = {"sentiment": [m.get("sentiment") for m in messages],
                 "encoder": component.encoder is not None}
    if name == "with":
        ngram = component.model.predict_proba(texts)
        onnx = component.encoder.predict_proba(texts)
        out["expected_scores"] = [round(float(0.5 * (a[2] - a[0]) + 0.5 * (b[2] - b[0])), 4)
                                  for a, b in zip(ngram, onnx)]

        class Failing:  # an encoder that breaks at inference time (e.g. a runtime error)
            def predict_proba(self, batch):
                raise RuntimeError("onnxruntime failed")

        component.encoder = Failing()
        messages = [Message(data={"text": t}) for t in texts]
        component.process(messages)
        out["failing"] = {"sentiment": [m.get("sentiment") for m in messages], "encoder": False}
print(json.dumps(out))
'''


def test_component_averages_the_encoder_in_and_works_without_it(encoder_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("tokenizer.json", "meta.json"):
        (broken / name).write_bytes((encoder_dir / name).read_bytes())
    (broken / "model.onnx").write_bytes(b"\x00not an onnx graph")
    result = _in_rasa_venv(COMPONENT_SCRIPT, str(encoder_dir), json.dumps(TEXTS), str(broken))
    assert result["with"]["encoder"] is True
    assert [s["score"] for s in result["with"]["sentiment"]] == pytest.approx(result["expected_scores"], abs=2e-4)
    for name in ("without", "missing", "broken", "failing"):  # the n-gram model alone, the same for all
        assert result[name]["encoder"] is False
        assert result[name]["sentiment"] == result["without"]["sentiment"]
    assert result["without"]["sentiment"][0]["label"] == "negative"
    assert result["without"]["sentiment"][1]["label"] == "positive"
