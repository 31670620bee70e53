"""Chinese NLU and language-detection evaluation (issue 11), part of ``make eval``.

* Chinese NLU on the held-out test set ``tests/data/zh_nlu_test.yml`` (own writing, never
  trained on): intent accuracy, macro-F1, order_id exact-span F1, out-of-scope rejection and
  in-scope loss, with the same metric code as the English report.
* The same figures on ``tests/data/zh_nlu_test_fresh.yml`` (``zh_fresh.*``, no targets): a second
  held-out set written before the third round of training templates, which was shaped by the
  first set's errors, so it is the unbiased estimate of that round; and on
  ``tests/data/zh_nlu_test_third.yml`` (``zh_third.*``), written before the character n-gram
  classifier of session 5 was built or tuned (the first two sets chose its settings); and on
  ``tests/data/zh_nlu_test_fourth.yml`` (``zh_fourth.*``), written before the fourth round of
  templates, which was written after reading the third set's errors; and on
  ``tests/data/zh_nlu_test_fifth.yml`` (``zh_fifth.*``), written before any session-6 change;
  and on ``tests/data/zh_nlu_test_sixth.yml`` (``zh_sixth.*``), written before any session-7
  change by a writer who saw neither the training data nor the earlier sets; and on
  ``tests/data/zh_nlu_test_seventh.yml`` (``zh_seventh.*``), written the same way before any
  session-8 change.
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
    OUT_OF_SCOPE_LABEL, Sample, build_report, check_targets, entity_metrics, parse_texts)
from shopassist.nlu.langdetect import next_language

REPO_ROOT = Path(__file__).resolve().parents[2]
ZH_TEST = REPO_ROOT / "tests" / "data" / "zh_nlu_test.yml"
ZH_FRESH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_fresh.yml"
ZH_THIRD = REPO_ROOT / "tests" / "data" / "zh_nlu_test_third.yml"
ZH_FOURTH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_fourth.yml"
ZH_FIFTH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_fifth.yml"
ZH_SIXTH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_sixth.yml"
ZH_SEVENTH = REPO_ROOT / "tests" / "data" / "zh_nlu_test_seventh.yml"
# Further held-out sets: figure prefix -> (file, label in the reports).
EXTRA_SETS = {"zh_fresh": (ZH_FRESH, "second held-out set"),
              "zh_third": (ZH_THIRD, "third held-out set"),
              "zh_fourth": (ZH_FOURTH, "fourth held-out set"),
              "zh_fifth": (ZH_FIFTH, "fifth held-out set"),
              "zh_sixth": (ZH_SIXTH, "sixth held-out set"),
              "zh_seventh": (ZH_SEVENTH, "seventh held-out set")}
_EXTRA_FIGURES = ("intent_accuracy", "intent_macro_f1", "oos_rejected", "in_scope_rejected")
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
    parsed = {"zh": _parse_set(agent, ZH_TEST)}
    parsed.update({prefix: _parse_set(agent, path) for prefix, (path, _) in EXTRA_SETS.items()
                   if path.exists()})
    reports = {prefix: _nlu_report(sets, path) for prefix, (sets, path) in parsed.items()}
    report = reports.pop("zh")
    detection = language_detection()
    figures = {f"zh.{k}": v for k, v in report["figures"].items()}
    figures["zh.entity_f1.order_id"] = report["figures"].get("entity_f1.order_id", 0.0)
    for prefix, extra_report in reports.items():
        figures.update({f"{prefix}.{k}": v for k, v in extra_report["figures"].items()
                        if k in _EXTRA_FIGURES})
    # Entities of every set together: one set has 2-6 cities, names or amounts, too few to read.
    pooled = entity_metrics([s.entities for (in_scope, in_pred, *_), _ in parsed.values() for s in in_scope],
                            [p["entities"] for (in_scope, in_pred, *_), _ in parsed.values() for p in in_pred])
    figures.update({f"zh_all.entity_f1.{etype}": m["f1"] for etype, m in pooled["per_type"].items()})
    figures["language_detection_accuracy"] = detection["accuracy"]
    result = {"figures": figures, "targets": check_targets(figures, TARGETS),
              "intents": report["intents"], "entities": report["entities"],
              "entities_all_sets": pooled,
              "errors": report["errors"], "language_detection": detection,
              **{f"{prefix}_errors": r["errors"] for prefix, r in reports.items()}}
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "zh_report.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                            encoding="utf-8")
    (out_dir / "zh_summary.md").write_text(render_markdown(result), encoding="utf-8")
    return result


def _pooled_entity_line(result: dict) -> str:
    """Entity F1 per type over all held-out sets, with the number of gold spans."""
    per_type = result.get("entities_all_sets", {}).get("per_type", {})
    return "entity F1, all sets: " + ", ".join(
        f"{etype} {m['f1']:.2f} (n={m['support']})" for etype, m in sorted(per_type.items()) if m["support"])


def _extra_lines(figures: dict) -> List[str]:
    """One line per further held-out set that was scored."""
    return [f"{label} ({path.name}): intent accuracy {figures[f'{p}.intent_accuracy']:.4f}  "
            f"macro-F1 {figures[f'{p}.intent_macro_f1']:.4f}  OOS rejected "
            f"{figures[f'{p}.oos_rejected']:.4f}  in-scope rejected "
            f"{figures[f'{p}.in_scope_rejected']:.4f}"
            for p, (path, label) in EXTRA_SETS.items() if f"{p}.intent_accuracy" in figures]


def _parse_set(agent, path: Path) -> tuple:
    """Samples and parse results of one held-out set: ((in_scope, in_pred, oos, oos_pred,
    latencies), path)."""
    in_scope, oos = load_zh_test(path)

    async def _all():
        return (await parse_texts(agent, [s.text for s in in_scope]),
                await parse_texts(agent, [s.text for s in oos]))

    (in_pred, in_lat), (oos_pred, oos_lat) = asyncio.run(_all())
    return (in_scope, in_pred, oos, oos_pred, in_lat + oos_lat), path


def _nlu_report(parsed: tuple, path: Path) -> dict:
    """One held-out set scored with the English report's metric code."""
    in_scope, in_pred, oos, oos_pred, latencies = parsed
    return build_report(in_scope, in_pred, oos, oos_pred, latencies,
                        {"data": str(path), "in_scope_n": len(in_scope), "oos_n": len(oos)})


def render_markdown(result: dict) -> str:
    """Short Markdown summary of :func:`evaluate`'s result."""
    lines = ["# Chinese NLU and language detection", "", "| figure | value | target | result |",
             "|---|---|---|---|"]
    for t in result["targets"]:
        lines.append(f"| {t['name']} | {t['value']:.4f} | {t['target']} | "
                     f"{'PASS' if t['passed'] else 'FAIL'} |")
    f = result["figures"]
    lines += [""] + [f"- {line}" for line in _extra_lines(f)] + [f"- {_pooled_entity_line(result)}"]
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
    for line in _extra_lines(f) + [_pooled_entity_line(result)]:
        print(f"[zh] {line}")
    print(f"language detection accuracy {f['language_detection_accuracy']:.4f} "
          f"(n={result['language_detection']['n']})")
    for t in result["targets"]:
        print(f"  [{'PASS' if t['passed'] else 'FAIL'}] {t['name']} = {t['value']:.4f} "
              f"(target {t['target']})")
