"""`make report`: the analytics as Markdown with PNG charts (self-contained folder).

    python -m shopassist.insights.report [--out reports/insights] [--since D] [--until D]
                                         [--intent I] [--channel C] [--language L]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Dict, List, Optional

from .metrics import Filters, summary

__all__ = ["write_report", "main"]

COLUMNS = [("conversations", "{:.0f}"), ("messages", "{:.0f}"), ("containment", "{:.2f}"),
           ("handoff_rate", "{:.2f}"), ("fallback_rate", "{:.2f}"), ("idk_rate", "{:.2f}"),
           ("abandonment", "{:.2f}"), ("response_p50_ms", "{:.0f}"), ("response_p95_ms", "{:.0f}"),
           ("negative_share", "{:.2f}"), ("mean_sentiment", "{:+.2f}"), ("csat", "{:.2f}"), ("csat_n", "{:.0f}")]


def _table(title: str, groups: Dict[str, Dict]) -> List[str]:
    head = "| " + title + " | " + " | ".join(c for c, _ in COLUMNS) + " |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 1)]
    for key, agg in groups.items():
        cells = ["–" if agg.get(c) is None else fmt.format(agg[c]) for c, fmt in COLUMNS]
        lines.append(f"| {key} | " + " | ".join(cells) + " |")
    return lines


def _charts(data: Dict, out: Path) -> List[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made = []
    days = list(data["by_day"])
    if days:
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.bar(days, [data["by_day"][d]["messages"] for d in days], color="#4a7bd0")
        ax.set_title("Customer messages per day")
        ax.tick_params(axis="x", rotation=45, labelsize=7)
        fig.tight_layout()
        fig.savefig(out / "messages_per_day.png", dpi=110)
        plt.close(fig)
        made.append("messages_per_day.png")
        fig, ax = plt.subplots(figsize=(7, 3))
        ax.plot(days, [data["by_day"][d]["negative_share"] or 0 for d in days], marker="o", color="#c0392b")
        ax.set_title("Share of negative messages per day")
        ax.set_ylim(0, 1)
        ax.tick_params(axis="x", rotation=45, labelsize=7)
        fig.tight_layout()
        fig.savefig(out / "sentiment_trend.png", dpi=110)
        plt.close(fig)
        made.append("sentiment_trend.png")
    intents = list(data["intents"].items())[:12]
    if intents:
        fig, ax = plt.subplots(figsize=(7, 3.5))
        ax.barh([k for k, _ in intents][::-1], [v for _, v in intents][::-1], color="#27ae60")
        ax.set_title("Most frequent intents")
        ax.tick_params(axis="y", labelsize=7)
        fig.tight_layout()
        fig.savefig(out / "intents.png", dpi=110)
        plt.close(fig)
        made.append("intents.png")
    return made


def write_report(out: Path, filters: Optional[Filters] = None, engine=None) -> Path:
    """Write ``report.md``, ``summary.json`` and the PNG charts into ``out``."""
    from shopassist.shop.db import get_engine

    data = summary(engine or get_engine(), filters)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(data, indent=1))
    lines = ["# Customer insights", ""]
    if filters and any(vars(filters).values()):
        lines += ["Filters: " + ", ".join(f"{k}={v}" for k, v in vars(filters).items() if v), ""]
    lines += _table("all", {"all conversations": data["overall"]}) + [""]
    for title, key in (("day", "by_day"), ("first intent", "by_intent"), ("channel", "by_channel"),
                       ("language", "by_language")):
        lines += [f"## Per {title}", ""] + _table(title, data[key]) + [""]
    if data.get("csat_by_sentiment"):
        lines += ["## CSAT by the conversation's sentiment", "", "| sentiment | CSAT | ratings |", "|---|---|---|"]
        lines += [f"| {k} | {v['csat']:.2f} | {v['n']} |" for k, v in data["csat_by_sentiment"].items()] + [""]
    from .topics import pain_points

    topics = pain_points(engine or get_engine())
    if topics:
        lines += ["## Pain points (negative and complaint messages by topic, most painful first)", "",
                  "| topic | messages | negativity | 7-day trend | representative quotes |", "|---|---|---|---|---|"]
        for t in topics[:10]:
            quotes = " · ".join(f"“{q[:80]}”" for q in t.quotes).replace("|", "/")
            lines.append(f"| {t.label} | {t.size}{_sources(t.sources)} | {t.negativity:.2f} | {t.trend:+d} | {quotes} |")
        lines.append("")
        data["pain_points"] = [vars(t) for t in topics]
        (out / "summary.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))
    charts = _charts(data, out)
    if charts:
        lines += ["## Charts", ""] + [f"![{c[:-4]}]({c})" for c in charts] + [""]
    lines += ["Containment = conversations without a handoff; rates per message (fallback, IDK) or per "
              "conversation (handoff, abandonment = left while the bot waited for a form answer); "
              "response time = customer message to the bot's next message."]
    path = out / "report.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.insights.report")
    parser.add_argument("--out", type=Path, default=Path("reports/insights"))
    for name in ("since", "until", "intent", "channel", "language"):
        parser.add_argument(f"--{name}")
    args = parser.parse_args(argv)
    filters = Filters(args.since, args.until, args.intent, args.channel, args.language)
    print(write_report(args.out, filters))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def _sources(sources: Dict[str, int]) -> str:
    """' (3 reviews, 2 from low-rated chats)' after a topic's size; nothing when all are messages."""
    parts = [f"{n} review{'s' if n > 1 else ''}" if kind == "review" else f"{n} from low-rated chats"
             for kind, n in sorted(sources.items()) if kind != "message" and n]
    return f" ({', '.join(parts)})" if parts else ""
