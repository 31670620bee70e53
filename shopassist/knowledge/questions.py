"""The held-out question sets (tests/data/kb_questions.yml), rendered from Settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

import yaml

from shopassist.settings import Settings, get_settings

from .documents import placeholder_values, render

__all__ = ["Question", "load_questions", "default_questions_path"]


@dataclass
class Question:
    q: str
    source: str
    answer: str  # a piece of the answering sentence (rendered)
    key: List[str]  # values a correct final answer must state (rendered)
    split: str  # "dev" or "test"


def default_questions_path(settings: Optional[Settings] = None) -> Path:
    return Path((settings or get_settings()).project_root) / "tests" / "data" / "kb_questions.yml"


def load_questions(path: Optional[Path] = None, settings: Optional[Settings] = None) -> Tuple[List[Question], List[str]]:
    """(questions, out-of-scope questions); every third question is in the dev split."""
    data = yaml.safe_load(Path(path or default_questions_path(settings)).read_text(encoding="utf-8"))
    values = placeholder_values(settings)
    questions = [
        Question(item["q"], item["source"], render(item["answer"], values), [render(k, values) for k in item.get("key", [])],
                 "dev" if i % 3 == 0 else "test")
        for i, item in enumerate(data["questions"])
    ]
    return questions, list(data.get("out_of_scope", []))
