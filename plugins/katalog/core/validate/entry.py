"""Validate one entry's front-matter against its type: every problem, with where and a hint."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..collector import Collector
from ..config.schema import KINDS, EntryType, Field, Rule
from ..config.vocabulary import Vocabulary
from ..entries import Reference
from ..problems import Position, Severity
from ..read.yamlnodes import NULL, STR, YMap, YNode, YScalar, YSeq
from ..values import ODD_CHARACTERS
from .cross_field import check_rule
from .describe import describe
from .format_checks import FormatChecks
from .image_checks import ImageChecks
from .scalar_checks import EMPTY_RAW, is_empty

RESERVED_KEYS = ("type",)
TERM_KINDS = ("term", "keyword")  # the values term pages are made of; only their positions are kept


class EntryValidator(FormatChecks, ImageChecks):
    """An entry's front-matter walked key by key, each value checked by the check of its field's kind."""

    def __init__(
        self,
        out: Collector,
        vocabularies: dict[str, Vocabulary],
        root: Path | None = None,
        today: datetime.date | None = None,
    ) -> None:
        self.out = out
        self.today = today  # the build's day, if the caller knows it; else asked when a `reviewed` date needs it
        self.root = root  # the project's folder, for image files; None: images' files are not looked at
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
            path = prefix + name
            field_ = fields.get(name)
            if field_ is None:
                if name not in extra:
                    self.unknown_key(name, key.pos, path, list(fields) + list(extra))
                continue
            if type(value) is YScalar and value.tag == NULL and value.raw in EMPTY_RAW:  # is_empty(), inlined
                if field_.required:
                    self.out.add(
                        "empty_value", value.pos, path, expected=self.expected(field_), found=describe(value, self.tr)
                    )
                continue
            if field_.many or (field_.kind != "object" and isinstance(value, YSeq)):
                checked = self.check_field(field_, value, path)
            else:
                checked = self.check_one(field_, value, path)  # what check_field() would do, one call fewer
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
            check_rule(self.out, rule, node, data, prefix)
        return data

    # --- fields --------------------------------------------------------------------------

    def check_field(self, field_: Field, node: YNode, path: str) -> Any:
        if field_.many:
            in_list = isinstance(node, YSeq)
            if isinstance(node, YSeq):
                items = node.items
            elif field_.allow_single and isinstance(node, YScalar):
                items = [node]
            else:
                self.wrong_type(field_, node, path)
                return None
            kept = []
            is_object = field_.kind == "object"
            for index, item in enumerate(items):
                item_path = f"{path}[{index}]" if in_list else path
                if is_object and _all_empty(item):
                    # An object left with every key empty (as `katalog new` writes it) holds nothing to keep.
                    self.out.add(
                        "empty_block",
                        item.pos,
                        item_path,
                        severity=Severity.WARNING,
                        expected=self.expected(field_, single=True),
                        hint=self.tr("hints.empty_block"),
                    )
                elif type(item) is YScalar and (
                    (item.tag == NULL and item.raw in EMPTY_RAW) or (item.tag == STR and not item.raw.strip())
                ):
                    self.out.add(
                        "empty_item",
                        item.pos,
                        item_path,
                        expected=self.expected(field_, single=True),
                        found=describe(item, self.tr),
                        hint=self.tr("hints.empty_item"),
                    )
                else:
                    kept.append((item_path, item))
            if len(kept) < field_.min_items:
                self.out.add(
                    "too_few_items",
                    node.pos,
                    path,
                    expected=self.tr("expected.at_least_items", count=field_.min_items),
                    found=describe(node, self.tr),
                )
            values = []
            for item_path, item in kept:
                value = self.check_one(field_, item, item_path)
                if value is not None:
                    values.append(value)
            return values
        if isinstance(node, YSeq) and field_.kind != "object":
            self.wrong_type(field_, node, path)
            return None
        return self.check_one(field_, node, path)

    def check_one(self, field_: Field, node: YNode, path: str) -> Any:
        kind = field_.kind
        if kind in _CHECKS and type(node) is YScalar:
            # Most values: a scalar of a kind read as text. The same steps as below, fewer tests.
            if kind in TERM_KINDS:
                self.positions[path] = node.pos
            raw = node.raw
            if node.tag == STR and (not raw or raw[0].isalnum()) and ODD_CHARACTERS.search(raw) is None:
                # Text that as_text() would give back as it is: nothing odd in it, and visible.
                return _CHECKS[kind](self, field_, node, raw, path)
            shown = self.as_text(field_, node, path)
            if shown is None:
                return None
            return _CHECKS[kind](self, field_, node, shown, path)
        if kind == "object":
            if not isinstance(node, YMap):
                self.wrong_type(field_, node, path, single=True)
                return None
            return self.check_object(node, field_.fields, field_.rules, path + ".")
        if field_.kind == "image":
            return self.check_image(field_, node, path)
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


# The check of each kind of value that is read as text. The other kinds are checked before any text
# is made of them (check_one): an object or an image is a mapping; a year or a date is read by YAML.
CHECKED_BEFORE_TEXT = frozenset({"object", "image", "year", "date", "partial_date"})
_CHECKS: dict[str, Callable[[EntryValidator, Field, YScalar, str, str], Any]] = {
    "text": EntryValidator.check_text,
    "keyword": EntryValidator.check_keyword,
    "term": EntryValidator.check_term,
    "id": EntryValidator.check_id,
    "slug": EntryValidator.check_slug,
    "email": EntryValidator.check_email,
    "phone": EntryValidator.check_phone,
    "url": EntryValidator.check_url,
}
assert _CHECKS.keys() == KINDS - CHECKED_BEFORE_TEXT, "every kind of schema.KINDS is checked once"


def _all_empty(node: YNode) -> bool:
    return isinstance(node, YMap) and bool(node.items) and all(is_empty(value) for _, value in node.items.values())


@dataclass
class Validated:
    data: dict[str, Any]
    references: list[Reference]
    positions: dict[str, Position]  # term's key path (as written, e.g. tags[1]) -> where its value stands


def validate_entry(
    root: YMap,
    entry_type: EntryType,
    out: Collector,
    vocabularies: dict[str, Vocabulary],
    project: Path | None = None,
    *,
    today: datetime.date | None = None,
) -> Validated:
    """project: the project's folder, where images' files are looked up (out.path is the entry's path in it).
    today: settings.build_date(), when the caller has it already (it is the same for every entry)."""
    validator = EntryValidator(out, vocabularies, project, today)
    data = validator.check_object(root, entry_type.fields, entry_type.rules, "", extra=RESERVED_KEYS)
    return Validated(data, validator.references, validator.positions)
