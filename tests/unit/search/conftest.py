"""One freshly seeded SQLite shop per test module (search tests only read it, except the cart
tests, which use their own customers' new orders)."""

from __future__ import annotations

import os
from typing import Dict, Iterator

import pytest

from shopassist.settings import get_settings
from shopassist.shop.db import dispose_engines
from shopassist.shop.seed import ensure_seeded
from shopassist.shop.views import ProductView


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Points SHOP_DATABASE_URL at a new seeded SQLite file for the module."""
    saved = os.environ.get("SHOP_DATABASE_URL")
    url = f"sqlite:///{tmp_path_factory.mktemp('shop') / 'shop.db'}"
    os.environ["SHOP_DATABASE_URL"] = url
    get_settings.cache_clear()
    dispose_engines()
    ensure_seeded()
    yield url
    dispose_engines()
    if saved is None:
        os.environ.pop("SHOP_DATABASE_URL", None)
    else:
        os.environ["SHOP_DATABASE_URL"] = saved
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def catalog(shop: str) -> Dict[str, ProductView]:
    from shopassist.search.engine import all_products

    return {p.sku: p for p in all_products()}
