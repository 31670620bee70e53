"""Grounding guard: does a worded answer say only what the selected facts say?

Checks numbers (every number in the answer must be in the facts or the question), units (a number
must carry the unit it has in the facts: '30 days' is not '30 hours', '€5' is not '$5'), names
(capitalised words and e-mail addresses must come from the input), content words (every word of
the answer must come from the input or be a function word: a fluent answer about something else,
such as payment methods for a trade-in question, is caught even in lower case), the asked-for
values (a question about a fee must get every fee the facts state) and negation (the answer must not
flip the polarity of the fact sentence it restates). Returns a list of problems; empty = grounded.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Set, Tuple

__all__ = ["check", "numbers", "number_units", "is_negated"]

_NUM = r"\d+(?:[.,]\d+)*"
_UNITS = ("business days", "calendar days", "working days", "days", "day", "hours", "hour", "minutes", "minute",
          "weeks", "week", "months", "month", "years", "year", "°C", "%", "euros", "characters", "digits")
_CURRENCY = r"[€$£]"
_NEGATIONS = re.compile(r"\b(not|no|never|cannot|can't|don't|doesn't|isn't|aren't|won't|nothing|neither|nor)\b|n't\b",
                        re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_YES_NO = re.compile(r"^(yes|no)\b[,.!]?\s*", re.IGNORECASE)


def numbers(text: str) -> Set[str]:
    return {n.replace(",", "") for n in re.findall(_NUM, text)}


def number_units(text: str) -> Set[Tuple[str, str]]:
    """(number, unit) pairs: currency before, or a unit word right after (ranges share the unit)."""
    pairs = set()
    for m in re.finditer(rf"({_CURRENCY})\s?({_NUM})", text):
        pairs.add((m.group(2).replace(",", ""), m.group(1)))
    unit_alt = "|".join(re.escape(u) for u in _UNITS)
    for m in re.finditer(rf"({_NUM})(?:\s?(?:–|-|to|and)\s?({_NUM}))?\s?({unit_alt})(?![\w])", text):
        unit = m.group(3).rstrip("s") if m.group(3) not in ("%", "°C") else m.group(3)
        for n in (m.group(1), m.group(2)):
            if n:
                pairs.add((n.replace(",", ""), unit))
    return pairs


# Comparatives that contain "no"/"not" but state a limit, not a negation.
_COMPARATIVES = re.compile(r"\b(?:no|not)\s+(?:more|less|later|earlier|fewer|longer)\s+than\b", re.IGNORECASE)


def is_negated(text: str) -> bool:
    return bool(_NEGATIONS.search(_COMPARATIVES.sub("", _YES_NO.sub("", text))))


def _words(text: str) -> Set[str]:
    # strip sentence punctuation so "DHL." at the end of a fact still matches "DHL"
    return {w.lower().strip(".-'") for w in re.findall(r"[\w'@.-]+", text)}


def _closest_sentence(answer: str, facts: str) -> str:
    from shopassist.knowledge.chunking import split_sentences

    sentences = split_sentences(facts) or [facts]
    words = _words(answer)
    return max(sentences, key=lambda s: len(words & _words(s)) / (1 + len(_words(s))))


def strip_opener(answer: str) -> str:
    """The answer without a tone opener ("I'm sorry for the trouble. "), which states no fact."""
    from .data import TONES

    for opener in sorted((o for os_ in TONES.values() for o in os_ if o), key=len, reverse=True):
        if answer.startswith(opener.strip()):
            return answer[len(opener.strip()):].lstrip()
    return answer


# Words an answer may use without finding them in the input: function words and the phrasing of
# the training targets ("You can ...", "We offer ..."). Everything else must come from the input.
FUNCTION_WORDS = set("""
a an the and or but if so as of to in on at by for with from into about than then that this these those
there here it its is are was were be been being am do does did done can could will would shall should may
might must have has had having not no yes you your yours we our ours us they their them he she his her i me
my mine what which who whom whose when where why how all any each every some more most less least only also
just too very up down out over under again once per within after before until till while during between
both either neither nor such other another same own one get gets got make makes made take takes need needs
let please sorry apologies inconvenience trouble hassle understand frustrating happy help glad asked sure
good question great thanks thank afraid cost costs pay way left warehouse
""".split())


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def unsupported_words(answer: str, source: str, allowed: Iterable[str] = ()) -> List[str]:
    """Content words of ``answer`` that are neither in ``source`` (up to a plural/tense ending) nor
    function words nor ``allowed`` (a caller's own phrasing, e.g. marketing-copy templates)."""
    known = {_stem(w) for w in re.findall(r"[^\W\d_]+", source.lower())} | {_stem(w) for w in allowed}
    return sorted({w for w in re.findall(r"[^\W\d_]+", answer.lower())
                   if len(w) > 2 and w not in FUNCTION_WORDS and _stem(w) not in known})


def check(answer: str, facts: str, question: str = "", allowed: Iterable[str] = ()) -> List[str]:
    """Problems of ``answer`` against ``facts`` (and the question); an empty list means grounded.
    ``allowed``: further words the caller's own phrasing may use."""
    problems: List[str] = []
    source = f"{facts} {question}"
    answer = strip_opener(answer.strip())
    if not answer.strip():
        return ["empty answer"]
    extra = numbers(answer) - numbers(source)
    if extra:
        problems.append(f"numbers not in the facts: {sorted(extra)}")
    fact_units = number_units(facts) | number_units(question)
    known_numbers = {n for n, _ in fact_units}
    for n, unit in number_units(answer):
        if n in known_numbers and (n, unit) not in fact_units:
            problems.append(f"wrong unit: {n} {unit}")
    for email in _EMAIL.findall(answer):
        if email.lower().rstrip(".") not in source.lower():
            problems.append(f"e-mail not in the facts: {email}")
    source_words = _words(source)
    body = _YES_NO.sub("", answer)
    for name in re.findall(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w-]+)", body):
        if name.lower() not in source_words:
            problems.append(f"name not in the facts: {name}")
    unsupported = unsupported_words(answer, source, allowed)
    if unsupported:
        problems.append(f"words not in the facts: {unsupported}")
    from shopassist.knowledge.answer_type import expected_types, typed_values

    # every figure of the asked-for kind that the facts state (a question about the fee after
    # payment must get the fee, not only the free period before it)
    wanted = expected_types(question)
    asked = {v for v in typed_values(wanted, facts) if re.search(r"\d", v)}
    missing = asked - typed_values(wanted, answer)
    if missing:
        problems.append(f"the asked-for value is missing: {sorted(missing)}")
    from shopassist.knowledge.chunking import split_sentences

    # polarity per answer sentence, against the fact sentence it restates
    for sentence in split_sentences(body) or [body]:
        if is_negated(sentence) != is_negated(_closest_sentence(sentence, facts)):
            problems.append("negation differs from the fact")
            break
    closest = _closest_sentence(answer, facts)
    yes_no = _YES_NO.match(answer)
    if yes_no and yes_no.group(1).lower() == "yes" and is_negated(closest):
        problems.append("says yes to a negated fact")
    if yes_no and yes_no.group(1).lower() == "no" and not is_negated(closest):
        problems.append("says no to a positive fact")
    return problems
