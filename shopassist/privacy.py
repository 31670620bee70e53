"""Personal data out of our logs: ``mask()`` replaces emails, card numbers, phone numbers and street
addresses with placeholders, and ``install_log_masking()`` applies it to every log record of the
process (the message, its arguments and any traceback text).

Pure standard library, so it runs in both environments (Rasa's Python 3.10 and the action
server's 3.11). Order numbers (8 digits), invoice numbers, dates, times, IP addresses and ports
stay readable: they are what an operator needs to follow a conversation.

Masking is deliberately greedy: a log line with a harmless number masked costs less than a
customer's phone number in a log file.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Optional

__all__ = ["mask", "PiiFilter", "install_log_masking"]

EMAIL = "<email>"
PHONE = "<phone>"
CARD = "<card>"
ADDRESS = "<address>"

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 13-19 digits, optionally grouped by single spaces or dashes (card numbers as people type them).
_CARD_RE = re.compile(r"(?<![\w+])\d(?:[ -]?\d){12,18}(?![\w])")
# Phone candidates: an optional +, then digits with spaces, dashes, slashes or brackets between.
_PHONE_RE = re.compile(r"(?<![\w+/:.])(?:\+|00)?\(?\d[\d\s()/-]{4,22}\d(?![\w/:]|\.\d)")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:\s+\d{1,2})?$|^\d{1,2}/\d{1,2}/\d{2,4}$")
_ORDER_RE = re.compile(r"^\d{8}$")  # our order numbers: shown in logs on purpose

_STREET_WORDS = (
    r"street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|boulevard|blvd|court|ct|place|pl|square|sq|"
    r"terrace|close|crescent|parkway|highway|hwy|alley|row|"
    r"stra(?:ss|ß)e|str|weg|allee|platz|gasse|ring|damm|ufer|chaussee|"
    r"rue|via|calle|avenida|plaza|laan|straat|gracht"
)
_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ'’.-]+"
# "12 Baker Street", "221B Baker St.", "1600 Pennsylvania Avenue NW"
_ADDRESS_NUMBER_FIRST = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:{_WORD}\s+){{0,4}}(?:{_STREET_WORDS})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?",
    re.IGNORECASE,
)
# "Hauptstraße 5", "Baker Street 12a", "Rue de Rivoli 10", "Am Mühlenweg 3-5"
_ADDRESS_NUMBER_LAST = re.compile(
    rf"\b(?:{_WORD}\s+){{0,3}}{_WORD}?(?:{_STREET_WORDS})\.?\s+\d{{1,5}}(?:\s?[-/]\s?\d{{1,5}})?[A-Za-z]?\b",
    re.IGNORECASE,
)
# "Rue de Rivoli 10" / "Via Roma 5": the street word comes first.
_ADDRESS_WORD_FIRST = re.compile(
    rf"\b(?:rue|via|calle|avenida|plaza|avenue|boulevard)\s+(?:{_WORD}\s+){{0,3}}{_WORD}\s+\d{{1,5}}[A-Za-z]?\b"
    rf"|\b\d{{1,5}},?\s+(?:rue|via|calle|avenida|avenue|boulevard)\s+(?:{_WORD}\s*){{1,4}}",
    re.IGNORECASE,
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def _card(match: "re.Match[str]") -> str:
    digits = re.sub(r"\D", "", match.group(0))
    # Any 15-19 digit run is masked (a mistyped card is still a card); 13-14 only when Luhn-valid.
    if len(digits) >= 15 or _luhn_ok(digits):
        return CARD
    return match.group(0)


def _phone(match: "re.Match[str]") -> str:
    text = match.group(0)
    stripped = text.strip()
    digits = re.sub(r"\D", "", stripped)
    if len(digits) < 7 or len(digits) > 15:
        return text
    if _ORDER_RE.match(stripped) or _DATE_RE.match(stripped):
        return text
    # keep the whitespace the candidate swallowed at either end
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{PHONE}{trail}"


def mask(text: Any) -> str:
    """``text`` with emails, card numbers, phone numbers and street addresses replaced."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if not text:
        return text
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _CARD_RE.sub(_card, text)
    text = _ADDRESS_WORD_FIRST.sub(ADDRESS, text)
    text = _ADDRESS_NUMBER_FIRST.sub(ADDRESS, text)
    text = _ADDRESS_NUMBER_LAST.sub(ADDRESS, text)
    text = _PHONE_RE.sub(_phone, text)
    return text


class PiiFilter(logging.Filter):
    """Masks a record's final message and its traceback text (never drops a record)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_pii_masked", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format: keep what we have, masked
            message = f"{record.msg} {record.args}"
        record.msg = mask(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        record._pii_masked = True  # type: ignore[attr-defined]
        return True


_installed: Optional[PiiFilter] = None


def install_log_masking() -> PiiFilter:
    """Mask every log record this process creates, whichever logger or handler it goes to.

    The record factory masks records when they are created (so handlers added later, e.g. by
    Rasa's or Sanic's own logging set-up, see only masked text); the filter on the root logger's
    handlers also covers records built by hand. Idempotent.
    """
    global _installed
    if _installed is not None:
        return _installed
    pii_filter = PiiFilter()
    previous_factory = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous_factory(*args, **kwargs)
        pii_filter.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    for handler in logging.getLogger().handlers:
        handler.addFilter(pii_filter)
    _installed = pii_filter
    return pii_filter
