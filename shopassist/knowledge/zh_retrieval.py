"""Chinese knowledge-base retrieval: BM25 over character n-grams of kb/zh (issue 11).

Why lexical: the MiniLM vocabulary has only 244 CJK characters, so its embeddings do not carry
Chinese. Character unigrams + bigrams need no word segmenter (jieba lives only in the Rasa
environment) and cope with typos and colloquial forms. :class:`ZhKnowledgeBase` offers the
same ``retrieve()`` / ``select()`` interface as the English :class:`KnowledgeBase`, so
:mod:`shopassist.knowledge.answer` routes a question by its language and treats both alike.

"I don't know": the best sentence must cover at least ``min_coverage`` of the question's
content bigrams (own passage included), calibrated on tests/data/kb_questions_zh.yml.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from shopassist.settings import Settings

from .chunking import Passage
from .documents import load_documents
from .retrieval import Hit, Selection, Sentence

__all__ = ["ZhKnowledgeBase", "get_zh_knowledge_base", "ngrams"]

_SENT_END = re.compile(r"(?<=[。！？；])")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Function characters and question words: no evidence of a topic.
_STOP = set("的了吗呢吧啊呀么嘛我你您们是在有和与或就都也还要会能可以这那个些什么怎么如何多少哪几请问一下亲")
MIN_COVERAGE = 0.2
SECOND_SENTENCE_MARGIN = 0.15


def ngrams(text: str) -> List[str]:
    """Content character unigrams and bigrams of the Han text plus lower-cased Latin words/numbers."""
    grams: List[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        chars = [c for c in run]
        grams += [c for c in chars if c not in _STOP]
        grams += [a + b for a, b in zip(chars, chars[1:]) if not (a in _STOP and b in _STOP)]
    grams += [w.lower() for w in re.findall(r"[A-Za-z]{2,}|\d+", text)]
    return grams


def split_sentences(text: str) -> List[str]:
    """Chinese sentences (ending with 。！？；)."""
    return [s.strip() for s in _SENT_END.split(text) if s.strip()]


class _BM25:
    def __init__(self, docs: Sequence[List[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.tfs = [Counter(d) for d in docs]
        self.lens = [len(d) for d in docs]
        self.avg = sum(self.lens) / max(1, len(self.lens))
        df: Counter = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf: Dict[str, float] = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.k1, self.b = k1, b

    def scores(self, query: List[str]) -> List[float]:
        out = []
        for tf, length in zip(self.tfs, self.lens):
            s = 0.0
            for term in query:
                f = tf.get(term)
                if f:
                    s += self.idf[term] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * length / self.avg))
            out.append(s)
        return out


class ZhKnowledgeBase:
    """BM25 over passages of kb/zh, sentence selection inside the best passages."""

    def __init__(self, passages: List[Passage], min_coverage: float = MIN_COVERAGE) -> None:
        self.passages = passages
        self.min_coverage = min_coverage
        self._bm25 = _BM25([ngrams(p.heading + " " + p.text) for p in passages])

    @classmethod
    def load(cls, kb_dir: Optional[Path] = None, settings: Optional[Settings] = None,
             **kwargs) -> "ZhKnowledgeBase":
        """Passages of the rendered Chinese documents (one per paragraph)."""
        passages: List[Passage] = []
        for doc in load_documents(kb_dir, "zh", settings):
            heading = doc.title
            for block in re.split(r"\n\s*\n", doc.text):
                lines = [line for line in block.strip().splitlines() if line.strip()]
                while lines and lines[0].startswith("#"):
                    if lines[0].startswith("##"):
                        heading = lines[0].lstrip("#").strip()
                    lines = lines[1:]
                text = "".join(line.strip() for line in lines)
                if text:
                    passages.append(Passage(len(passages), doc.source, doc.title, heading, text,
                                            split_sentences(text)))
        return cls(passages, **kwargs)

    def retrieve(self, question: str, k: int = 3) -> List[Hit]:
        """The ``k`` best passages, best first (BM25 scores)."""
        scores = self._bm25.scores(ngrams(question))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
        return [Hit(self.passages[i], float(scores[i])) for i in order]

    def _coverage(self, query: set, text: str) -> float:
        """IDF-weighted share of the question's n-grams found in ``text`` (unknown n-grams weigh
        the most, so an off-topic question covers little of any passage)."""
        top = max(self._bm25.idf.values())
        weights = {g: self._bm25.idf.get(g, top) for g in query}
        found = set(ngrams(text))
        return sum(w for g, w in weights.items() if g in found) / (sum(weights.values()) or 1.0)

    def select(self, question: str, k: int = 3) -> Selection:
        """The answering sentence(s) among the best passages, or not known."""
        hits = self.retrieve(question, k)
        query = set(ngrams(question))
        candidates: List[Sentence] = []
        top = hits[0].score or 1.0
        for hit in hits:
            heading_cov = self._coverage(query, hit.passage.heading)
            for pos, sentence in enumerate(hit.passage.sentences):
                cov = self._coverage(query, sentence)
                score = cov + 0.5 * heading_cov + 0.3 * hit.score / top
                candidates.append(Sentence(sentence, score, hit.passage.id, pos))
        if not candidates:
            return Selection(question, False, 0.0, [], hits)
        candidates.sort(key=lambda s: -s.score)
        best = candidates[0]
        passage = self.passages[best.passage_id]
        coverage = self._coverage(query, passage.heading + passage.text)
        if coverage < self.min_coverage or hits[0].score <= 0:
            return Selection(question, False, coverage, [], hits)
        chosen = [best]
        for cand in candidates[1:]:
            if cand.passage_id == best.passage_id and best.score - cand.score <= SECOND_SENTENCE_MARGIN:
                chosen.append(cand)
                break
        return Selection(question, True, coverage, chosen, hits)


_lock = threading.Lock()
_zh_kb: Optional[ZhKnowledgeBase] = None


def get_zh_knowledge_base() -> ZhKnowledgeBase:
    """The process-wide Chinese knowledge base (built at first use; it takes milliseconds)."""
    global _zh_kb
    if _zh_kb is None:
        with _lock:
            if _zh_kb is None:
                _zh_kb = ZhKnowledgeBase.load()
    return _zh_kb
