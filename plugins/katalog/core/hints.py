"""The closest known spelling, for "did you mean" hints."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def fold(text: str) -> str:
    return text.casefold().strip()


def closest(word: str, candidates: Iterable[str], limit: int = 3, cutoff: float = 0.6) -> list[str]:
    """Candidates ordered by similarity to word, compared case-insensitively."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_folded), n=limit, cutoff=cutoff)
    return [by_folded[match] for match in matches]
