"""Custom Rasa tokenizer: WhitespaceTokenizer plus a few splits for shop messages.

Referenced from config.yml as ``shopassist.nlu.tokenizer.ShopTokenizer`` (rasa puts the
working directory on ``sys.path``, so run rasa from the repository root).

Extra splits, so that entity spans can follow the data's convention:

* a currency sign glued to a number: ``$1499`` -> ``$`` ``1499`` (refund_amount is the number);
* a word glued to a long number: ``order113542617735902`` -> ``order`` ``113542617735902``,
  ``refunding$1499`` -> ``refunding`` ``$`` ``1499`` (but ``INV20000001`` stays whole).

Messages with Han characters or full-width digits are segmented by
:func:`shopassist.nlu.cjk.segment` instead (jieba words, or single characters with
``cjk_mode: char``); English-only messages are tokenized exactly as before.

This module imports rasa; nothing else in ``shopassist`` imports it.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from shopassist.nlu import rasa_speedups
from shopassist.nlu.cjk import has_cjk, segment
from shopassist.nlu.splitting import split_token

# Every model of this project loads this tokenizer, so this is where the Rasa server picks up
# the cached action-response validator (see rasa_speedups).
rasa_speedups.install()


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class ShopTokenizer(WhitespaceTokenizer):
    """Whitespace tokenizer that also separates currency signs and glued numbers."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Whitespace tokenizer defaults plus how Han text is cut (``jieba`` or ``char``)."""
        return {**WhitespaceTokenizer.get_default_config(), "cjk_mode": "jieba"}

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute) or ""
        if has_cjk(text):
            pieces = segment(text, self._config.get("cjk_mode", "jieba"))
            return self._apply_token_pattern(
                [Token(piece, start) for start, piece in pieces]) if pieces else \
                [Token(text, 0)]
        tokens = super().tokenize(message, attribute)
        out: List[Token] = []
        for token in tokens:
            parts = split_token(token.text)
            if len(parts) == 1:
                out.append(token)
                continue
            for offset, piece in parts:
                out.append(Token(piece, token.start + offset))
        return out

