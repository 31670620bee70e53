"""Latency percentiles vs concurrency, ours and baseline (run with Rasa's Python, which has matplotlib).

    .venv-rasa/bin/python bench/plot.py bench/results/<date>.json bench/results/<date>.png
"""

import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLES = {"p50_ms": "-", "p95_ms": "--", "p99_ms": ":"}
SERIES = [("ours", "rule", "tab:blue"), ("ours", "db", "tab:orange"), ("ours", "free_form", "tab:green"),
          ("baseline", "rule", "tab:gray"), ("baseline", "custom_action", "black")]


def main(src: str, dst: str) -> None:
    data = json.load(open(src))
    fig, (ax_lat, ax_tp) = plt.subplots(1, 2, figsize=(12, 4.8), gridspec_kw={"width_ratios": [2, 1]})
    for bot, cat, color in SERIES:
        levels = data.get(bot, {}).get("levels", {})
        xs = sorted(int(level) for level in levels)
        for q, style in STYLES.items():
            pts = [(x, levels[str(x)]["categories"].get(cat, {}).get(q)) for x in xs]
            pts = [(x, y) for x, y in pts if y is not None]
            if pts:
                ax_lat.plot([p[0] for p in pts], [p[1] for p in pts], style, color=color, marker="o", markersize=3,
                            label=f"{bot} {cat} {q[:3]}")
    for bot, color in (("ours", "tab:blue"), ("baseline", "black")):
        levels = data.get(bot, {}).get("levels", {})
        xs = sorted(int(level) for level in levels)
        if xs:
            ax_tp.plot(xs, [levels[str(x)]["all"]["msgs_per_s"] for x in xs], "-o", color=color, label=bot)
    for ax in (ax_lat, ax_tp):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("concurrent customers")
        ax.grid(True, which="both", alpha=0.3)
    ax_lat.set_yscale("log")
    ax_lat.set_ylabel("latency per turn (ms)")
    ax_lat.set_title("Latency percentiles vs concurrency")
    ax_lat.legend(fontsize=6, ncol=3)
    ax_tp.set_ylabel("messages/s (all turns)")
    ax_tp.set_title("Throughput")
    ax_tp.legend(fontsize=8)
    fig.suptitle(f"ShopAssist benchmark {data.get('date', '')} (1 Sanic worker each, {data['machine']['cpus']} shared CPUs)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(dst, dpi=90)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
