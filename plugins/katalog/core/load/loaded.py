"""What reading files gives: the loader makes it, worker processes send it back (transfer.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..entries import Entry, Page
from ..problems import Problem


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # content/ path -> decoded text, read once
    pages: list[Page] = field(default_factory=list)
    files: int = 0


def merged(parts: Iterable[Loaded]) -> Loaded:
    """The parts' files as one load, in the parts' order (each worker's share, or cached and fresh)."""
    whole = Loaded()
    for part in parts:
        whole.entries.extend(part.entries)
        whole.problems.extend(part.problems)
        whole.texts.update(part.texts)
        whole.pages.extend(part.pages)
        whole.files += part.files
    return whole
