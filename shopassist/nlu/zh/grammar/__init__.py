"""Compositional Chinese grammar for the NLU training data (issue 11), own writing.

The flat templates of :mod:`shopassist.nlu.zh.templates` name one wording each; shoppers use
many verbs, nouns and sentence shapes for one request, and held-out messages kept failing on
words no template used. A grammar spec per intent composes them instead::

    SPECS = {
        "cancel_order": {
            "slots": {"V": ["取消", "撤销", "作废"], "O": ["订单", "{oid}", "<my>单子"]},
            "frames": ["<V><O>", "<want><V><O>", "<O><can><V><q>"],
            "extras": ["不买了", "东西不想要了"],
        },
    }

* ``<name>`` refers to a slot list: the intent's own ``slots`` first, then
  :data:`shopassist.nlu.zh.grammar.common.COMMON`; a slot value may itself contain ``<refs>``
  (expanded up to :data:`MAX_DEPTH` levels) and may be ``""`` (optional words).
* ``{order_id}``, ``{delivery_city}``, ... (annotated entities), ``{oid}`` (an order-number
  phrase) and ``{item}`` (a product word) are left for :func:`shopassist.nlu.zh.generate.render`.
* ``extras`` are complete templates (they may use ``<refs>`` and ``{slots}`` too).

Sub-modules hold the specs of one group of intents each; :func:`all_specs` merges them.
"""
from __future__ import annotations

import random
import re
from typing import Dict, List, Mapping, Sequence

from shopassist.nlu.zh.grammar.common import COMMON

MAX_DEPTH = 4
REF_RE = re.compile(r"<(\w+)>")
Spec = Dict[str, object]

_MODULES = ("orders", "money", "account", "shopping", "chat")


def all_specs() -> Dict[str, Spec]:
    """Every intent's spec from the group modules (an intent in two modules is an error)."""
    import importlib

    specs: Dict[str, Spec] = {}
    for name in _MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        for intent, spec in module.SPECS.items():
            if intent in specs:
                raise ValueError(f"intent {intent!r} has a grammar in two modules")
            specs[intent] = spec
    return specs


def expand(template: str, slots: Mapping[str, Sequence[str]], rng: random.Random) -> str:
    """Replace every ``<ref>`` by a random value of its slot (recursively)."""
    for _ in range(MAX_DEPTH):
        if "<" not in template:
            break
        template = REF_RE.sub(lambda m: rng.choice(_slot(m.group(1), slots)), template)
    if REF_RE.search(template):
        raise ValueError(f"slot references nested deeper than {MAX_DEPTH}: {template!r}")
    return template


def _slot(name: str, slots: Mapping[str, Sequence[str]]) -> Sequence[str]:
    values = slots.get(name)
    if values is None:
        values = COMMON.get(name)
    if not values:
        raise KeyError(f"unknown or empty grammar slot <{name}>")
    return values


def draw(spec: Spec, rng: random.Random, extras_share: float = 0.3) -> str:
    """One template of the intent: a frame (``1 - extras_share``) or an extra, expanded."""
    frames: List[str] = list(spec.get("frames") or [])
    extras: List[str] = list(spec.get("extras") or [])
    use_extra = extras and (not frames or rng.random() < extras_share)
    template = rng.choice(extras if use_extra else frames)
    return expand(template, spec.get("slots") or {}, rng)


def unknown_refs(spec: Spec) -> List[str]:
    """Slot references of a spec that resolve to nothing (for tests and the preview)."""
    slots = spec.get("slots") or {}
    texts = list(spec.get("frames") or []) + list(spec.get("extras") or [])
    texts += [v for values in slots.values() for v in values]
    names = {m.group(1) for t in texts for m in REF_RE.finditer(t)}
    return sorted(n for n in names if n not in slots and n not in COMMON)


def main(argv: Sequence[str] = ()) -> int:
    """Preview: ``python -m shopassist.nlu.zh.grammar INTENT [-n 30] [--seed 1]``."""
    import argparse

    from shopassist.nlu.zh.generate import render

    parser = argparse.ArgumentParser(description="print examples drawn from a Chinese grammar spec")
    parser.add_argument("intent", nargs="?", help="one intent (default: every intent, 5 each)")
    parser.add_argument("-n", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(list(argv) or None)
    specs = all_specs()
    rng = random.Random(args.seed)
    for intent in [args.intent] if args.intent else sorted(specs):
        spec = specs[intent]
        missing = unknown_refs(spec)
        if missing:
            print(f"{intent}: unknown slots {missing}")
            continue
        print(f"== {intent}")
        for _ in range(args.n or (30 if args.intent else 5)):
            print("  ", render(draw(spec, rng), rng)[0])
    return 0
