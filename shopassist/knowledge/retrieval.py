"""Question → best passages (with scores and sources) → answering sentence(s), or "I don't know".

Scores are cosine similarities of MiniLM embeddings. A passage's score blends the similarity of
the question to the whole passage and to its best sentence; inside the best passages the
sentence(s) that answer are selected by their own similarity plus their passage's score. When the
best score is below ``idk_threshold`` the answer is "I don't know" instead of a guess (thresholds
calibrated on tests/data/kb_questions.yml, see docs/answers.md).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import numpy as np

from shopassist.settings import Settings, get_settings

from .answer_type import expected_types, type_match
from .chunking import Passage
from .embedder import get_embedder
from .index import Index, ensure_index

__all__ = ["Hit", "Selection", "KnowledgeBase", "get_knowledge_base", "reset_knowledge_base"]

logger = logging.getLogger(__name__)

#: Defaults measured on the dev half of tests/data/kb_questions.yml (docs/answers.md).
PASSAGE_WEIGHT = 0.3  # passage score = w * cos(q, passage) + (1 - w) * max cos(q, sentence)
SENTENCE_WEIGHT = 0.5  # sentence score = w * cos(q, sentence) + (1 - w) * passage score
IDK_THRESHOLD = 0.38  # best sentence score below this → "I don't know"
SECOND_SENTENCE_MARGIN = 0.04  # add the next-best sentence of the same passage when this close
ANSWER_TYPE_BONUS = 0.05  # added to a sentence holding the kind of value the question asks for (answer_type.py)


@dataclass
class Hit:
    passage: Passage
    score: float

    @property
    def source(self) -> str:
        return f"{self.passage.source}#{self.passage.heading}"


@dataclass
class Sentence:
    text: str
    score: float
    passage_id: int
    position: int


@dataclass
class Selection:
    """What the knowledge base says about a question."""

    question: str
    known: bool
    score: float
    sentences: List[Sentence] = field(default_factory=list)
    hits: List[Hit] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The selected sentence(s) in document order."""
        return " ".join(s.text for s in sorted(self.sentences, key=lambda s: (s.passage_id, s.position)))

    @property
    def passage(self) -> Optional[Passage]:
        if not self.sentences:
            return None
        pid = self.sentences[0].passage_id
        return next((h.passage for h in self.hits if h.passage.id == pid), None)

    @property
    def sources(self) -> List[str]:
        return [h.source for h in self.hits]


class KnowledgeBase:
    """A loaded index plus the retrieval and selection logic."""

    def __init__(self, index: Index, idk_threshold: float = IDK_THRESHOLD,
                 passage_weight: float = PASSAGE_WEIGHT, sentence_weight: float = SENTENCE_WEIGHT,
                 answer_type_bonus: Optional[float] = None) -> None:
        self.index = index
        self.answer_type_bonus = ANSWER_TYPE_BONUS if answer_type_bonus is None else answer_type_bonus
        self.idk_threshold = idk_threshold
        self.passage_weight = passage_weight
        self.sentence_weight = sentence_weight

    @classmethod
    def load(cls, kb_dir: Optional[Path] = None, language: str = "en", settings: Optional[Settings] = None,
             index_dir: Optional[Path] = None, **kwargs) -> "KnowledgeBase":
        index, _ = ensure_index(kb_dir, language, settings, index_dir)
        return cls(index, **kwargs)

    # --- scoring -----------------------------------------------------------------------------
    def _scores(self, question: str):
        q = get_embedder().encode([question], convert_to_numpy=True, normalize_embeddings=True,
                                  show_progress_bar=False)[0]
        p_cos = self.index.passage_emb @ q
        s_cos = self.index.sentence_emb @ q
        best_sentence = np.full(len(self.index.passages), -1.0, dtype=np.float32)
        np.maximum.at(best_sentence, self.index.sentence_owner, s_cos)
        w = self.passage_weight
        p_score = w * p_cos + (1 - w) * best_sentence
        return p_score, s_cos

    def retrieve(self, question: str, k: int = 3) -> List[Hit]:
        """The ``k`` best passages, best first, with their scores."""
        p_score, _ = self._scores(question)
        order = np.argsort(-p_score)[:k]
        return [Hit(self.index.passages[i], float(p_score[i])) for i in order]

    def select(self, question: str, k: int = 3) -> Selection:
        """The answering sentence(s) among the ``k`` best passages, or not known."""
        p_score, s_cos = self._scores(question)
        order = np.argsort(-p_score)[:k]
        hits = [Hit(self.index.passages[i], float(p_score[i])) for i in order]
        candidates: List[Sentence] = []
        w = self.sentence_weight
        expected = expected_types(question) if self.answer_type_bonus else set()
        for row in np.flatnonzero(np.isin(self.index.sentence_owner, order)):
            pid = int(self.index.sentence_owner[row])
            score = w * float(s_cos[row]) + (1 - w) * float(p_score[pid])
            text = self.index.sentence_text(row)
            if expected and type_match(expected, text):
                score += self.answer_type_bonus
            candidates.append(Sentence(text, score, pid, int(self.index.sentence_pos[row])))
        candidates.sort(key=lambda s: -s.score)
        best = candidates[0]
        if best.score < self.idk_threshold:
            return Selection(question, False, best.score, [], hits)
        chosen = [best]
        for cand in candidates[1:]:
            if cand.passage_id == best.passage_id and best.score - cand.score <= SECOND_SENTENCE_MARGIN:
                chosen.append(cand)
                break
        return Selection(question, True, best.score, chosen, hits)


_kb_lock = threading.Lock()
_kb: Optional[KnowledgeBase] = None
_checked_at = 0.0  # monotonic time of the last look at the documents
_refreshing: Optional[threading.Thread] = None


def _documents_digest() -> str:
    from .documents import load_documents
    from .index import content_hash

    return content_hash(load_documents())


def _refresh() -> None:
    """Build the new index off the request path, then swap it in."""
    global _kb, _refreshing
    try:
        fresh = KnowledgeBase.load()
        with _kb_lock:
            _kb = fresh
        logger.info("knowledge base reloaded (index %s)", fresh.index.digest)
    except Exception:  # keep answering from the old index
        logger.exception("knowledge base reload failed")
    finally:
        _refreshing = None


def get_knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base (index built or loaded at first use).

    Every ``kb_reload_seconds`` it looks whether the documents changed; if so a background thread
    rebuilds the index and swaps it in, while answers keep using the current one."""
    global _kb, _checked_at, _refreshing
    if _kb is None:
        with _kb_lock:
            if _kb is None:
                _kb = KnowledgeBase.load()
                _checked_at = time.monotonic()
        return _kb
    if time.monotonic() - _checked_at >= get_settings().kb_reload_seconds and _refreshing is None:
        _checked_at = time.monotonic()
        try:
            stale = _documents_digest() != _kb.index.digest
        except Exception:
            logger.exception("could not read the knowledge documents")
            stale = False
        if stale and _refreshing is None:
            _refreshing = threading.Thread(target=_refresh, name="kb-reload", daemon=True)
            _refreshing.start()
    return _kb


def reset_knowledge_base() -> None:
    """Forget the loaded knowledge base (next use reloads, rebuilding the index if stale)."""
    global _kb, _checked_at
    with _kb_lock:
        _kb, _checked_at = None, 0.0
