"""Where the consumer reads Rasa's events: the SQL event broker's table, or a RabbitMQ queue."""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Dict, List, Optional, Tuple

from sqlalchemy import create_engine, text

from .broker import DEFAULT_QUEUE

__all__ = ["SqlSource", "RabbitSource"]

logger = logging.getLogger(__name__)

Batch = List[Tuple[int, Dict[str, Any]]]  # (position, event)


class SqlSource:
    """Rasa's SQL event broker table ``events(id, sender_id, data)``: read in id order from an offset."""

    ordered = True  # positions are increasing ids: the consumer stores the last one

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = f"sql:{url}"
        self.engine = create_engine(url)

    def fetch(self, after: int, limit: int) -> Batch:
        """Up to ``limit`` events with an id greater than ``after`` (none while the table is missing)."""
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text("SELECT id, sender_id, data FROM events WHERE id > :after ORDER BY id LIMIT :n"),
                                    {"after": after, "n": limit}).fetchall()
        except Exception as exc:  # Rasa creates the table at its first start
            if "no such table" in str(exc) or "does not exist" in str(exc):
                return []
            raise
        batch: Batch = []
        for row_id, sender_id, data in rows:
            event = json.loads(data)
            event.setdefault("sender_id", sender_id)
            batch.append((int(row_id), event))
        return batch

    def acknowledge(self, position: int) -> None:
        """Nothing to do: the offset table is the acknowledgement."""

    def close(self) -> None:
        self.engine.dispose()


class RabbitSource:
    """A durable RabbitMQ queue filled by Rasa's ``pika`` broker; messages are acknowledged only
    after the events they carry are committed, so a crash re-delivers instead of losing them."""

    ordered = False  # delivery tags restart with every connection: the queue keeps the position

    def __init__(self, url: str, queue: Optional[str] = None,
                 connect: Optional[Callable[[str], Any]] = None) -> None:
        import pika
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(url)
        self.queue = queue or (parse_qs(parts.query).get("queue") or [DEFAULT_QUEUE])[0]
        self.name = f"amqp:{parts.hostname}:{parts.port or 5672}/{self.queue}"
        plain = url.split("?", 1)[0]
        self.connection = (connect or (lambda u: pika.BlockingConnection(pika.URLParameters(u))))(plain)
        self.channel = self.connection.channel()
        self.channel.queue_declare(queue=self.queue, durable=True)
        self._last_tag: Optional[int] = None

    def fetch(self, after: int, limit: int) -> Batch:
        """Up to ``limit`` messages (positions are delivery tags; ``after`` is not used)."""
        batch: Batch = []
        while len(batch) < limit:
            method, _props, body = self.channel.basic_get(queue=self.queue, auto_ack=False)
            if method is None:
                break
            try:
                event = json.loads(body)
            except ValueError:
                logger.warning("dropping a message that is not JSON (%d bytes)", len(body))
                self.channel.basic_ack(method.delivery_tag)
                continue
            batch.append((int(method.delivery_tag), event))
        return batch

    def acknowledge(self, position: int) -> None:
        """Acknowledge every message up to ``position`` (after the commit)."""
        self.channel.basic_ack(delivery_tag=position, multiple=True)

    def close(self) -> None:
        try:
            self.connection.close()
        except Exception:  # already closed by the broker
            pass
