"""Segmentation of messages that contain Chinese (pure Python + jieba, no rasa import).

Rasa's WhitespaceTokenizer keeps a run of Han characters as one token (and drops some of it),
so :class:`shopassist.nlu.tokenizer.ShopTokenizer` hands any message with Han characters or
full-width digits to :func:`segment`. Han runs are cut into words by jieba (``mode="jieba"``)
or into single characters (``mode="char"``); ASCII runs, full-width digit runs and currency
signs become their own tokens, so that an order number glued to Chinese text
("订单号１２３４５６７８", "取消10000001") is one token the entity extractor can tag.
English-only messages never come here, so the English tokens are unchanged.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import List, Tuple

from shopassist.nlu.splitting import split_token

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{HAN}\uff10-\uff19\uff03\uffe5]")
_PIECES = re.compile(
    rf"(?P<han>[{HAN}]+)"
    r"|(?P<wide>[＃#]?[\uff10-\uff19]+)"
    r"|(?P<email>[A-Za-z0-9._+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z])"
    r"|(?P<cur>[¥￥$€£])(?=[0-9\uff10-\uff19])"
    r"|(?P<ascii>[#＃+]?[A-Za-z0-9][A-Za-z0-9'_.\-]*)"
)

# Chinese numerals before a unit ("一百九十九块", "五星") are one token, so an amount or a
# rating can be an entity on its own (jieba would cut "一百九十" + "九块").
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万点]+(?=[块元刀毛星颗分件个])")

Token = Tuple[int, str]  # (start offset, text)


def _cut_han(piece: str, mode: str) -> List[str]:
    if mode == "char":
        return list(piece)
    return list(_jieba().cut(piece, HMM=True))


def has_cjk(text: str) -> bool:
    """True when the text needs :func:`segment` (Han characters or full-width digits)."""
    return bool(_HAS_CJK.search(text or ""))


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # lazy: only models that see Chinese pay for the dictionary load

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segment(text: str, mode: str = "jieba") -> List[Token]:
    """Tokens ``(offset, text)`` of a message with Chinese in it (punctuation and emoji
    dropped, like the whitespace tokenizer does)."""
    out: List[Token] = []
    for m in _PIECES.finditer(text):
        start, piece = m.start(), m.group(0)
        kind = m.lastgroup
        if kind == "han":
            pos = 0
            for num in _NUMERAL.finditer(piece):
                for word in _cut_han(piece[pos:num.start()], mode):
                    out.append((start + pos, word))
                    pos += len(word)
                out.append((start + num.start(), num.group(0)))
                pos = num.end()
            for word in _cut_han(piece[pos:], mode):
                out.append((start + pos, word))
                pos += len(word)
        elif kind == "ascii":
            piece = piece.rstrip(".'-_")
            if piece:
                out.extend((start + off, part) for off, part in split_token(piece))
        else:
            out.append((start, piece))
    return out
