"""Controlled vocabularies: terms with a stable key, labels per language and synonyms."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .hints import closest, fold
from .schema import SchemaError, _labels


@dataclass
class Term:
    key: str
    label: dict[str, str]
    synonyms: list[str] = field(default_factory=list)
    parent: str | None = None


@dataclass(frozen=True)
class Match:
    term: Term
    by_synonym: bool


@dataclass
class Vocabulary:
    name: str
    label: dict[str, str]
    singular: dict[str, str]
    terms: dict[str, Term]
    _canonical: dict[str, Term] = field(default_factory=dict, repr=False)
    _synonyms: dict[str, Term] = field(default_factory=dict, repr=False)
    _by_key: dict[str, Match] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_key = {key: Match(term, by_synonym=False) for key, term in self.terms.items()}
        for term in self.terms.values():
            self._canonical[fold(term.key)] = term
            for label in term.label.values():
                self._canonical.setdefault(fold(label), term)
        for term in self.terms.values():
            for synonym in term.synonyms:
                self._synonyms.setdefault(fold(synonym), term)

    def match(self, value: str) -> Match | None:
        """A key or label names a term; a synonym does too, but the editor should hear of it."""
        exact = self._by_key.get(value)
        if exact is not None:
            return exact  # most values are keys, written as the vocabulary writes them
        folded = fold(value)
        if folded in self._canonical:
            return Match(self._canonical[folded], by_synonym=False)
        if folded in self._synonyms:
            return Match(self._synonyms[folded], by_synonym=True)
        return None

    def suggestions(self, value: str, language: str) -> list[Term]:
        spellings: dict[str, Term] = {}
        for term in self.terms.values():
            for spelling in [term.key, *term.label.values(), *term.synonyms]:
                spellings.setdefault(spelling, term)
        result: list[Term] = []
        for spelling in closest(value, spellings, limit=5):
            term = spellings[spelling]
            if term not in result:
                result.append(term)
        return result[:3]


def parse_vocabulary(name: str, data: Any) -> Vocabulary:
    if not isinstance(data, Mapping) or not isinstance(data.get("terms"), list):
        raise SchemaError("terms", "a vocabulary has a list of `terms`")
    terms: dict[str, Term] = {}
    for index, item in enumerate(data["terms"]):
        key = f"terms[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
            raise SchemaError(key, "each term has a `key`")
        if item["key"] in terms:
            raise SchemaError(f"{key}.key", f"the key {item['key']!r} is used twice")
        synonyms = item.get("synonyms") or []
        if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
            raise SchemaError(f"{key}.synonyms", "expected a list of texts")
        terms[item["key"]] = Term(
            key=item["key"],
            label=_labels(item.get("label"), f"{key}.label") or {"en": item["key"]},
            synonyms=list(synonyms),
            parent=item.get("parent"),
        )
    return Vocabulary(
        name=name,
        label=_labels(data.get("label"), "label"),
        singular=_labels(data.get("singular"), "singular"),
        terms=terms,
    )
