"""Similar entries: ranked by weighted shared terms, from an inverted index.

Like Hugo's related content: each taxonomy has a weight, a score below the threshold
is no match. Each posting list is walked only up to `max_postings` entries, so the
cost grows with the catalogue, not with its square, even for a theme that half of
all entries carry.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..config.settings import SimilarSettings


class SimilarIndex:
    """The inverted index, built once; each entry's similar entries are ranked when asked for,
    so a page can be rendered as soon as its own are known."""

    def __init__(self, terms_of: Mapping[str, Iterable[tuple[str, str]]], settings: SimilarSettings) -> None:
        self.settings = settings
        self.postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.own_terms: dict[str, list[tuple[str, str]]] = {}
        for entry_id, pairs in terms_of.items():
            weighted = [pair for pair in dict.fromkeys(pairs) if settings.weights.get(pair[0], 0) > 0]
            self.own_terms[entry_id] = weighted
            for pair in weighted:
                self.postings[pair].append(entry_id)

    def of(self, entry_id: str) -> list[str]:
        """Up to `limit` other ids, best first."""
        settings = self.settings
        scores: dict[str, float] = defaultdict(float)
        for pair in self.own_terms.get(entry_id, ()):
            weight = settings.weights[pair[0]]
            for other in self.postings[pair][: settings.max_postings + 1]:
                scores[other] += weight
        scores.pop(entry_id, None)
        if not scores:
            return []
        # Only scores as high as the limit-th best can place; sort just those (ties by id).
        cut = max(heapq.nlargest(settings.limit, scores.values())[-1], settings.threshold)
        ranked = sorted((item for item in scores.items() if item[1] >= cut), key=lambda item: (-item[1], item[0]))
        return [other for other, _ in ranked[: settings.limit]]


def similar_entries(
    terms_of: Mapping[str, Iterable[tuple[str, str]]], settings: SimilarSettings
) -> dict[str, list[str]]:
    """For each entry id, up to `limit` other ids, best first. terms_of: id -> (taxonomy, term) pairs."""
    index = SimilarIndex(terms_of, settings)
    return {entry_id: index.of(entry_id) for entry_id in index.own_terms}


def settings_from(site: Mapping[str, object]) -> SimilarSettings:
    """The `similar:` settings of site.yml's plain data. `katalog check` refuses a value that is not
    what core/config/settings.py asks for; should one get here anyway, its default is used, never an error."""
    raw = site.get("similar")
    raw = raw if isinstance(raw, Mapping) else {}
    default = SimilarSettings(weights={})
    weights = raw.get("weights")
    threshold, limit, max_postings = raw.get("threshold"), raw.get("limit"), raw.get("max_postings")
    return SimilarSettings(
        weights={str(k): float(v) for k, v in weights.items() if _number_at_least(v, 0)}
        if isinstance(weights, Mapping)
        else {},
        threshold=float(threshold)
        if isinstance(threshold, int | float) and _number_at_least(threshold, 0)
        else default.threshold,
        limit=limit if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 1 else default.limit,
        max_postings=max_postings
        if isinstance(max_postings, int) and not isinstance(max_postings, bool) and max_postings >= 0
        else default.max_postings,
    )


def _number_at_least(value: object, minimum: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value) and value >= minimum
    except OverflowError:  # an int too large for a float
        return False
