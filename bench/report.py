"""Statistics, ratios to the baseline, the JSON result, the Markdown table and the plot."""

from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence

from .common import RASA_PY, ROOT, base_env
from .load import BASELINE_TYPES, OURS_TYPES, LevelResult

# Which baseline turn type each of ours is compared with.
COUNTERPART = {"rule": "rule", "db": "custom_action", "free_form": "custom_action",
               "greet": "greet", "goodbye": "goodbye", "track": "custom_action", "verify": "custom_action",
               "cancel_quote": "custom_action", "cancel_confirm": "custom_action", "faq": "custom_action",
               "all": "all"}


def percentile(values: Sequence[float], q: float) -> Optional[float]:
    """Nearest-rank percentile (q in 0..100) of ``values``; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def latency_stats(seconds: Iterable[float]) -> Dict[str, Optional[float]]:
    values = list(seconds)
    ms = lambda v: None if v is None else round(v * 1000, 1)  # noqa: E731
    return {"n": len(values), "p50_ms": ms(percentile(values, 50)), "p95_ms": ms(percentile(values, 95)),
            "p99_ms": ms(percentile(values, 99)), "mean_ms": ms(sum(values) / len(values)) if values else None}


def summarize_level(result: LevelResult, scenario: str) -> Dict[str, object]:
    """Per turn type and per category: latency percentiles, messages/s, errors, unexpected answers."""
    types = OURS_TYPES if scenario == "ours" else BASELINE_TYPES
    wall = max(result.wall_s, 1e-9)
    groups: Dict[str, List] = {}
    for turn in result.turns:
        for key in (turn.kind, "cat:" + types.get(turn.kind, "other"), "all"):
            groups.setdefault(key, []).append(turn)
    out: Dict[str, object] = {"concurrency": result.concurrency, "wall_s": result.wall_s,
                              "conversations": result.conversations, "conversations_aborted": result.conversations_aborted,
                              "confirmed_cancellations": result.confirmed_cancellations,
                              "not_cancellable_quotes": result.not_cancellable_quotes,
                              "turn_types": {}, "categories": {}}
    for key, turns in groups.items():
        ok = [t.seconds for t in turns if t.error is None]
        stats = latency_stats(ok)
        stats.update(msgs_per_s=round(len(ok) / wall, 2), errors=sum(1 for t in turns if t.error),
                     unexpected=sum(1 for t in turns if t.unexpected))
        errors = sorted({t.error for t in turns if t.error})
        if errors:
            stats["error_kinds"] = errors
        if key == "all":
            out["all"] = stats
        elif key.startswith("cat:"):
            out["categories"][key[4:]] = stats
        else:
            out["turn_types"][key] = stats
    return out


def _ratio(ours: Optional[float], base: Optional[float]) -> Optional[float]:
    if ours is None or not base:
        return None
    return round(ours / base, 2)


def ratios(ours_levels: Dict[str, dict], base_levels: Dict[str, dict]) -> Dict[str, dict]:
    """Ours / baseline per concurrency: p50/p95/p99 per category and turn type, and messages/s."""
    out: Dict[str, dict] = {}
    for level, ours in ours_levels.items():
        base = base_levels.get(level)
        if not base:
            continue
        entry: Dict[str, dict] = {"all": {"msgs_per_s": _ratio(ours["all"]["msgs_per_s"], base["all"]["msgs_per_s"])}}
        for q in ("p50_ms", "p95_ms", "p99_ms"):
            entry["all"][q] = _ratio(ours["all"][q], base["all"][q])
        for group in ("categories", "turn_types"):
            for name, stats in ours[group].items():
                counterpart = COUNTERPART.get(name)
                other = base["categories"].get(counterpart) or base["turn_types"].get(counterpart)
                if not other:
                    continue
                entry[name] = {"vs": counterpart, **{q: _ratio(stats[q], other[q]) for q in ("p50_ms", "p95_ms", "p99_ms")}}
        out[level] = entry
    return out


def evaluate_targets(data: dict) -> List[dict]:
    """The issue's targets, measured value and met / missed / not measured."""
    ours = data.get("ours", {})
    levels = ours.get("levels", {})
    rows = []

    def add(name: str, target: str, value, ok: Optional[bool], note: str = "") -> None:
        rows.append({"target": name, "goal": target, "measured": value,
                     "status": "not measured" if ok is None else ("met" if ok else "MISSED"), "note": note})

    seq = levels.get("1", {}).get("categories", {})
    rule_db = [seq.get(c, {}).get("p50_ms") for c in ("rule", "db")]
    add("rule/DB turns p50, sequential", "<= 40 ms", {"rule": rule_db[0], "db": rule_db[1]},
        None if None in rule_db else max(rule_db) <= 40)
    l16 = levels.get("16")
    if l16:
        rdb = sum(l16["categories"].get(c, {}).get("msgs_per_s", 0) for c in ("rule", "db"))
        add("throughput at 16 customers", ">= 100 msgs/s", {"all_turns": l16["all"]["msgs_per_s"], "rule_db_turns": round(rdb, 2)},
            l16["all"]["msgs_per_s"] >= 100)
    else:
        add("throughput at 16 customers", ">= 100 msgs/s", None, None)
    faq = seq.get("free_form", {}).get("p50_ms")
    gen = data.get("generator", {})
    if gen.get("trained"):
        add("generated answer p50 (CPU)", "<= 400 ms", {"faq_turn": faq, "generator_only": gen.get("p50_ms")},
            None if faq is None else faq <= 400)
    else:
        add("free-form answer p50 (CPU)", "<= 400 ms", {"faq_turn": faq, "untrained_generator_only": gen.get("p50_ms")},
            None if faq is None else faq <= 400,
            "FAQ answers are extractive (no trained generator yet); the untrained generator decodes to the "
            "64-token cap, an upper bound for generated answers")
    mem = ours.get("rss_after", {}).get("total_mib")
    add("both servers resident", "<= 2048 MiB", {"start": ours.get("rss_start", {}).get("total_mib"), "after": mem},
        None if mem is None else mem <= 2048)
    soak = ours.get("soak")
    if soak:
        growth = soak["growth_mib"]
        add("no memory growth over the soak", f"~0 MiB over {soak['seconds']} s", growth, growth <= 50,
            "growth = last - first sample after warm-up, both servers")
    else:
        add("no memory growth over a 10-minute run", "~0 MiB", ours.get("rss_growth_mib"), None,
            "growth over the load levels only; the 10-minute soak runs with BENCH_SOAK=600")
    start = ours.get("start_s", {}).get("both_s")
    add("server start", "<= 30 s", start, None if start is None else start <= 30)
    train = ours.get("train_s")
    add("Rasa training", "<= 180 s", train, None if train is None else train <= 180)
    return rows


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_fmt(v)}" for k, v in value.items())
    return str(value)


