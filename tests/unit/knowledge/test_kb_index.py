"""Index: saved and loaded unchanged, cached by content hash, rebuilt when a value changes."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from shopassist.knowledge.index import build_index, ensure_index, load_index
from shopassist.knowledge.documents import load_documents
from shopassist.knowledge.retrieval import KnowledgeBase
from shopassist.settings import Settings


def test_index_round_trip(kb_copy: Path, tmp_path: Path) -> None:
    docs = load_documents(kb_copy, settings=Settings())[:2]
    built = build_index(docs, tmp_path / "idx")
    loaded = load_index(tmp_path / "idx")
    assert loaded is not None and loaded.digest == built.digest
    assert [p.to_dict() for p in loaded.passages] == [p.to_dict() for p in built.passages]
    np.testing.assert_array_equal(loaded.passage_emb, built.passage_emb)
    np.testing.assert_array_equal(loaded.sentence_emb, built.sentence_emb)
    assert loaded.sentence_emb.shape[0] == sum(len(p.sentences) for p in built.passages)
    assert load_index(tmp_path / "missing") is None


def test_index_is_cached_and_rebuilt_when_documents_change(kb_copy: Path, tmp_settings: Settings) -> None:
    index, rebuilt = ensure_index(kb_copy, settings=tmp_settings)
    assert rebuilt
    again, rebuilt = ensure_index(kb_copy, settings=tmp_settings)
    assert not rebuilt and again.digest == index.digest
    path = kb_copy / "en" / "warranty.md"
    path.write_text(path.read_text().replace("Batteries are covered for 6 months only",
                                             "Batteries are covered for 9 months only"))
    changed, rebuilt = ensure_index(kb_copy, settings=tmp_settings)
    assert rebuilt and changed.digest != index.digest


def test_changed_setting_is_answered_after_rebuild_without_retraining(kb_copy: Path, tmp_path: Path) -> None:
    question = "how many days do I have to send an item back?"
    before = KnowledgeBase.load(kb_copy, settings=Settings(var_dir=tmp_path / "a")).select(question)
    assert "within 30 days of delivery" in before.text
    after = KnowledgeBase.load(kb_copy, settings=Settings(var_dir=tmp_path / "a", return_window_days=60)).select(question)
    assert "within 60 days of delivery" in after.text


def test_changed_document_text_is_answered_after_rebuild(kb_copy: Path, tmp_settings: Settings) -> None:
    path = kb_copy / "en" / "warranty.md"
    path.write_text(path.read_text().replace("covered for 6 months only", "covered for 9 months only"))
    sel = KnowledgeBase.load(kb_copy, settings=tmp_settings).select("how long is the battery covered?")
    assert "9 months" in sel.text


def test_running_process_picks_up_a_changed_document_in_the_background(kb_copy: Path, tmp_path: Path,
                                                                       monkeypatch) -> None:
    import time

    from shopassist.knowledge import retrieval
    from shopassist.settings import get_settings

    monkeypatch.setenv("SHOP_KB_DIR", str(kb_copy))
    monkeypatch.setenv("SHOP_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("SHOP_KB_RELOAD_SECONDS", "0")
    get_settings.cache_clear()
    retrieval.reset_knowledge_base()
    try:
        question = "how long is the battery covered?"
        old = retrieval.get_knowledge_base()
        assert "6 months" in old.select(question).text
        path = kb_copy / "en" / "warranty.md"
        path.write_text(path.read_text().replace("covered for 6 months only", "covered for 9 months only"))
        assert retrieval.get_knowledge_base() is old  # answers keep using the old index while it rebuilds
        deadline = time.monotonic() + 120
        while retrieval.get_knowledge_base() is old:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert "9 months" in retrieval.get_knowledge_base().select(question).text
    finally:
        get_settings.cache_clear()
        retrieval.reset_knowledge_base()
