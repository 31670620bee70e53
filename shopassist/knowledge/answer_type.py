"""Expected answer types: a question that asks "how much" wants a sentence with a price, "how
long" one with a duration, "which e-mail" one with an address. Sentence embeddings alone often
prefer a sentence on the right topic that does not contain the asked-for value; a small bonus for
sentences of the expected type fixes many of those (weight measured on the dev questions,
docs/answers.md). English only: other languages get no bonus.
"""

from __future__ import annotations

import re
from typing import Dict, Pattern, Set

__all__ = ["expected_types", "sentence_types", "type_match", "typed_values"]

_NUM = r"\d+(?:[.,]\d+)?"

# what a sentence contains
_SENTENCE: Dict[str, Pattern[str]] = {
    "money": re.compile(rf"[€$£]\s?{_NUM}|{_NUM}\s?(?:€|euros?|EUR)\b|free of charge|\bfree\b", re.I),
    "duration": re.compile(rf"{_NUM}(?:\s?[–-]\s?{_NUM})?\s?(?:business |working |calendar )?"
                           r"(?:days?|hours?|weeks?|months?|years?|minutes?)\b", re.I),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "phone": re.compile(r"\+\d[\d ]{6,}\d"),
    "time": re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\b"),
    "count": re.compile(rf"\b{_NUM}\b"),
}

# what a question asks for (first match wins per type; several types may be expected)
_QUESTION: Dict[str, Pattern[str]] = {
    "money": re.compile(r"\bhow much\b|\bcost|\bprice|\bfee\b|\bcharge|\bpay for\b|\bexpensive|\bcheap", re.I),
    "duration": re.compile(r"\bhow long\b|\bhow many (?:\w+ )?(?:days|hours|weeks|months|years)\b|\bhow fast\b|"
                           r"\bhow soon\b|\bwhen will\b|\buntil when\b|\bvalid\b", re.I),
    "email": re.compile(r"\be-?mail (?:address|adress)\b|\bwhich address\b.*\be-?mail|\bwrite an? e-?mail\b|"
                        r"\bemail to\b", re.I),
    "phone": re.compile(r"\bphone\b|\bcall\b|\bhotline\b|\bnumber to\b", re.I),
    "time": re.compile(r"\bopening hours\b|\bwhen (?:are|is) (?:you|your)\b.*\bopen|\bwhen can I reach\b", re.I),
    "count": re.compile(r"\bhow many\b|\bhow long can\b|\bup to how\b|\bmaximum\b|\blimit\b", re.I),
}


def expected_types(question: str) -> Set[str]:
    """The answer types ``question`` asks for (empty: no preference)."""
    return {name for name, pattern in _QUESTION.items() if pattern.search(question)}


def sentence_types(sentence: str) -> Set[str]:
    """The answer types a sentence can supply."""
    return {name for name, pattern in _SENTENCE.items() if pattern.search(sentence)}


def type_match(expected: Set[str], sentence: str) -> bool:
    """Does the sentence contain a value of one of the expected types?"""
    return bool(expected & sentence_types(sentence)) if expected else False


def typed_values(types: Set[str], text: str) -> Set[str]:
    """The values of the given types in ``text``, normalised ("€4.95", "5–7 business days")."""
    found = set()
    for name in types:
        for match in _SENTENCE[name].finditer(text):
            found.add(re.sub(r"\s+", " ", match.group(0).lower()).replace(" -", "-").replace("- ", "-"))
    return found
