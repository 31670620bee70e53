"""`make bench` / `make bench-smoke`: see docs/benchmarks.md.

    .venv/bin/python -m bench                  # full run (~12-15 min on 2 shared cores)
    .venv/bin/python -m bench --smoke          # a few requests, our stack only (~1-2 min)
    BENCH_SOAK=600 .venv/bin/python -m bench   # plus a 10-minute soak at 16 customers (memory growth)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

from . import load, report
from .baseline import ensure_baseline
from .common import APP_PY, BENCH_VAR, RASA_BIN, ROOT, base_env, cpu_model, loadavg
from .stacks import AUTH_TOKEN, Stack, cleanup, newest_model, start_baseline, start_ours

PARSE_TEXTS = {
    "ours": ["hi", "where is my order 10000003?", "alice@example.com", "ok, cancel it", "yes", load.FAQ, "bye"],
    "baseline": ["hello", "are you a bot?", "am I talking to a human?", "I am feeling great", "bye"],
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def train_ours() -> float:
    """Time a full `rasa train` of our model (empty Rasa cache, output thrown away)."""
    with tempfile.TemporaryDirectory(prefix="bench-train-") as tmp:
        env = base_env(RASA_CACHE_DIRECTORY=str(Path(tmp) / "cache"))
        began = time.monotonic()
        with (Path(tmp) / "train.log").open("wb") as out:
            proc = subprocess.run([str(RASA_BIN), "train", "--domain", "domain.yml", "--data", "data", "--config",
                                   "config.yml", "--out", str(Path(tmp) / "models"), "--force"],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=900)
        seconds = round(time.monotonic() - began, 1)
        if proc.returncode != 0:
            raise RuntimeError(f"rasa train failed:\n{(Path(tmp) / 'train.log').read_text()[-2000:]}")
        return seconds


async def _soak(stack: Stack, concurrency: int, seconds: float, orders) -> Dict[str, object]:
    samples: List[float] = []

    async def sample() -> None:
        while True:
            samples.append(stack.rss()["total_mib"])
            await asyncio.sleep(30)

    sampler = asyncio.create_task(sample())
    try:
        result = await load.run_level(stack.rasa_url, "ours", concurrency, seconds, 10**6, orders,
                                      hard_limit=seconds + 120)
    finally:
        sampler.cancel()
    samples.append(stack.rss()["total_mib"])
    summary = report.summarize_level(result, "ours")
    return {"concurrency": concurrency, "seconds": seconds, "msgs": summary["all"]["n"],
            "errors": summary["all"]["errors"], "samples_mib": samples,
            "growth_mib": round(samples[-1] - samples[0], 1), "summary": summary}


def bench_stack(stack: Stack, scenario: str, args: argparse.Namespace) -> Dict[str, object]:
    """Warm up, memory, NLU parse latency, the load levels, memory again (and the soak)."""
    out: Dict[str, object] = {"start_s": dict(stack.start_s), "rss_ready": stack.rss()}
    orders = []
    if scenario == "ours":
        log("ours: waiting for the knowledge base warm-up (encoder, index, generator) ...")
        out["kb_warmup_logged"] = stack.actions.wait_log("knowledge base ready", 180)
        orders = load.cancellable_orders(stack.db_path)
    warm = load.run(load.run_level(stack.rasa_url, scenario, 1, 0, 1, orders, confirm="no"))
    out["warmup_errors"] = sum(1 for t in warm.turns if t.error)
    out["rss_start"] = stack.rss()
    log(f"{scenario}: resident at start {out['rss_start']}")
    parse = load.run(load.parse_latencies(stack.rasa_url, AUTH_TOKEN, PARSE_TEXTS[scenario], args.parse_n))
    out["parse"] = {**report.latency_stats(parse["latencies"]), "errors": parse["errors"]}
    levels: Dict[str, object] = {}
    for concurrency in args.levels:
        stack.restore_db()
        result = load.run(load.run_level(stack.rasa_url, scenario, concurrency, args.duration, args.max_conversations,
                                         orders, confirm=args.confirm))
        levels[str(concurrency)] = summary = report.summarize_level(result, scenario)
        log(f"{scenario}: {concurrency:>2} customers: {summary['all']['n']} turns in {summary['wall_s']} s, "
            f"{summary['all']['msgs_per_s']} msgs/s, p50 {summary['all']['p50_ms']} ms, p95 {summary['all']['p95_ms']} ms, "
            f"errors {summary['all']['errors']}, unexpected {summary['all']['unexpected']}")
    out["levels"] = levels
    if scenario == "ours" and args.soak:
        stack.restore_db()
        log(f"ours: soak, 16 customers for {args.soak} s ...")
        out["soak"] = load.run(_soak(stack, 16, args.soak, orders))
        log(f"ours: soak done, resident samples {out['soak']['samples_mib']}")
    out["rss_after"] = stack.rss()
    out["rss_growth_mib"] = round(out["rss_after"]["total_mib"] - out["rss_start"]["total_mib"], 1)
    log(f"{scenario}: resident after the run {out['rss_after']} (growth {out['rss_growth_mib']} MiB)")
    return out


def generator_bench(args: argparse.Namespace) -> Dict[str, object]:
    argv = [str(APP_PY), "-m", "bench.generator", "--n", str(args.gen_n), "--train-steps", str(args.gen_train_steps),
            "--target-steps", os.environ.get("GEN_STEPS", "3000")]
    proc = subprocess.run(argv, cwd=ROOT, env=base_env(), capture_output=True, text=True, timeout=600)
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON "):])
    return {"error": (proc.stderr or proc.stdout)[-1500:]}


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny counts, our stack only, no training")
    parser.add_argument("--levels", default=None, help="comma-separated concurrency levels (default 1,4,16,64)")
    parser.add_argument("--duration", type=float, default=None, help="seconds per level (default 20)")
    parser.add_argument("--max-conversations", type=int, default=None, help="per customer and level (default 200)")
    parser.add_argument("--parse-n", type=int, default=None, help="/model/parse requests (default 200)")
    parser.add_argument("--confirm", choices=("yes", "no"), default="yes", help="answer to 'shall I cancel it?'")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-train", action="store_true", help="don't time `rasa train` of our model")
    parser.add_argument("--no-generator", action="store_true")
    parser.add_argument("--gen-n", type=int, default=None)
    parser.add_argument("--gen-train-steps", type=int, default=None)
    parser.add_argument("--soak", type=float, default=float(os.environ.get("BENCH_SOAK") or 0),
                        help="seconds of soak at 16 customers after the levels (env BENCH_SOAK)")
    parser.add_argument("--model", type=Path, default=None, help="our Rasa model (default: newest in models/)")
    parser.add_argument("--out", type=Path, default=None, help="results folder (default bench/results, smoke: var/bench/smoke)")
    args = parser.parse_args(argv)
    smoke = args.smoke
    args.levels = [int(x) for x in (args.levels or ("1,4" if smoke else "1,4,16,64")).split(",")]
    args.duration = args.duration if args.duration is not None else (2.0 if smoke else 20.0)
    args.max_conversations = args.max_conversations or (1 if smoke else 200)
    args.parse_n = args.parse_n or (5 if smoke else 200)
    args.gen_n = args.gen_n or (1 if smoke else 10)
    args.gen_train_steps = args.gen_train_steps if args.gen_train_steps is not None else (0 if smoke else 10)
    if smoke:
        args.no_baseline = args.no_train = True
    args.out = args.out or (BENCH_VAR / "smoke" if smoke else ROOT / "bench" / "results")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    began = time.monotonic()
    data: Dict[str, object] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"cpus": os.cpu_count(), "cpu": cpu_model(), "loadavg_before": loadavg()},
        "config": {"mode": "smoke" if args.smoke else "full", "levels": args.levels, "duration_s": args.duration,
                   "max_conversations": args.max_conversations, "parse_n": args.parse_n, "confirm": args.confirm,
                   "soak_s": args.soak, "sanic_workers": os.environ.get("SANIC_WORKERS", "1"),
                   "client": "asyncio + httpx, one process on the same machine"},
    }
    baseline_info = None
    if not args.no_baseline:
        baseline_info = ensure_baseline(log)
        log(f"baseline model {baseline_info['model']} (training {baseline_info['train_s']} s"
            f"{', cached' if baseline_info.get('cached') else ''})")
    model = args.model or newest_model()
    ours: Dict[str, object] = {"model": model.name}
    if not args.no_train:
        log("ours: timing a full `rasa train` (empty cache) ...")
        ours["train_s"] = train_ours()
        log(f"ours: training took {ours['train_s']} s")
    log("ours: starting the action server and the Rasa server ...")
    stack = start_ours(model, log)
    try:
        log(f"ours: up in {stack.start_s}")
        ours.update(bench_stack(stack, "ours", args))
    finally:
        stack.stop()
        cleanup(stack)
    data["ours"] = ours
    if baseline_info:
        log("baseline: starting ...")
        bstack = start_baseline(baseline_info, log)
        try:
            base = bench_stack(bstack, "baseline", args)
        finally:
            bstack.stop()
            cleanup(bstack)
        base.update(train_s=baseline_info["train_s"], train_cached=baseline_info.get("cached", False),
                    model=Path(str(baseline_info["model"])).name)
        data["baseline"] = base
        data["ratios"] = report.ratios(ours["levels"], base["levels"])
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            data["ratios"].setdefault("parse", {})[key] = report._ratio(ours["parse"][key], base["parse"][key])
    if not args.no_generator:
        log("generator: latency per answer and training speed (CPU) ...")
        data["generator"] = generator_bench(args)
        log(f"generator: {data['generator']}")
    data["machine"]["loadavg_after"] = loadavg()
    data["elapsed_s"] = round(time.monotonic() - began, 1)
    stem = time.strftime("%Y-%m-%d-%H%M") + ("-smoke" if args.smoke else "")
    paths = report.write(data, args.out, stem)
    log(f"done in {data['elapsed_s']} s: " + ", ".join(str(p) for p in paths.values()))
    print(paths["md"].read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
