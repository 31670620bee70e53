"""A short message that names product filters while results are shown is a refinement even when
the NLU falls back ("in blue" scored refine_search 0.47 after one retraining): the fallback action
hands it to the search instead of the knowledge base."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.answers as answers
from actions.shopping import is_search_follow_up

STATE = {"text": "shoes", "filters": {"category": "shoes"}, "offset": 0, "shown": ["SKU-1", "SKU-2"]}


def tracker(text: str, intent: str = "nlu_fallback", state=STATE) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.5}, "entities": []}
    return Tracker("s1", {"search_state": state}, latest, [], False, None, None, "action_listen")


def test_follow_ups_with_filters_under_results() -> None:
    for text in ("in blue", "under 50", "red ones please", "any from Nike?"):
        assert is_search_follow_up(tracker(text)), text


def test_everything_else_stays_with_the_knowledge_base() -> None:
    assert not is_search_follow_up(tracker("in blue", state=None))  # no results on screen
    assert not is_search_follow_up(tracker("in blue", intent="refine_search"))  # NLU was sure
    assert not is_search_follow_up(tracker("can I return a gift without the receipt?"))  # no filter
    long_question = "does the warranty also cover the blue shoes I bought in last year's sale?"
    assert not is_search_follow_up(tracker(long_question))
    assert not is_search_follow_up(tracker("/refine_search"))  # a payload has no words


def test_the_fallback_action_hands_a_follow_up_to_the_search(monkeypatch) -> None:
    calls = []

    async def refine(self, dispatcher, t, domain):
        calls.append(t.latest_message["text"])
        return []

    async def kb(*args, **kwargs):  # the knowledge base must not be asked
        raise AssertionError("answered from the knowledge base")

    monkeypatch.setattr(answers.ActionRefineSearch, "run", refine)
    monkeypatch.setattr(answers, "answer_question", kb)
    asyncio.run(answers.ActionAnswerQuestion().run(CollectingDispatcher(), tracker("in blue"), {}))
    assert calls == ["in blue"]
