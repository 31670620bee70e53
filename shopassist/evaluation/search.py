"""Product search, recommendation and marketing-copy report (issue #8).

    python -m shopassist.evaluation.search --out reports/search

- search: precision@5 and nDCG@5 on ``tests/data/search_queries.yml`` (own labelled queries).
  precision@5 = relevant results in the top 5 / min(5, number of relevant products), so a query
  with 2 relevant products scores 1.0 when both are shown (the catalog has ~2 products per item
  type; dividing by 5 would cap such queries at 0.4 whatever the ranking);
- recommendations: leave-last-purchase-out hit rate@5 on the seeded order history;
- marketing copy: ROUGE-L F1 against held-out descriptions (``tests/data/copy_references.yml``)
  and the grounding guard's rejection rate, for whichever writer runs (generator or templates).

Runs in the app venv (``.venv``: MiniLM, SQLAlchemy); uses a throw-away seeded SQLite database so
the numbers do not depend on what a running demo changed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Sequence

import yaml

__all__ = ["precision_at_k", "ndcg_at_k", "evaluate_search", "main"]

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "data" / "search_queries.yml"
COPY_REFERENCES = ROOT / "tests" / "data" / "copy_references.yml"


def precision_at_k(ranked: Sequence[str], relevant: Sequence[str], k: int = 5) -> float:
    """Relevant items among the first ``k`` / min(k, |relevant|)."""
    if not relevant:
        return 0.0
    rel = set(relevant)
    return sum(1 for sku in ranked[:k] if sku in rel) / min(k, len(rel))


def ndcg_at_k(ranked: Sequence[str], relevant: Sequence[str], k: int = 5) -> float:
    """Binary-relevance nDCG@k."""
    rel = set(relevant)
    dcg = sum(1.0 / math.log2(i + 2) for i, sku in enumerate(ranked[:k]) if sku in rel)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(rel))))
    return dcg / ideal if ideal else 0.0


def evaluate_search(path: Path = QUERIES, k: int = 5) -> Dict[str, Any]:
    """Run every labelled query through :func:`shopassist.search.engine.search`."""
    from shopassist.search.engine import search

    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    per_query: List[Dict[str, Any]] = []
    started = time.perf_counter()
    for row in rows:
        t0 = time.perf_counter()
        ranked = [p.sku for p in search(row["q"], limit=k).products]
        per_query.append({"query": row["q"], "ranked": ranked, "relevant": row["relevant"],
                          "p@5": precision_at_k(ranked, row["relevant"], k),
                          "ndcg@5": ndcg_at_k(ranked, row["relevant"], k),
                          "ms": round(1000 * (time.perf_counter() - t0), 1)})
    n = len(per_query)
    return {"queries": n, "precision@5": round(sum(r["p@5"] for r in per_query) / n, 4),
            "ndcg@5": round(sum(r["ndcg@5"] for r in per_query) / n, 4),
            "seconds": round(time.perf_counter() - started, 2),
            "p50_ms": sorted(r["ms"] for r in per_query)[n // 2],
            "p95_ms": sorted(r["ms"] for r in per_query)[min(n - 1, int(n * 0.95))],
            "misses": [r for r in per_query if r["p@5"] < 1.0], "per_query": per_query}


def rouge_l(candidate: str, reference: str) -> float:
    """ROUGE-L F1 over lower-cased word tokens (longest common subsequence)."""
    import re

    a = re.findall(r"[\w'-]+", candidate.lower())
    b = re.findall(r"[\w'-]+", reference.lower())
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if not lcs:
        return 0.0
    p, r = lcs / len(a), lcs / len(b)
    return 2 * p * r / (p + r)


def evaluate_copy(references: Path = COPY_REFERENCES) -> Dict[str, Any]:
    """ROUGE-L of the description copy against held-out references; guard rejections over the
    whole catalog (both styles) for the writer that runs here."""
    from shopassist.search.copy import STYLES, write_copy
    from shopassist.search.engine import all_products

    products = {p.sku: p for p in all_products()}
    refs = yaml.safe_load(references.read_text(encoding="utf-8"))["references"]
    writers = set()
    scores = []
    for ref in refs:
        copy = write_copy(products[ref["sku"]], "description")
        writers.add(copy.writer)
        scores.append({"sku": ref["sku"], "copy": copy.text, "reference": ref["text"],
                       "rouge_l": round(rouge_l(copy.text, ref["text"]), 4)})
    rejected = candidates = 0
    for p in products.values():
        for style in STYLES:
            copy = write_copy(p, style)
            writers.add(copy.writer)
            candidates += copy.checked
            rejected += len(copy.rejected_drafts)
    return {"writer": "+".join(sorted(writers)), "products": len(scores),
            "rouge_l": round(sum(s["rouge_l"] for s in scores) / len(scores), 4),
            "candidates": candidates, "rejected": rejected,
            "rejection_rate": round(rejected / candidates, 4) if candidates else 0.0, "per_product": scores}


def run_all(queries: Path = QUERIES, references: Path = COPY_REFERENCES) -> Dict[str, Any]:
    """Search, recommendation and copy figures on a private, freshly seeded SQLite database."""
    tmp = tempfile.mkdtemp(prefix="shop-eval-")
    os.environ["SHOP_DATABASE_URL"] = f"sqlite:///{tmp}/shop.db"
    from shopassist.settings import get_settings

    get_settings.cache_clear()
    from shopassist.search.recommend import leave_last_out
    from shopassist.shop.seed import ensure_seeded

    ensure_seeded()
    search = evaluate_search(queries)
    return {"search": search, "recommendations": leave_last_out(), "copy": evaluate_copy(references)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="reports/search")
    parser.add_argument("--queries", default=str(QUERIES))
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    report = run_all(Path(args.queries), COPY_REFERENCES)
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    s, r, c = report["search"], report["recommendations"], report["copy"]
    lines = [
        f"search: {s['queries']} queries  precision@5 {s['precision@5']:.3f}  nDCG@5 {s['ndcg@5']:.3f}"
        f"  (latency p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms)",
        f"recommendations: leave-last-purchase-out hit rate@5 {r['hit_rate@5']:.3f} over {r['customers']}"
        f" customers (popularity {r['baseline_hit_rate@5']:.3f}, random picks {r['random_expected@5']:.3f})",
        f"marketing copy ({c['writer']}): ROUGE-L F1 {c['rouge_l']:.3f} over {c['products']} products,"
        f" guard rejected {c['rejected']}/{c['candidates']} drafts ({c['rejection_rate']:.1%})",
    ]
    (out / "summary.md").write_text("\n".join(f"- {line}" for line in lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"report: {out}/report.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
