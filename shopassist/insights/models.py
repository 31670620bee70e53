"""Analytics tables (their own metadata, created next to the shop's tables in the same database)."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["InsightsBase", "ConversationEvent", "ConsumerOffset"]


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
