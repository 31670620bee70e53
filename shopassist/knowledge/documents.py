"""Knowledge documents: Markdown files under ``kb/<lang>/`` rendered from Settings.

Values the shop enforces (fees, windows, delivery days, contacts…) are written in the documents
as placeholders such as ``{return_window_days}`` and filled in from
:class:`~shopassist.settings.Settings` when the documents are loaded, so the knowledge base and the
shop's rules cannot disagree. An unknown placeholder is an error (a typo must not reach a customer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from shopassist.settings import Settings, get_settings
from shopassist.texts import payment_method

__all__ = ["Document", "placeholder_values", "render", "load_documents", "default_kb_dir", "PLACEHOLDER"]

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
_CURRENCY_NAMES = {"EUR": "euros", "USD": "US dollars", "GBP": "pounds sterling"}
# Chinese documents (kb/zh, issue 11): the same values, worded for Chinese text.
_CURRENCY_NAMES_ZH = {"EUR": "欧元", "USD": "美元", "GBP": "英镑"}
_WEEKDAYS_ZH = {"Mon": "周一", "Tue": "周二", "Wed": "周三", "Thu": "周四", "Fri": "周五", "Sat": "周六",
                "Sun": "周日"}


@dataclass(frozen=True)
class Document:
    """One rendered knowledge document."""

    source: str  # path relative to the KB root, e.g. "en/returns.md"
    title: str
    text: str  # rendered Markdown


def default_kb_dir(settings: Optional[Settings] = None) -> Path:
    cfg = settings or get_settings()
    return Path(cfg.kb_dir) if cfg.kb_dir else Path(cfg.project_root) / "kb"


def money(amount: float, currency: str) -> str:
    """"€4.95" (same format as the bot's other replies)."""
    if currency in _CURRENCY_SYMBOLS:
        return f"{_CURRENCY_SYMBOLS[currency]}{amount:,.2f}"
    return f"{amount:,.2f} {currency}"


def _join(items: List[str], language: str = "en") -> str:
    items = [str(i) for i in items]
    if language == "zh":
        return "、".join(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def hours_text(hours: str, language: str = "en") -> str:
    """Support hours for ``language`` ("Mon–Fri 8:00–20:00" -> "周一–周五 8:00–20:00" in zh)."""
    if language != "zh":
        return hours
    return re.sub(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", lambda m: _WEEKDAYS_ZH[m.group(1)], hours)


def placeholder_values(settings: Optional[Settings] = None, language: str = "en") -> Dict[str, str]:
    """Every placeholder the documents may use, rendered from settings (worded for ``language``)."""
    cfg = settings or get_settings()
    cur = cfg.currency
    names = _CURRENCY_NAMES_ZH if language == "zh" else _CURRENCY_NAMES
    return {
        "shop_name": cfg.shop_name,
        "currency": cur,
        "currency_name": names.get(cur, cur),
        "return_window_days": str(cfg.return_window_days),
        "cancellation_grace_hours": str(cfg.cancellation_grace_hours),
        "cancellation_fee": money(cfg.cancellation_fee, cur),
        "refund_days_min": str(cfg.refund_processing_days[0]),
        "refund_days_max": str(cfg.refund_processing_days[1]),
        "standard_days_min": str(cfg.standard_delivery_days[0]),
        "standard_days_max": str(cfg.standard_delivery_days[1]),
        "express_days_min": str(cfg.express_delivery_days[0]),
        "express_days_max": str(cfg.express_delivery_days[1]),
        "standard_shipping_fee": money(cfg.standard_shipping_fee, cur),
        "express_shipping_fee": money(cfg.express_shipping_fee, cur),
        "free_shipping_threshold": money(cfg.free_shipping_threshold, cur),
        "payment_methods": _join([payment_method(m, language) for m in cfg.payment_methods], language),
        "support_hours": hours_text(cfg.support_hours, language),
        "support_phone": cfg.support_phone,
        "support_email": cfg.support_email,
    }


def render(text: str, values: Dict[str, str], source: str = "<text>") -> str:
    """Fill the ``{name}`` placeholders; unknown names raise ``KeyError`` naming the file."""

    def fill(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"{source}: unknown placeholder {{{name}}}; known: {', '.join(sorted(values))}")
        return values[name]

    return PLACEHOLDER.sub(fill, text)


def load_documents(
    kb_dir: Optional[Path] = None, language: str = "en", settings: Optional[Settings] = None
) -> List[Document]:
    """All ``*.md`` files of one language, rendered, sorted by file name."""
    root = Path(kb_dir) if kb_dir is not None else default_kb_dir(settings)
    folder = root / language
    if not folder.is_dir():
        raise FileNotFoundError(f"knowledge base folder not found: {folder}")
    values = placeholder_values(settings, language)
    docs = []
    for path in sorted(folder.glob("*.md")):
        source = f"{language}/{path.name}"
        text = render(path.read_text(encoding="utf-8"), values, source)
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
        docs.append(Document(source=source, title=title, text=text))
    return docs
