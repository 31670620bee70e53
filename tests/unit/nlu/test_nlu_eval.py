"""Tests for the pure metric code of shopassist.evaluation.nlu_eval (no rasa needed)."""
from __future__ import annotations

import json
import math
import sys

import pytest

from shopassist.evaluation import nlu_eval as ev


def test_module_does_not_import_rasa():
    assert "rasa" not in sys.modules


def test_intent_metrics_basic():
    gold = ["a", "a", "b", "b", "c"]
    pred = ["a", "b", "b", "b", "nlu_fallback"]
    m = ev.intent_metrics(gold, pred)
    assert m["accuracy"] == pytest.approx(3 / 5)
    assert m["per_intent"]["a"] == pytest.approx(
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert m["per_intent"]["b"]["precision"] == pytest.approx(2 / 3)
    assert m["per_intent"]["b"]["recall"] == 1.0
    assert m["per_intent"]["c"]["f1"] == 0.0
    # macro over gold labels only
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0.8 + 0.0) / 3)
    assert {"gold": "a", "pred": "b", "count": 1} in m["confusions"]


def test_intent_metrics_length_mismatch():
    with pytest.raises(ValueError):
        ev.intent_metrics(["a"], [])


def test_entity_metrics_exact_spans():
    gold = [[("order_id", 13, 21)], [("invoice_id", 5, 11)], []]
    pred = [[("order_id", 13, 21), ("order_id", 13, 21)],  # duplicate counts once
            [("invoice_id", 6, 11)],                        # off by one: wrong
            [("email", 0, 5)]]                              # extra type
    m = ev.entity_metrics(gold, pred)
    assert m["per_type"]["order_id"]["f1"] == 1.0
    inv = m["per_type"]["invoice_id"]
    assert (inv["tp"], inv["fp"], inv["fn"]) == (0, 1, 1)
    assert inv["f1"] == 0.0
    assert m["per_type"]["email"]["fp"] == 1
    # micro over gold types (order_id, invoice_id) only
    assert m["micro"]["tp"] == 1 and m["micro"]["fp"] == 1 and m["micro"]["fn"] == 1
    assert m["micro"]["f1"] == pytest.approx(0.5)


def test_entity_type_must_match():
    m = ev.entity_metrics([[("order_id", 0, 8)]], [[("invoice_id", 0, 8)]])
    assert m["per_type"]["order_id"]["recall"] == 0.0
    assert m["per_type"]["invoice_id"]["precision"] == 0.0


def test_duplicate_spans():
    assert ev.duplicate_spans([[("a", 0, 1), ("a", 0, 1)], [("b", 1, 2)]]) == 1


def test_rejection_rate():
    assert ev.rejection_rate(["out_of_scope", "nlu_fallback", "greet", "x"]) == 0.5
    assert ev.rejection_rate([]) == 0.0


def test_percentile():
    assert ev.percentile([1, 2, 3, 4], 50) == pytest.approx(2.5)
    assert ev.percentile([5], 95) == 5
    assert ev.percentile(list(range(101)), 95) == pytest.approx(95)
    assert math.isnan(ev.percentile([], 50))


def test_check_targets():
    rows = {r["name"]: r for r in ev.check_targets(
        {"intent_accuracy": 0.98, "entity_f1.order_id": 0.9, "oos_rejected": 0.95,
         "in_scope_rejected": 0.03})}
    assert rows["intent_accuracy"]["passed"]
    assert not rows["entity_f1.order_id"]["passed"]
    assert not rows["entity_f1.invoice_id"]["passed"]  # missing value fails
    assert rows["in_scope_rejected"]["passed"]          # <= is inclusive


def test_confusion_matrix():
    labels, matrix = ev.confusion_matrix(["a", "b", "b"], ["a", "a", "nlu_fallback"])
    assert labels == ["a", "b", "nlu_fallback"]
    assert matrix == [[1, 0, 0], [1, 0, 1], [0, 0, 0]]


def test_load_bitext_and_oos(tmp_path):
    csv_path = tmp_path / "bitext_dev.csv"
    csv_path.write_text(
        "instruction,intent,category,entity_type,entity_value,start_offset,end_offset,tags,response\n"
        "cancel order 00123842,cancel_order,ORDER,order_id,123842,13,21,B,\"ok, sure\"\n"
        "check invoices,check_invoice,INVOICE,,,,,B,fine\n", encoding="utf-8")
    samples = ev.load_bitext(csv_path)
    assert [s.intent for s in samples] == ["cancel_order", "check_invoice"]
    assert samples[0].entities == [("order_id", 13, 21)]
    assert samples[0].text[13:21] == "00123842"
    assert samples[1].entities == []
    oos_path = tmp_path / "out_of_scope_dev.txt"
    oos_path.write_text("what time is it\n\nplay music\n", encoding="utf-8")
    oos = ev.load_out_of_scope(oos_path)
    assert [s.text for s in oos] == ["what time is it", "play music"]
    assert all(s.intent == "out_of_scope" for s in oos)


def test_spread_limit():
    assert ev.spread_limit(list(range(10)), None) == list(range(10))
    assert ev.spread_limit(list(range(10)), 5) == [0, 2, 4, 6, 8]
    assert ev.spread_limit(list(range(3)), 10) == [0, 1, 2]


def test_to_prediction():
    parsed = {"intent": {"name": "track_order", "confidence": 0.9},
              "entities": [{"entity": "order_id", "start": 6, "end": 14, "value": "10000001"}]}
    assert ev.to_prediction(parsed) == {"intent": "track_order", "confidence": 0.9,
                                        "entities": [("order_id", 6, 14)]}
    assert ev.to_prediction({"intent": None})["intent"] == ""


def test_build_report_and_markdown(tmp_path):
    in_scope = [ev.Sample("cancel order 10000001", "cancel_order", [("order_id", 13, 21)]),
                ev.Sample("where is my refund", "track_refund", [])]
    in_pred = [{"intent": "cancel_order", "confidence": 0.99, "entities": [("order_id", 13, 21)]},
               {"intent": "nlu_fallback", "confidence": 0.3, "entities": []}]
    oos = [ev.Sample("what's the weather", "out_of_scope"), ev.Sample("play jazz", "out_of_scope")]
    oos_pred = [{"intent": "out_of_scope", "confidence": 0.9, "entities": []},
                {"intent": "greet", "confidence": 0.6, "entities": []}]
    report = ev.build_report(in_scope, in_pred, oos, oos_pred, [1.0, 2.0, 3.0, 4.0])
    f = report["figures"]
    assert f["intent_accuracy"] == 0.5
    assert f["oos_rejected"] == 0.5
    assert f["in_scope_rejected"] == 0.5
    assert f["entity_f1.order_id"] == 1.0
    assert report["errors"]["intent"][0]["pred"] == "nlu_fallback"
    assert report["errors"]["oos_accepted"] == [
        {"text": "play jazz", "pred": "greet", "confidence": 0.6}]
    json.dumps(report)  # serialisable
    md = ev.render_markdown(report)
    assert "| intent_accuracy | 0.5000 | >= 0.97 | FAIL |" in md
    assert "order_id" in md


def test_newest_model(tmp_path):
    import os
    import time

    with pytest.raises(FileNotFoundError):
        ev.newest_model(tmp_path)
    a = tmp_path / "a.tar.gz"
    b = tmp_path / "b.tar.gz"
    a.write_text("x")
    b.write_text("y")
    now = time.time()
    os.utime(a, (now, now))
    os.utime(b, (now - 100, now - 100))
    assert ev.newest_model(tmp_path) == a
