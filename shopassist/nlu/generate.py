"""Deterministic generator for the Rasa NLU training data (data/nlu/*.yml).

Usage::

    python -m shopassist.nlu.generate [--out data/nlu] [--seed 13] [--per-intent 300]

Pure standard library (no rasa import), so the generator can be tested in any venv.
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from shopassist.nlu import oos, templates, vocab

SLOT_RE = re.compile(r"\{(\w+)\}")

# intent -> output file (one file per intent group)
INTENT_FILES: Dict[str, str] = {
    "cancel_order": "orders", "change_order": "orders", "track_order": "orders",
    "place_order": "orders", "check_cancellation_fee": "orders",
    "change_shipping_address": "delivery", "set_up_shipping_address": "delivery",
    "delivery_options": "delivery", "delivery_period": "delivery",
    "check_invoice": "invoices", "get_invoice": "invoices",
    "check_payment_methods": "payment", "payment_issue": "payment",
    "check_refund_policy": "refunds", "get_refund": "refunds", "track_refund": "refunds",
    "complaint": "feedback", "review": "feedback",
    "contact_customer_service": "contact", "contact_human_agent": "contact",
    "create_account": "account", "delete_account": "account", "edit_account": "account",
    "request_data_export": "account",
    "switch_account": "account", "recover_password": "account",
    "registration_problems": "account", "newsletter_subscription": "account",
    "greet": "smalltalk", "goodbye": "smalltalk", "affirm": "smalltalk", "deny": "smalltalk",
    "thank": "smalltalk", "bot_challenge": "smalltalk",
    "inform": "inform", "search_product": "search_product", "out_of_scope": "out_of_scope",
    "ask_question": "ask_question",
    # conversational shopping (issue #8)
    "refine_search": "search_product", "select_product": "search_product",
    "add_to_cart": "search_product", "checkout": "search_product",
    "recommend_product": "search_product",
}

SMALLTALK = {"greet", "goodbye", "affirm", "deny", "thank", "bot_challenge"}

# task intents that get more than --per-intent examples (factor)
INTENT_SCALE = {"delivery_options": 1.5}

DEFAULT_COUNTS = {"greet": 160, "goodbye": 120, "affirm": 90, "deny": 80, "thank": 160,
                  "bot_challenge": 70, "inform": 320, "search_product": 320, "ask_question": 240,
                  "out_of_scope": 1100,
                  # conversational shopping (issue #8)
                  "refine_search": 200, "select_product": 120, "add_to_cart": 140, "checkout": 100,
                  "recommend_product": 120}

PROFANITY_P = 0.10
TYPO_SENTENCE_P = 0.35
TYPO_WORD_P = 0.06
LOWER_P = 0.35

KEYBOARD_NEIGHBOURS = {
    "a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}

SLANG = [
    (r"\byou\b", ["u", "ya"]), (r"\byour\b", ["ur", "yr"]), (r"\bplease\b", ["pls", "plz"]),
    (r"\bI am\b", ["I'm", "im", "i am"]), (r"\bI'm\b", ["im", "i am"]),
    (r"\bdon't\b", ["dont", "do not"]), (r"\bcan't\b", ["cant", "cannot"]),
    (r"\bwant to\b", ["wanna"]), (r"\bgoing to\b", ["gonna"]), (r"\bI need\b", ["i need", "need"]),
    (r"\bhave got to\b", ["have to", "gotta"]), (r"\bthanks\b", ["thx", "thanks a lot"]),
    (r"\bhow do I\b", ["how can i", "how do i"]), (r"\bI would\b", ["I'd", "id"]),
    (r"\bwhat's\b", ["whats", "what is"]), (r"\bisn't\b", ["isnt", "is not"]),
]

FILLERS = {
    "ship": ["shipping", "delivery", "deliveries", "shipments", "shipment", "delivering",
             "sending", "shippinh", "shipping options"],
    "shipv": ["ship", "deliver", "send", "ship orders", "deliver orders", "post"],
    "how": ["", "", "help me see", "I want to check", "help me check", "I need to know",
            "can you tell me", "i have got to check", "show me", "I'd like to see",
            "I need help seeing", "want help checking", "where can I see"],
    "kin": ["wife", "husband", "daughter", "son", "fiancee", "fiance", "mother", "father",
            "bride", "kid", "friend", "partner", "grandma"],
    "probl": ["issue", "issues", "problem", "problems", "error", "errors", "trouble"],
    "wait": ["I'm waiting for", "I am waiting for", "i expect", "I expect", "im still waiting for",
             "I am expecting", "still waiting on", "I have been waiting for", "waiting for"],
    "rword": ["refund", "reimbursement", "compensation", "rebate", "restitution", "refund"],
    "proc": ["was it processed", "has it been processed?", "has it been processed already",
             "any news?", "where is it?", "when will it arrive?", "is it done?",
             "did you send it?"],
    "chk": ["check", "see", "find", "locate", "look for", "view", "show me", "checking",
            "take a quick look at", "give a quick look at", "look up", "where can I see",
            "I need to find", "how to check", "help me see", "can I see", "I cannot find",
            "I can't locate", "seeing", "finding", "looking for", "I want to view"],
    "getv": ["get", "download", "send me", "email me", "mail me", "getting", "downloading",
             "I need a copy of", "can you send me", "I want to download", "how do I get",
             "help me download", "I lost", "I'd like to receive", "print", "obtain"],
    "invw": ["invoice", "bill", "invoices", "bills", "receipt", "invoce"],
}

PREFIXES = ["hi, ", "hello, ", "hey ", "good morning, ", "excuse me, ", "ok ", "so ",
            "hi there, ", "hey, ", "yo ", "listen, ", "um ", "well, "]
CLAUSES = [", help me", " how can i do it", ", I need assistance", " will you help me",
           ", can you help?", " how do I do it?", ", I need help", " i need some help",
           " can I get some help?", ", what should I do", " asap please", " thanks in advance",
           ", how could I do it", " help me out", " - any idea?"]
SUFFIXES = [" please", " thanks", " asap", " thank you", " pls", "!", " now", ".", " ?",
            " right now", " quickly", " thx"]


@dataclass
class Example:
    intent: str
    text: str
    # (start, end, entity, value or None)
    entities: List[Tuple[int, int, str, Optional[str]]] = field(default_factory=list)

    def markup(self) -> str:
        return to_markup(self.text, self.entities)


def to_markup(text: str, entities: Sequence[Tuple[int, int, str, Optional[str]]]) -> str:
    """Render text + entity spans in Rasa's ``[text](entity)`` syntax."""
    out, pos = [], 0
    for start, end, ent, value in sorted(entities):
        out.append(text[pos:start])
        surface = text[start:end]
        if value is not None and value != surface:
            out.append(f'[{surface}]{{"entity": "{ent}", "value": "{value}"}}')
        else:
            out.append(f"[{surface}]({ent})")
        pos = end
    out.append(text[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------
# noise
# ---------------------------------------------------------------------------
def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randint(1, len(word) - 2)
    op = rng.random()
    if op < 0.3:  # swap
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if op < 0.55:  # drop
        return word[:i] + word[i + 1:]
    if op < 0.8:  # duplicate
        return word[:i] + word[i] + word[i:]
    c = word[i].lower()
    return word[:i] + rng.choice(KEYBOARD_NEIGHBOURS.get(c, c)) + word[i + 1:]


def noisy_text(text: str, rng: random.Random, typos: bool, slang: bool) -> str:
    if slang:
        for pattern, options in SLANG:
            if rng.random() < 0.3:
                text = re.sub(pattern, lambda m: rng.choice(options), text)
    if typos:
        words = text.split(" ")
        words = [typo(w, rng) if rng.random() < TYPO_WORD_P else w for w in words]
        if rng.random() < 0.05 and len(words) > 2:  # glue two words together
            j = rng.randint(0, len(words) - 2)
            if words[j].isalpha() and words[j + 1].isalpha():
                words[j:j + 2] = [words[j] + words[j + 1]]
        text = " ".join(words)
    return text


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------
def _filler(name: str, rng: random.Random) -> Optional[str]:
    if name == "x":
        return rng.choice(vocab.PROFANITY) + " " if rng.random() < PROFANITY_P else ""
    if name == "num":
        return rng.choice(vocab.NUMBER_WORDS + [str(i) for i in range(2, 13)])
    if name == "month":
        return rng.choice(vocab.MONTHS)
    if name == "adj":
        return rng.choice(vocab.ADJECTIVES)
    if name == "amt":
        n = rng.choice([str(rng.randint(1, 20)), str(rng.randint(20, 2000))])
        return rng.choice([f"${n}", f"{n} dollars", f"{n} euros", f"€{n}", f"{n} bucks"])
    if name in FILLERS:
        return rng.choice(FILLERS[name])
    if name in oos.FILLERS:
        return rng.choice(oos.FILLERS[name])
    return None


def render(template: str, rng: random.Random, *, noise: bool = True,
           allow_entities: bool = True) -> Tuple[str, List[Tuple[int, int, str, Optional[str]]]]:
    """Fill a template; returns text and entity spans (start, end, type, value)."""
    # resolve nested fillers first (fillers may themselves contain slots)
    for _ in range(3):
        if not any(m.group(1) in oos.FILLERS for m in SLOT_RE.finditer(template)):
            break
        template = SLOT_RE.sub(
            lambda m: rng.choice(oos.FILLERS[m.group(1)]) if m.group(1) in oos.FILLERS
            else m.group(0), template)

    typos = noise and rng.random() < TYPO_SENTENCE_P
    slang = noise and rng.random() < 0.4
    segments: List[Tuple[str, Optional[str], Optional[str]]] = []
    pos = 0
    for m in SLOT_RE.finditer(template):
        literal = template[pos:m.start()]
        if literal:
            segments.append((noisy_text(literal, rng, typos, slang) if noise else literal,
                             None, None))
        name = m.group(1)
        if name in vocab.ENTITY_GENERATORS:
            surface, value = vocab.ENTITY_GENERATORS[name](rng)
            if allow_entities:
                segments.append((surface, name, value))
            else:
                segments.append((surface, None, None))
        else:
            fill = _filler(name, rng)
            if fill is None:
                raise KeyError(f"unknown slot {{{name}}} in template {template!r}")
            segments.append((fill, None, None))
        pos = m.end()
    tail = template[pos:]
    if tail:
        segments.append((noisy_text(tail, rng, typos, slang) if noise else tail, None, None))

    lower = noise and rng.random() < LOWER_P
    text_parts: List[str] = []
    entities = []
    length = 0
    for i, (seg, ent, value) in enumerate(segments):
        if ent is None:
            seg = re.sub(r" {2,}", " ", seg)
            if length == 0:
                seg = seg.lstrip()
            if lower:
                seg = seg.lower()
            # avoid a double space where two literal segments meet
            if text_parts and text_parts[-1].endswith(" ") and seg.startswith(" "):
                seg = seg[1:]
        else:
            if lower and ent in ("account_type", "person_name", "delivery_city",
                                 "delivery_country", "brand", "color", "category"):
                seg = seg.lower()
            entities.append((length, length + len(seg), ent, value))
        text_parts.append(seg)
        length += len(seg)
    text = "".join(text_parts)
    stripped = text.rstrip()
    return stripped, [e for e in entities if e[1] <= len(stripped)]


def _decorate(text: str, entities, rng: random.Random, intent: str):
    """Optional politeness prefix/suffix and punctuation changes (keeps spans valid)."""
    if intent not in SMALLTALK and intent != "inform":
        if rng.random() < 0.07:
            prefix = rng.choice(PREFIXES)
            text = prefix + text
            entities = [(s + len(prefix), e + len(prefix), t, v) for s, e, t, v in entities]
        if rng.random() < 0.07 and not text.endswith(("?", "!", ".")):
            text = text + rng.choice(SUFFIXES)
        elif rng.random() < 0.12 and not text.endswith(("?", "!", ".")):
            text = text + rng.choice(CLAUSES)
    r = rng.random()
    if r < 0.3 and text.endswith("?") and not (entities and entities[-1][1] == len(text)):
        text = text[:-1].rstrip()
    elif r > 0.92 and text and text[-1].isalnum():
        text = text + rng.choice(["?", "!", "."])
    return text, entities


def _spec_choices(spec: dict) -> List[Tuple[str, float]]:
    mix = spec.get("mix")
    kinds = []
    if spec.get("groups"):
        kinds += [("base", 0.5), ("gerund", 0.25)]
    if spec.get("nouns"):
        kinds.append(("noun", 0.1))
    if spec.get("extras"):
        kinds.append(("extra", 0.15 if spec.get("groups") else 1.0))
    if spec.get("followups"):
        kinds.append(("followup", 0.08))
    if mix:
        kinds = [(k, mix.get(k, w)) for k, w in kinds]
    return kinds


def draw_template(spec: dict, rng: random.Random) -> str:
    kinds = _spec_choices(spec)
    kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
    if kind == "extra":
        return rng.choice(spec["extras"])
    if kind == "followup":
        return rng.choice(spec["followups"])
    if kind == "noun":
        return rng.choice(templates.NOUN_FRAMES).replace("{N}", rng.choice(spec["nouns"]))
    group = rng.choice(spec["groups"])
    base, gerund = rng.choice(group["verbs"])
    obj = rng.choice(group["objects"])
    frame = rng.choice(templates.BASE_FRAMES if kind == "base" else templates.GERUND_FRAMES)
    return frame.replace("{V}", base).replace("{G}", gerund).replace("{O}", obj)


def sample_intent(intent: str, spec: dict, n: int, rng: random.Random) -> List[Example]:
    seen, out = set(), []
    for text in spec.get("core", []):  # verbatim phrases first
        if text.lower() not in seen:
            seen.add(text.lower())
            out.append(Example(intent, text, []))
    attempts = 0
    while len(out) < n and attempts < n * 30:
        attempts += 1
        template = draw_template(spec, rng)
        noise = rng.random() < (0.5 if intent in SMALLTALK else 0.85)
        text, entities = render(template, rng, noise=noise)
        text, entities = _decorate(text, entities, rng, intent)
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        out.append(Example(intent, text, entities))
    return out


def sample_out_of_scope(n: int, rng: random.Random) -> List[Example]:
    seen, out = set(), []
    attempts = 0
    while len(out) < n and attempts < n * 30:
        attempts += 1
        template = rng.choice(oos.PREFIXES) + rng.choice(oos.TEMPLATES) + rng.choice(oos.SUFFIXES)
        text, _ = render(template, rng, noise=rng.random() < 0.7, allow_entities=False)
        text = text.replace("??", "?")
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        out.append(Example("out_of_scope", text, []))
    return out


def generate(seed: int = 13, per_intent: int = 300,
             counts: Optional[Dict[str, int]] = None) -> Dict[str, List[Example]]:
    """All training examples, keyed by intent. Deterministic for a given seed."""
    counts = {**DEFAULT_COUNTS, **(counts or {})}
    result: Dict[str, List[Example]] = {}
    for intent in sorted(templates.INTENTS):
        rng = random.Random(f"{seed}-{intent}")
        n = counts.get(intent, int(per_intent * INTENT_SCALE.get(intent, 1.0)))
        result[intent] = sample_intent(intent, templates.INTENTS[intent], n, rng)
    result["out_of_scope"] = sample_out_of_scope(counts["out_of_scope"],
                                                 random.Random(f"{seed}-oos"))
    return result


# ---------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------
HEADER = "# Generated by `python -m shopassist.nlu.generate` - do not edit by hand.\n"

# Digit and letter lookarounds, not \b: Han characters are word characters, so "\b" never fired
# in "单子20345678有…" or "发票#00123的" and Chinese ids lost the regex feature (issue 11, run 21).
REGEXES = {
    "order_id": [r"#?(?<!\d)\d{6,15}(?!\d)"],
    "invoice_id": [r"(?<![A-Za-z])[Ii][Nn][Vv]-?\d{6,10}(?!\d)", r"#\d{4,8}(?!\d)"],
    "email": [r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]*[A-Za-z]"],
    "phone": [r"\+\d{1,3}[ \d]{6,14}\d", r"(?<!\d)0\d{9,11}(?!\d)", r"(?<!\d)\d{3}-\d{3}-\d{4}(?!\d)"],
}


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_yaml(examples: Dict[str, List[Example]], out_dir: Path) -> List[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.yml"):
        if not old.name.startswith("zh_"):  # Chinese data: shopassist.nlu.zh.generate
            old.unlink()
    files: Dict[str, List[str]] = {}
    for intent, exs in examples.items():
        fname = INTENT_FILES.get(intent, intent)
        block = [f"- intent: {intent}", "  examples: |"]
        block += [f"    - {ex.markup()}" for ex in exs]
        files.setdefault(fname, []).append("\n".join(block))
    written = []
    for fname, blocks in sorted(files.items()):
        path = out_dir / f"{fname}.yml"
        path.write_text(HEADER + 'version: "3.1"\nnlu:\n' + "\n".join(blocks) + "\n",
                        encoding="utf-8")
        written.append(path)

    # regexes
    lines = [HEADER + 'version: "3.1"', "nlu:"]
    for name, patterns in REGEXES.items():
        lines += [f"- regex: {name}", "  examples: |"]
        lines += [f"    - {p}" for p in patterns]
    path = out_dir / "regex.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.append(path)

    # lookup tables + synonyms
    lookups = {
        # no lookup for open sets (cities, brands): with a lookup feature that fires on every
        # training example the model ignores context and misses unseen names (measured)
        "delivery_country": vocab.COUNTRIES, "color": vocab.COLORS,
        "account_type": vocab.ACCOUNT_TYPES,
        # closed set: the catalog's item types (issue #8); search also parses them itself
        "category": vocab.CATEGORIES,
    }
    lines = [HEADER + 'version: "3.1"', "nlu:"]
    for name, values in lookups.items():
        lines += [f"- lookup: {name}", "  examples: |"]
        lines += [f"    - {v}" for v in sorted(set(values))]
    synonyms = {
        "premium": ["Premium", "PREMIUM"], "platinum": ["Platinum", "PLATINUM"],
        "gold": ["Gold", "GOLD"], "standard": ["Standard", "STANDARD"],
        "freemium": ["Freemium", "FREEMIUM"], "free": ["Free", "FREE"], "pro": ["Pro", "PRO"],
        "basic": ["Basic", "BASIC"],
        "1": ["one"], "2": ["two"], "3": ["three"], "4": ["four"], "5": ["five"],
    }
    for value, syns in synonyms.items():
        lines += [f"- synonym: {_yaml_str(value)}", "  examples: |"]
        lines += [f"    - {s}" for s in syns]
    path = out_dir / "lookups.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    written.append(path)
    return written


def _norm(text: str) -> str:
    # Same normalisation as the project's hygiene check: punctuation becomes a word break.
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def load_avoid_list(paths: Sequence[Path], min_words: int = 6) -> set:
    """Normalised evaluation sentences (>= min_words words) that training data must not
    contain. Used only to *drop* accidental collisions of generated text with eval rows."""
    avoid = set()
    for path in paths:
        if not path.exists():
            continue
        if path.suffix == ".csv":
            import csv

            with open(path, newline="", encoding="utf-8") as fh:
                texts = [row.get("instruction") or row.get("text") or ""
                         for row in csv.DictReader(fh)]
        else:
            texts = path.read_text(encoding="utf-8").splitlines()
        avoid.update(n for n in map(_norm, texts) if len(n.split()) >= min_words)
    return avoid


def drop_collisions(examples: Dict[str, List[Example]], avoid: set) -> int:
    dropped = 0
    for intent, exs in examples.items():
        kept = [e for e in exs if _norm(e.text) not in avoid]
        dropped += len(exs) - len(kept)
        examples[intent] = kept
    return dropped


DEFAULT_AVOID = [Path(__file__).resolve().parents[2].parent / "shared" / "data" / name
                 for name in ("bitext_dev.csv", "out_of_scope_dev.txt")]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="data/nlu", help="output directory")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-intent", type=int, default=300,
                        help="examples per task intent (small-talk intents use fixed counts)")
    parser.add_argument("--avoid", type=Path, nargs="*", default=DEFAULT_AVOID,
                        help="evaluation files whose >=6-word sentences must not appear in the "
                             "training data (generated collisions are dropped)")
    args = parser.parse_args(argv)
    examples = generate(seed=args.seed, per_intent=args.per_intent)
    dropped = drop_collisions(examples, load_avoid_list(args.avoid))
    if dropped:
        print(f"dropped {dropped} generated examples that coincide with evaluation sentences")
    paths = write_yaml(examples, Path(args.out))
    total = sum(len(v) for v in examples.values())
    print(f"wrote {total} examples for {len(examples)} intents to "
          f"{', '.join(str(p) for p in paths)}")
    for intent, exs in sorted(examples.items()):
        print(f"  {intent:28s} {len(exs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
