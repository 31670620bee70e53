"""Chinese NLU and language-detection evaluation (issue 11), part of ``make eval``.

* Chinese NLU on the held-out test set ``tests/data/zh_nlu_test.yml`` (own writing, never
  trained on): intent accuracy, macro-F1, order_id exact-span F1, out-of-scope rejection and
  in-scope loss, with the same metric code as the English report.
* The same figures on ``tests/data/zh_nlu_test_fresh.yml`` (``zh_fresh.*``, no targets): a second
  held-out set written before the third round of training templates, which was shaped by the
  first set's errors, so it is the unbiased estimate of that round.
* Language detection on ``tests/data/lang_detect.yml`` (short, code-switched and ambiguous
  messages with the language before each one): accuracy of the conversation language after
  the message, i.e. detection plus hysteresis.

Metric code is pure Python; only :func:`evaluate` needs a loaded Rasa agent.
"""
from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from shopassist.evaluation.nlu_eval import (
    OUT_OF_SCOPE_LABEL, Sample, build_report, check_targets, parse_texts)
from shopassist.nlu.langdetect import next_language

REPO_ROOT = Path(__file__).resolve().parents[2]
ZH_TEST = REPO_ROOT / "tests" / "data" / "zh_nlu_test.yml"
ZH_FRESH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_fresh.yml"
LANG_TEST = REPO_ROOT / "tests" / "data" / "lang_detect.yml"
_MARKUP = re.compile(r"\[([^\]]+)\]\((\w+)\)")

TARGETS: Dict[str, Tuple[str, float]] = {
    "zh.intent_accuracy": (">=", 0.95),
    "zh.entity_f1.order_id": (">=", 0.95),
    "zh.oos_rejected": (">=", 0.90),
    "zh.in_scope_rejected": ("<=", 0.03),
    "language_detection_accuracy": (">=", 0.99),
}


def parse_markup(line: str) -> Tuple[str, List[Tuple[str, int, int]]]:
    """``"订单[123](order_id)到哪了"`` -> text and exact entity spans."""
    text, spans, pos = "", [], 0
    for m in _MARKUP.finditer(line):
        text += line[pos:m.start()]
        spans.append((m.group(2), len(text), len(text) + len(m.group(1))))
        text += m.group(1)
        pos = m.end()
    return text + line[pos:], spans


def load_zh_test(path: Path = ZH_TEST) -> Tuple[List[Sample], List[Sample]]:
    """In-scope and out-of-scope samples of the Chinese test set."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))["intents"]
    in_scope, oos = [], []
    for intent, lines in data.items():
        for line in lines:
            text, spans = parse_markup(line)
            (oos if intent == OUT_OF_SCOPE_LABEL else in_scope).append(Sample(text, intent, spans))
    return in_scope, oos


def language_detection(path: Path = LANG_TEST) -> dict:
    """Accuracy of the conversation language after each message of the mixed set."""
    import yaml

    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    errors = [{"before": before, "expected": expected, "text": text,
               "got": next_language(before, text)}
              for before, expected, text in cases if next_language(before, text) != expected]
    return {"n": len(cases), "accuracy": 1 - len(errors) / len(cases), "errors": errors}


def evaluate(agent, out_dir: Path) -> dict:
    """Chinese NLU + language detection report; writes zh_report.json / zh_summary.md."""
    report = _nlu_report(agent, ZH_TEST)
    fresh = _nlu_report(agent, ZH_FRESH) if ZH_FRESH.exists() else None
    detection = language_detection()
    figures = {f"zh.{k}": v for k, v in report["figures"].items()}
    figures["zh.entity_f1.order_id"] = report["figures"].get("entity_f1.order_id", 0.0)
    if fresh is not None:
        figures.update({f"zh_fresh.{k}": v for k, v in fresh["figures"].items()
                        if k in ("intent_accuracy", "intent_macro_f1", "oos_rejected", "in_scope_rejected")})
    figures["language_detection_accuracy"] = detection["accuracy"]
    result = {"figures": figures, "targets": check_targets(figures, TARGETS),
              "intents": report["intents"], "entities": report["entities"],
              "errors": report["errors"], "language_detection": detection,
              "fresh_errors": fresh["errors"] if fresh else None}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "zh_report.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                            encoding="utf-8")
    (out_dir / "zh_summary.md").write_text(render_markdown(result), encoding="utf-8")
    return result


def _nlu_report(agent, path: Path) -> dict:
    """Parse one held-out set and score it with the English report's metric code."""
    in_scope, oos = load_zh_test(path)

    async def _all():
        return (await parse_texts(agent, [s.text for s in in_scope]),
                await parse_texts(agent, [s.text for s in oos]))

    (in_pred, in_lat), (oos_pred, oos_lat) = asyncio.run(_all())
    return build_report(in_scope, in_pred, oos, oos_pred, in_lat + oos_lat,
                        {"data": str(path), "in_scope_n": len(in_scope), "oos_n": len(oos)})


