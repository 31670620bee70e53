"""Pain points: negative and complaint messages clustered into topics with readable labels.

Messages are embedded with MiniLM (English) or character n-gram TF-IDF (Chinese, which MiniLM
cannot read), clustered with k-means on the normalised vectors (k chosen by the silhouette score
unless given), labelled with class-based TF-IDF keywords (c-TF-IDF), ranked by volume × negativity,
with a 7-day trend and the quotes nearest to each topic's centre.

    python -m shopassist.insights.topics --evaluate   # ARI and purity on tests/data/complaint_topics.yml
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Sequence

import numpy as np

__all__ = ["Topic", "embed", "cluster", "group_similar", "keywords", "pain_points", "evaluate", "main"]

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "complaint_topics.yml"
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: turns that say nothing about a problem, left out of a low-rated conversation's pain texts
_CHIT_CHAT = ("greet", "goodbye", "affirm", "deny", "thank", "csat_rate", "inform", "bot_challenge")


@dataclass
class Topic:
    """One pain point."""

    label: str
    size: int
    negativity: float  # mean negative score of its messages (0..1)
    rank_score: float  # size × negativity
    trend: int  # messages in the last 7 days minus the 7 days before
    quotes: List[str] = field(default_factory=list)
    senders: List[str] = field(default_factory=list)  # conversations, for drill-down
    sources: Dict[str, int] = field(default_factory=dict)  # message / low-csat / review: how many of each


class PainText(NamedTuple):
    """One text that speaks of a problem, wherever it came from."""

    text: str
    sentiment_score: Optional[float]
    sentiment: Optional[str]
    timestamp: float
    sender_id: Optional[str]  # None for product reviews (no conversation to drill down to)
    source: str = "message"


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors: MiniLM for mostly-Latin text, character n-gram TF-IDF when Chinese dominates."""
    if sum(bool(_CJK.search(t)) for t in texts) > len(texts) / 2:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectors = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).fit_transform(texts).toarray()
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)
    from shopassist.knowledge.embedder import get_embedder

    return get_embedder().encode(list(texts), convert_to_numpy=True, normalize_embeddings=True,
                                 show_progress_bar=False)


def cluster(vectors: np.ndarray, k: Optional[int] = None, max_k: int = 12) -> np.ndarray:
    """Cluster labels; ``k`` by the best silhouette (cosine) in 2..max_k when not given."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = len(vectors)
    if n < 3:
        return np.zeros(n, dtype=int)
    if k is not None:
        return KMeans(n_clusters=min(k, n), n_init=10, random_state=0).fit_predict(vectors)
    best, best_score = np.zeros(n, dtype=int), -1.0
    for candidate in range(2, min(max_k, n - 1) + 1):
        labels = KMeans(n_clusters=candidate, n_init=10, random_state=0).fit_predict(vectors)
        score = silhouette_score(vectors, labels, metric="cosine")
        if score > best_score:
            best, best_score = labels, score
    return best


def group_similar(vectors: np.ndarray, max_distance: float = 0.5) -> np.ndarray:
    """Groups of near-paraphrases (average-linkage clustering, cosine distance below
    ``max_distance``); unlike ``cluster`` the number of groups is open and singletons stay alone."""
    from sklearn.cluster import AgglomerativeClustering

    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    return AgglomerativeClustering(n_clusters=None, distance_threshold=max_distance, metric="cosine",
                                   linkage="average").fit_predict(vectors)


def keywords(texts: Sequence[str], labels: np.ndarray, top: int = 3) -> Dict[int, List[str]]:
    """c-TF-IDF: each topic's messages joined into one document; words frequent there and rare in
    the other topics describe it."""
    from sklearn.feature_extraction.text import CountVectorizer

    topics = sorted(set(int(x) for x in labels))
    docs = [" ".join(t for t, l in zip(texts, labels) if l == topic) for topic in topics]
    chinese = sum(bool(_CJK.search(t)) for t in texts) > len(texts) / 2
    vectorizer = (CountVectorizer(analyzer="char", ngram_range=(2, 3)) if chinese
                  else CountVectorizer(stop_words="english", token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b"))
    counts = vectorizer.fit_transform(docs).toarray().astype(float)
    words = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    avg = counts.sum() / len(topics)
    idf = np.log(1 + avg / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    return {topic: [words[i] for i in np.argsort(-scores[row])[:top] if scores[row, i] > 0]
            for row, topic in enumerate(topics)}


def pain_points(engine, now: Optional[float] = None, k: Optional[int] = None) -> List[Topic]:
    """Topics of negative and complaint messages in the analytics tables, most painful first."""
    import time

    from sqlalchemy import or_, select
    from sqlalchemy.orm import Session

    from .models import ConversationEvent, ensure_tables

    ensure_tables(engine)
    columns = (ConversationEvent.text, ConversationEvent.sentiment_score, ConversationEvent.sentiment,
               ConversationEvent.timestamp, ConversationEvent.sender_id)
    with Session(engine) as session:
        rows = [PainText(*r) for r in session.execute(
            select(*columns).where(ConversationEvent.type == "user")
            .where(or_(ConversationEvent.sentiment == "negative", ConversationEvent.intent == "complaint")))]
        rows += _low_csat_messages(session, columns, {r.text for r in rows})
        rows += _bad_reviews(session)
    rows = [r for r in rows if r.text]
    if not rows:
        return []
    now = now or time.time()
    topics = []
    # one clustering per script: MiniLM cannot read Chinese, so Chinese messages get their own
    for group in ([r for r in rows if not _CJK.search(r.text)], [r for r in rows if _CJK.search(r.text)]):
        if group:
            topics += _topics_of(group, now, k)
    return sorted(topics, key=lambda t: -t.rank_score)


def _low_csat_messages(session, columns, seen: set) -> List[PainText]:
    """The customer's own words in conversations rated 1 or 2 (not already negative ones)."""
    from sqlalchemy import select

    from .metrics import csat_score
    from .models import ConversationEvent

    ratings = session.execute(select(ConversationEvent.sender_id, ConversationEvent.text)
                              .where(ConversationEvent.type == "user", ConversationEvent.intent == "csat_rate")).all()
    unhappy = {sender for sender, text in ratings if (csat_score(text) or 5) <= 2}
    if not unhappy:
        return []
    found = session.execute(select(*columns).where(ConversationEvent.type == "user",
                                                   ConversationEvent.sender_id.in_(unhappy),
                                                   ConversationEvent.intent.notin_(_CHIT_CHAT))).all()
    # their own sentiment may be neutral: the low rating says they were not, so they weigh 0.6
    return [PainText(text, 0.6, "negative", ts, sender, "low-csat")
            for text, _score, _label, ts, sender in found if text and not text.startswith("/") and text not in seen]


