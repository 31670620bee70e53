"""Train the answer generator on procedurally generated pairs (fresh values in every example).

    python -m shopassist.generation.train --out models/generator --steps 3000 [--resume] [--base PATH]

A standard loop: AdamW with linear warm-up/decay, tqdm progress, a checkpoint every
``--save-every`` steps (model + optimizer + step; ``--resume`` continues from the latest), bf16
autocast on a GPU and fp32 on the CPU. At the end the model goes to ``<out>/final`` and
metrics (loss, key-value copy rate and exact match on fresh generated facts) to
``<out>/metrics.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path
from typing import List, Optional

import torch
from tqdm import tqdm

from .data import Example, format_input, generate, make_example
from .guard import numbers
from .model import MAX_INPUT, MAX_OUTPUT, Generator, build_model

logger = logging.getLogger(__name__)


def batches(tokenizer, examples: List[Example], device):
    sources = [format_input(e.question, e.fact, e.tone) for e in examples]
    enc = tokenizer(sources, return_tensors="pt", padding=True, truncation=True, max_length=MAX_INPUT)
    dec = tokenizer([e.answer for e in examples], return_tensors="pt", padding=True, truncation=True, max_length=MAX_OUTPUT)
    labels = dec["input_ids"].clone()
    if tokenizer.cls_token_id is not None and bool((labels[:, 0] == tokenizer.cls_token_id).all()):
        labels = labels[:, 1:].clone()  # BERT-style: drop [CLS]; the model shifts right with decoder_start=[CLS]
    labels[labels == tokenizer.pad_token_id] = -100
    return enc["input_ids"].to(device), enc["attention_mask"].to(device), labels.to(device)


def evaluate(generator: Generator, n: int = 200, seed: int = 12345) -> dict:
    """Key-value copy rate and exact match on fresh procedurally generated facts (values unseen)."""
    rng = random.Random(seed)
    examples = [make_example(rng) for _ in range(n)]
    outputs: List[str] = []
    for i in range(0, n, 32):
        chunk = examples[i:i + 32]
        outputs += generator.generate([e.question for e in chunk], [e.fact for e in chunk], tones=[e.tone for e in chunk])
    keyed = [(o, e.answer) for o, e in zip(outputs, examples) if numbers(e.answer)]
    key_ok = sum(numbers(a) <= numbers(o) for o, a in keyed)
    exact = sum(o.strip().lower() == e.answer.strip().lower() for o, e in zip(outputs, examples))
    return {"fresh_facts": n, "key_value_rate": key_ok / max(1, len(keyed)), "exact_match": exact / n,
            "samples": [{"question": e.question, "fact": e.fact, "tone": e.tone, "target": e.answer, "output": o}
                        for e, o in list(zip(examples, outputs))[:8]]}


def latest_checkpoint(out: Path) -> Optional[Path]:
    ckpts = sorted(out.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
    return ckpts[-1] if ckpts else None


def write_progress(out: Path, step: int, steps: int, loss: Optional[float], began: float, start_step: int,
                   state: str = "training") -> None:
    """``progress.json`` beside the checkpoints: what `make status` shows while training runs."""
    elapsed = time.monotonic() - began
    done = step - start_step
    eta = elapsed / done * (steps - step) if done else None
    info = {"state": state, "step": step, "steps": steps, "loss": loss, "elapsed_s": round(elapsed),
            "eta_s": round(eta) if eta is not None else None, "updated": time.time()}
    tmp = out / "progress.json.tmp"
    tmp.write_text(json.dumps(info))
    tmp.replace(out / "progress.json")


def save_final(model, tokenizer, out: Path) -> Path:
    """Write the model to ``<out>/final`` atomically: a server polling for it never sees half a model."""
    import shutil

    tmp, final = out / "final.tmp", out / "final"
    shutil.rmtree(tmp, ignore_errors=True)
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    return final


def train(out: Path, steps: int, batch_size: int = 16, lr: float = 3e-4, seed: int = 0, save_every: int = 500,
          resume: bool = False, base: Optional[Path] = None, eval_n: int = 200, threads: int = 1,
          max_minutes: Optional[float] = None, kb_share: float = 0.1) -> dict:
    """Train (or resume) for ``steps`` steps, or until ``max_minutes`` have passed; returns the metrics."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    out.mkdir(parents=True, exist_ok=True)
    start_step = 0
    ckpt = latest_checkpoint(out) if resume else None
    model, tokenizer = build_model(ckpt or base)
    model.to(device).train()
    optim = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.05, (steps - s) / max(1, steps - warmup))))
    if ckpt is not None:
        state = torch.load(ckpt / "trainer_state.pt", weights_only=False)
        optim.load_state_dict(state["optimizer"])
        sched.load_state_dict(state["scheduler"])
        start_step = state["step"]
        logger.info("resuming from %s (step %d)", ckpt, start_step)
    data = generate(10**9, seed=seed + start_step, kb_share=kb_share)  # fresh values in every example
    losses: List[float] = []
    began = time.monotonic()
    bar = tqdm(range(start_step, steps), initial=start_step, total=steps, desc="train generator")
    stopped_early = False
    for step in bar:
        if max_minutes is not None and time.monotonic() - began > max_minutes * 60:
            logger.info("time bound of %.0f min reached at step %d: saving the model as it is", max_minutes, step)
            stopped_early = True
            break
        input_ids, mask, labels = batches(tokenizer, [next(data) for _ in range(batch_size)], device)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16, enabled=device.type == "cuda"):
            loss = model(input_ids=input_ids, attention_mask=mask, labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optim.step()
        sched.step()
        optim.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
        mean_loss = sum(losses[-50:]) / len(losses[-50:])
        bar.set_postfix(loss=f"{mean_loss:.3f}")
        if (step + 1) % 10 == 0:
            write_progress(out, step + 1, steps, round(mean_loss, 4), began, start_step)
        if (step + 1) % save_every == 0 and step + 1 < steps:
            path = out / f"checkpoint-{step + 1}"
            model.save_pretrained(path)
            tokenizer.save_pretrained(path)
            torch.save({"optimizer": optim.state_dict(), "scheduler": sched.state_dict(), "step": step + 1},
                       path / "trainer_state.pt")
            for old in sorted(out.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))[:-2]:
                import shutil

                shutil.rmtree(old)
    trained_steps = start_step + len(losses)
    write_progress(out, trained_steps, steps, None, began, start_step, state="saving")
    final = save_final(model, tokenizer, out)
    metrics = {"steps": trained_steps, "planned_steps": steps, "stopped_by_time_bound": stopped_early,
               "batch_size": batch_size, "lr": lr, "device": device.type, "threads": threads, "kb_share": kb_share,
               "base": str(base) if base else None,
               "train_seconds": round(time.monotonic() - began, 1), "resumed_from": start_step,
               "final_loss": sum(losses[-50:]) / max(1, len(losses[-50:])) if losses else None}
    if eval_n:
        metrics.update(evaluate(Generator.load(final), eval_n))
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False))
    write_progress(out, trained_steps, steps, metrics["final_loss"], began, start_step, state="done")
    return metrics


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shopassist.generation.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="default: models/generator")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--save-every", type=int, default=500)
    parser.add_argument("--resume", action="store_true", help="continue from the latest checkpoint in --out")
    parser.add_argument("--base", type=Path, default=None, help="start from a local seq2seq checkpoint")
    parser.add_argument("--eval-n", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--max-minutes", type=float, default=None, help="stop (and save) after this many minutes")
    parser.add_argument("--kb-share", type=float, default=0.1,
                        help="share of pairs built from the knowledge base's dev questions (numbers randomised)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    from . import default_model_dir

    out = args.out or default_model_dir()
    metrics = train(out, args.steps, args.batch_size, args.lr, save_every=args.save_every, resume=args.resume,
                    base=args.base, eval_n=args.eval_n, threads=args.threads, max_minutes=args.max_minutes,
                    kb_share=args.kb_share)
    print(json.dumps({k: v for k, v in metrics.items() if k != "samples"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
