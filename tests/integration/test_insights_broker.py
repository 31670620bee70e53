"""Events leave Rasa through its own event broker and reach the analytics tables:
the SQL broker of a real Rasa server (REST conversation), and a real RabbitMQ queue with the
consumer killed mid-stream (skipped only where no RabbitMQ listens on 127.0.0.1:5672)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import OperationalError

from shopassist.insights.models import ConversationEvent

from .conftest import ROOT, Stack


def rabbit_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5672), timeout=1).close()
        return True
    except OSError:
        return False


def count(url: str, sender_prefix: str = "") -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            query = select(func.count()).select_from(ConversationEvent.__table__)
            if sender_prefix:
                query = query.where(ConversationEvent.sender_id.like(f"{sender_prefix}%"))
            return conn.execute(query).scalar_one()
    except OperationalError:
        return 0
    finally:
        engine.dispose()


def test_rest_conversation_reaches_the_analytics_through_rasas_sql_broker(stack: Stack, tmp_path: Path) -> None:
    sender = f"insights-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "hi")
    stack.say(sender, "where is my order? you can reach me at jane.doe@example.com")
    target = f"sqlite:///{tmp_path / 'analytics.db'}"
    env = dict(stack.env, SHOP_DATABASE_URL=target)
    done = subprocess.run([sys.executable, "-m", "shopassist.insights.consumer", "--once"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    engine = create_engine(target)
    with engine.connect() as conn:
        rows = conn.execute(select(ConversationEvent.type, ConversationEvent.intent, ConversationEvent.channel,
                                   ConversationEvent.text).where(ConversationEvent.sender_id == sender)).all()
    users = [r for r in rows if r.type == "user"]
    assert [r.intent for r in users][0] == "greet" and len(users) == 2
    assert {r.channel for r in users} == {"rest"}
    assert any(r.type == "bot" for r in rows)
    assert not any("jane.doe@example.com" in (r.text or "") for r in rows)  # masked


@pytest.mark.skipif(not rabbit_up(), reason="no RabbitMQ on 127.0.0.1:5672")
def test_rabbitmq_consumer_killed_mid_stream_loses_and_doubles_nothing(tmp_path: Path) -> None:
    import pika

    queue = f"shopassist_test_{uuid.uuid4().hex[:8]}"
    url = f"amqp://guest:guest@127.0.0.1:5672/?queue={queue}"
    connection = pika.BlockingConnection(pika.URLParameters("amqp://guest:guest@127.0.0.1:5672/"))
    channel = connection.channel()
    channel.queue_declare(queue=queue, durable=True)
    sent = 0
    try:
        def publish(n: int, start: int) -> int:
            for i in range(start, start + n):
                event = {"event": "user", "sender_id": f"rmq-{i // 4}", "timestamp": 1_760_000_000 + i,
                         "text": f"message {i}", "input_channel": "rest",
                         "parse_data": {"intent": {"name": "track_order", "confidence": 0.9}}}
                channel.basic_publish("", queue, json.dumps(event).encode(),
                                      pika.BasicProperties(delivery_mode=2))
            return n

        sent += publish(3000, 0)
        target = f"sqlite:///{tmp_path / 'analytics.db'}"
        env = dict(os.environ, SHOP_DATABASE_URL=target, SHOP_VAR_DIR=str(tmp_path), RASA_EVENT_BROKER_URL=url)
        cmd = [sys.executable, "-m", "shopassist.insights.consumer", "--batch-size", "25"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while count(target) == 0:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.02)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        partial = count(target)
        assert 0 < partial < sent
        sent += publish(500, 3000)
        began = time.monotonic()
        done = subprocess.run(cmd + ["--once"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert count(target) == sent  # unacknowledged messages came back, none counted twice
        print(f"rabbitmq consumer: {sent - partial} events in {time.monotonic() - began:.1f} s")
    finally:
        channel.queue_delete(queue=queue)
        connection.close()
