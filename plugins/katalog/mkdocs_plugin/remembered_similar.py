"""Similar entries ranked again under `mkdocs serve` only for the entries an edit can change."""

from __future__ import annotations

from ..core.link.similar import SimilarIndex


class RememberedSimilar(SimilarIndex):
    """A build's similar-entries index that reuses the last build's answer for an entry whose terms,
    and the entries listed under each of them, are unchanged (ranking every entry again took most
    of a small rebuild)."""

    def __init__(self, index: SimilarIndex, last: RememberedSimilar | None) -> None:
        self.settings = index.settings
        self.postings = index.postings
        self.own_terms = index.own_terms
        self.terms_of: list[tuple[str, list[tuple[str, str]]]] = []  # what the index was made of, in order
        self.answers: dict[str, list[str]] = {}
        self.carried: set[str] = set()  # entries whose answer is the last build's
        if last is None or last.settings != self.settings:
            return
        if index is last:  # the same index: every answer holds
            self.answers = dict(last.answers)
            self.carried = set(self.answers)
            return
        # Ranking walks only the first max_postings + 1 entries of a term's list: an entry further
        # down a long list (a theme half the catalogue carries) changes no one's ranking by moving.
        walked = self.settings.max_postings + 1
        changed = {
            pair
            for pair in self.postings.keys() | last.postings.keys()
            if self.postings.get(pair, [])[:walked] != last.postings.get(pair, [])[:walked]
        }
        for entry_id, answer in last.answers.items():
            terms = self.own_terms.get(entry_id)
            if terms is not None and terms == last.own_terms.get(entry_id) and changed.isdisjoint(terms):
                self.answers[entry_id] = answer
        self.carried = set(self.answers)

    def of(self, entry_id: str) -> list[str]:
        answer = self.answers.get(entry_id)
        if answer is None:
            answer = self.answers[entry_id] = super().of(entry_id)
        return answer
