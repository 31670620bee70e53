"""Analytics tables (their own metadata, created next to the shop's tables in the same database)."""

from __future__ import annotations

import threading
import weakref
from typing import Optional

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["InsightsBase", "ConversationEvent", "ConsumerOffset", "ensure_tables"]

#: engine -> how many analytics tables were known when they were created there (a module imported
#: later, such as faq.py, adds its table to the metadata and so triggers one more create_all)
_ready: "weakref.WeakKeyDictionary[Engine, int]" = weakref.WeakKeyDictionary()
_ready_lock = threading.Lock()


class InsightsBase(DeclarativeBase):
    """Declarative base of the analytics tables."""


class ConversationEvent(InsightsBase):
    """One Rasa event as the analytics need it; ``event_key`` makes re-delivery harmless."""

    __tablename__ = "insights_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(64), unique=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    timestamp: Mapped[float] = mapped_column(Float, index=True)
    day: Mapped[str] = mapped_column(String(10), index=True)  # UTC date, YYYY-MM-DD
    channel: Mapped[Optional[str]] = mapped_column(String(64))
    intent: Mapped[Optional[str]] = mapped_column(String(64))
    confidence: Mapped[Optional[float]] = mapped_column(Float)
    name: Mapped[Optional[str]] = mapped_column(String(128))  # action or slot name
    value: Mapped[Optional[str]] = mapped_column(String(255))  # slot value (masked)
    text: Mapped[Optional[str]] = mapped_column(Text)  # message text, personal data masked
    sentiment: Mapped[Optional[str]] = mapped_column(String(16))
    sentiment_score: Mapped[Optional[float]] = mapped_column(Float)


class ConsumerOffset(InsightsBase):
    """How far the consumer got in a source (committed with the events it covers)."""

    __tablename__ = "insights_offsets"

    source: Mapped[str] = mapped_column(String(255), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


def ensure_tables(engine: Engine) -> None:
    """Create the analytics tables (every ``InsightsBase`` table imported so far: events, offsets,
    profiles, FAQ suggestions) in ``engine``'s database, once per engine and set of tables: callers
    on a hot path (the reply tone reads a profile every turn) then pay no schema queries."""
    known = len(InsightsBase.metadata.tables)
    with _ready_lock:
        if _ready.get(engine) != known:
            InsightsBase.metadata.create_all(engine)
            _ready[engine] = known
