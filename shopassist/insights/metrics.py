"""Figures from the analytics tables: per conversation, then aggregated per day, intent, channel
and language (filters for each)."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .faq import IDK_PREFIXES  # the "I don't know" replies, both languages
from .models import ConversationEvent, ensure_tables

__all__ = ["Conversation", "conversations", "summary", "Filters", "csat_score"]

CLOSING_INTENTS = {"goodbye", "thank", "affirm", "csat_rate"}
_CSAT_PAYLOAD = re.compile(r'"csat_score"\s*:\s*"?([1-5])')  # the rating button's payload, as the user event's text


def csat_score(text: Optional[str]) -> Optional[int]:
    """The 1-5 rating in a rating button's payload (a csat_rate message's text), or None."""
    found = _CSAT_PAYLOAD.search(text or "")
    return int(found.group(1)) if found else None


@dataclass
class Conversation:
    """One customer's conversation as the analytics see it."""

    sender_id: str
    day: str = ""
    channel: Optional[str] = None
    language: str = "en"
    intents: List[str] = field(default_factory=list)
    messages: int = 0
    fallbacks: int = 0
    idk: int = 0
    handed_off: bool = False
    abandoned: bool = False
    response_seconds: List[float] = field(default_factory=list)
    sentiments: List[float] = field(default_factory=list)  # +score positive, -score negative, 0 neutral
    negative: int = 0
    csat: Optional[int] = None  # the 1-5 rating, when the customer gave one

    @property
    def first_intent(self) -> Optional[str]:
        return self.intents[0] if self.intents else None


@dataclass
class Filters:
    """Optional filters; a conversation matches when every given one does."""

    since: Optional[str] = None  # YYYY-MM-DD
    until: Optional[str] = None
    intent: Optional[str] = None
    channel: Optional[str] = None
    language: Optional[str] = None

    def match(self, c: Conversation) -> bool:
        return ((not self.since or c.day >= self.since) and (not self.until or c.day <= self.until)
                and (not self.intent or self.intent in c.intents) and (not self.channel or c.channel == self.channel)
                and (not self.language or c.language == self.language))


def _signed(label: Optional[str], score: Optional[float]) -> float:
    score = abs(score) if score is not None else 1.0
    return score if label == "positive" else -score if label == "negative" else 0.0


def conversations(engine: Engine) -> List[Conversation]:
    """Every conversation in the analytics tables, rebuilt from its events in time order."""
    ensure_tables(engine)
    by_sender: Dict[str, Conversation] = {}
    pending_user: Dict[str, float] = {}
    last_action: Dict[str, str] = {}
    last_intent: Dict[str, str] = {}
    with Session(engine) as session:
        rows: Iterable[ConversationEvent] = session.scalars(
            select(ConversationEvent).order_by(ConversationEvent.sender_id, ConversationEvent.timestamp,
                                               ConversationEvent.id))
        for e in rows:
            c = by_sender.setdefault(e.sender_id, Conversation(e.sender_id))
            if e.type == "user":
                c.day = c.day or e.day
                c.channel = c.channel or e.channel
                c.messages += 1
                if e.intent:
                    c.intents.append(e.intent)
                    last_intent[e.sender_id] = e.intent
                if e.intent == "nlu_fallback":
                    c.fallbacks += 1
                if e.intent == "csat_rate":
                    c.csat = csat_score(e.text) or c.csat
                if e.sentiment:
                    c.sentiments.append(_signed(e.sentiment, e.sentiment_score))
                    c.negative += e.sentiment == "negative"
                pending_user[e.sender_id] = e.timestamp
            elif e.type == "bot":
                start = pending_user.pop(e.sender_id, None)
                if start is not None:
                    c.response_seconds.append(max(0.0, e.timestamp - start))
                if (e.text or "").startswith(IDK_PREFIXES):
                    c.idk += 1
            elif e.type == "action" and e.name and e.name != "action_listen":
                last_action[e.sender_id] = e.name
                if "handoff" in e.name or e.name == "action_default_fallback":
                    c.handed_off = c.handed_off or "handoff" in e.name
                    c.fallbacks += e.name == "action_default_fallback"
            elif e.type == "slot" and e.name == "language" and e.value:
                c.language = e.value.strip('"')
            elif e.type == "slot" and e.name in ("handoff_active", "handoff") and e.value in ("true", "True", "1"):
                c.handed_off = True
    for sender, c in by_sender.items():
        # left while the bot was waiting for an answer to its own question (a form slot)
        c.abandoned = last_action.get(sender, "").startswith("utter_ask_") and \
            last_intent.get(sender) not in CLOSING_INTENTS
    return [c for c in by_sender.values() if c.messages]


def _pct(values: List[float], q: float) -> Optional[float]:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _aggregate(items: List[Conversation]) -> Dict:
    n = len(items)
    messages = sum(c.messages for c in items)
    times = [t for c in items for t in c.response_seconds]
    scores = [s for c in items for s in c.sentiments]
    return {
        "conversations": n, "messages": messages,
        "containment": sum(not c.handed_off for c in items) / n if n else None,
        "handoff_rate": sum(c.handed_off for c in items) / n if n else None,
        "fallback_rate": sum(c.fallbacks for c in items) / messages if messages else None,
        "idk_rate": sum(c.idk for c in items) / messages if messages else None,
        "abandonment": sum(c.abandoned for c in items) / n if n else None,
        "response_p50_ms": 1000 * statistics.median(times) if times else None,
        "response_p95_ms": 1000 * _pct(times, 0.95) if times else None,
        "negative_share": sum(c.negative for c in items) / messages if messages else None,
        "mean_sentiment": statistics.mean(scores) if scores else None,
        "csat": statistics.mean(ratings) if (ratings := [c.csat for c in items if c.csat]) else None,
        "csat_n": len(ratings),
    }


def summary(engine: Engine, filters: Optional[Filters] = None) -> Dict:
    """Overall figures plus breakdowns per day, first intent, channel and language."""
    items = [c for c in conversations(engine) if (filters or Filters()).match(c)]
    result: Dict = {"overall": _aggregate(items)}
    for name, key in (("by_day", lambda c: c.day), ("by_intent", lambda c: c.first_intent or "none"),
                      ("by_channel", lambda c: c.channel or "unknown"), ("by_language", lambda c: c.language)):
        groups: Dict[str, List[Conversation]] = defaultdict(list)
        for c in items:
            groups[key(c)].append(c)
        result[name] = {k: _aggregate(v) for k, v in sorted(groups.items())}
    result["intents"] = dict(Counter(i for c in items for i in c.intents).most_common())
    # CSAT against the conversation's sentiment: any negative message makes it "negative", else
    # its mean sentiment decides (positive above 0.2)
    by_mood: Dict[str, List[int]] = defaultdict(list)
    for c in items:
        if c.csat and c.sentiments:
            mood = "negative" if c.negative else "positive" if statistics.mean(c.sentiments) > 0.2 else "neutral"
            by_mood[mood].append(c.csat)
    result["csat_by_sentiment"] = {k: {"csat": statistics.mean(v), "n": len(v)} for k, v in sorted(by_mood.items())}
    return result
