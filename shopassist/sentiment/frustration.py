"""Rolling frustration over a conversation, and the tone the bot should answer in.

Frustration is not one angry message: it builds up. The measure in [0, 1] combines, over the
recent user turns (older turns count less, decay 0.6 per turn):

* how negative each message was (the NLU's sentiment score and label);
* failures: the bot did not understand (nlu_fallback / out of scope) or could not help
  (an apology or error response) in the turn before;
* repeated questions: the same request or almost the same text again;
* shouting: a message mostly in CAPITALS, or "!!" / "？？".

A value given on request (intent ``inform``: "bob@example.com", an order number) does not cool
the conversation down: the level carries over it undecayed. Before one-value replies were
classified reliably they fell back and counted as failures, which hid this.

The weights are hand-set and checked by tests/unit/sentiment (an angry first message gives a
calm tone but no handoff offer; three failures in a row, or angry + repeated, cross the offer
threshold).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence

DECAY = 0.6
WINDOW = 6
#: bot responses that mean "I could not help": the next user turn counts as after a failure
FAILURE_RESPONSES = {
    "utter_default", "utter_default_calm", "utter_service_error", "utter_service_error_calm",
    "utter_order_not_on_account", "utter_order_not_on_account_calm", "utter_not_allowed",
    "utter_not_allowed_calm", "utter_too_many_attempts", "utter_out_of_scope",
    "utter_cancel_refused", "utter_cancel_refused_calm",
}
FAILURE_INTENTS = {"nlu_fallback", "out_of_scope"}
#: intents whose repetition says nothing about frustration
NEUTRAL_REPEATS = {"affirm", "deny", "inform", "thank", "greet", "goodbye", "csat_rate"}
#: answers to the bot's own questions: the mood before them holds (no decay over them)
NO_DECAY = {"inform"}


@dataclass
class Turn:
    """One user message with what the NLU said about it and how the bot answered before it."""

    text: str
    intent: str = ""
    label: str = "neutral"
    score: float = 0.0
    after_failure: bool = False  # the bot's previous answer was a failure/apology


def caps_shouting(text: str) -> bool:
    """A message of at least 2 words mostly written in capitals ("WHERE IS MY ORDER")."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    letters = "".join(words)
    return len(words) >= 2 and len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) >= 0.7


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def turn_pressure(turn: Turn, earlier: Sequence[Turn]) -> float:
    """How much one turn adds to frustration (before decay), in [0, ~1.5]."""
    value = 0.0
    if turn.label == "negative":
        value += 0.25 + 0.25 * min(1.0, max(0.0, -turn.score))
    elif turn.label == "positive":
        value -= 0.3
    if turn.after_failure or turn.intent in FAILURE_INTENTS:
        value += 0.3
    recent = earlier[-WINDOW:]
    if turn.intent and turn.intent not in NEUTRAL_REPEATS and any(t.intent == turn.intent for t in recent):
        value += 0.25
    elif turn.text and len(_norm(turn.text)) > 8 and any(_norm(t.text) == _norm(turn.text) for t in recent):
        value += 0.25
    if caps_shouting(turn.text):
        value += 0.3
    if re.search(r"[!！]{2,}|[?？]{2,}", turn.text):
        value += 0.1
    return value


def frustration_level(turns: Sequence[Turn]) -> float:
    """The rolling frustration in [0, 1] after the last of ``turns`` (0 for none)."""
    level = 0.0
    for i, turn in enumerate(turns[-2 * WINDOW:]):
        earlier = turns[max(0, len(turns) - 2 * WINDOW):][:i]
        decay = 1.0 if turn.intent in NO_DECAY else DECAY
        level = max(0.0, level * decay + turn_pressure(turn, earlier))
    return round(min(1.0, level), 3)


def reply_tone(level: float, latest_label: str, unhappy_before: bool = False) -> str:
    """``calm`` (acknowledge, apologise), ``friendly`` (brief, warm) or ``neutral``.

    ``unhappy_before`` (the customer's profile: mostly negative messages or low ratings in earlier
    conversations) makes the calm tone come sooner and drops the breezy one."""
    if level >= (0.2 if unhappy_before else 0.35) or latest_label == "negative":
        return "calm"
    if latest_label == "positive" and level < 0.2 and not unhappy_before:
        return "friendly"
    return "neutral"


def turns_from_events(events: Iterable[Dict[str, Any]]) -> List[Turn]:
    """User turns from Rasa tracker events (dicts), with the NLU sentiment and failure marks.

    Only the current session counts (turns before the last ``session_started`` are dropped).
    """
    turns: List[Turn] = []
    last_bot: Optional[str] = None
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            turns, last_bot = [], None
        elif kind == "bot":
            last_bot = ((event.get("metadata") or {}).get("utter_action")) or last_bot
        elif kind == "user":
            parse = event.get("parse_data") or {}
            sentiment = parse.get("sentiment") or {}
            text = event.get("text") or ""
            if text.startswith("/"):  # a button payload: no sentiment of its own
                sentiment = {}
            turns.append(Turn(text=text, intent=(parse.get("intent") or {}).get("name") or "",
                              label=sentiment.get("label", "neutral"),
                              score=float(sentiment.get("score", 0.0) or 0.0),
                              after_failure=last_bot in FAILURE_RESPONSES))
            last_bot = None
    return turns


@dataclass
class Trend:
    """Sentiment over a conversation for the handoff summary."""

    scores: List[float] = field(default_factory=list)

    @property
    def direction(self) -> str:
        """"worsening", "improving" or "steady" (first half vs second half)."""
        if len(self.scores) < 2:
            return "steady"
        half = len(self.scores) // 2
        first = sum(self.scores[:half]) / half
        second = sum(self.scores[half:]) / (len(self.scores) - half)
        if second < first - 0.2:
            return "worsening"
        if second > first + 0.2:
            return "improving"
        return "steady"
