"""Fine-tune MiniLM as a 3-class sentiment classifier and export it to ONNX for the Rasa server.

Why: the n-gram + VADER model of :mod:`shopassist.nlu.sentiment_model` only knows the words of
our templates; a fine-tuned MiniLM carries general-language meaning ("thanks for nothing",
"how do you lose a pilot?"), and the average of the two is better than either
(docs/sentiment.md). The Rasa environment has no torch, so training happens here (the app
environment) and the Rasa component runs the exported graph with onnxruntime (5–6 ms a message).

Training data: :func:`shopassist.nlu.sentiment_data.generate`, our own templates, the same
messages the n-gram model is fitted on. The shared measurement file is never read here.

Usage: ``python -m shopassist.sentiment.encoder_training --out models/sentiment-encoder``
(``make sentiment-encoder``). Output: ``model.onnx`` (mean-pooled, normalised MiniLM + linear head,
inputs ``input_ids``/``attention_mask``, output ``probabilities``), ``tokenizer.json`` and
``meta.json`` (labels, training settings).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, List, Optional, Sequence

from shopassist.nlu import sentiment_data
from shopassist.nlu.sentiment_model import LABELS, normalise

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1


@dataclass
class EncoderTrainingConfig:
    """Settings of one fine-tuning run (all recorded in meta.json)."""

    per_label: int = 1500          # size of the generated set (see sentiment_data.MIX)
    seed: int = 7                  # generator and torch seed
    epochs: float = 1.0            # the templates are learnt within one pass; more overfits them
    batch_size: int = 32
    learning_rate: float = 3e-5
    label_smoothing: float = 0.1   # keeps the probabilities soft for the ensemble average
    logit_scale: float = 20.0      # the pooled vector is unit-length; the head sees it scaled
    max_length: int = 64           # tokens; customer messages are short
    threads: int = 2


def _classifier(encoder_path: Path, scale: float) -> Any:
    """MiniLM + mean pooling + L2 norm + linear head, as one torch module returning logits."""
    import torch
    from transformers import AutoModel

    class SentimentClassifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(encoder_path))
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(LABELS))
            self.scale = scale
            self.probabilities = False  # logits for training; probabilities in the export

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            logits = self.head(torch.nn.functional.normalize(pooled, dim=-1) * self.scale)
            return logits.softmax(-1) if self.probabilities else logits

    return SentimentClassifier()


@dataclass
class FineTuned:
    """A fine-tuned classifier (torch, returning probabilities), its tokenizer and its record."""

    model: Any
    tokenizer: Any
    encoder_path: Path
    meta: dict


def fine_tune(config: Optional[EncoderTrainingConfig] = None, encoder_path: Optional[Path] = None,
              max_steps: Optional[int] = None) -> FineTuned:
    """Fine-tune MiniLM + head on generated messages (``max_steps`` caps the run, for tests)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import torch
    from transformers import AutoTokenizer

    from shopassist.knowledge.embedder import model_path

    config = config or EncoderTrainingConfig()
    encoder_path = Path(encoder_path or model_path())
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    tokenizer = AutoTokenizer.from_pretrained(str(encoder_path))
    model = _classifier(encoder_path, config.logit_scale)

    samples = sentiment_data.generate(config.per_label, config.seed)
    texts = [normalise(text) for text, _ in samples]
    targets = torch.tensor([LABELS.index(label) for _, label in samples])
    steps = max(1, int(len(texts) * config.epochs / config.batch_size))
    if max_steps is not None:
        steps = min(steps, max_steps)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=0.01)
    warmup = max(1, int(0.1 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / steps))

    rng = random.Random(config.seed)
    order: List[int] = []
    model.train()
    started = time.perf_counter()
    from tqdm import tqdm

    for _ in tqdm(range(steps), desc="sentiment encoder", unit="step", mininterval=5):
        if len(order) < config.batch_size:
            fresh = list(range(len(texts)))
            rng.shuffle(fresh)
            order.extend(fresh)
        batch, order = order[:config.batch_size], order[config.batch_size:]
        encoded = tokenizer([texts[i] for i in batch], padding=True, truncation=True,
                            max_length=config.max_length, return_tensors="pt")
        logits = model(encoded["input_ids"], encoded["attention_mask"])
        loss = torch.nn.functional.cross_entropy(logits, targets[batch],
                                                 label_smoothing=config.label_smoothing)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
    seconds = time.perf_counter() - started
    logger.info("fine-tuned %d steps in %.0f s (last loss %.3f)", steps, seconds, loss.item())

    model.eval()
    model.probabilities = True
    meta = {"format": FORMAT_VERSION, "labels": list(LABELS), "base": str(encoder_path),
            "steps": steps, "train_seconds": round(seconds, 1), "samples": len(texts),
            "final_loss": round(loss.item(), 4), **asdict(config)}
    return FineTuned(model, tokenizer, encoder_path, meta)


def save(tuned: FineTuned, out_dir: Path, quantize: bool = True) -> Path:
    """Write model.onnx, tokenizer.json and meta.json into ``out_dir`` (the Rasa component's input).

    ``quantize``: int8 weights (onnxruntime dynamic quantization): 23 instead of 90 MB and about
    3x faster on the CPU, for 0.005 macro-F1 (measured, docs/sentiment.md).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    tuned.meta["quantized"] = quantize
    shutil.copyfile(tuned.encoder_path / "tokenizer.json", out_dir / "tokenizer.json")
    (out_dir / "meta.json").write_text(json.dumps(tuned.meta, indent=2), encoding="utf-8")
    # the graph last: model.onnx is make's target, so a run cut short is redone next time
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        full = out_dir / "model-float.onnx"
        export_onnx(tuned.model, tuned.tokenizer, full)
        tmp = out_dir / "model.onnx.tmp"
        root, level = logging.getLogger(), logging.getLogger().level
        root.setLevel(logging.ERROR)  # onnxruntime logs a "pre-process first" advice on the root logger
        try:
            quantize_dynamic(str(full), str(tmp), weight_type=QuantType.QInt8)
        finally:
            root.setLevel(level)
        tmp.replace(out_dir / "model.onnx")
        full.unlink()
    else:
        export_onnx(tuned.model, tuned.tokenizer, out_dir / "model.onnx")
    return out_dir


def export_onnx(model: Any, tokenizer: Any, path: Path) -> None:
    """Trace ``model(input_ids, attention_mask)`` into an ONNX graph with dynamic batch and length."""
    import torch

    sample = tokenizer(["hello there", "where is my parcel?"], padding=True, return_tensors="pt")
    tmp = path.with_suffix(".onnx.tmp")
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about BERT's internals; the test compares outputs
        torch.onnx.export(model, (sample["input_ids"], sample["attention_mask"]), str(tmp),
                          input_names=["input_ids", "attention_mask"], output_names=["probabilities"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                                        "attention_mask": {0: "batch", 1: "tokens"},
                                        "probabilities": {0: "batch"}},
                          opset_version=14, dynamo=False)
    tmp.replace(path)  # a half-written file never sits at the final path


def main(argv: Optional[Sequence[str]] = None) -> int:
    """CLI: ``--out DIR`` (default models/sentiment-encoder), ``--max-steps N`` for a quick run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("models/sentiment-encoder"))
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--threads", type=int, default=EncoderTrainingConfig.threads)
    parser.add_argument("--no-quantize", action="store_true", help="keep float32 weights (90 MB, ~3x slower)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = save(fine_tune(EncoderTrainingConfig(threads=args.threads), max_steps=args.max_steps), args.out,
               quantize=not args.no_quantize)
    print(f"sentiment encoder written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
