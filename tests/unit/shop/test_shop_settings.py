"""Settings: defaults, environment overrides, validation, pydantic-1 compatibility."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shopassist.settings import DEFAULT_PROJECT_ROOT, Settings, SettingsError, get_settings

REPO = Path(__file__).resolve().parents[3]


def test_defaults_are_the_business_rules():
    s = Settings(database_url=None)
    assert s.currency == "EUR"
    assert s.return_window_days == 30
    assert s.cancellation_grace_hours == 24
    assert s.cancellation_fee == pytest.approx(4.95)
    assert tuple(s.refund_processing_days) == (5, 7)
    assert tuple(s.standard_delivery_days) == (3, 5)
    assert tuple(s.express_delivery_days) == (1, 2)
    assert s.free_shipping_threshold == 50.0
    assert any("PayPal" in m for m in s.payment_methods)
    assert any("Klarna" in m for m in s.payment_methods)


def test_derived_paths(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOP_DATABASE_URL", raising=False)
    monkeypatch.delenv("SHOP_VAR_DIR", raising=False)
    s = Settings(project_root=tmp_path)
    assert s.var_dir == tmp_path / "var"
    assert s.database_url == f"sqlite:///{tmp_path / 'var' / 'shop.db'}"
    assert DEFAULT_PROJECT_ROOT == REPO


def test_env_overrides_and_cache_clear(monkeypatch):
    monkeypatch.setenv("SHOP_RETURN_WINDOW_DAYS", "14")
    monkeypatch.setenv("SHOP_REFUND_PROCESSING_DAYS", "[3, 10]")
    monkeypatch.setenv("SHOP_DATABASE_URL", "postgresql+psycopg://u:secret@db/shop")
    get_settings.cache_clear()
    try:
        s = get_settings()
        assert s.return_window_days == 14
        assert tuple(s.refund_processing_days) == (3, 10)
        assert s.database_url.startswith("postgresql+psycopg://")
        assert get_settings() is s  # cached
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"cancellation_fee": -1}, "CANCELLATION_FEE"),
        ({"express_shipping_fee": -0.01}, "EXPRESS_SHIPPING_FEE"),
        ({"database_url": "mongodb://localhost/shop"}, "DATABASE_URL"),
        ({"database_url": "just-a-path.db"}, "DATABASE_URL"),
        ({"refund_processing_days": (7, 5)}, "REFUND_PROCESSING_DAYS"),
        ({"return_window_days": -3}, "RETURN_WINDOW_DAYS"),
        ({"currency": "EURO"}, "CURRENCY"),
    ],
)
def test_invalid_values_raise_clear_errors(kwargs, field):
    with pytest.raises(SettingsError, match=field):
        Settings(**kwargs)


def test_invalid_env_value_raises(monkeypatch):
    monkeypatch.setenv("SHOP_DATABASE_URL", "ftp://nowhere")
    get_settings.cache_clear()
    try:
        with pytest.raises(SettingsError, match="unsupported URL scheme 'ftp'"):
            get_settings()
    finally:
        get_settings.cache_clear()


RASA_PY = REPO / ".venv-rasa" / "bin" / "python"


@pytest.mark.skipif(not RASA_PY.exists(), reason="Rasa venv (.venv-rasa) not present")
def test_imports_under_pydantic_1_in_rasa_venv():
    code = (
        "import pydantic; from shopassist.settings import get_settings, Settings, SettingsError\n"
        "s = get_settings(); assert s.currency == 'EUR' and s.database_url.startswith('sqlite')\n"
        "try:\n    Settings(cancellation_fee=-1)\nexcept SettingsError:\n    pass\n"
        "else:\n    raise SystemExit('no validation')\n"
        "print(pydantic.VERSION)"
    )
    out = subprocess.run([str(RASA_PY), "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("1.")


def test_package_imports_without_touching_the_database(monkeypatch):
    # Import must not create engines or files: point at an impossible location and import.
    code = (
        "import os; os.environ['SHOP_DATABASE_URL']='sqlite:////nonexistent/dir/x.db'\n"
        "import shopassist.shop.service, shopassist.shop.seed, shopassist.shop.cli\n"
        "from shopassist.shop import db; assert not db._engines\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
