"""Knowledge-base fixtures: settings pointing var/ at a temporary folder, and a small KB."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ["SHOP_KB_GENERATOR"] = "false"  # unit tests of retrieval never load a trained generator

from shopassist.settings import DEFAULT_PROJECT_ROOT, Settings  # noqa: E402

REAL_KB = DEFAULT_PROJECT_ROOT / "kb"


@pytest.fixture(autouse=True, scope="session")
def _one_thread() -> None:
    import torch

    torch.set_num_threads(1)


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    return Settings(var_dir=tmp_path / "var")


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A copy of the real knowledge base that a test may edit."""
    target = tmp_path / "kb"
    shutil.copytree(REAL_KB, target)
    return target


@pytest.fixture(scope="session")
def real_kb(tmp_path_factory: pytest.TempPathFactory):
    """The real knowledge base with default settings, indexed once for the session."""
    from shopassist.knowledge.retrieval import KnowledgeBase

    settings = Settings(var_dir=tmp_path_factory.mktemp("var"))
    return KnowledgeBase.load(REAL_KB, settings=settings)