def _bad_reviews(session) -> List[PainText]:
    """Product reviews rated 1 or 2 with a text: 1 star counts as fully negative, 2 as 0.7."""
    from datetime import timezone

    from sqlalchemy import select
    from sqlalchemy.exc import DBAPIError

    from shopassist.shop.models import Review

    try:
        reviews = session.scalars(select(Review).where(Review.rating <= 2, Review.text != "")).all()
    except DBAPIError:  # an analytics database without the shop tables (tests, a separate DB)
        session.rollback()
        return []
    return [PainText(r.text, 1.0 if r.rating == 1 else 0.7, "negative",
                     r.created_at.replace(tzinfo=timezone.utc).timestamp(), None, "review") for r in reviews]


def _topics_of(rows, now: float, k: Optional[int]) -> List[Topic]:
    """Topics of one language's messages."""
    texts = [r.text for r in rows]
    vectors = embed(texts)
    labels = cluster(vectors, k)
    names = keywords(texts, labels)
    topics = []
    for topic in sorted(set(int(x) for x in labels)):
        idx = [i for i, l in enumerate(labels) if l == topic]
        centre = vectors[idx].mean(axis=0)
        nearest = sorted(idx, key=lambda i: -float(vectors[i] @ centre))
        # the NLU score is P(positive) - P(negative), below 0 for negative messages: its size is the negativity
        negativity = float(np.mean([abs(rows[i].sentiment_score or 0.5) if rows[i].sentiment == "negative" else 0.3
                                    for i in idx]))
        recent = sum(rows[i].timestamp >= now - 7 * 86400 for i in idx)
        before = sum(now - 14 * 86400 <= rows[i].timestamp < now - 7 * 86400 for i in idx)
        quotes = list(dict.fromkeys(texts[i] for i in nearest))[:3]
        senders = [rows[i].sender_id for i in idx if rows[i].sender_id]
        sources: Dict[str, int] = {}
        for i in idx:
            sources[rows[i].source] = sources.get(rows[i].source, 0) + 1
        topics.append(Topic(" / ".join(names.get(topic) or ["misc"]), len(idx), round(negativity, 3),
                            round(len(idx) * negativity, 2), recent - before, quotes,
                            list(dict.fromkeys(senders))[:50], sources))
    return topics


def _purity(truth: Sequence[str], labels: Sequence[int]) -> float:
    total = 0
    for topic in set(labels):
        members = [t for t, l in zip(truth, labels) if l == topic]
        total += Counter(members).most_common(1)[0][1]
    return total / len(truth)


def evaluate(path: Path = LABELLED) -> Dict:
    """Clustering quality on our own labelled complaint texts: ARI and purity, k chosen
    automatically and k = the true number of topics."""
    import yaml
    from sklearn.metrics import adjusted_rand_score

    data = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
    texts = [t for texts in data.values() for t in texts]
    truth = [name for name, texts in data.items() for _ in texts]
    vectors = embed(texts)
    result = {"texts": len(texts), "true_topics": len(data)}
    for name, k in (("auto_k", None), ("true_k", len(data))):
        labels = cluster(vectors, k)
        result[name] = {"k": int(len(set(labels.tolist()))), "ari": round(adjusted_rand_score(truth, labels), 3),
                        "purity": round(_purity(truth, labels.tolist()), 3),
                        "labels": {" / ".join(v): int(math.fsum(1 for l in labels if l == key))
                                   for key, v in keywords(texts, labels).items()}}
    return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.topics")
    parser.add_argument("--evaluate", action="store_true", help="measure on tests/data/complaint_topics.yml")
    parser.add_argument("--out", type=Path, default=None, help="also write the result as JSON here")
    args = parser.parse_args(argv)
    if args.evaluate:
        result = evaluate()
    else:
        from shopassist.shop.db import get_engine

        result = [asdict(t) for t in pain_points(get_engine())]
    text = json.dumps(result, indent=1, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
