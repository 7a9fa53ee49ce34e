"""Validate one entry's front-matter against its type: every problem, with where and a hint."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .collector import Collector
from .describe import describe
from .hints import closest
from .problems import Position, Severity
from .scalar_checks import Reference, ScalarChecks
from .schema import KINDS, EntryType, Field, Rule
from .values import is_before, parse_partial_date
from .vocabulary import Vocabulary
from .yamlnodes import NULL, YMap, YNode, YScalar, YSeq

RESERVED_KEYS = ("type",)
TERM_KINDS = ("term", "keyword")  # the values term pages are made of; only their positions are kept


class EntryValidator(ScalarChecks):
    def __init__(self, out: Collector, vocabularies: dict[str, Vocabulary]) -> None:
        self.out = out
        self.tr = out.tr
        self.vocabularies = vocabularies
        self.references: list[Reference] = []
        self.positions: dict[str, Position] = {}

    # --- objects -------------------------------------------------------------------------

    def check_object(
        self, node: YMap, fields: dict[str, Field], rules: list[Rule], prefix: str, extra: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, (key, value) in node.items.items():
            path = f"{prefix}{name}"
            field_ = fields.get(name)
            if field_ is None:
                if name not in extra:
                    self.unknown_key(name, key.pos, path, list(fields) + list(extra))
                continue
            if _is_empty(value):
                if field_.required:
                    self.out.add(
                        "empty_value", value.pos, path, expected=self.expected(field_), found=describe(value, self.tr)
                    )
                continue
            checked = self.check_field(field_, value, path)
            if checked is not None:
                data[name] = checked
        for name, field_ in fields.items():
            if field_.required and name not in node.items:
                self.out.add(
                    "missing_key",
                    node.pos,
                    f"{prefix}{name}",
                    expected=self.expected(field_),
                    hint=self.tr("hints.add_key", key=name),
                    name=name,
                )
        for rule in rules:
            self.check_rule(rule, node, data, prefix)
        return data

    def unknown_key(self, name: str, pos: Position, path: str, known: list[str]) -> None:
        suggestion = closest(name, known, limit=1)
        hint = (
            self.tr("hints.did_you_mean", suggestion=suggestion[0])
            if suggestion
            else self.tr("hints.known_keys", keys=", ".join(sorted(known)))
        )
        self.out.add("unknown_key", pos, path, hint=hint, name=name)

    def check_rule(self, rule: Rule, node: YMap, data: dict[str, Any], prefix: str) -> None:
        if rule.name == "one_of_required":
            if not any(key in node.items for key in rule.keys):
                self.out.add(
                    "one_of_required",
                    node.pos,
                    prefix.rstrip(".") or rule.keys[0],
                    hint=self.tr("hints.add_one_of", a=rule.keys[0], b=rule.keys[1]),
                    a=rule.keys[0],
                    b=rule.keys[1],
                )
        elif rule.name == "not_before":
            later_key, earlier_key = rule.keys
            later, earlier = data.get(later_key), data.get(earlier_key)
            if isinstance(later, str) and isinstance(earlier, str):
                later_parts, earlier_parts = parse_partial_date(later), parse_partial_date(earlier)
                if (
                    isinstance(later_parts, tuple)
                    and isinstance(earlier_parts, tuple)
                    and is_before(later_parts, earlier_parts)
                ):
                    self.out.add(
                        "not_before",
                        node.items[later_key][1].pos,
                        f"{prefix}{later_key}",
                        expected=self.tr("expected.not_before", earlier_key=earlier_key, earlier=earlier),
                        found=later,
                        hint=self.tr("hints.swap", later_key=later_key, earlier_key=earlier_key),
                        later_key=later_key,
                        earlier_key=earlier_key,
                        later=later,
                        earlier=earlier,
                    )

    # --- fields --------------------------------------------------------------------------

    def check_field(self, field_: Field, node: YNode, path: str) -> Any:
        if field_.many:
            if isinstance(node, YSeq):
                items = node.items
            elif field_.allow_single and isinstance(node, YScalar):
                items = [node]
            else:
                self.wrong_type(field_, node, path)
                return None
            kept = []
            for index, item in enumerate(items):
                item_path = f"{path}[{index}]" if isinstance(node, YSeq) else path
                if field_.kind == "object" and _all_empty(item):
                    # An object left with every key empty (as `katalog new` writes it) holds nothing to keep.
                    self.out.add(
                        "empty_block",
                        item.pos,
                        item_path,
                        severity=Severity.WARNING,
                        expected=self.expected(field_, single=True),
                        hint=self.tr("hints.empty_block"),
                    )
                elif isinstance(item, YScalar) and (_is_empty(item) or (item.is_text and not item.raw.strip())):
                    self.out.add(
                        "empty_item",
                        item.pos,
                        item_path,
                        expected=self.expected(field_, single=True),
                        found=describe(item, self.tr),
                        hint=self.tr("hints.empty_item"),
                    )
                else:
                    kept.append((index, item))
            if len(kept) < field_.min_items:
                self.out.add(
                    "too_few_items",
                    node.pos,
                    path,
                    expected=self.tr("expected.at_least_items", count=field_.min_items),
                    found=describe(node, self.tr),
                )
            values = []
            for index, item in kept:
                item_path = f"{path}[{index}]" if isinstance(node, YSeq) else path
                value = self.check_one(field_, item, item_path)
                if value is not None:
                    values.append(value)
            return values
        if isinstance(node, YSeq) and field_.kind != "object":
            self.wrong_type(field_, node, path)
            return None
        return self.check_one(field_, node, path)

    def check_one(self, field_: Field, node: YNode, path: str) -> Any:
        if field_.kind == "object":
            if not isinstance(node, YMap):
                self.wrong_type(field_, node, path, single=True)
                return None
            return self.check_object(node, field_.fields, field_.rules, path + ".")
        if not isinstance(node, YScalar):
            self.wrong_type(field_, node, path, single=True)
            return None
        if field_.kind in TERM_KINDS:
            self.positions[path] = node.pos
        if field_.kind == "year":
            return self.check_year(node, path)
        if field_.kind in ("date", "partial_date"):
            return self.check_date(field_, node, path)
        text = self.as_text(field_, node, path)
        if text is None:
            return None
        return _CHECKS[field_.kind](self, field_, node, text, path)


_CHECKS: dict[str, Callable[[EntryValidator, Field, YScalar, str, str], Any]] = {
    kind: getattr(EntryValidator, f"check_{kind}")
    for kind in KINDS - {"object", "year", "date", "partial_date"}  # those are checked before text is made
}


def _all_empty(node: YNode) -> bool:
    return isinstance(node, YMap) and bool(node.items) and all(_is_empty(value) for _, value in node.items.values())


def _is_empty(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.tag == NULL and node.raw in ("", "~", "null")


@dataclass
class Validated:
    data: dict[str, Any]
    references: list[Reference]
    positions: dict[str, Position]  # term's key path (as written, e.g. tags[1]) -> where its value stands


def validate_entry(root: YMap, entry_type: EntryType, out: Collector, vocabularies: dict[str, Vocabulary]) -> Validated:
    validator = EntryValidator(out, vocabularies)
    data = validator.check_object(root, entry_type.fields, entry_type.rules, "", extra=RESERVED_KEYS)
    return Validated(data, validator.references, validator.positions)
