"""Pure token-splitting rule used by :mod:`shopassist.nlu.tokenizer` (no rasa import)."""
from __future__ import annotations

import re
from typing import List, Tuple

_CURRENCY = "$€£"
# word glued to a currency sign and/or a number: "refunding$1499", "order113542617735902"
_GLUED = re.compile(r"^(?P<word>[A-Za-z]{2,})(?P<cur>[$€£]?)(?P<num>\d[\d.,]*)$")
# currency sign glued to a number: "$1499", "€12.50"
_CUR_NUM = re.compile(r"^(?P<cur>[$€£])(?P<num>\d[\d.,]*)$")


def split_token(text: str) -> List[Tuple[int, str]]:
    """Split one whitespace token into ``(offset, piece)`` parts (or return it whole)."""
    m = _CUR_NUM.match(text)
    if m:
        return [(0, m.group("cur")), (1, m.group("num"))]
    m = _GLUED.match(text)
    if m and m.group("word").lower() != "inv" and (
            m.group("cur") or len(m.group("num")) >= 5):
        parts = [(0, m.group("word"))]
        pos = len(m.group("word"))
        if m.group("cur"):
            parts.append((pos, m.group("cur")))
            pos += 1
        parts.append((pos, m.group("num")))
        return parts
    return [(0, text)]
