"""python -m shopassist.knowledge build [--force] | ask QUESTION | docs"""

from __future__ import annotations

import argparse
import logging
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.knowledge", description=__doc__)
    sub = parser.add_subparsers(dest="cmd", required=True)
    build = sub.add_parser("build", help="build the index (only if the documents changed)")
    build.add_argument("--force", action="store_true", help="rebuild even if the cache is current")
    build.add_argument("--language", default="en")
    ask = sub.add_parser("ask", help="retrieve and select the answer to a question")
    ask.add_argument("question", nargs="+")
    ask.add_argument("-k", type=int, default=3)
    sub.add_parser("docs", help="print the rendered documents")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    import torch

    torch.set_num_threads(1)
    if args.cmd == "build":
        from .index import default_index_dir, ensure_index

        start = time.monotonic()
        index, rebuilt = ensure_index(language=args.language, progress=True, force=args.force)
        state = "built" if rebuilt else "up to date"
        print(f"knowledge index {state}: {len(index.passages)} passages, {len(index.sentence_owner)} sentences, "
              f"digest {index.digest}, {default_index_dir(args.language)} ({time.monotonic() - start:.1f} s)")
        return 0
    if args.cmd == "docs":
        from .documents import load_documents

        for doc in load_documents():
            print(f"===== {doc.source}\n{doc.text}")
        return 0
    from .retrieval import get_knowledge_base

    kb = get_knowledge_base()
    question = " ".join(args.question)
    sel = kb.select(question, k=args.k)
    for hit in sel.hits:
        print(f"{hit.score:.3f}  {hit.source}")
    print(f"known={sel.known} score={sel.score:.3f}\n{sel.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
