"""Controlled vocabularies: terms with a stable key, labels per language and synonyms."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..hints import closest, fold
from ..problems import Position
from ..read.yamlnodes import YMap, YScalar, YSeq
from ..slugs import slugify
from .findings import did_you_mean, expected_text, hint_text, shown
from .rules import ConfigFile, Item, given, is_null


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


VOCABULARY_KEYS = ("label", "singular", "terms")
TERM_KEYS = ("key", "label", "synonyms", "parent")


def read_vocabulary(out: ConfigFile, root: Item, name: str) -> Vocabulary | None:
    """A vocabulary file's root node: its terms, each with a key and a label; every problem reported."""
    example = "terms: [{key: idea, label: {da: Idé, en: Idea}}]"
    if is_null(root.node):
        out.add("empty_file", root.key_pos, expected=expected_text("terms"), hint=hint_text("no_terms"))
        return None
    items = out.mapping(root, VOCABULARY_KEYS, required=("terms",), example=example)
    if items is None or "terms" not in items:
        return None
    label = out.labels(items["label"]) if given(items, "label") else None
    singular = out.labels(items["singular"]) if given(items, "singular") else None
    term_items = out.sequence(items["terms"], expected_text("terms"))
    if term_items is None:
        return None
    if not term_items:
        out.add("no_terms", items["terms"].key_pos, "terms", hint=hint_text("no_terms"))
        return None
    terms: dict[str, Term] = {}
    key_lines: dict[str, int] = {}
    parents: dict[str, Item] = {}
    spellings: dict[str, tuple[str, int]] = {}  # folded spelling -> (term key, line)
    slugs: dict[str, str] = {}
    for item in term_items:
        term = _term(out, item, parents)
        if term is None:
            continue
        key_item = item.get("key")
        assert key_item is not None  # _term checked it
        if term.key in terms:
            out.add(
                "duplicate_term",
                key_item.pos,
                key_item.key,
                hint=hint_text("duplicate_term"),
                value=shown(term.key),
                line=key_lines[term.key],
            )
            continue
        terms[term.key] = term
        key_lines[term.key] = key_item.pos.line
        slug = slugify(term.key) or "x"
        other = slugs.setdefault(slug, term.key)
        if other != term.key:
            out.add("term_address_taken", key_item.pos, key_item.key, value=term.key, other=other, slug=slug)
        for written, pos, key in _spellings(item, term):
            owner = spellings.setdefault(fold(written), (term.key, pos.line))
            if owner[0] != term.key:
                out.add(
                    "spelling_taken",
                    pos,
                    key,
                    hint=hint_text("spelling_taken"),
                    value=shown(written),
                    other=owner[0],
                    line=owner[1],
                )
    _check_parents(out, terms, parents)
    return Vocabulary(name=name, label=label or {}, singular=singular or {}, terms=terms)


def _term(out: ConfigFile, item: Item, parents: dict[str, Item]) -> Term | None:
    spec = out.mapping(item, TERM_KEYS, required=("key", "label"), example="{key: idea, label: {da: Idé, en: Idea}}")
    if spec is None or "key" not in spec:
        return None
    key = out.text(spec["key"], visible=True)
    label = out.labels(spec["label"]) if "label" in spec else None
    synonyms = out.text_list(spec["synonyms"]) if given(spec, "synonyms") else []
    if key is None:
        return None
    if (parent := given(spec, "parent")) is not None and out.text(parent, visible=True) is not None:
        parents[key] = parent
    return Term(key=key, label=label or {"en": key}, synonyms=synonyms or [], parent=None)


def _spellings(item: Item, term: Term) -> list[tuple[str, Position, str]]:
    """Each way the term can be written (key, labels, synonyms), with where it stands."""
    found: list[tuple[str, Position, str]] = []
    for part in ("key", "label", "synonyms"):
        part_item = item.get(part)
        if part_item is None:
            continue
        node = part_item.node
        if isinstance(node, YScalar):
            found.append((str(node.value), part_item.pos, part_item.key))
        elif isinstance(node, YMap):
            for language, (key, value) in node.items.items():
                if isinstance(value, YScalar):
                    found.append((str(value.value), value.pos, part_item.child(language, key.pos, value).key))
        elif isinstance(node, YSeq):
            for number, value in enumerate(node.items):
                if isinstance(value, YScalar):
                    found.append((str(value.value), value.pos, f"{part_item.key}[{number}]"))
    return [(text, pos, key) for text, pos, key in found if text.strip()]


def _check_parents(out: ConfigFile, terms: dict[str, Term], parents: dict[str, Item]) -> None:
    """A parent is another term of the vocabulary, and following parents always ends at a top."""
    for key, item in parents.items():
        parent = str(item.node.value) if isinstance(item.node, YScalar) else ""
        if key not in terms:
            continue
        if parent not in terms:
            out.add(
                "unknown_parent",
                item.pos,
                item.key,
                expected=expected_text("term"),
                hint=did_you_mean(parent, terms) or "",
                value=shown(parent),
            )
            continue
        terms[key].parent = parent
    in_cycle: set[str] = set()
    for start in terms:
        chain = [start]
        current = terms[start].parent
        while current is not None and current not in chain:
            chain.append(current)
            current = terms[current].parent
        if current == start and start not in in_cycle:
            in_cycle.update(chain)
            item = parents[start]
            cycle = " -> ".join([*chain, start])
            out.add("parent_cycle", item.pos, item.key, hint=hint_text("parent_cycle"), cycle=cycle)
