"""Knowledge-base upkeep loop: an unanswerable question → a suggestion → an agent approves an
edited answer → the same question is now answered, by the running process, without a restart."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from shopassist.insights.consumer import Consumer  # noqa: E402
from shopassist.insights.faq import approve, reject, suggest, unanswered  # noqa: E402
from shopassist.insights.simulate import publish  # noqa: E402
from shopassist.insights.sources import SqlSource  # noqa: E402
from shopassist.knowledge import retrieval  # noqa: E402
from shopassist.knowledge.answer import IDK_TEXT, answer_question  # noqa: E402
from shopassist.settings import get_settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
QUESTIONS = ["do you plant a tree for every order?", "is a tree planted for each order?", "do you plant trees for orders?"]


def events_for(sender: str, question: str, t: float, reply: str) -> list:
    return [{"event": "user", "sender_id": sender, "timestamp": t, "text": question, "input_channel": "rest",
             "parse_data": {"intent": {"name": "ask_question", "confidence": 0.8}}},
            {"event": "action", "sender_id": sender, "timestamp": t + 0.1, "name": "action_answer_question"},
            {"event": "bot", "sender_id": sender, "timestamp": t + 0.2, "text": reply}]


@pytest.fixture()
def live_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copytree(ROOT / "kb", tmp_path / "kb")
    monkeypatch.setenv("SHOP_KB_DIR", str(tmp_path / "kb"))
    monkeypatch.setenv("SHOP_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SHOP_KB_RELOAD_SECONDS", "0")
    get_settings.cache_clear()
    retrieval.reset_knowledge_base()
    yield tmp_path
    get_settings.cache_clear()
    retrieval.reset_knowledge_base()


def ask(question: str):
    return asyncio.run(answer_question(question, generator=None))


def test_unanswered_question_becomes_an_approved_answer(live_kb: Path) -> None:
    retrieval.get_knowledge_base()  # build the copy's index before timing anything
    assert ask(QUESTIONS[0]).path == "idk"
    events = [e for i, q in enumerate(QUESTIONS) for e in events_for(f"faq-{i}", q, 1_764_000_000 + i * 60, IDK_TEXT)]
    events += events_for("faq-ok", "how much is express delivery?", 1_764_000_500, "Express delivery costs €12.90.")
    url = f"sqlite:///{live_kb / 'rasa_events.db'}"
    publish(events, broker_url=url)
    engine = create_engine(f"sqlite:///{live_kb / 'shop.db'}")
    Consumer(SqlSource(url), engine).drain()
    assert sorted(u["text"] for u in unanswered(engine)) == sorted(QUESTIONS)
    suggestions = suggest(engine)
    spa = [s for s in suggestions if "tree" in s.question]
    assert len(spa) == 1 and spa[0].asked == 3 and spa[0].status == "pending" and spa[0].draft
    old = retrieval.get_knowledge_base()
    path = approve(engine, spa[0].id, answer="Yes, we plant one tree for every order with our forest partner.")
    assert path == live_kb / "kb" / "en" / "faq-approved.md"
    deadline = time.monotonic() + 120
    while retrieval.get_knowledge_base() is old:  # the running process reloads by itself
        assert time.monotonic() < deadline
        time.sleep(0.2)
    reply = ask(QUESTIONS[0])
    assert reply.known and "we plant one tree for every order" in reply.text
    assert all(s.question != spa[0].question for s in suggest(engine))  # decided: not suggested again


def test_rejected_suggestions_stay_rejected(live_kb: Path) -> None:
    url = f"sqlite:///{live_kb / 'rasa_events.db'}"
    publish(events_for("r-1", "do you repair vintage watches?", 1_764_000_000, IDK_TEXT), broker_url=url)
    engine = create_engine(f"sqlite:///{live_kb / 'shop.db'}")
    Consumer(SqlSource(url), engine).drain()
    (item,) = suggest(engine)
    reject(engine, item.id)
    assert suggest(engine) == []
    with pytest.raises(KeyError):
        approve(engine, 999)


def test_questions_of_a_low_rated_conversation_count_as_unanswered(tmp_path: Path) -> None:
    """Answered, but rated 1: the question is worth a look; the same answer rated 5 is not."""
    def rated(sender: str, question: str, score: int, t: float) -> list:
        return events_for(sender, question, t, "Standard delivery takes 2-4 business days.") + [
            {"event": "user", "sender_id": sender, "timestamp": t + 5, "text": f'/csat_rate{{"csat_score": "{score}"}}',
             "input_channel": "rest", "parse_data": {"intent": {"name": "csat_rate", "confidence": 1.0}}}]

    url = f"sqlite:///{tmp_path / 'rasa_events.db'}"
    publish(rated("low", "does delivery to the Canary Islands take longer?", 1, 1_764_000_000)
            + rated("high", "how long does delivery take?", 5, 1_764_000_100), broker_url=url)
    engine = create_engine(f"sqlite:///{tmp_path / 'shop.db'}")
    Consumer(SqlSource(url), engine).drain()
    assert [u["text"] for u in unanswered(engine)] == ["does delivery to the Canary Islands take longer?"]
