"""The knowledge base: Markdown policy/FAQ documents (kb/<lang>/) rendered from Settings,
chunked into passages, embedded with MiniLM, retrieved and narrowed down to answering sentences.

    from shopassist.knowledge import get_knowledge_base
    sel = get_knowledge_base().select("how long do refunds take?")
    sel.known, sel.text, sel.sources

Build the index ahead of time with ``python -m shopassist.knowledge build``.
"""

from .documents import Document, load_documents, placeholder_values
from .retrieval import Hit, KnowledgeBase, Selection, get_knowledge_base, reset_knowledge_base

__all__ = ["Document", "load_documents", "placeholder_values", "Hit", "KnowledgeBase", "Selection",
           "get_knowledge_base", "reset_knowledge_base"]
