"""The sentiment model: word/char n-grams + VADER lexicon scores -> logistic regression.

English: a scikit-learn pipeline trained on :mod:`shopassist.nlu.sentiment_data` (our own
templates). VADER's lexicon scores are extra features (they carry the general-language
polarity that our templates cannot cover). Chinese (any CJK character in the message): a small
lexicon scorer, because the English n-grams know nothing about Chinese.

Measured (docs/sentiment.md): see ``make eval``. No rasa import, so it is testable anywhere
that has scikit-learn (and, optionally, vaderSentiment).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

import numpy as np

LABELS = ("negative", "neutral", "positive")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_HANDLE_RE = re.compile(r"@\w+")
_URL_RE = re.compile(r"https?://\S+")


def normalise(text: str) -> str:
    """Drop @handles and links (they carry no sentiment), keep everything else."""
    return " ".join(_URL_RE.sub(" ", _HANDLE_RE.sub(" ", text)).split())


def caps_ratio(text: str) -> float:
    """Share of upper-case letters among the letters of words of >= 2 letters (0 for short text)."""
    letters = [c for w in re.findall(r"[A-Za-z]{2,}", text) for c in w]
    if len(letters) < 6:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


# --- Chinese lexicon path -----------------------------------------------------------------------
# Weights: our own list of common customer-service words. Negators flip the next positive word
# ("不满意", "不好"); "呵呵" and "无语" are sarcastic/negative in customer messages.
ZH_NEGATIVE = {
    "差评": 2.0, "投诉": 2.0, "垃圾": 2.0, "骗子": 2.0, "骗": 1.5, "退钱": 1.5, "坑": 1.5,
    "太差": 2.0, "很差": 2.0, "差劲": 2.0, "糟糕": 2.0, "失望": 2.0, "生气": 2.0, "气死": 2.0,
    "愤怒": 2.0, "无语": 1.5, "呵呵": 1.5, "烦": 1.0, "慢死": 2.0, "太慢": 1.5, "破": 1.0,
    "坏了": 1.5, "损坏": 1.5, "丢了": 1.5, "没收到": 1.5, "还没到": 1.0, "还没": 0.5,
    "怎么回事": 1.5, "到底": 1.0, "搞什么": 2.0, "离谱": 2.0, "恶心": 2.0, "不满": 2.0,
    "欺骗": 2.0, "再也不": 2.0, "没人理": 2.0, "没人回": 2.0, "敷衍": 2.0, "拖": 1.0,
    "等了": 1.0, "退款": 0.3, "赔偿": 1.0, "举报": 2.0, "态度": 0.5, "太烂": 2.0, "烂": 1.5,
}
ZH_POSITIVE = {
    "谢谢": 1.5, "感谢": 1.5, "多谢": 1.5, "太好了": 2.0, "满意": 1.5, "好评": 2.0, "棒": 1.5,
    "赞": 1.5, "喜欢": 1.5, "不错": 1.5, "给力": 2.0, "很快": 1.0, "完美": 2.0, "开心": 1.5,
    "辛苦了": 1.5, "专业": 1.0, "贴心": 1.5, "好用": 1.5, "靠谱": 1.5, "五星": 2.0,
}
ZH_NEGATORS = ("不", "没", "没有", "别")


def chinese_score(text: str) -> Tuple[str, float]:
    """(label, score in [-1, 1]) for a Chinese message from the lexicon above."""
    total = 0.0
    for word, weight in ZH_NEGATIVE.items():
        total -= weight * text.count(word)
    for word, weight in ZH_POSITIVE.items():
        for match in re.finditer(re.escape(word), text):
            before = text[max(0, match.start() - 2):match.start()]
            negated = any(before.endswith(n) for n in ZH_NEGATORS) and not word.startswith("不")
            total += -weight if negated else weight
    # "不满意" contains both 不满 (neg) and 满意 (pos, negated): fine, both count negative.
    bangs = len(re.findall(r"[!！]", text))
    if bangs >= 2 and total <= 0:
        total -= 1.0  # "！！！" amplifies a complaint, and alone it reads as agitation
    if re.search(r"[?？]{2,}", text):
        total -= 1.0
    score = max(-1.0, min(1.0, total / 3.0))
    if total <= -1.0:
        return "negative", score
    if total >= 1.0:
        return "positive", score
    return "neutral", score


# --- English model --------------------------------------------------------------------------------
class _Vader:
    """Lazy VADER analyser; ``None`` scores when the package is missing (features become 0)."""

    _analyser = None
    _loaded = False

    @classmethod
    def scores(cls, text: str) -> Optional[dict]:
        if not cls._loaded:
            cls._loaded = True
            try:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
                cls._analyser = SentimentIntensityAnalyzer()
            except ImportError:  # a fallback, not a crash: n-grams still work
                cls._analyser = None
        return cls._analyser.polarity_scores(text) if cls._analyser else None


def dense_features(texts: Sequence[str]) -> np.ndarray:
    """VADER neg/neu/pos/compound, caps ratio, '!' and '?' counts (capped)."""
    rows = []
    for text in texts:
        v = _Vader.scores(text) or {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        rows.append([v["neg"], v["neu"], v["pos"], v["compound"], caps_ratio(text),
                     min(text.count("!"), 3) / 3.0, min(text.count("?"), 3) / 3.0])
    return np.asarray(rows, dtype=np.float64)


@dataclass
class SentimentModel:
    """A fitted vectoriser pair + classifier; ``predict`` gives (label, score) per text."""

    word: object
    char: object
    clf: object
    dense_weight: float = 1.0

    def _features(self, texts: Sequence[str]):
        from scipy.sparse import csr_matrix, hstack
        clean = [normalise(t).lower() for t in texts]
        dense = csr_matrix(dense_features([normalise(t) for t in texts]) * self.dense_weight)
        return hstack([self.word.transform(clean), self.char.transform(clean), dense]).tocsr()

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities in the order of :data:`LABELS`."""
        proba = self.clf.predict_proba(self._features(texts))
        order = [list(self.clf.classes_).index(label) for label in LABELS]
        return proba[:, order]

    def predict(self, texts: Sequence[str], encoder: Optional[Any] = None,
                encoder_weight: float = 0.5) -> List[Tuple[str, float]]:
        """(label, score) per text; score = P(positive) - P(negative) in [-1, 1].

        With an ``encoder`` (anything with ``predict_proba(texts)``, e.g. the fine-tuned MiniLM of
        :mod:`shopassist.nlu.sentiment_encoder`) the English probabilities are the weighted average
        of both models. Chinese messages go through :func:`chinese_score` instead.
        """
        out: List[Tuple[str, float]] = [("neutral", 0.0)] * len(texts)
        english = [i for i, t in enumerate(texts) if not CJK_RE.search(t)]
        for i, t in enumerate(texts):
            if i not in english:
                out[i] = chinese_score(t)
        if english:
            batch = [texts[i] for i in english]
            proba = self.predict_proba(batch)
            if encoder is not None:
                proba = (1 - encoder_weight) * proba + encoder_weight * encoder.predict_proba(batch)
            for row, i in zip(proba, english):
                out[i] = (LABELS[int(row.argmax())], round(float(row[2] - row[0]), 4))
        return out


def train(samples: Sequence[Tuple[str, str]], c: float = 2.0, dense_weight: float = 1.0,
          class_weight: Optional[dict] = None) -> SentimentModel:
    """Fit the model on (text, label) pairs."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [normalise(t) for t, _ in samples]
    labels = [label for _, label in samples]
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True,
                           max_features=30000)
    lower = [t.lower() for t in texts]
    x = hstack([word.fit_transform(lower), char.fit_transform(lower),
                csr_matrix(dense_features(texts) * dense_weight)]).tocsr()
    clf = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight)
    clf.fit(x, labels)
    return SentimentModel(word=word, char=char, clf=clf, dense_weight=dense_weight)
