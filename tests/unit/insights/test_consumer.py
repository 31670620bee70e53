"""The analytics consumer on Rasa's SQL event-broker table: exactly once, resumable after a
kill, personal data masked; and the figures computed from what it stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, func, select
from sqlalchemy.exc import OperationalError

from shopassist.insights.consumer import Consumer
from shopassist.insights.metrics import Filters, summary
from shopassist.insights.models import ConversationEvent
from shopassist.insights.sources import SqlSource

ROOT = Path(__file__).resolve().parents[3]

# The table Rasa's SQL event broker writes (rasa/core/brokers/sql.py: events(id, sender_id, data)).
META = MetaData()
EVENTS = Table("events", META, Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
               Column("data", Text))


def conversation(sender: str, t0: float, angry: bool = False) -> List[Dict]:
    """A small conversation as Rasa publishes it."""
    return [
        {"event": "action", "name": "action_session_start", "timestamp": t0},
        {"event": "user", "timestamp": t0 + 1, "text": "where is my order? mail me at jo@example.com",
         "input_channel": "rest", "parse_data": {"intent": {"name": "track_order", "confidence": 0.93},
                                                  "sentiment": {"label": "negative" if angry else "neutral",
                                                                "score": 0.8}}},
        {"event": "action", "name": "task_form", "timestamp": t0 + 1.1},
        {"event": "bot", "text": "Which order number?", "timestamp": t0 + 1.25},
        {"event": "action", "name": "action_listen", "timestamp": t0 + 1.3},
        {"event": "user", "timestamp": t0 + 5, "text": "blah", "input_channel": "rest",
         "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.2}}},
        {"event": "bot", "text": "I'm sorry, I couldn't find that in our help pages.", "timestamp": t0 + 5.5},
        {"event": "slot", "name": "language", "value": "zh" if angry else "en", "timestamp": t0 + 5.6},
    ]


def publish(url: str, sender: str, events: List[Dict]) -> None:
    engine = create_engine(url)
    META.create_all(engine)
    with engine.begin() as conn:
        for e in events:
            conn.execute(EVENTS.insert().values(sender_id=sender, data=json.dumps(e)))
    engine.dispose()


def stored(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(ConversationEvent.__table__)).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture()
def urls(tmp_path: Path) -> Dict[str, str]:
    return {"events": f"sqlite:///{tmp_path / 'rasa_events.db'}", "shop": f"sqlite:///{tmp_path / 'shop.db'}"}


def test_each_event_is_stored_once_and_masked(urls: Dict[str, str]) -> None:
    publish(urls["events"], "c1", conversation("c1", 1_760_000_000))
    consumer = Consumer(SqlSource(urls["events"]), create_engine(urls["shop"]), batch_size=3)
    assert consumer.drain() == 8 and consumer.stored == 8
    assert consumer.drain() == 0  # nothing new: the offset moved
    # the same events delivered again (e.g. a broker re-delivery) are not counted twice
    publish(urls["events"], "c1", conversation("c1", 1_760_000_000))
    assert Consumer(SqlSource(urls["events"]), create_engine(urls["shop"])).drain() == 8
    assert stored(urls["shop"]) == 8
    engine = create_engine(urls["shop"])
    with engine.connect() as conn:
        texts = [t for (t,) in conn.execute(select(ConversationEvent.text)) if t]
    assert texts and not any("jo@example.com" in t for t in texts)


def test_killed_consumer_resumes_without_loss_or_double_counting(urls: Dict[str, str], tmp_path: Path) -> None:
    total = 0
    for i in range(300):
        events = conversation(f"k{i}", 1_760_000_000 + i * 100)
        publish(urls["events"], f"k{i}", events)
        total += len(events)

    def count() -> int:
        try:
            return stored(urls["shop"])
        except OperationalError:  # the consumer has not created its tables yet
            return 0

    env = dict(os.environ, SHOP_DATABASE_URL=urls["shop"], SHOP_VAR_DIR=str(tmp_path))
    cmd = [sys.executable, "-m", "shopassist.insights.consumer", "--source", urls["events"], "--batch-size", "7"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while count() == 0:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.02)
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream, no chance to clean up
        proc.wait()
    partial = count()
    assert 0 < partial < total  # it really was killed in the middle
    for i in range(300, 320):  # events keep arriving while it is down
        events = conversation(f"k{i}", 1_760_000_000 + i * 100)
        publish(urls["events"], f"k{i}", events)
        total += len(events)
    done = subprocess.run(cmd + ["--once"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert count() == total


def test_figures_from_the_stored_events(urls: Dict[str, str]) -> None:
    publish(urls["events"], "calm", conversation("calm", 1_760_000_000))
    publish(urls["events"], "angry", conversation("angry", 1_760_090_000, angry=True))
    engine = create_engine(urls["shop"])
    Consumer(SqlSource(urls["events"]), engine).drain()
    data = summary(engine)
    overall = data["overall"]
    assert overall["conversations"] == 2 and overall["messages"] == 4
    assert overall["fallback_rate"] == pytest.approx(0.5) and overall["idk_rate"] == pytest.approx(0.5)
    assert overall["response_p50_ms"] == pytest.approx(375, abs=1)  # median of 250, 250, 500, 500 ms
    assert overall["negative_share"] == pytest.approx(0.25)
    assert set(data["by_language"]) == {"en", "zh"} and set(data["by_day"]) == {"2025-10-09", "2025-10-10"}
    assert data["intents"] == {"track_order": 2, "nlu_fallback": 2}
    only_zh = summary(engine, Filters(language="zh"))["overall"]
    assert only_zh["conversations"] == 1 and only_zh["negative_share"] == pytest.approx(0.5)
