"""The passage/sentence index: embeddings of every passage and sentence, cached under
``<var_dir>/kb_index/<lang>/`` and rebuilt only when the rendered documents (or the encoder, or
the chunker) change — the cache key is a hash of their contents."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import numpy as np

from shopassist.settings import Settings, get_settings

from .chunking import Passage, chunk_all
from .documents import Document, load_documents
from .embedder import MODEL_NAME, get_embedder

__all__ = ["Index", "content_hash", "build_index", "load_index", "ensure_index", "default_index_dir"]

logger = logging.getLogger(__name__)
INDEX_FORMAT = 1  # bump when chunking or the file layout changes


@dataclass
class Index:
    """Passages, their sentences and the (L2-normalised) embeddings of both."""

    digest: str
    passages: List[Passage]
    passage_emb: np.ndarray  # (n_passages, dim)
    sentence_emb: np.ndarray  # (n_sentences, dim)
    sentence_owner: np.ndarray  # (n_sentences,) passage id of each sentence
    sentence_pos: np.ndarray  # (n_sentences,) position of the sentence in its passage

    def sentence_text(self, row: int) -> str:
        return self.passages[int(self.sentence_owner[row])].sentences[int(self.sentence_pos[row])]


def content_hash(docs: Sequence[Document]) -> str:
    """Hash of what the index depends on: rendered documents, encoder name, index format."""
    digest = hashlib.sha256(f"{MODEL_NAME}|format={INDEX_FORMAT}".encode())
    for doc in docs:
        digest.update(doc.source.encode() + b"\0" + doc.text.encode() + b"\0")
    return digest.hexdigest()[:16]


def default_index_dir(language: str = "en", settings: Optional[Settings] = None) -> Path:
    cfg = settings or get_settings()
    return Path(cfg.var_dir) / "kb_index" / language


def _encode(texts: List[str], progress: bool) -> np.ndarray:
    model = get_embedder()
    emb = model.encode(texts, batch_size=32, show_progress_bar=progress, convert_to_numpy=True,
                       normalize_embeddings=True)
    return np.asarray(emb, dtype=np.float32)


def sentence_context(passage: Passage, sentence: str) -> str:
    """A sentence is embedded with its heading, so 'It takes 3–5 days' still knows what 'it' is."""
    return f"{passage.heading}: {sentence}"


def build_index(docs: Sequence[Document], out_dir: Optional[Path] = None, progress: bool = False) -> Index:
    """Embed every passage and sentence; save to ``out_dir`` when given."""
    passages = chunk_all(docs)
    rows: List[Tuple[int, int, str]] = [
        (p.id, i, sentence_context(p, s)) for p in passages for i, s in enumerate(p.sentences)
    ]
    passage_emb = _encode([p.context for p in passages], progress)
    sentence_emb = _encode([r[2] for r in rows], progress)
    index = Index(
        digest=content_hash(docs),
        passages=passages,
        passage_emb=passage_emb,
        sentence_emb=sentence_emb,
        sentence_owner=np.array([r[0] for r in rows], dtype=np.int32),
        sentence_pos=np.array([r[1] for r in rows], dtype=np.int32),
    )
    if out_dir is not None:
        save_index(index, Path(out_dir))
    return index


def save_index(index: Index, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / "index.npz.tmp"
    with tmp.open("wb") as fh:
        np.savez(fh, passage_emb=index.passage_emb, sentence_emb=index.sentence_emb,
                 sentence_owner=index.sentence_owner, sentence_pos=index.sentence_pos)
    tmp.replace(out_dir / "index.npz")
    (out_dir / "passages.json").write_text(
        json.dumps([p.to_dict() for p in index.passages], ensure_ascii=False, indent=1), encoding="utf-8")
    # meta.json last: its digest marks the index as complete
    (out_dir / "meta.json").write_text(json.dumps({"digest": index.digest, "model": MODEL_NAME,
                                                   "passages": len(index.passages),
                                                   "sentences": int(len(index.sentence_owner))}, indent=1))


def load_index(out_dir: Path) -> Optional[Index]:
    """The saved index, or None if there is none (or it is incomplete)."""
    out_dir = Path(out_dir)
    try:
        meta = json.loads((out_dir / "meta.json").read_text())
        arrays = np.load(out_dir / "index.npz")
        passages = [Passage.from_dict(d) for d in json.loads((out_dir / "passages.json").read_text(encoding="utf-8"))]
    except (OSError, ValueError, KeyError):
        return None
    return Index(meta["digest"], passages, arrays["passage_emb"], arrays["sentence_emb"],
                 arrays["sentence_owner"], arrays["sentence_pos"])


def ensure_index(
    kb_dir: Optional[Path] = None,
    language: str = "en",
    settings: Optional[Settings] = None,
    index_dir: Optional[Path] = None,
    progress: bool = False,
    force: bool = False,
) -> Tuple[Index, bool]:
    """Load the cached index if it matches the current documents, otherwise build it.

    Returns (index, rebuilt).
    """
    docs = load_documents(kb_dir, language, settings)
    digest = content_hash(docs)
    out_dir = Path(index_dir) if index_dir is not None else default_index_dir(language, settings)
    if not force:
        cached = load_index(out_dir)
        if cached is not None and cached.digest == digest:
            return cached, False
    logger.info("building knowledge index for %d documents into %s", len(docs), out_dir)
    return build_index(docs, out_dir, progress=progress), True
