"""First start: the generator trains in a real background process while answers are extractive,
and the running process switches to generated answers without a restart."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from shopassist.generation import background, get_generator, reset_generator  # noqa: E402
from shopassist.knowledge.answer import answer_question  # noqa: E402
from shopassist.knowledge.retrieval import Selection, Sentence  # noqa: E402
from shopassist.settings import get_settings  # noqa: E402

FACT = "Standard shipping costs €4.90 per order."


class FakeKB:
    def select(self, question: str) -> Selection:
        return Selection(question, True, 0.9, [Sentence(FACT, 0.9, 0, 0)], [])


@pytest.fixture()
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SHOP_GENERATOR_DIR", str(tmp_path / "generator"))
    monkeypatch.setenv("SHOP_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SHOP_GENERATOR_AUTOTRAIN_STEPS", "3")
    monkeypatch.setenv("SHOP_GENERATOR_POLL_SECONDS", "0")
    monkeypatch.setenv("SHOP_GENERATOR_AUTOTRAIN", "1")
    monkeypatch.setenv("SHOP_KB_GENERATOR", "true")  # tests/unit/knowledge/conftest.py turns it off
    get_settings.cache_clear()
    reset_generator()
    yield tmp_path
    background.stop()
    get_settings.cache_clear()
    reset_generator()


def test_autotrain_off_starts_nothing(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_GENERATOR_AUTOTRAIN", "0")
    get_settings.cache_clear()
    assert "SHOP_GENERATOR_AUTOTRAIN=0" in background.start()
    assert not (isolated / "var" / "run" / "generator-train.pid").exists()
    assert "not trained" in background.status()


def test_background_training_switches_answers_without_restart(isolated: Path) -> None:
    async def ask() -> str:
        reply = await answer_question("how much is shipping?", knowledge_base=lambda: FakeKB(), generation_timeout=30)
        return reply.path

    log = isolated / "var" / "log" / "generator-train.log"
    assert get_generator() is None
    assert asyncio.run(ask()) == "extractive"
    first = background.start(eval_n=0)
    assert "training in the background" in first, first
    second = background.start(eval_n=0)  # never two trainings at once
    assert "already training" in second or "ready" in second, (second, log.read_text()[-2000:] if log.exists() else "")
    deadline = time.monotonic() + 300
    while get_generator() is None:  # the same process, polling the model directory
        assert time.monotonic() < deadline, (isolated / "var" / "log" / "generator-train.log").read_text()[-2000:]
        time.sleep(2)
    # a 3-step model words badly, so the guard may reject it: either way the generator was asked
    assert asyncio.run(ask()) in {"generator", "guard_fallback"}
    assert background.status().startswith("generator: ready")
    assert "ready" in background.start()