def markdown(data: dict) -> str:
    ours, base = data.get("ours", {}), data.get("baseline", {})
    lines = [f"# Benchmark {data['date']}", "",
             f"Machine: {data['machine']['cpus']} CPUs ({data['machine']['cpu']}), load average before "
             f"{_fmt(data['machine']['loadavg_before'])}, after {_fmt(data['machine']['loadavg_after'])}; "
             f"mode {data['config']['mode']}, {data['config']['duration_s']} s per level"
             f" (at most {data['config']['max_conversations']} conversations per customer). "
             "Client, both servers and anything else on the box share the same CPUs.", ""]
    lines += ["## Latency and throughput per concurrency (ours vs baseline)", "",
              "Ours: `rule` = greet/goodbye, `db` = track/verify/cancel quote/confirm (custom actions on the shop DB), "
              "`free_form` = FAQ answer (knowledge base, extractive). Baseline (`rasa init` bot): `rule` = greet/goodbye, "
              "`custom_action` = action_hello_world. Ratio = ours / baseline counterpart (rule→rule, db and free_form→custom_action).", "",
              "| customers | turn type | n | p50 ms | p95 ms | p99 ms | msgs/s | errors | unexpected | baseline p50 / p95 / p99 ms | ratio p50 / p95 / p99 |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    rat = data.get("ratios", {})
    for level, stats in ours.get("levels", {}).items():
        blevel = base.get("levels", {}).get(level, {})
        rows = [("all", stats["all"])] + sorted(stats["categories"].items())
        for name, s in rows:
            counterpart = COUNTERPART.get(name, name)
            b = blevel.get("all") if name == "all" else (blevel.get("categories", {}).get(counterpart))
            r = rat.get(level, {}).get(name, {})
            bl = f"{_fmt(b['p50_ms'])} / {_fmt(b['p95_ms'])} / {_fmt(b['p99_ms'])}" if b else "–"
            rl = f"{_fmt(r.get('p50_ms'))} / {_fmt(r.get('p95_ms'))} / {_fmt(r.get('p99_ms'))}" if r else "–"
            lines.append(f"| {level} | {name} | {s['n']} | {_fmt(s['p50_ms'])} | {_fmt(s['p95_ms'])} | {_fmt(s['p99_ms'])} | "
                         f"{_fmt(s['msgs_per_s'])} | {s['errors']} | {s['unexpected']} | {bl} | {rl} |")
    lines += ["", "Messages per second, all turns: ", "",
              "| customers | ours msgs/s | baseline msgs/s | ratio | ours conversations (aborted) | cancellations done / quotes 'can't cancel' |",
              "|---:|---:|---:|---:|---:|---:|"]
    for level, stats in ours.get("levels", {}).items():
        b = base.get("levels", {}).get(level, {}).get("all", {})
        lines.append(f"| {level} | {_fmt(stats['all']['msgs_per_s'])} | {_fmt(b.get('msgs_per_s'))} | "
                     f"{_fmt(rat.get(level, {}).get('all', {}).get('msgs_per_s'))} | {stats['conversations']} ({stats['conversations_aborted']}) | "
                     f"{stats['confirmed_cancellations']} / {stats['not_cancellable_quotes']} |")
    lines += ["", "Per turn type (ours):", "", "| customers | turn | n | p50 ms | p95 ms | p99 ms | errors | unexpected |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for level, stats in ours.get("levels", {}).items():
        for name, s in stats["turn_types"].items():
            lines.append(f"| {level} | {name} | {s['n']} | {_fmt(s['p50_ms'])} | {_fmt(s['p95_ms'])} | {_fmt(s['p99_ms'])} | "
                         f"{s['errors']} | {s['unexpected']} |")
    lines += ["", "## NLU, memory, start-up, training, generator", "",
              "| measure | ours | baseline | ratio |", "|---|---:|---:|---:|"]

    def row(name: str, a, b) -> None:
        r = _ratio(a, b) if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
        lines.append(f"| {name} | {_fmt(a)} | {_fmt(b)} | {_fmt(r)} |")

    op, bp = ours.get("parse", {}), base.get("parse", {})
    for q in ("p50_ms", "p95_ms", "p99_ms"):
        row(f"`/model/parse` {q.replace('_ms', '')} ms (sequential, n={op.get('n', '–')})", op.get(q), bp.get(q))
    for key, label in (("rasa_mib", "Rasa server"), ("actions_mib", "action server"), ("total_mib", "both")):
        row(f"resident MiB, {label}, at start", ours.get("rss_start", {}).get(key), base.get("rss_start", {}).get(key))
        row(f"resident MiB, {label}, after the run", ours.get("rss_after", {}).get(key), base.get("rss_after", {}).get(key))
    row("resident growth MiB over the run, both", ours.get("rss_growth_mib"), base.get("rss_growth_mib"))
    for key, label in (("rasa_s", "Rasa server"), ("actions_s", "action server"), ("both_s", "both (started together)")):
        row(f"start s, {label}", ours.get("start_s", {}).get(key), base.get("start_s", {}).get(key))
    row("Rasa training s (empty cache)", ours.get("train_s"), base.get("train_s"))
    gen = data.get("generator", {})
    if gen:
        lines.append(f"| generator latency per answer p50 / p95 ms ({gen.get('device', 'cpu')}, "
                     f"{'trained' if gen.get('trained') else 'untrained weights, runs to the 64-token cap'}) | "
                     f"{_fmt(gen.get('p50_ms'))} / {_fmt(gen.get('p95_ms'))} | – | – |")
        if gen.get("train_s_per_step") is not None:
            lines.append(f"| generator training s/step (batch {gen.get('train_batch')}, CPU, {gen.get('train_steps')} steps timed) → "
                         f"{gen.get('target_steps')} steps | {_fmt(gen['train_s_per_step'])} → ~{_fmt(gen.get('train_s_extrapolated'))} s | – | – |")
        lines.append(f"| generator on GPU | {gen.get('gpu', 'not measured')} | | |")
    soak = ours.get("soak")
    if soak:
        lines += ["", f"Soak: {soak['concurrency']} customers for {soak['seconds']} s, {soak['msgs']} messages, "
                      f"{soak['errors']} errors; resident MiB (both) samples: {_fmt(soak['samples_mib'])}; growth {soak['growth_mib']} MiB."]
    lines += ["", "## Targets", "", "| target | goal | measured | status | note |", "|---|---|---|---|---|"]
    for t in data.get("targets", []):
        lines.append(f"| {t['target']} | {t['goal']} | {_fmt(t['measured'])} | {t['status']} | {t['note']} |")
    if data.get("plot"):
        lines += ["", f"![latency percentiles vs concurrency]({Path(data['plot']).name})"]
    return "\n".join(lines) + "\n"


def plot(json_path: Path, png_path: Path) -> Optional[str]:
    """Latency percentiles vs concurrency (matplotlib from Rasa's environment, where it is installed)."""
    try:
        subprocess.run([str(RASA_PY), str(ROOT / "bench" / "plot.py"), str(json_path), str(png_path)], check=True,
                       capture_output=True, env=base_env(MPLBACKEND="Agg"), timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"plot failed: {exc}"
    return None


def write(data: dict, out_dir: Path, stem: str) -> Dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / f"{stem}.json", "md": out_dir / f"{stem}.md", "png": out_dir / f"{stem}.png"}
    data["targets"] = evaluate_targets(data)
    paths["json"].write_text(json.dumps(data, indent=1))
    problem = plot(paths["json"], paths["png"])
    if problem:
        data["plot_error"] = problem
        paths.pop("png")
    else:
        data["plot"] = str(paths["png"])
    paths["json"].write_text(json.dumps(data, indent=1))
    paths["md"].write_text(markdown(data))
    return paths
