"""Script-based language detection for chat messages (English / Chinese), pure Python.

Used by the Rasa component :mod:`shopassist.nlu.language` (every parsed message) and by the
action that sets the ``language`` slot. No rasa import, so both virtual environments can use it.

Why script counts and not a statistical detector: messages are short and code-switched
("我的order到哪了", "can I 退货?"); the writing system decides the reply language better than
word statistics, and it is deterministic. Hysteresis is built in as an *undecided* band: an
order number, an emoji, "ok" or a single ambiguous character yields ``None`` and the
conversation keeps its language. An explicit request ("can we speak Chinese?", "说英文吧")
always wins.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

LANGUAGES = ("en", "zh")

# Han ideographs (CJK unified + extension A + compatibility).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Japanese kana: Han characters next to kana are Japanese, not Chinese.
_KANA = re.compile(r"[\u3040-\u30ff]")
# Latin words; tokens with digits (order numbers, INV-2024…) are not language evidence.
_LATIN_WORD = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z']*(?![\w@])")
_NOISE = re.compile(r"\S+@\S+|https?://\S+|[A-Za-z]*\d[\w-]*")

# Explicit switch requests. Checked before the script counts: "说英文吧" is written in Chinese
# but asks for English.
_TO_ZH = re.compile(
    r"(speak|talk|write|reply|answer|respond|use|switch( back)? to|change( the language)? to|"
    r"continue|chat|in)\s+(in\s+)?(chinese|mandarin|中文|普通话)\b"
    r"|\b(chinese|mandarin) (please|pls|plz)\b|^\s*(chinese|mandarin|中文)\s*[?!.]*\s*$"
    r"|(说|讲|用|换成|切换到|切换成|改成|改用|换|回复|聊)\s*(中文|汉语|普通话|国语)"
    r"|(中文|汉语|普通话)\s*(回复|回答|交流|沟通|聊|说|服务|可以吗|行吗|好吗|吧)"
    r"|(can|could) you (speak|understand|read) (chinese|mandarin)"
    r"|会(说|讲)?(中文|汉语|普通话)吗|do you speak chinese",
    re.IGNORECASE)
_TO_EN = re.compile(
    r"(speak|talk|write|reply|answer|respond|use|switch( back)? to|change( the language)? to|"
    r"continue|chat|in)\s+(in\s+)?english\b|\benglish (please|pls|plz)\b|^\s*english\s*[?!.]*\s*$"
    r"|(说|讲|用|换成|切换到|切换成|改成|改用|换|回复|聊)\s*(英文|英语|english)"
    r"|(英文|英语)\s*(回复|回答|交流|沟通|聊|说|服务|可以吗|行吗|好吗|吧)"
    r"|(can|could) you (speak|understand|read) english|会(说|讲)?(英文|英语)吗",
    re.IGNORECASE)

# Latin words that say nothing about the language (chat tokens Chinese shoppers type too).
_NEUTRAL_WORDS = {
    "ok", "okay", "okk", "hi", "hey", "hello", "yes", "no", "thx", "pls", "plz", "lol", "emm",
    "em", "hmm", "haha", "hh", "ps", "app", "vip", "id", "inv", "qq", "pdf", "vs", "ups",
    "dhl", "fedex", "sf", "ems", "paypal", "visa", "iphone", "ipad", "wifi", "bye", "thanks",
    "sorry", "a", "i", "u", "o", "s", "kg", "cm", "usd", "rmb", "cny", "eur", "hk", "mac", "pc",
}


# Pinyin fragments in Chinese messages ("wo de 订单 dao na le"): with Han characters present,
# words made only of pinyin syllables are not English evidence.
_PINYIN = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ing|"
    r"ua|uo|ui|un|ue|ve|a|o|e|i|u|v))+$")


def _is_pinyin(word: str) -> bool:
    return bool(_PINYIN.match(word))


@dataclass(frozen=True)
class Detection:
    """Result for one message.

    ``language`` is ``"en"``, ``"zh"`` or ``None`` (undecided: keep the conversation's
    language); ``switch`` is True for an explicit request to change the language.
    """

    language: Optional[str]
    switch: bool = False
    han: int = 0
    latin_words: int = 0

    def as_dict(self) -> dict:
        """JSON-friendly form (what the Rasa component puts into the parse result)."""
        return {"detected": self.language, "switch": self.switch, "han": self.han,
                "latin_words": self.latin_words}


def detect(text: str) -> Detection:
    """Detect the language of one message (see module docstring for the rules)."""
    text = text or ""
    if _TO_EN.search(text):
        return Detection("en", switch=True)
    if _TO_ZH.search(text):
        return Detection("zh", switch=True)
    han = len(_HAN.findall(text))
    if _KANA.search(text):
        return Detection(None, han=han)
    cleaned = _NOISE.sub(" ", text)
    words = [w.lower() for w in _LATIN_WORD.findall(cleaned)]
    # Title-case words with no lower-case word around them are names or addresses
    # ("12 Main St", "Shanghai"), not a language.
    if not any(w.islower() for w in _LATIN_WORD.findall(cleaned)):
        words_for_evidence: list = []
    else:
        words_for_evidence = words
    informative = [w for w in words_for_evidence if w not in _NEUTRAL_WORDS
                   and not (han and _is_pinyin(w))]
    n_words = len(words)
    # Chinese: at least two Han characters and not outweighed by English words
    # ("我要 refund", "帮我cancel一下order" are Chinese; "I want to return this 耳机" is English).
    # A Chinese word is about two characters, so two Han characters weigh one English word.
    if han >= 2 and han / 2 >= len(informative):
        return Detection("zh", han=han, latin_words=n_words)
    if han >= 2:
        return Detection("en", han=han, latin_words=n_words)
    # English: two informative words with at most one Han character (a lone "cancel" or
    # "refund" from a Chinese customer does not switch the conversation).
    if len(informative) >= 2:
        return Detection("en", han=han, latin_words=n_words)
    return Detection(None, han=han, latin_words=n_words)


def next_language(current: Optional[str], text: str) -> str:
    """The conversation's language after ``text``: the detection, or ``current`` when the
    message is undecided (hysteresis). Unknown ``current`` values count as English."""
    current = current if current in LANGUAGES else "en"
    found = detect(text).language
    return found or current
