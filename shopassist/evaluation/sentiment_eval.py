"""Sentiment section of ``make eval``: the trained model's ``sentiment`` output, measured.

English: ``../shared/data/sentiment_dev.csv`` (public airline customer-service tweets, 3
classes; measuring only, never training). Chinese: ``tests/data/sentiment_zh.csv`` (our own
labelled messages, written together with the Chinese lexicon: a development figure) and
``tests/data/sentiment_zh_heldout.csv`` (120 messages written afterwards by a writer who saw
neither the lexicon nor the first file: the honest Chinese figure). Every message goes through
the whole Rasa pipeline (``agent.parse_message``), exactly as in the server; the component's
own time is measured separately on the same texts.
Writes ``sentiment_report.json`` and ``sentiment_summary.md`` next to the NLU report.
"""
from __future__ import annotations

import asyncio
import csv
import json
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from shopassist.evaluation.nlu_eval import REPO_ROOT, confusion_matrix, intent_metrics, percentile, spread_limit

LABELS = ["negative", "neutral", "positive"]
ZH_FILE = REPO_ROOT / "tests" / "data" / "sentiment_zh.csv"
ZH_HELDOUT_FILE = REPO_ROOT / "tests" / "data" / "sentiment_zh_heldout.csv"
# Chinese report key -> (file, title); English comes from the data dir (with a limit and timings)
ZH_SETS = {"chinese": (ZH_FILE, "Chinese: tests/data/sentiment_zh.csv (written with the lexicon)"),
           "chinese_heldout": (ZH_HELDOUT_FILE,
                               "Chinese: tests/data/sentiment_zh_heldout.csv (held out)")}
# every report key -> title, in report order
SETS = {"english": "English: sentiment_dev.csv", **{k: t for k, (_, t) in ZH_SETS.items()}}
TARGETS = {"en_macro_f1": 0.80, "component_p95_ms": 20.0}


def load_labelled(path: Path) -> List[Tuple[str, str]]:
    """(text, label) rows of a ``text,label`` CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["label"]) for row in csv.DictReader(handle) if row.get("label") in LABELS]


def score(gold: Sequence[str], pred: Sequence[str]) -> Dict[str, Any]:
    """Accuracy, macro-F1, per-class P/R/F1 and the confusion matrix (rows gold, columns predicted)."""
    metrics = intent_metrics(gold, pred)
    labels, matrix = confusion_matrix(gold, pred, LABELS)
    return {"n": metrics["n"], "accuracy": metrics["accuracy"], "macro_f1": metrics["macro_f1"],
            "per_class": metrics["per_intent"], "labels": labels, "confusion": matrix}


def _component(agent: Any) -> Optional[Any]:
    """The SentimentAnalyzer instance inside the loaded model's graph (for its own timing)."""
    try:
        from shopassist.nlu.sentiment import SentimentAnalyzer
        runner = agent.processor.graph_runner
        for node in getattr(runner, "_instantiated_nodes", {}).values():
            component = getattr(node, "_component", None)
            if isinstance(component, SentimentAnalyzer):
                return component
    except Exception:  # timing is extra information; the metrics do not need it
        return None
    return None


async def _parse(agent: Any, texts: Sequence[str]) -> Tuple[List[str], List[float]]:
    labels, latencies = [], []
    for text in texts:
        started = time.perf_counter()
        parsed = await agent.parse_message(text)
        latencies.append((time.perf_counter() - started) * 1000.0)
        labels.append(((parsed.get("sentiment") or {}).get("label")) or "missing")
    return labels, latencies


