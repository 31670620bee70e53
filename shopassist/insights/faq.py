"""Knowledge-base upkeep: questions the assistant could not answer become suggested FAQ entries
that an agent approves (the entry is written to the knowledge base and the running servers pick
it up without a restart), edits, or rejects.

    python -m shopassist.insights.faq suggest|list
    python -m shopassist.insights.faq approve ID [--answer TEXT]
    python -m shopassist.insights.faq reject ID

Unanswered = the bot said it did not know, the message fell back (nlu_fallback), the
conversation was handed to a person, or it was rated 1-2 (its free-form questions count).
Similar questions are clustered (topics.py); each cluster becomes one suggestion: the question
nearest its centre, how often it was asked, and a drafted answer from the nearest knowledge
passage, marked as a draft.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Dict, List, Optional

from sqlalchemy import Float, Integer, String, Text, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, Session, mapped_column

from .models import ConversationEvent, InsightsBase, ensure_tables

__all__ = ["FaqSuggestion", "unanswered", "suggest", "approve", "reject", "main"]

# the starts of shopassist.knowledge.answer.IDK_TEXT and IDK_TEXT_ZH (not imported: that module pulls in
# the retrieval stack, which the consumer does not need)
IDK_PREFIXES = ("I'm sorry, I couldn't find that", "抱歉，帮助页面里没有找到")
APPROVED_FILE = "faq-approved.md"


class FaqSuggestion(InsightsBase):
    """A suggested FAQ entry and the agent's decision."""

    __tablename__ = "insights_faq_suggestions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)  # normalised representative question
    language: Mapped[str] = mapped_column(String(8), default="en")
    question: Mapped[str] = mapped_column(Text)
    asked: Mapped[int] = mapped_column(Integer, default=1)
    examples: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of similar questions
    draft: Mapped[str] = mapped_column(Text, default="")  # drafted answer (never shown to customers)
    draft_source: Mapped[Optional[str]] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, approved, rejected
    answer: Mapped[Optional[str]] = mapped_column(Text)  # what the agent approved
    updated: Mapped[float] = mapped_column(Float, default=time.time)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()[:255]


def unanswered(engine: Engine) -> List[Dict]:
    """Customer messages the assistant could not answer well: {text, sender_id, language}."""
    ensure_tables(engine)
    from .metrics import csat_score

    found: List[Dict] = []
    last_user: Dict[str, Dict] = {}
    language: Dict[str, str] = {}
    questions: Dict[str, List[Dict]] = {}  # free-form questions per conversation
    low_rated: set = set()  # conversations the customer rated 1 or 2
    with Session(engine) as session:
        for e in session.scalars(select(ConversationEvent).order_by(ConversationEvent.sender_id,
                                                                    ConversationEvent.timestamp, ConversationEvent.id)):
            if e.type == "slot" and e.name == "language" and e.value:
                language[e.sender_id] = e.value.strip('"')
            elif e.type == "user" and e.text:
                item = {"text": e.text, "sender_id": e.sender_id, "language": language.get(e.sender_id, "en")}
                last_user[e.sender_id] = item
                if e.intent == "nlu_fallback":
                    found.append(item)
                elif e.intent == "ask_question":
                    questions.setdefault(e.sender_id, []).append(item)
                elif e.intent == "csat_rate" and (csat_score(e.text) or 5) <= 2:
                    low_rated.add(e.sender_id)
            elif e.type == "bot" and (e.text or "").startswith(IDK_PREFIXES):
                item = last_user.pop(e.sender_id, None)
                if item and item not in found:
                    found.append(item)
            elif e.type == "action" and e.name and "handoff" in e.name:
                item = last_user.pop(e.sender_id, None)
                if item and item not in found:
                    found.append(item)
    # answered, but the customer rated the conversation 1-2: the answers to its questions may be poor
    found += [q for sender in sorted(low_rated) for q in questions.get(sender, []) if q not in found]
    return found


def _draft(question: str, language: str) -> tuple:
    """The nearest knowledge passage's first sentences, as a draft (and its source)."""
    try:
        from shopassist.knowledge.retrieval import get_knowledge_base

        hits = get_knowledge_base().retrieve(question, k=1)
        if hits:
            return " ".join(hits[0].passage.sentences[:2]), hits[0].source
    except Exception:  # no knowledge base: the agent writes the answer
        pass
    return "", None


