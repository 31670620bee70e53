"""NLU evaluation against the held-out public data (bitext_dev.csv, out_of_scope_dev.txt).

The metric functions in this module are pure Python (no rasa, sklearn or numpy import),
so they can be unit-tested in any virtual environment. Only :func:`load_agent` and
:func:`parse_texts` touch rasa, and they import it lazily.

Run (in the Rasa venv, from the repository root)::

    .venv-rasa/bin/python -m shopassist.evaluation --model models/<model>.tar.gz --out reports/eval
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import json
import math
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data"
REJECT_INTENTS = ("out_of_scope", "nlu_fallback")
OUT_OF_SCOPE_LABEL = "out_of_scope"

# name -> (comparison, threshold)
TARGETS: Dict[str, Tuple[str, float]] = {
    "intent_accuracy": (">=", 0.97),
    "entity_f1.order_id": (">=", 0.95),
    "entity_f1.invoice_id": (">=", 0.95),
    "oos_rejected": (">=", 0.90),
    "in_scope_rejected": ("<=", 0.03),
}

Span = Tuple[str, int, int]  # (entity type, start, end)


@dataclass
class Sample:
    text: str
    intent: str
    entities: List[Span] = field(default_factory=list)


# ---------------------------------------------------------------------------
# data loading
# ---------------------------------------------------------------------------
def load_bitext(path: Path) -> List[Sample]:
    """One sample per row; the row's entity (if any) as an exact character span."""
    samples: Dict[str, Sample] = {}
    order: List[str] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            text = row["instruction"]
            if text not in samples:
                samples[text] = Sample(text, row["intent"].strip(), [])
                order.append(text)
            etype = (row.get("entity_type") or "").strip()
            if etype and row.get("start_offset") not in (None, "") and \
                    row.get("end_offset") not in (None, ""):
                # a few rows carry offsets past the end of the message; clip them to the
                # text (python slicing semantics: the annotated span is what is there)
                start = min(int(row["start_offset"]), len(text))
                end = min(int(row["end_offset"]), len(text))
                span = (etype, start, end)
                if span not in samples[text].entities:
                    samples[text].entities.append(span)
    return [samples[t] for t in order]


def load_out_of_scope(path: Path) -> List[Sample]:
    with open(path, encoding="utf-8") as fh:
        return [Sample(line.strip(), OUT_OF_SCOPE_LABEL) for line in fh if line.strip()]


def spread_limit(items: Sequence, limit: Optional[int]) -> List:
    """At most ``limit`` items taken evenly across the sequence (covers all intents)."""
    items = list(items)
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


