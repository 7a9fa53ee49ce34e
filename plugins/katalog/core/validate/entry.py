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
from ..hints import closest
from ..load.yamlnodes import NULL, STR, YMap, YNode, YScalar, YSeq
from ..problems import Position, Severity
from .describe import describe
from .images import ALT_MAX, MAX_BYTES, MAX_PIXELS, MAX_SIDE, MIN_WIDTH, ImageProblem, inspect
from .scalar_checks import Reference, ScalarChecks
from .values import ODD_CHARACTERS, is_before, parse_partial_date

RESERVED_KEYS = ("type",)
IMAGE_KEYS = ("src", "alt")
TERM_KINDS = ("term", "keyword")  # the values term pages are made of; only their positions are kept


class EntryValidator(ScalarChecks):
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
            if type(value) is YScalar and value.tag == NULL and value.raw in _EMPTY_RAW:  # _is_empty(), inlined
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
                    (item.tag == NULL and item.raw in _EMPTY_RAW) or (item.tag == STR and not item.raw.strip())
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

    def check_image(self, field_: Field, node: YNode, path: str) -> dict[str, Any] | None:
        """src and alt, both required: an image without a text for those who cannot see it is an error.
        The file itself is checked when the validator knows the project's folder."""
        tr = self.tr
        if not isinstance(node, YMap):
            self.out.add(
                "wrong_type",
                node.pos,
                path,
                expected=tr("expected.image"),
                found=describe(node, tr),
                hint=tr("hints.image_shape"),
            )
            return None
        for name, (key, _) in node.items.items():
            if name not in IMAGE_KEYS:
                self.unknown_key(name, key.pos, f"{path}.{name}", list(IMAGE_KEYS))
        alt = self.image_text(node, path, "alt")
        src = self.image_text(node, path, "src")
        if alt is not None and len(alt) > ALT_MAX:
            self.out.add(
                "too_long",
                node.items["alt"][1].pos,
                f"{path}.alt",
                expected=tr("expected.max_chars", max=ALT_MAX),
                found=tr("found.characters", count=len(alt)),
                hint=tr("hints.image_alt_long"),
                count=len(alt),
            )
            alt = None
        if src is None:
            return None
        data: dict[str, Any] = {"src": src}
        if self.root is not None:
            checked = inspect(self.root, self.out.path, src)
            if isinstance(checked, ImageProblem):
                self.image_problem(checked, node.items["src"][1].pos, f"{path}.src")
                return None
            data.update(
                path=checked.path,
                width=checked.width,
                height=checked.height,
                format=checked.format,
                digest=checked.digest,
            )
        if alt is None:
            return None
        data["alt"] = alt
        return data

    def image_text(self, node: YMap, path: str, name: str) -> str | None:
        """The image's src or alt: text that is there and not empty."""
        tr = self.tr
        key_path = f"{path}.{name}"
        if name not in node.items:
            self.out.add(
                f"image_{name}_missing",
                node.pos,
                key_path,
                expected=tr(f"expected.image_{name}"),
                hint=tr(f"hints.image_{name}_missing"),
            )
            return None
        value = node.items[name][1]
        if not isinstance(value, YScalar):
            self.out.add(
                "wrong_type", value.pos, key_path, expected=tr(f"expected.image_{name}"), found=describe(value, tr)
            )
            return None
        if _is_empty(value) or (value.is_text and not value.raw.strip()):
            self.out.add(
                f"image_{name}_missing",
                value.pos,
                key_path,
                expected=tr(f"expected.image_{name}"),
                found=describe(value, tr),
                hint=tr(f"hints.image_{name}_missing"),
            )
            return None
        text_field = Field(name, "text")
        text = self.as_text(text_field, value, key_path)
        return " ".join(text.split()) if text is not None else None

    def image_problem(self, problem: ImageProblem, pos: Position, path: str) -> None:
        tr = self.tr
        code = problem.code
        args: dict[str, Any] = dict(problem.args)
        expected = {
            "image_src": tr("expected.image_src"),
            "image_outside": tr("expected.image_src"),
            "image_missing": tr("expected.image_src"),
            "image_not_file": tr("expected.image_src"),
            "image_empty": tr("expected.image_formats"),
            "image_format": tr("expected.image_formats"),
            "image_broken": tr("expected.image_formats"),
            "image_too_big": tr("expected.image_max_bytes", max=_megabytes(MAX_BYTES, tr("words.decimal_mark"))),
            "image_dimensions": tr("expected.image_pixels", max_side=MAX_SIDE, megapixels=MAX_PIXELS // 1_000_000),
            "image_too_narrow": tr("expected.image_min_width", min=MIN_WIDTH),
            "image_extension": tr("expected.image_suffix", format=args.get("format", ""), good=args.get("good", "")),
        }.get(code, "")
        found = ""
        if code == "image_unreadable":
            from ..load.files import os_reason

            args["reason"] = os_reason(tr, OSError(int(args.pop("errno", 0)), args.get("reason", "")))
        if code == "image_too_big":
            found = tr("found.megabytes", size=_megabytes(int(args["size"]), tr("words.decimal_mark")))
            args["size"] = found
        elif code == "image_dimensions" and args.get("width") != "?":
            found = tr("found.pixels", width=args["width"], height=args["height"])
        elif code == "image_dimensions":
            found = tr("found.image_bomb")
        elif code == "image_too_narrow":
            found = tr("found.pixels_wide", width=args["width"])
        elif code == "image_format":
            found = tr("found.image_kind", kind=args["what"]) if args.get("what") else tr("found.image_unknown")
        elif code == "image_empty":
            found = tr("found.zero_bytes")
        elif code == "image_extension":
            found = tr("found.image_kind", kind=args["format"])
        self.out.add(code, pos, path, expected=expected, found=found, hint=tr(f"hints.{code}", **args), **args)


def _megabytes(size: int, mark: str) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", mark)


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
    return isinstance(node, YMap) and bool(node.items) and all(_is_empty(value) for _, value in node.items.values())


_EMPTY_RAW = frozenset(("", "~", "null"))


def _is_empty(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.tag == NULL and node.raw in _EMPTY_RAW


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
