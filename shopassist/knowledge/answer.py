"""Question → reply: retrieve and select the answering sentence(s) off the event loop, let the
generator (if one is trained and loadable) word them within a time limit, check its wording
against the selected facts (grounding guard), and fall back to the extractive answer whenever
anything is missing, slow or disagrees. Every reply says which path produced it (logged).

Paths: ``generator`` (worded by the model, passed the guard), ``extractive`` (no generator),
``guard_fallback`` (the guard rejected the wording), ``timeout_fallback`` (the generator was too
slow), ``error_fallback`` (the generator failed), ``idk`` (nothing relevant found), ``unavailable``
(the knowledge base itself could not answer in time).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional

from shopassist.settings import get_settings

from .retrieval import Selection, get_knowledge_base

__all__ = ["Reply", "extractive_text", "answer_question", "answer_question_sync", "IDK_TEXT", "UNAVAILABLE_TEXT"]

logger = logging.getLogger(__name__)

IDK_TEXT = ("I'm sorry, I couldn't find that in our help pages, and I'd rather not guess. "
            "Would you like me to connect you with a member of our team?")
UNAVAILABLE_TEXT = ("Sorry, I can't look that up right now. "
                    "Would you like me to connect you with a member of our team?")
# Chinese questions (issue 11) are answered from kb/zh by lexical retrieval, extractively: the
# generator is warm-started from MiniLM, whose vocabulary does not carry Chinese.
IDK_TEXT_ZH = "抱歉，帮助页面里没有找到相关内容，我不想乱猜。需要为您转接人工客服吗？"
UNAVAILABLE_TEXT_ZH = "抱歉，现在暂时查不到。需要为您转接人工客服吗？"


def question_language(question: str) -> str:
    """``zh`` when the question is Chinese (script-based detection), else ``en``."""
    from shopassist.nlu.langdetect import detect

    return "zh" if detect(question).language == "zh" else "en"



@dataclass
class Reply:
    text: str
    path: str
    known: bool
    score: float = 0.0
    sources: List[str] = field(default_factory=list)
    facts: str = ""  # the selected sentence(s) the reply is based on
    seconds: float = 0.0


def extractive_text(selection: Selection) -> str:
    """The selected sentence(s) as a reply: whitespace tidied, ending with punctuation."""
    text = re.sub(r"\s+", " ", selection.text).strip()
    if re.search(r"[\u4e00-\u9fff]", text):
        text = re.sub(r"(?<=[。！？；]) ", "", text)
        return text if text[-1] in "。！？" else text.rstrip("；") + "。"
    if text and text[-1] not in ".!?":
        text += "."
    return text


def _generator() -> Any:
    """The trained generator, or None when none is available (never raises)."""
    if not get_settings().kb_generator:
        return None
    try:
        from shopassist.generation import get_generator

        return get_generator()
    except Exception:  # a broken or missing model must never break answering
        logger.exception("generator unavailable")
        return None


def _finish(question: str, selection: Selection, worded: Optional[str], path: str, start: float) -> Reply:
    text = worded if worded else extractive_text(selection)
    reply = Reply(text, path, True, selection.score, selection.sources, selection.text, time.monotonic() - start)
    logger.info("kb answer path=%s score=%.3f source=%s question=%r", path, selection.score,
                selection.sources[:1], question)
    return reply


async def answer_question(
    question: str,
    retrieval_timeout: Optional[float] = None,
    generation_timeout: Optional[float] = None,
    generator: Optional[Any] = ...,  # type: ignore[assignment]
    knowledge_base: Optional[Callable[[], Any]] = None,
    tone: str = "neutral",
    language: Optional[str] = None,
) -> Reply:
    """Answer ``question`` from the knowledge base without blocking the event loop.

    ``tone`` (neutral, apologetic, friendly) asks the generator for a fitting opener; ``language``
    is the conversation's language (the question's own script when not given).
    """
    start = time.monotonic()
    cfg = get_settings()
    zh = knowledge_base is None and (language or question_language(question)) == "zh"
    if zh:
        from .zh_retrieval import get_zh_knowledge_base

        get_kb, generator = get_zh_knowledge_base, None  # extractive in Chinese (see above)
    else:
        get_kb = knowledge_base or get_knowledge_base
    try:
        kb = await asyncio.wait_for(asyncio.to_thread(get_kb), cfg.kb_load_timeout)
        selection: Selection = await asyncio.wait_for(
            asyncio.to_thread(kb.select, question),
            retrieval_timeout if retrieval_timeout is not None else cfg.kb_retrieval_timeout,
        )
    except Exception as exc:  # timeout or failure: never a stack trace to the customer
        logger.warning("kb answer path=unavailable (%s) question=%r", type(exc).__name__, question)
        return Reply(UNAVAILABLE_TEXT_ZH if zh else UNAVAILABLE_TEXT, "unavailable", False,
                     seconds=time.monotonic() - start)
    if not selection.known:
        logger.info("kb answer path=idk score=%.3f question=%r", selection.score, question)
        return Reply(IDK_TEXT_ZH if zh else IDK_TEXT, "idk", False, selection.score, selection.sources, "",
                     time.monotonic() - start)

    gen = await asyncio.to_thread(_generator) if generator is ... else generator
    if gen is None:
        return _finish(question, selection, None, "extractive", start)
    try:
        result = await asyncio.wait_for(
            asyncio.to_thread(gen.answer, question, selection.text, tone),
            generation_timeout if generation_timeout is not None else cfg.kb_generation_timeout,
        )
    except asyncio.TimeoutError:
        return _finish(question, selection, None, "timeout_fallback", start)
    except Exception:
        logger.exception("generator failed")
        return _finish(question, selection, None, "error_fallback", start)
    if not result.grounded:
        logger.info("grounding guard rejected %r: %s", result.text, "; ".join(result.problems))
        return _finish(question, selection, None, "guard_fallback", start)
    return _finish(question, selection, result.text, "generator", start)


def answer_question_sync(question: str, **kwargs: Any) -> Reply:
    """Blocking wrapper (CLI, evaluation)."""
    return asyncio.run(answer_question(question, **kwargs))


def warm_up() -> None:
    """Load the encoder, the index and the generator now (called at action-server start)."""
    try:
        get_knowledge_base()
        _generator()
        logger.info("knowledge base ready")
    except Exception:
        logger.exception("knowledge base warm-up failed (answers will retry at first use)")
