"""MiniLM embeddings of the catalog, cached under ``<var_dir>/search_index`` and rebuilt only when
the products' searchable text (or the encoder) changes: the cache key hashes that text."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

from shopassist.knowledge.embedder import MODEL_NAME, get_embedder
from shopassist.settings import get_settings
from shopassist.shop.views import ProductView

__all__ = ["ProductIndex", "product_text", "encode", "get_index", "default_index_dir", "is_ready"]

logger = logging.getLogger(__name__)
INDEX_FORMAT = 1
_lock = threading.Lock()
_cache: Dict[str, "ProductIndex"] = {}


@dataclass
class ProductIndex:
    """SKUs in row order and their L2-normalised embeddings."""

    digest: str
    skus: List[str]
    emb: np.ndarray  # (n_products, dim)

    def row(self, sku: str) -> Optional[int]:
        try:
            return self.skus.index(sku)
        except ValueError:
            return None


def product_text(p: ProductView) -> str:
    """What a product is, in the words a shopper might use (no price: prices are filters)."""
    colour = "" if p.color in (None, "multicolour") else f"{p.color} "
    return f"{colour}{p.name}. {p.category}. {p.description}"


def is_ready() -> bool:
    """Whether the encoder is loaded and a catalog index is in memory (a search will be quick)."""
    from shopassist.knowledge import embedder

    return embedder._model is not None and bool(_cache)


def encode(texts: List[str]) -> np.ndarray:
    """Normalised MiniLM sentence embeddings (float32)."""
    emb = get_embedder().encode(texts, batch_size=32, show_progress_bar=False, convert_to_numpy=True,
                                normalize_embeddings=True)
    return np.asarray(emb, dtype=np.float32)


def default_index_dir() -> Path:
    return Path(get_settings().var_dir) / "search_index"


def _digest(texts: Sequence[str]) -> str:
    h = hashlib.sha256(f"{MODEL_NAME}|format={INDEX_FORMAT}".encode())
    for text in texts:
        h.update(text.encode() + b"\0")
    return h.hexdigest()[:16]


def get_index(products: Sequence[ProductView], index_dir: Optional[Path] = None) -> ProductIndex:
    """The embeddings of ``products``: from memory, from the cache on disk, or computed (and saved)."""
    texts = [product_text(p) for p in products]
    skus = [p.sku for p in products]
    digest = _digest([f"{s}\t{t}" for s, t in zip(skus, texts)])
    with _lock:
        if digest in _cache:
            return _cache[digest]
        out = Path(index_dir) if index_dir else default_index_dir()
        index = _load(out, digest)
        if index is None:
            logger.info("embedding %d products into %s", len(texts), out)
            index = ProductIndex(digest, skus, encode(texts))
            _save(out, index)
        _cache[digest] = index
        return index


def _load(out: Path, digest: str) -> Optional[ProductIndex]:
    try:
        meta = json.loads((out / "meta.json").read_text())
        if meta.get("digest") != digest:
            return None
        return ProductIndex(digest, list(meta["skus"]), np.load(out / "emb.npy"))
    except (OSError, ValueError, KeyError):
        return None


def _save(out: Path, index: ProductIndex) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp = out / "emb.npy.tmp"
        with tmp.open("wb") as fh:
            np.save(fh, index.emb)
        tmp.replace(out / "emb.npy")
        # meta.json last: its digest marks the cache as complete
        (out / "meta.json").write_text(json.dumps({"digest": index.digest, "model": MODEL_NAME,
                                                   "skus": index.skus}))
    except OSError:  # a read-only var/ only costs the re-embedding (about a second)
        logger.warning("could not cache the product embeddings in %s", out, exc_info=True)
