"""SQLAlchemy 2 models: handoff requests and satisfaction ratings."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import DateTime, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

HANDOFF_KINDS = ("live", "callback")
HANDOFF_STATUSES = ("waiting", "active", "closed")


def utcnow() -> datetime:
    """Naive UTC now (the shop's convention)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Own metadata: the handoff tables are created lazily, independent of the shop seed."""


class HandoffRequest(Base):
    """A conversation handed to a person: live (waiting/active/closed) or a call-back."""

    __tablename__ = "handoff_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(200), index=True)
    channel: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(10), default="live")
    status: Mapped[str] = mapped_column(String(10), default="waiting", index=True)
    reason: Mapped[str] = mapped_column(String(40), default="")  # requested | frustration
    transcript: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of turns
    summary: Mapped[str] = mapped_column(Text, default="{}")  # JSON summary
    agent: Mapped[Optional[str]] = mapped_column(String(80), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @property
    def ticket(self) -> str:
        """The number the customer is told: H-000042."""
        return f"H-{self.id:06d}"


class CsatRating(Base):
    """One 1-5 satisfaction rating with what the conversation was about and how it felt."""

    __tablename__ = "csat_ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender_id: Mapped[str] = mapped_column(String(200), index=True)
    score: Mapped[int] = mapped_column(Integer)
    intent: Mapped[str] = mapped_column(String(60), default="")  # the resolved task
    sentiment: Mapped[str] = mapped_column(String(10), default="neutral")  # conversation's mean
    sentiment_score: Mapped[float] = mapped_column(Float, default=0.0)
    frustration: Mapped[float] = mapped_column(Float, default=0.0)
    handed_off: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
