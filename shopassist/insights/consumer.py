"""The analytics consumer: Rasa's events → ``insights_events``, exactly once.

    python -m shopassist.insights.consumer [--once] [--source URL]

The source is ``RASA_EVENT_BROKER_URL`` (amqp://… → RabbitMQ) or, by default, the SQL event broker
in ``$SHOP_VAR_DIR/rasa_events.db``; the rows go to the shop database (``SHOP_DATABASE_URL``).
Each batch is committed together with the consumer's offset, and RabbitMQ messages are
acknowledged only after that commit; every row carries a content hash that is unique in the
table. So a crash or a broker restart re-reads at most the last batch, and nothing is counted twice.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, List, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .events import to_row
from .models import ConsumerOffset, ConversationEvent, ensure_tables

__all__ = ["Consumer", "open_source", "main"]

logger = logging.getLogger(__name__)


class Consumer:
    """Moves events from a source into the analytics tables in committed batches."""

    def __init__(self, source: Any, engine: Engine, batch_size: int = 500) -> None:
        self.source = source
        self.engine = engine
        self.batch_size = batch_size
        self.seen = 0  # events read (including re-deliveries)
        self.stored = 0  # new rows written
        ensure_tables(engine)

    def step(self) -> int:
        """Read and store one batch; returns the number of events read (0: nothing new)."""
        with Session(self.engine) as session, session.begin():
            offset = session.get(ConsumerOffset, self.source.name)
            if offset is None:
                offset = ConsumerOffset(source=self.source.name, position=0)
                session.add(offset)
            batch = self.source.fetch(offset.position, self.batch_size)
            if not batch:
                return 0
            rows = {}
            for _, event in batch:
                row = to_row(event)
                if row is not None:
                    rows.setdefault(row["event_key"], row)
            if rows:
                known = set(session.scalars(select(ConversationEvent.event_key)
                                            .where(ConversationEvent.event_key.in_(list(rows)))))
                fresh = [ConversationEvent(**r) for k, r in rows.items() if k not in known]
                session.add_all(fresh)
                self.stored += len(fresh)
            if getattr(self.source, "ordered", False):  # SQL ids: resume after the last one
                offset.position = max(offset.position, batch[-1][0])
        self.source.acknowledge(batch[-1][0])  # only after the commit
        self.seen += len(batch)
        self._refresh_profiles(batch)
        return len(batch)

    def _refresh_profiles(self, batch) -> None:
        """Profiles of the customers verified in these events follow the new events."""
        ids = set()
        for _, event in batch:
            if event.get("event") == "slot" and event.get("name") == "customer_id" and event.get("value") is not None:
                try:
                    ids.add(int(event["value"]))
                except (TypeError, ValueError):
                    continue
        if ids:
            from .profiles import refresh_profiles

            try:
                refresh_profiles(self.engine, ids)
            except Exception:  # the shop tables may live elsewhere; profiles are refreshed on demand then
                logger.exception("profile refresh failed")

    def drain(self) -> int:
        """Read until the source has nothing new; returns the events read."""
        total, clashes = 0, 0
        while True:
            try:
                n = self.step()
            except IntegrityError:  # a second consumer stored the same events first: read on
                clashes += 1
                if clashes > 5:
                    raise
                continue
            if not n:
                return total
            total += n

    def run(self, stop: threading.Event, poll_seconds: float = 1.0) -> None:
        """Consume until ``stop`` is set, polling when idle; errors are logged and retried."""
        while not stop.is_set():
            try:
                if not self.step():
                    stop.wait(poll_seconds)
            except Exception:  # database or broker away: wait and try again, nothing acknowledged
                logger.exception("analytics consumer step failed; retrying")
                stop.wait(max(poll_seconds, 2.0))


def open_source(url: Optional[str] = None) -> Any:
    """The event source for ``url`` (or the environment's / the embedded default)."""
    from shopassist.settings import get_settings

    from .broker import sqlite_events_path
    from .sources import RabbitSource, SqlSource

    url = url or os.environ.get("RASA_EVENT_BROKER_URL") or ""
    if url.startswith("amqp://"):
        return RabbitSource(url)
    if url and url != "off":
        return SqlSource(url)
    return SqlSource(f"sqlite:///{sqlite_events_path(Path(get_settings().var_dir))}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.consumer", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--once", action="store_true", help="read what is there, then exit")
    parser.add_argument("--source", default=None, help="event source URL (default: RASA_EVENT_BROKER_URL or SQL)")
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from shopassist.shop.db import get_engine

    source = open_source(args.source)
    consumer = Consumer(source, get_engine(), args.batch_size)
    began = time.monotonic()
    try:
        if args.once:
            consumer.drain()
        else:
            stop = threading.Event()
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
            logger.info("analytics consumer reading %s", source.name)
            consumer.run(stop)
    finally:
        source.close()
    seconds = time.monotonic() - began
    logger.info("read %d events, stored %d new rows in %.1f s", consumer.seen, consumer.stored, seconds)
    print(f"read {consumer.seen} events, stored {consumer.stored} new rows in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
