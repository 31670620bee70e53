"""The benchmark scripts in smoke mode (a few requests) against the test servers, so they never rot.

Exercises the load client (bench/load.py), the statistics and targets (bench/report.py) and the
writers of JSON, Markdown and the plot. `make bench-smoke` additionally starts its own servers.
The cancellation is declined ("no"), so the shared test database is not changed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench import load, report
from bench.common import rss_mib

from .conftest import AUTH_TOKEN, Stack


def test_percentiles_are_nearest_rank() -> None:
    values = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    stats = report.latency_stats(values)
    assert (stats["n"], stats["p50_ms"], stats["p95_ms"], stats["p99_ms"]) == (100, 50.0, 95.0, 99.0)
    assert report.latency_stats([])["p50_ms"] is None


def test_smoke_load_metrics_and_report(stack: Stack, tmp_path: Path) -> None:
    db_path = Path(stack.db_url.split("sqlite:///", 1)[1])
    orders = load.cancellable_orders(db_path, exclude_emails=("alice@example.com", "bob@example.com"))
    assert len(orders) >= 2

    levels = {}
    for concurrency in (1, 2):
        result = load.run(load.run_level(stack.rasa_url, "ours", concurrency, duration=0.5, max_conversations=1,
                                         orders=orders[:2], confirm="no", hard_limit=90))
        levels[str(concurrency)] = report.summarize_level(result, "ours")
    one, two = levels["1"], levels["2"]
    assert one["conversations"] == 1 and two["conversations"] == 2
    for summary in (one, two):
        assert summary["all"]["errors"] == 0, summary
        assert summary["all"]["unexpected"] == 0, summary
        assert set(summary["categories"]) == {"rule", "db", "free_form"}
        assert 0 < summary["all"]["p50_ms"] <= summary["all"]["p95_ms"] <= summary["all"]["p99_ms"] < 30_000
        assert summary["all"]["msgs_per_s"] > 0
    assert {"greet", "track", "verify", "cancel_quote", "cancel_confirm", "faq", "goodbye"} == set(one["turn_types"])

    parse = load.run(load.parse_latencies(stack.rasa_url, AUTH_TOKEN, ["hi", "where is my order 10000003?"], 4))
    assert parse["errors"] == 0 and len(parse["latencies"]) == 4

    memory = {"rasa_mib": 0.0, "actions_mib": rss_mib(stack.action_proc.pid)}
    memory["total_mib"] = memory["actions_mib"]
    assert 50 < memory["actions_mib"] < 8192
    assert rss_mib(os.getpid()) > 10

    data = {"date": "smoke", "machine": {"cpus": os.cpu_count(), "cpu": "test", "loadavg_before": [], "loadavg_after": []},
            "config": {"mode": "pytest smoke", "duration_s": 0.5, "max_conversations": 1},
            "ours": {"levels": levels, "parse": report.latency_stats(parse["latencies"]), "rss_start": memory,
                     "rss_after": memory, "rss_growth_mib": 0.0}}
    paths = report.write(data, tmp_path, "smoke")
    saved = json.loads(paths["json"].read_text())
    assert saved["ours"]["levels"]["2"]["all"]["n"] == two["all"]["n"]
    assert {t["target"] for t in saved["targets"]} >= {"rule/DB turns p50, sequential", "both servers resident"}
    markdown = paths["md"].read_text()
    assert "| customers | turn type |" in markdown and "## Targets" in markdown
    assert "png" in paths and paths["png"].stat().st_size > 5_000, saved.get("plot_error")