def run_sentiment(agent: Any, data_dir: Path, out_dir: Path, limit: Optional[int] = None) -> Dict[str, Any]:
    """Measure, write the reports, return the figures."""
    english = spread_limit(load_labelled(data_dir / "sentiment_dev.csv"), limit)
    en_pred, en_lat = asyncio.run(_parse(agent, [t for t, _ in english]))
    report: Dict[str, Any] = {
        "english": score([g for _, g in english], en_pred),
        "parse_p50_ms": percentile(en_lat, 50), "parse_p95_ms": percentile(en_lat, 95),
    }
    for name, (path, _) in ZH_SETS.items():
        rows = load_labelled(path)
        predicted, _ = asyncio.run(_parse(agent, [t for t, _ in rows]))
        report[name] = score([g for _, g in rows], predicted)
    component = _component(agent)
    if component is not None and component.model is not None:
        from rasa.shared.nlu.training_data.message import Message
        times = []
        for text, _ in english[:1000]:
            started = time.perf_counter()
            component.process([Message(data={"text": text})])
            times.append((time.perf_counter() - started) * 1000.0)
        report["component_p50_ms"] = percentile(times, 50)
        report["component_p95_ms"] = percentile(times, 95)
        report["english_parts"] = _parts(component, english)
    report["targets"] = [
        {"name": "en_macro_f1", "value": report["english"]["macro_f1"], "target": ">= 0.80",
         "passed": report["english"]["macro_f1"] >= TARGETS["en_macro_f1"]},
        {"name": "component_p95_ms", "value": report.get("component_p95_ms"), "target": "<= 20",
         "passed": (report.get("component_p95_ms") or 1e9) <= TARGETS["component_p95_ms"]},
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "sentiment_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (out_dir / "sentiment_summary.md").write_text(render_markdown(report), encoding="utf-8")
    return report


def _parts(component: Any, english: Sequence[Tuple[str, str]]) -> Dict[str, Any]:
    """Macro-F1 of each model of the component alone (is the average better than either?)."""
    texts, gold = [t for t, _ in english], [g for _, g in english]
    parts = {"n-gram + VADER": component.model.predict(texts)}
    if component.encoder is not None:
        from shopassist.nlu.sentiment_model import LABELS
        proba = component.encoder.predict_proba(texts)
        parts["fine-tuned MiniLM"] = [(LABELS[int(row.argmax())], 0.0) for row in proba]
    return {name: {k: v for k, v in score(gold, [label for label, _ in pred]).items()
                   if k in ("accuracy", "macro_f1")} for name, pred in parts.items()}


def render_markdown(report: Dict[str, Any]) -> str:
    """The sentiment figures as Markdown."""
    lines = ["# Sentiment evaluation", ""]
    for name, title in SETS.items():
        r = report[name]
        lines += [f"## {title} (n = {r['n']})", "",
                  f"accuracy {r['accuracy']:.4f}, macro-F1 {r['macro_f1']:.4f}", "",
                  "| gold \\ predicted | " + " | ".join(r["labels"]) + " | recall |",
                  "|---|" + "---|" * (len(r["labels"]) + 1)]
        for label, row in zip(r["labels"], r["confusion"]):
            lines.append(f"| {label} | " + " | ".join(str(v) for v in row)
                         + f" | {r['per_class'].get(label, {}).get('recall', 0):.3f} |")
        lines.append("")
    if report.get("english_parts"):
        lines += ["## English, each model alone", "", "| model | accuracy | macro-F1 |", "|---|---|---|"]
        lines += [f"| {name} | {r['accuracy']:.4f} | {r['macro_f1']:.4f} |"
                  for name, r in report["english_parts"].items()]
        lines.append("")
    lines += ["## Latency", "",
              f"- whole parse p50 {report['parse_p50_ms']:.1f} ms, p95 {report['parse_p95_ms']:.1f} ms"]
    if "component_p50_ms" in report:
        lines.append(f"- sentiment component p50 {report['component_p50_ms']:.2f} ms, "
                     f"p95 {report['component_p95_ms']:.2f} ms")
    lines += ["", "## Targets", ""]
    for t in report["targets"]:
        lines.append(f"- {t['name']} = {t['value']} (target {t['target']}): {'PASS' if t['passed'] else 'FAIL'}")
    return "\n".join(lines) + "\n"