# ---------------------------------------------------------------------------
# metrics (pure)
# ---------------------------------------------------------------------------
def _prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def intent_metrics(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """Accuracy, macro-F1 over the gold labels, per-intent P/R/F1 and confusion counts."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    labels = sorted(set(gold))
    per_intent = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        p_, r_, f_ = _prf(tp, fp, fn)
        per_intent[label] = {"precision": p_, "recall": r_, "f1": f_, "support": tp + fn}
    macro_f1 = sum(v["f1"] for v in per_intent.values()) / len(labels) if labels else 0.0
    confusion = Counter((g, p) for g, p in zip(gold, pred) if g != p)
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "macro_f1": macro_f1,
        "per_intent": per_intent,
        "confusions": [{"gold": g, "pred": p, "count": c}
                       for (g, p), c in confusion.most_common()],
    }


def confusion_matrix(gold: Sequence[str], pred: Sequence[str],
                     labels: Optional[Sequence[str]] = None) -> Tuple[List[str], List[List[int]]]:
    """Rows = gold, columns = predicted. Labels default to the union, gold first."""
    if labels is None:
        gold_labels = sorted(set(gold))
        labels = gold_labels + sorted(set(pred) - set(gold_labels))
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g in index and p in index:
            matrix[index[g]][index[p]] += 1
    return list(labels), matrix


def entity_metrics(gold: Sequence[Iterable[Span]], pred: Sequence[Iterable[Span]]) -> dict:
    """Exact-span entity scores: a prediction is correct only with the same type and
    identical start and end. Duplicate predictions of one span count once."""
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    gold_types = set()
    for g_spans, p_spans in zip(gold, pred):
        g_set, p_set = set(g_spans), set(p_spans)
        for etype, _, _ in g_set:
            gold_types.add(etype)
        for span in p_set:
            counts[span[0]]["tp" if span in g_set else "fp"] += 1
        for span in g_set - p_set:
            counts[span[0]]["fn"] += 1
    per_type = {}
    for etype, c in sorted(counts.items()):
        p_, r_, f_ = _prf(c["tp"], c["fp"], c["fn"])
        per_type[etype] = {"precision": p_, "recall": r_, "f1": f_,
                           "support": c["tp"] + c["fn"], "predicted": c["tp"] + c["fp"], **c}
    # micro average over the entity types annotated in the gold data
    tp = sum(counts[t]["tp"] for t in gold_types)
    fp = sum(counts[t]["fp"] for t in gold_types)
    fn = sum(counts[t]["fn"] for t in gold_types)
    p_, r_, f_ = _prf(tp, fp, fn)
    return {"per_type": per_type,
            "micro": {"precision": p_, "recall": r_, "f1": f_, "tp": tp, "fp": fp, "fn": fn},
            "gold_types": sorted(gold_types)}


def duplicate_spans(pred: Sequence[Sequence[Span]]) -> int:
    """Number of predicted entities whose (type, start, end) occurs twice in one message."""
    return sum(len(spans) - len(set(spans)) for spans in pred)


def rejection_rate(pred: Sequence[str], reject: Sequence[str] = REJECT_INTENTS) -> float:
    return sum(p in reject for p in pred) / len(pred) if pred else 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), like numpy's default."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    if lo == hi:
        return xs[int(k)]
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def check_targets(figures: Dict[str, float],
                  targets: Dict[str, Tuple[str, float]] = TARGETS) -> List[dict]:
    rows = []
    for name, (op, threshold) in targets.items():
        value = figures.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            passed = False
        else:
            passed = value >= threshold if op == ">=" else value <= threshold
        rows.append({"name": name, "value": value, "target": f"{op} {threshold}",
                     "passed": passed})
    return rows


def build_report(in_scope: Sequence[Sample], in_pred: Sequence[dict],
                 oos: Sequence[Sample], oos_pred: Sequence[dict],
                 latencies_ms: Sequence[float], meta: Optional[dict] = None) -> dict:
    """Assemble the full report from samples and parse results.

    Each parse result is ``{"intent": str, "confidence": float,
    "entities": [(type, start, end), ...]}``.
    """
    gold_intents = [s.intent for s in in_scope]
    pred_intents = [p["intent"] for p in in_pred]
    intents = intent_metrics(gold_intents, pred_intents)
    entities = entity_metrics([s.entities for s in in_scope], [p["entities"] for p in in_pred])
    oos_rejected = rejection_rate([p["intent"] for p in oos_pred])
    in_rejected = rejection_rate(pred_intents)
    figures = {
        "intent_accuracy": intents["accuracy"],
        "intent_macro_f1": intents["macro_f1"],
        "oos_rejected": oos_rejected,
        "in_scope_rejected": in_rejected,
        "entity_micro_f1": entities["micro"]["f1"],
        "latency_p50_ms": percentile(latencies_ms, 50),
        "latency_p95_ms": percentile(latencies_ms, 95),
    }
    for etype, m in entities["per_type"].items():
        figures[f"entity_f1.{etype}"] = m["f1"]
    errors = [
        {"text": s.text, "gold": s.intent, "pred": p["intent"],
         "confidence": round(p.get("confidence", 0.0), 4)}
        for s, p in zip(in_scope, in_pred) if s.intent != p["intent"]
    ]
    entity_errors = [
        {"text": s.text, "gold": sorted(s.entities), "pred": sorted(set(p["entities"]))}
        for s, p in zip(in_scope, in_pred) if set(s.entities) != set(p["entities"])
    ]
    oos_accepted = [
        {"text": s.text, "pred": p["intent"], "confidence": round(p.get("confidence", 0.0), 4)}
        for s, p in zip(oos, oos_pred) if p["intent"] not in REJECT_INTENTS
    ]
    return {
        "meta": meta or {},
        "figures": figures,
        "targets": check_targets(figures),
        "intents": intents,
        "entities": entities,
        "duplicate_entity_spans": duplicate_spans([p["entities"] for p in in_pred]),
        "oos": {"n": len(oos), "rejected": oos_rejected,
                "predicted": dict(Counter(p["intent"] for p in oos_pred).most_common())},
        "errors": {"intent": errors[:500], "entity": entity_errors[:500],
                   "oos_accepted": oos_accepted[:500]},
    }


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


def render_markdown(report: dict) -> str:
    meta = report.get("meta", {})
    lines = ["# NLU evaluation", ""]
    for k in ("model", "data", "in_scope_n", "oos_n", "limit", "seconds"):
        if k in meta:
            lines.append(f"- {k}: `{meta[k]}`")
    lines += ["", "## Targets", "", "| figure | value | target | result |", "|---|---|---|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['name']} | {_fmt(t['value'])} | {t['target']} | "
                     f"{'PASS' if t['passed'] else 'FAIL'} |")
    f = report["figures"]
    lines += ["", "## Summary", "", "| figure | value |", "|---|---|"]
    for k in ("intent_accuracy", "intent_macro_f1", "entity_micro_f1", "oos_rejected",
              "in_scope_rejected", "latency_p50_ms", "latency_p95_ms"):
        lines.append(f"| {k} | {_fmt(f[k])} |")
    lines.append(f"| duplicate entity spans | {report['duplicate_entity_spans']} |")
    lines += ["", "## Entities (exact spans)", "",
              "| type | precision | recall | F1 | support | predicted |", "|---|---|---|---|---|---|"]
    for etype, m in report["entities"]["per_type"].items():
        lines.append(f"| {etype} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | "
                     f"{m['support']} | {m['predicted']} |")
    lines += ["", "## Intents", "", "| intent | precision | recall | F1 | support |",
              "|---|---|---|---|---|"]
    for intent, m in report["intents"]["per_intent"].items():
        lines.append(f"| {intent} | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | "
                     f"{m['support']} |")
    lines += ["", "## Top confusions (gold -> predicted)", ""]
    for c in report["intents"]["confusions"][:25]:
        lines.append(f"- {c['gold']} -> {c['pred']}: {c['count']}")
    lines += ["", "## Out-of-scope predictions", ""]
    for intent, count in list(report["oos"]["predicted"].items())[:20]:
        lines.append(f"- {intent}: {count}")
    return "\n".join(lines) + "\n"


def plot_confusion(labels: Sequence[str], matrix: Sequence[Sequence[int]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    size = max(8, len(labels) * 0.38)
    fig, ax = plt.subplots(figsize=(size, size))
    # row-normalised colours, raw counts as text
    norm = [[v / max(1, sum(row)) for v in row] for row in matrix]
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)))
    ax.set_yticks(range(len(labels)))
    ax.set_xticklabels(labels, rotation=90, fontsize=7)
    ax.set_yticklabels(labels, fontsize=7)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=5,
                        color="white" if norm[i][j] > 0.5 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title("Intent confusion (bitext dev + out-of-scope)")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


# ---------------------------------------------------------------------------
# model access (rasa, lazily imported)
# ---------------------------------------------------------------------------
def newest_model(models_dir: Path) -> Path:
    candidates = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not candidates:
        raise FileNotFoundError(f"no *.tar.gz model under {models_dir}")
    return candidates[-1]


def load_agent(model_path: Path):
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import logging

    from rasa.core.agent import Agent  # lazy on purpose: metric code stays rasa-free

    try:
        from rasa.utils.common import configure_logging_and_warnings
        from rasa.utils.log_utils import configure_structlog

        configure_logging_and_warnings(logging.WARNING)
        configure_structlog(logging.WARNING)
    except Exception:  # pragma: no cover - logging setup is best effort
        logging.getLogger("rasa").setLevel(logging.WARNING)
    return Agent.load(str(model_path))


def to_prediction(parsed: dict) -> dict:
    intent = parsed.get("intent") or {}
    return {
        "intent": intent.get("name") or "",
        "confidence": float(intent.get("confidence") or 0.0),
        "entities": [(e["entity"], int(e["start"]), int(e["end"]))
                     for e in parsed.get("entities") or []],
    }


async def parse_texts(agent, texts: Sequence[str]) -> Tuple[List[dict], List[float]]:
    preds, latencies = [], []
    for text in texts:
        t0 = time.perf_counter()
        parsed = await agent.parse_message(text)
        latencies.append((time.perf_counter() - t0) * 1000.0)
        preds.append(to_prediction(parsed))
    return preds, latencies


def sklearn_cross_check(gold: Sequence[str], pred: Sequence[str]) -> Optional[dict]:
    try:
        from sklearn.metrics import accuracy_score, f1_score
    except ImportError:  # pragma: no cover - sklearn ships with rasa
        return None
    labels = sorted(set(gold))
    return {"accuracy": float(accuracy_score(gold, pred)),
            "macro_f1": float(f1_score(gold, pred, labels=labels, average="macro",
                                       zero_division=0))}


def run(model: Path, data_dir: Path, out_dir: Path, limit: Optional[int] = None) -> dict:
    started = time.perf_counter()
    in_scope = spread_limit(load_bitext(data_dir / "bitext_dev.csv"), limit)
    oos = spread_limit(load_out_of_scope(data_dir / "out_of_scope_dev.txt"), limit)
    agent = load_agent(model)
    # warm-up parse so that graph/tf initialisation does not count as latency
    asyncio.run(parse_texts(agent, ["hello"]))

    async def _all():
        a = await parse_texts(agent, [s.text for s in in_scope])
        b = await parse_texts(agent, [s.text for s in oos])
        return a, b

    (in_pred, in_lat), (oos_pred, oos_lat) = asyncio.run(_all())
    meta = {"model": str(model), "data": str(data_dir), "in_scope_n": len(in_scope),
            "oos_n": len(oos), "limit": limit,
            "seconds": round(time.perf_counter() - started, 1)}
    report = build_report(in_scope, in_pred, oos, oos_pred, in_lat + oos_lat, meta)
    report["sklearn"] = sklearn_cross_check([s.intent for s in in_scope],
                                            [p["intent"] for p in in_pred])
    if report["sklearn"]:
        report["figures"]["intent_macro_f1"] = report["sklearn"]["macro_f1"]

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "nlu_report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (out_dir / "nlu_summary.md").write_text(render_markdown(report), encoding="utf-8")
    labels, matrix = confusion_matrix(
        [s.intent for s in in_scope] + [s.intent for s in oos],
        [p["intent"] for p in in_pred] + [p["intent"] for p in oos_pred])
    plot_confusion(labels, matrix, out_dir / "nlu_confusion.png")
    # issue 5: the sentiment output of the same model (sentiment_report.json / sentiment_summary.md)
    from shopassist.evaluation.sentiment_eval import run_sentiment
    report["sentiment"] = run_sentiment(agent, data_dir, out_dir, limit)
    # Chinese and English (issue 11): held-out Chinese set + language detection, same model
    from shopassist.evaluation import zh_eval

    report["zh"] = zh_eval.evaluate(agent, out_dir)
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.evaluation",
                                     description="Evaluate a trained Rasa NLU model.")
    parser.add_argument("--model", type=Path, default=None,
                        help="model .tar.gz (default: newest under models/)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR,
                        help="directory with bitext_dev.csv and out_of_scope_dev.txt")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "reports" / "eval")
    parser.add_argument("--limit", type=int, default=None,
                        help="evaluate at most N messages of each set (smoke run)")
    args = parser.parse_args(argv)
    model = args.model or newest_model(REPO_ROOT / "models")
    report = run(model, args.data, args.out, args.limit)
    f = report["figures"]
    print(f"model: {model}")
    print(f"intent accuracy {f['intent_accuracy']:.4f}  macro-F1 {f['intent_macro_f1']:.4f}  "
          f"entity micro-F1 {f['entity_micro_f1']:.4f}")
    for etype, m in report["entities"]["per_type"].items():
        print(f"  entity {etype:18s} P {m['precision']:.3f} R {m['recall']:.3f} "
              f"F1 {m['f1']:.3f} (n={m['support']}, pred={m['predicted']})")
    print(f"OOS rejected {f['oos_rejected']:.4f}  in-scope rejected {f['in_scope_rejected']:.4f}  "
          f"latency p50 {f['latency_p50_ms']:.1f} ms p95 {f['latency_p95_ms']:.1f} ms")
    for t in report["targets"]:
        print(f"  [{'PASS' if t['passed'] else 'FAIL'}] {t['name']} = {_fmt(t['value'])} "
              f"(target {t['target']})")
    print("top confusions:", ", ".join(f"{c['gold']}->{c['pred']}:{c['count']}"
                                       for c in report["intents"]["confusions"][:12]))
    sentiment = report.get("sentiment")
    if sentiment:
        from shopassist.evaluation.sentiment_eval import SETS

        for name in SETS:
            r = sentiment[name]
            print(f"sentiment {name}: accuracy {r['accuracy']:.4f}  macro-F1 {r['macro_f1']:.4f}  "
                  f"(n={r['n']}) confusion {r['labels']} {r['confusion']}")
        print(f"sentiment component p95 {sentiment.get('component_p95_ms')} ms")
    from shopassist.evaluation import zh_eval

    zh_eval.print_summary(report["zh"])
    print(f"reports written to {args.out}")
    targets = report["targets"] + report["zh"]["targets"]
    return 0 if all(t["passed"] for t in targets) else 1
