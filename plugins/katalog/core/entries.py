"""A validated catalogue entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import Position
from .read.wikilinks import WikiLink


@dataclass(frozen=True)
class Reference:
    """An id named in front-matter, where it stands, and the entry type the key accepts (None: any)."""

    target: str
    pos: Position
    key: str
    target_type: str | None = None


@dataclass
class Entry:
    id: str
    type: str
    path: str  # relative to the catalogue root, with forward slashes
    data: dict[str, Any]
    body: str
    body_first_line: int
    id_pos: Position
    references: list[Reference] = field(default_factory=list)
    positions: dict[str, Position] = field(default_factory=dict)  # of term and keyword values, e.g. tags[1]
    wikilinks: list[WikiLink] = field(default_factory=list)  # `[[id]]` in the body
    valid: bool = True

    @property
    def title(self) -> str:
        return str(self.data.get("title") or self.id)

    @property
    def summary(self) -> str:
        return str(self.data.get("summary") or "")


@dataclass
class Page:
    """A file of content/ without a `type`: an ordinary page; its front-matter and links are checked."""

    path: str
    title: str  # from front-matter, or "" (then the first heading names it)
    body: str
    body_first_line: int
    wikilinks: list[WikiLink] = field(default_factory=list)
    # The front-matter as plain data (e.g. Material's `hide:`); MkDocs never reads it itself.
    meta: dict[str, Any] = field(default_factory=dict)
