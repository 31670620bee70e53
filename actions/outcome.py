"""What a task handler returns: the responses to send and whether to wait for a yes/no."""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker

from shopassist.texts import lang_of

from .common import customer_id

Reply = Tuple[str, Dict[str, Any]]


@dataclass
class Outcome:
    """Result of a task step. ``pending`` keeps the task open for a yes/no answer."""

    replies: List[Reply] = field(default_factory=list)
    pending: bool = False
    slots: Dict[str, Any] = field(default_factory=dict)

    @classmethod
    def say(cls, response: str, **values: Any) -> "Outcome":
        """An outcome of one response."""
        return cls(replies=[(response, values)])


@dataclass
class TaskContext:
    """Read-only view of what the handlers need from the tracker."""

    tracker: Tracker

    @property
    def customer_id(self) -> Optional[int]:
        return customer_id(self.tracker)

    @property
    def sender_id(self) -> str:
        return self.tracker.sender_id

    def slot(self, name: str) -> Any:
        return self.tracker.get_slot(name)

    @property
    def lang(self) -> str:
        """The conversation language (``en`` / ``zh``), for text built in Python."""
        return lang_of(self.tracker.get_slot("language"))