def suggest(engine: Engine, min_asked: int = 1) -> List[FaqSuggestion]:
    """Recompute the pending suggestions from the unanswered questions; returns them, most asked first."""
    from .topics import embed, group_similar

    items = unanswered(engine)
    ensure_tables(engine)
    by_language: Dict[str, List[Dict]] = {}
    for item in items:
        by_language.setdefault(item["language"], []).append(item)
    with Session(engine) as session, session.begin():
        decided = {s.key for s in session.scalars(select(FaqSuggestion).where(FaqSuggestion.status != "pending"))}
        for stale in session.scalars(select(FaqSuggestion).where(FaqSuggestion.status == "pending")):
            session.delete(stale)  # pending suggestions are rebuilt from the current data
        session.flush()
        for language, group in by_language.items():
            texts = [g["text"] for g in group]
            vectors = embed(texts)
            labels = group_similar(vectors)
            for label in sorted(set(int(x) for x in labels)):
                idx = [i for i, l in enumerate(labels) if int(l) == label]
                if len(idx) < min_asked:
                    continue
                centre = vectors[idx].mean(axis=0)
                best = max(idx, key=lambda i: float(vectors[i] @ centre))
                key = _key(texts[best])
                if key in decided or any(_key(texts[i]) in decided for i in idx):
                    continue
                draft, source = _draft(texts[best], language)
                session.add(FaqSuggestion(key=key, language=language, question=texts[best], asked=len(idx),
                                          examples=json.dumps(list(dict.fromkeys(texts[i] for i in idx))[:10],
                                                              ensure_ascii=False),
                                          draft=draft, draft_source=source, updated=time.time()))
    with Session(engine) as session:
        return list(session.scalars(select(FaqSuggestion).where(FaqSuggestion.status == "pending")
                                    .order_by(FaqSuggestion.asked.desc())))


def approve(engine: Engine, suggestion_id: int, answer: Optional[str] = None, kb_dir: Optional[Path] = None) -> Path:
    """Write the (edited) answer into the knowledge base as a new FAQ entry; returns the file."""
    from shopassist.knowledge.documents import default_kb_dir

    with Session(engine) as session, session.begin():
        item = session.get(FaqSuggestion, suggestion_id)
        if item is None:
            raise KeyError(f"no FAQ suggestion {suggestion_id}")
        text = (answer or item.draft or "").strip()
        if not text:
            raise ValueError("an approved entry needs an answer")
        # braces would be read as settings placeholders by the document renderer
        text = text.replace("{", "(").replace("}", ")")
        question = item.question.strip().replace("{", "(").replace("}", ")")
        path = Path(kb_dir or default_kb_dir()) / item.language / APPROVED_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            title = "常见问题（客服审核）" if item.language == "zh" else "Questions answered by our team"
            path.write_text(f"# {title}\n", encoding="utf-8")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## {question[:1].upper() + question[1:]}\n\n{text}\n")
        item.status, item.answer, item.updated = "approved", text, time.time()
    return path


def reject(engine: Engine, suggestion_id: int) -> None:
    """Mark a suggestion as rejected (it is not suggested again)."""
    with Session(engine) as session, session.begin():
        item = session.get(FaqSuggestion, suggestion_id)
        if item is None:
            raise KeyError(f"no FAQ suggestion {suggestion_id}")
        item.status, item.updated = "rejected", time.time()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.faq", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["suggest", "list", "approve", "reject"])
    parser.add_argument("id", nargs="?", type=int)
    parser.add_argument("--answer", default=None, help="the agent's (edited) answer for approve")
    args = parser.parse_args(argv)
    from shopassist.shop.db import get_engine

    engine = get_engine()
    if args.command in ("approve", "reject") and args.id is None:
        parser.error(f"{args.command} needs an id")
    if args.command == "approve":
        print(f"approved; written to {approve(engine, args.id, args.answer)}")
        return 0
    if args.command == "reject":
        reject(engine, args.id)
        print("rejected")
        return 0
    items = suggest(engine) if args.command == "suggest" else None
    if items is None:
        ensure_tables(engine)
        with Session(engine) as session:
            items = list(session.scalars(select(FaqSuggestion).order_by(FaqSuggestion.status, FaqSuggestion.asked.desc())))
    for s in items:
        print(f"[{s.id}] {s.status:8} asked {s.asked}x ({s.language}): {s.question}\n      draft: {s.draft[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
