"""Generator latency per answer and training speed, on CPU (run in its own process, servers stopped).

    .venv/bin/python -m bench.generator --n 10 --train-steps 10 --target-steps 3000

Prints one JSON object. Uses the trained generator (models/generator/final) when there is one,
otherwise a freshly built one with untrained weights (same architecture and size, same cost per
token; untrained greedy decoding usually runs to the 64-token cap, so it is an upper bound).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

QUESTIONS = [
    ("can I return a gift without the receipt?", "Gifts can be returned without a receipt within 30 days; the refund goes to the original payment method."),
    ("how much does express delivery cost?", "Express delivery costs €12.90 and takes 1–2 business days."),
    ("how long does a refund take?", "Refunds are processed within 5–7 business days after we receive the return."),
    ("which payment methods do you accept?", "We accept credit card, PayPal, Apple Pay, Google Pay, bank transfer and invoice (Klarna)."),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10)
    parser.add_argument("--train-steps", type=int, default=10)
    parser.add_argument("--target-steps", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)

    import torch

    from shopassist.generation import default_model_dir
    from shopassist.generation.model import Generator, build_model
    from shopassist.settings import get_settings

    from .report import latency_stats

    threads = get_settings().torch_threads
    torch.set_num_threads(threads)
    final = default_model_dir() / "final"
    trained = (final / "config.json").exists()
    began = time.perf_counter()
    gen = Generator.load(final) if trained else Generator(*build_model())
    load_s = time.perf_counter() - began
    gen.answer(*QUESTIONS[0])  # warm-up
    latencies, lengths = [], []
    for i in range(args.n):
        question, fact = QUESTIONS[i % len(QUESTIONS)]
        t0 = time.perf_counter()
        result = gen.answer(question, fact)
        latencies.append(time.perf_counter() - t0)
        lengths.append(len(gen.tokenizer(result.text)["input_ids"]))
    out = {"trained": trained, "device": "cpu", "torch_threads": threads, "load_s": round(load_s, 2),
           **latency_stats(latencies), "mean_output_tokens": round(sum(lengths) / len(lengths), 1),
           "gpu": "not measured: no GPU machine was lent to this task (device tool: can_start_another=false)"}
    if args.train_steps:
        from shopassist.generation.train import train

        with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
            metrics = train(Path(tmp), args.train_steps, batch_size=args.batch_size, save_every=10**9, eval_n=0,
                            threads=threads)
        per_step = metrics["train_seconds"] / args.train_steps
        out.update(train_steps=args.train_steps, train_batch=args.batch_size, train_s_per_step=round(per_step, 3),
                   target_steps=args.target_steps, train_s_extrapolated=round(per_step * args.target_steps))
    print("BENCH_JSON " + json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
