"""Conversational product search, recommendations and marketing copy (issue #8).

- ``query``: structured filters (category, item type, price range, colour, size, brand, stock)
  read from a message and merged with the NLU's entities;
- ``index`` / ``engine``: MiniLM embeddings of the catalog (cached under ``var/search_index``) and
  the hybrid search (filters in Python over the catalog rows, semantic ranking);
- ``refine``: "cheaper", "in blue", "show more", "the second one" against the previous results;
- ``recommend``: personalised suggestions from order history (co-occurrence + similarity);
- ``copy``: grounded product descriptions and promos (generator if present, else templates).

Nothing heavy happens at import time: the encoder loads at first use.
"""