def render_markdown(result: dict) -> str:
    """Short Markdown summary of :func:`evaluate`'s result."""
    lines = ["# Chinese NLU and language detection", "", "| figure | value | target | result |",
             "|---|---|---|---|"]
    for t in result["targets"]:
        lines.append(f"| {t['name']} | {t['value']:.4f} | {t['target']} | "
                     f"{'PASS' if t['passed'] else 'FAIL'} |")
    f = result["figures"]
    if "zh_fresh.intent_accuracy" in f:
        lines += ["", f"Second held-out set (zh_nlu_test_fresh.yml): intent accuracy {f['zh_fresh.intent_accuracy']:.4f}, "
                      f"macro-F1 {f['zh_fresh.intent_macro_f1']:.4f}, OOS rejected {f['zh_fresh.oos_rejected']:.4f}, "
                      f"in-scope rejected {f['zh_fresh.in_scope_rejected']:.4f}"]
    lines += ["", f"- zh intent macro-F1: {f['zh.intent_macro_f1']:.4f}",
              f"- language detection: {result['language_detection']['n']} messages", "",
              "## Intent errors", ""]
    lines += [f"- {e['text']}: {e['gold']} -> {e['pred']} ({e['confidence']})"
              for e in result["errors"]["intent"]]
    lines += ["", "## Out-of-scope accepted", ""]
    lines += [f"- {e['text']}: {e['pred']}" for e in result["errors"]["oos_accepted"]]
    return "\n".join(lines) + "\n"


def print_summary(result: dict, lines: Sequence[str] = ()) -> None:
    """Console lines for ``make eval``."""
    f = result["figures"]
    print(f"[zh] intent accuracy {f['zh.intent_accuracy']:.4f}  macro-F1 "
          f"{f['zh.intent_macro_f1']:.4f}  order_id F1 {f['zh.entity_f1.order_id']:.4f}  "
          f"OOS rejected {f['zh.oos_rejected']:.4f}  in-scope rejected "
          f"{f['zh.in_scope_rejected']:.4f}")
    if "zh_fresh.intent_accuracy" in f:
        print(f"[zh, second held-out set] intent accuracy {f['zh_fresh.intent_accuracy']:.4f}  macro-F1 "
              f"{f['zh_fresh.intent_macro_f1']:.4f}  OOS rejected {f['zh_fresh.oos_rejected']:.4f}  "
              f"in-scope rejected {f['zh_fresh.in_scope_rejected']:.4f}")
    print(f"language detection accuracy {f['language_detection_accuracy']:.4f} "
          f"(n={result['language_detection']['n']})")
    for t in result["targets"]:
        print(f"  [{'PASS' if t['passed'] else 'FAIL'}] {t['name']} = {t['value']:.4f} "
              f"(target {t['target']})")
