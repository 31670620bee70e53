"""Conversation-level sentiment: a rolling frustration measure and the reply tone it implies.

The per-message label and score come from the Rasa NLU component
(:mod:`shopassist.nlu.sentiment`); this package combines them over the conversation. Pure
Python (no rasa import), used by the actions.
"""
from shopassist.sentiment.frustration import Turn, frustration_level, reply_tone, turns_from_events

__all__ = ["Turn", "frustration_level", "reply_tone", "turns_from_events"]
