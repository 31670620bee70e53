"""Documents → passages (one per paragraph, with its heading) → sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Sequence

from .documents import Document

__all__ = ["Passage", "chunk", "chunk_all", "split_sentences"]

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


@dataclass
class Passage:
    """One paragraph under its heading; ``sentences`` are the paragraph's sentences."""

    id: int
    source: str
    title: str
    heading: str
    text: str
    sentences: List[str] = field(default_factory=list)

    @property
    def context(self) -> str:
        """What is embedded for retrieval: document title, heading and text."""
        return f"{self.title}: {self.heading}. {self.text}"

    def to_dict(self) -> dict:
        return {"id": self.id, "source": self.source, "title": self.title, "heading": self.heading,
                "text": self.text, "sentences": list(self.sentences)}

    @classmethod
    def from_dict(cls, data: dict) -> "Passage":
        return cls(**data)


def split_sentences(text: str) -> List[str]:
    """Split a paragraph into sentences (the documents are written one fact per sentence)."""
    text = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def chunk(doc: Document, start_id: int = 0) -> List[Passage]:
    """One passage per paragraph; a paragraph before any ``##`` heading gets the title as heading."""
    passages: List[Passage] = []
    heading = doc.title
    for block in re.split(r"\n\s*\n", doc.text):
        block = block.strip()
        if not block:
            continue
        lines = block.splitlines()
        while lines and lines[0].startswith("#"):
            if lines[0].startswith("## ") or lines[0].startswith("### "):
                heading = lines[0].lstrip("#").strip()
            lines = lines[1:]
        text = " ".join(line.strip() for line in lines).strip()
        if not text:
            continue
        passages.append(Passage(start_id + len(passages), doc.source, doc.title, heading, text,
                                split_sentences(text)))
    return passages


def chunk_all(docs: Sequence[Document]) -> List[Passage]:
    passages: List[Passage] = []
    for doc in docs:
        passages.extend(chunk(doc, len(passages)))
    return passages
