"""Normalisation of user-typed identifiers (order ids, invoice numbers, emails, ...)."""

from __future__ import annotations

import re
import unicodedata
from typing import Optional, Union

from .errors import InvalidInput
from .models import ACCOUNT_TYPES

__all__ = [
    "normalize_order_id",
    "normalize_invoice_id",
    "normalize_email",
    "normalize_account_type",
    "normalize_phone",
    "order_number_to_invoice",
]

ORDER_ID_LENGTH = 8
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# Words people put around an order number: "order #10000001", "Order No. 10000001".
_ORDER_WORDS = re.compile(r"\b(order|orders|ord|no|nr|num|number|id)\b\.?", re.IGNORECASE)
_INVOICE_WORDS = re.compile(r"\b(invoice|inv|bill|no|nr|num|number|id)\b\.?", re.IGNORECASE)


def _ascii_digits(text: str) -> str:
    # NFKC folds full-width characters ("１２３" → "123", "＃" → "#"); the second pass
    # maps other Unicode decimal digits (e.g. Arabic-Indic) to ASCII.
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def _digits_only(raw: str, words: "re.Pattern[str]") -> Optional[str]:
    text = _ascii_digits(raw).strip()
    text = re.sub(r"(?<=[A-Za-z])(?=\d)", " ", text)  # "order10000001" → "order 10000001"
    text = words.sub(" ", text)
    text = re.sub(r"[\s#:.\-_/]", "", text)
    return text if text.isdigit() else None


def _fit_length(digits: str) -> Optional[str]:
    # Leading zeros carry no information: "0010000001" → "10000001", "123" → "00000123".
    digits = digits.lstrip("0") or "0"
    if len(digits) > ORDER_ID_LENGTH:
        return None
    return digits.zfill(ORDER_ID_LENGTH)


def normalize_order_id(raw: Union[str, int, None]) -> str:
    """Canonical 8-digit order number from user text ('#10000001', 'order 10000001', '１０…').

    Raises :class:`InvalidInput` ('order_id') when the text is not an order number.
    """
    if raw is None:
        raise InvalidInput("order_id", "missing")
    digits = _digits_only(str(raw), _ORDER_WORDS)
    number = _fit_length(digits) if digits else None
    if number is None:
        raise InvalidInput("order_id", "format")
    return number


def normalize_invoice_id(raw: Union[str, int, None]) -> str:
    """Canonical invoice number 'INV-xxxxxxxx' from 'INV-20000002', 'inv 20000002', '20000002'."""
    if raw is None:
        raise InvalidInput("invoice_id", "missing")
    digits = _digits_only(str(raw), _INVOICE_WORDS)
    number = _fit_length(digits) if digits else None
    if number is None:
        raise InvalidInput("invoice_id", "format")
    return f"INV-{number}"


def order_number_to_invoice(order_number: str) -> str:
    """Invoice number of an order: the leading '1' becomes '2' (10000002 → INV-20000002)."""
    return f"INV-2{order_number[1:]}"


def normalize_email(raw: Optional[str]) -> str:
    """Lower-cased, stripped email; raises :class:`InvalidInput` ('email') when malformed."""
    email = unicodedata.normalize("NFKC", raw or "").strip().strip("<>").lower()
    if not _EMAIL_RE.match(email) or len(email) > 254:
        raise InvalidInput("email", "format")
    return email


def normalize_account_type(raw: Optional[str]) -> str:
    """One of :data:`~shopassist.shop.models.ACCOUNT_TYPES` (case-insensitive, 'Pro account' ok)."""
    text = (raw or "").strip().lower()
    text = re.sub(r"\b(account|plan|membership|tier|level)\b", " ", text).strip()
    text = re.sub(r"\s+", "", text)
    if text not in ACCOUNT_TYPES:
        raise InvalidInput("account_type", "unknown")
    return text


def normalize_phone(raw: Optional[str]) -> str:
    """Phone number with separators removed ('+49 (30) 123-45' → '+493012345'); 6–16 digits."""
    text = _ascii_digits(raw or "").strip()
    cleaned = re.sub(r"[\s().\-/]", "", text)
    if cleaned.startswith("00"):
        cleaned = "+" + cleaned[2:]
    body = cleaned[1:] if cleaned.startswith("+") else cleaned
    if not body.isdigit() or not 6 <= len(body) <= 16:
        raise InvalidInput("phone", "format")
    return cleaned
