"""The seq2seq answer generator: EncoderDecoderModel warm-started from MiniLM (the encoder, and
the decoder's embeddings) with a small 2-layer decoder; greedy decoding in which a LogitsProcessor
forbids every number token that is not in the input; case and spacing restored from the input's
words (the tokenizer is uncased); a grounding guard checks the result."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Sequence

import torch
from transformers import LogitsProcessor, LogitsProcessorList

from .data import format_input
from .guard import check

__all__ = ["build_model", "NumberConstraint", "number_token_ids", "restore_case", "Generator", "GeneratorResult"]

MAX_INPUT = 128
MAX_OUTPUT = 64


def minilm_path() -> Path:
    from shopassist.knowledge.embedder import model_path

    return model_path()


def build_model(base: Optional[Path] = None, decoder_layers: int = 2):
    """A fresh EncoderDecoderModel: MiniLM encoder + small BERT decoder (cross-attention), or the
    seq2seq checkpoint at ``base``. Returns (model, tokenizer)."""
    from transformers import AutoTokenizer, BertConfig, BertLMHeadModel, BertModel, EncoderDecoderModel

    if base is not None:  # any local seq2seq checkpoint: ours, or e.g. a downloaded flan-t5-base
        from transformers import AutoModelForSeq2SeqLM

        return AutoModelForSeq2SeqLM.from_pretrained(str(base)), AutoTokenizer.from_pretrained(str(base))
    path = minilm_path()
    tokenizer = AutoTokenizer.from_pretrained(str(path))
    encoder = BertModel.from_pretrained(str(path), add_pooling_layer=False)
    enc_cfg = encoder.config
    dec_cfg = BertConfig(vocab_size=enc_cfg.vocab_size, hidden_size=enc_cfg.hidden_size, num_hidden_layers=decoder_layers,
                         num_attention_heads=enc_cfg.num_attention_heads, intermediate_size=enc_cfg.intermediate_size,
                         max_position_embeddings=enc_cfg.max_position_embeddings, is_decoder=True, add_cross_attention=True)
    decoder = BertLMHeadModel(dec_cfg)
    decoder.bert.embeddings.load_state_dict(encoder.embeddings.state_dict())  # warm start the word pieces
    decoder.tie_weights()
    model = EncoderDecoderModel(encoder=encoder, decoder=decoder)
    cfg = model.config
    cfg.decoder_start_token_id = tokenizer.cls_token_id
    cfg.pad_token_id = tokenizer.pad_token_id
    cfg.eos_token_id = tokenizer.sep_token_id
    cfg.vocab_size = enc_cfg.vocab_size
    model.generation_config.decoder_start_token_id = tokenizer.cls_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.eos_token_id = tokenizer.sep_token_id
    return model, tokenizer


def number_token_ids(tokenizer) -> List[int]:
    """Ids of every vocabulary entry that contains a digit ('12', '##5', '°c' does not count)."""
    return [i for tok, i in tokenizer.get_vocab().items() if any(ch.isdigit() for ch in tok)]


class NumberConstraint(LogitsProcessor):
    """Forbids number tokens absent from each row's input (-inf logits)."""

    def __init__(self, number_ids: Sequence[int], input_ids: torch.Tensor) -> None:
        vocab = int(max(number_ids)) + 1 if number_ids else 1
        self.numbers = torch.zeros(max(vocab, int(input_ids.max()) + 1), dtype=torch.bool)
        self.numbers[list(number_ids)] = True
        self.allowed = [set(row.tolist()) for row in input_ids]

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        width = min(scores.shape[-1], self.numbers.shape[0])
        banned = torch.zeros_like(scores, dtype=torch.bool)
        for row in range(scores.shape[0]):
            mask = self.numbers[:width].clone()
            src = self.allowed[row % len(self.allowed)]
            mask[[i for i in src if i < width]] = False
            banned[row, :width] = mask
        return scores.masked_fill(banned, float("-inf"))


def _fold(text: str) -> str:
    """Lower case without accents (what the uncased tokenizer sees)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def restore_case(output: str, source: str) -> str:
    """Give the decoded (lower-cased, re-spaced) text the casing and spacing of the input's words:
    '€12. 90' → '€12.90', 'paypal' → 'PayPal', 'support @ shop. example' → 'support@shop.example'."""
    tokens = [w.strip(".,;:!?()\"'") for w in source.split()]
    lower = {w for w in tokens if w and w == w.lower()}
    # a capitalised word also used in lower case ('Pay' in 'Apple Pay' vs 'pay') keeps the output's case
    words = {w for w in tokens if w and not (w.lower() in lower and " " not in w and w != w.lower())}
    words = sorted((w for w in words if w), key=len, reverse=True)
    text = output
    for word in words:
        pieces = [re.escape(ch) for ch in _fold(word) if not ch.isspace()]
        if not pieces:
            continue
        pattern = r"(?<![\w@.])" + r"\s*".join(pieces) + r"(?![\w@])"
        text = re.sub(pattern, lambda m, w=word: w, text) if len(pieces) > 1 or word.lower() != word else text
    text = re.sub(r"(\w) ' (m|s|re|ll|t|ve|d)\b", r"\1'\2", text)  # "i ' m sorry" -> "i'm sorry"
    text = re.sub(r"\s+([,.;:!?%])", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:1].upper() + text[1:]


@dataclass
class GeneratorResult:
    text: str
    grounded: bool
    problems: List[str] = field(default_factory=list)


class Generator:
    """A trained model ready to answer (loaded once per process)."""

    def __init__(self, model, tokenizer) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.number_ids = number_token_ids(tokenizer)

    @classmethod
    def load(cls, path: Path) -> "Generator":
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        return cls(AutoModelForSeq2SeqLM.from_pretrained(str(path)), AutoTokenizer.from_pretrained(str(path)))

    @torch.inference_mode()
    def generate(self, questions: Sequence[str], facts: Sequence[str], constrained: bool = True,
                 tones: Optional[Sequence[str]] = None) -> List[str]:
        """Greedy answers for each (question, fact) pair; ``tones`` asks for apologetic/friendly openers."""
        tones = tones or ["neutral"] * len(questions)
        sources = [format_input(q, f, t) for q, f, t in zip(questions, facts, tones)]
        enc = self.tokenizer(sources, return_tensors="pt", padding=True, truncation=True, max_length=MAX_INPUT)
        processors = LogitsProcessorList([NumberConstraint(self.number_ids, enc["input_ids"])]) if constrained else None
        out = self.model.generate(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"], do_sample=False,
                                  num_beams=1, max_new_tokens=MAX_OUTPUT, logits_processor=processors)
        texts = self.tokenizer.batch_decode(out, skip_special_tokens=True)
        return [restore_case(t, s) for t, s in zip(texts, sources)]

    def warm_up(self) -> None:
        """The first generate() call is several times slower than the rest: pay it at load time."""
        self.generate(["how much is shipping?"], ["Standard shipping costs €4.90 per order."])

    def answer(self, question: str, fact: str, tone: str = "neutral") -> GeneratorResult:
        """One answer, checked by the grounding guard against the fact."""
        text = self.generate([question], [fact], tones=[tone])[0]
        problems = check(text, fact, question)
        return GeneratorResult(text, not problems, problems)
