"""The content model as data: entry types and their fields, read from site_config/schema.yml."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field

from ..load.yamlnodes import YMap
from .rules import (
    FIELD_NAME,
    NAME,
    ConfigFile,
    Item,
    did_you_mean,
    expected_text,
    given,
    hint_text,
    is_null,
    listing,
)

KINDS = frozenset(
    {"text", "term", "keyword", "id", "slug", "date", "partial_date", "year", "email", "url", "phone", "object"}
    | {"image"}
)
# An image (core/validate/images.py) is one per entry, at the top of its front-matter: src and alt.
TOP_ONLY_KINDS = ("image",)
RULES = frozenset({"one_of_required", "not_before"})
# How a field is shown on its entry's page; render/display.py says what each means.
DISPLAYS = ("facts", "contact", "highlight", "list", "quotes", "lines", "links", "related", "hidden")


@dataclass(frozen=True)
class Rule:
    name: str
    keys: tuple[str, ...]


@dataclass
class Field:
    name: str
    kind: str
    required: bool = False
    many: bool = False
    allow_single: bool = False
    min_items: int = 0
    min: int | None = None
    max: int | None = None
    vocabulary: str | None = None
    target_type: str | None = None
    personal: bool = False
    display: str = ""  # one of DISPLAYS; "" for the default of the field's kind
    label: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


@dataclass
class EntryType:
    name: str
    folder: str
    url: str
    label: dict[str, str]
    plural: dict[str, str]
    fields: dict[str, Field]
    rules: list[Rule]

    @property
    def in_catalogue(self) -> bool:
        """Catalogue entries get generated pages; the others are ordinary pages in content/."""
        return self.folder != CONTENT_FOLDER


CONTENT_FOLDER = "content"


@dataclass
class Schema:
    types: dict[str, EntryType]

    def type_for_folder(self, folder: str) -> EntryType | None:
        for entry_type in self.types.values():
            if entry_type.folder == folder:
                return entry_type
        return None

    @property
    def catalogue_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if t.in_catalogue]

    @property
    def content_types(self) -> list[EntryType]:
        return [t for t in self.types.values() if not t.in_catalogue]


SCHEMA_KEYS = ("common", "types")
TYPE_KEYS = ("folder", "url", "label", "plural", "require", "fields", "rules")
FIELD_OPTIONS = (
    "kind", "required", "list", "allow_single", "min_items", "min", "max", "vocabulary", "target_type",
    "personal", "display", "label", "help", "fields", "rules",
)  # fmt: skip
# Options that mean something only for some kinds (or only for lists).
KIND_OPTIONS = {
    "vocabulary": ("term",),
    "target_type": ("id",),
    "fields": ("object",),
    "rules": ("object",),
    "min": ("text",),
    "max": ("text",),
}
LIST_OPTIONS = ("allow_single", "min_items")
DATE_KINDS = ("date", "partial_date")
# Front-matter keys Katalog reads itself; no field may take their name.
RESERVED_FIELDS = ("type",)
CATALOGUE_FOLDER = "catalogue"


@dataclass(frozen=True)
class _Context:
    vocabularies: Collection[str]  # the vocabulary files there are
    type_names: Collection[str]


def read_schema(out: ConfigFile, root: Item, vocabularies: Collection[str]) -> Schema:
    """The schema from schema.yml's root node; every problem reported, every usable type kept."""
    if is_null(root.node):
        out.add("empty_file", root.key_pos, expected=expected_text("mapping_example", example="types: ..."))
        return Schema({})
    items = out.mapping(root, SCHEMA_KEYS, required=("types",), example="types: ...")
    if items is None or "types" not in items:
        return Schema({})
    type_items = out.mapping(items["types"], example="{initiative: {folder: catalogue/initiatives}}") or {}
    context = _Context(list(vocabularies), list(type_items))
    common: dict[str, Field] = {}
    common_item = items.get("common")
    if common_item is not None and not is_null(common_item.node):
        common = _fields(out, out.mapping(common_item) or {}, context, top=True)
    types: dict[str, EntryType] = {}
    folders: dict[str, str] = {}
    for name, item in type_items.items():
        entry_type = _entry_type(out, name, item, common, context)
        if entry_type is None:
            continue
        types[name] = entry_type
        if entry_type.in_catalogue:
            other = folders.setdefault(entry_type.folder, name)
            folder = item.get("folder")
            if other != name and folder is not None:
                out.add(
                    "folder_taken",
                    folder.pos,
                    folder.key,
                    hint=hint_text("folder_taken"),
                    value=entry_type.folder,
                    other=other,
                )
    types_node = items["types"].node
    if isinstance(types_node, YMap) and not types_node.items:
        out.add("no_types", items["types"].key_pos, "types")
    return Schema(types)


def _entry_type(
    out: ConfigFile, name: str, item: Item, common: dict[str, Field], context: _Context
) -> EntryType | None:
    if NAME.fullmatch(name) is None:
        out.add(
            "unsafe_name",
            item.key_pos,
            item.key,
            expected=expected_text("name"),
            hint=hint_text("unsafe_name"),
            value=name,
        )
    spec = out.mapping(
        item, TYPE_KEYS, required=("folder",), example="{folder: catalogue/initiatives, url: initiativer}"
    )
    if spec is None:
        return None
    folder = _folder(out, spec["folder"]) if "folder" in spec else None
    url = name
    if (url_item := given(spec, "url")) is not None:
        url = out.name(url_item) or name
    label = out.labels(spec["label"]) if given(spec, "label") else None
    plural = out.labels(spec["plural"]) if given(spec, "plural") else None
    fields = dict(common)  # shared with the other types, but for those this type requires
    if (require := given(spec, "require")) is not None:
        for one in out.sequence(require) or []:
            required_name = out.text(one)
            if required_name is None:
                continue
            if required_name not in fields:
                out.add(
                    "not_common",
                    one.pos,
                    one.key,
                    expected=expected_text("field", values=listing(common)),
                    hint=did_you_mean(required_name, common) or "",
                    value=required_name,
                )
                continue
            field_ = fields[required_name]
            min_items = max(1, field_.min_items) if field_.many else field_.min_items
            fields[required_name] = dataclasses.replace(field_, required=True, min_items=min_items)
    if (own := given(spec, "fields")) is not None:
        fields.update(_fields(out, out.mapping(own) or {}, context, top=True))
    rules = _rules(out, spec["rules"], fields) if given(spec, "rules") else []
    if folder is None:
        return None
    return EntryType(
        name=name,
        folder=folder,
        url=url,
        label=label or {},
        plural=plural or {},
        fields=fields,
        rules=rules,
    )


def _folder(out: ConfigFile, item: Item) -> str | None:
    """content, or a folder under catalogue/: parts that are plain names, nothing that leads elsewhere."""
    text = out.text(item)
    if text is None:
        return None
    parts = text.rstrip("/").split("/")
    if text.startswith("/") or not all(NAME.fullmatch(part) for part in parts):
        out.add(
            "unsafe_name",
            item.pos,
            item.key,
            expected=expected_text("folder"),
            hint=hint_text("unsafe_name"),
            value=text,
        )
        return None
    folder = "/".join(parts)
    if folder != CONTENT_FOLDER and (parts[0] != CATALOGUE_FOLDER or len(parts) < 2):
        out.add("bad_folder", item.pos, item.key, expected=expected_text("folder"), value=text)
        return None
    return folder


def _fields(out: ConfigFile, items: dict[str, Item], context: _Context, *, top: bool) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    for name, item in items.items():
        if FIELD_NAME.fullmatch(name) is None:
            out.add(
                "unsafe_name",
                item.key_pos,
                item.key,
                expected=expected_text("field_name"),
                hint=hint_text("unsafe_name"),
                value=name,
            )
            continue
        if top and name in RESERVED_FIELDS:
            out.add("reserved_name", item.key_pos, item.key, hint=hint_text("reserved_name"), value=name)
            continue
        field_ = _field(out, name, item, context)
        if field_ is not None and field_.kind in TOP_ONLY_KINDS and not top:
            out.add("kind_top_only", item.key_pos, item.key, kind=field_.kind)
            continue
        if field_ is not None:
            fields[name] = field_
    return fields


def _field(out: ConfigFile, name: str, item: Item, context: _Context) -> Field | None:
    spec = out.mapping(item, FIELD_OPTIONS, required=("kind",), example="{kind: text}")
    if spec is None or "kind" not in spec:
        return None
    kind = out.choice(spec["kind"], sorted(KINDS), code="unknown_kind")
    if kind is None:
        return None
    options = {option: one for option in spec if (one := given(spec, option)) is not None}
    flags = {}
    for flag in ("required", "list", "allow_single", "personal"):
        if flag in options:
            flags[flag] = bool(out.boolean(options[flag]))
    is_list = flags.get("list", False)
    if is_list and kind in TOP_ONLY_KINDS:
        out.add("option_not_for_kind", options["list"].key_pos, options["list"].key, option="list", kind=kind)
        is_list = False
    for option, kinds in KIND_OPTIONS.items():
        if option in options and kind not in kinds:
            one = options.pop(option)
            out.add("option_not_for_kind", one.key_pos, one.key, option=option, kind=kind)
    for option in LIST_OPTIONS:
        if option in options and not is_list:
            one = options.pop(option)
            out.add("option_needs_list", one.key_pos, one.key, option=option)
    numbers = {
        option: out.whole_number(options[option], 0) for option in ("min", "max", "min_items") if option in options
    }
    low, high = numbers.get("min"), numbers.get("max")
    if low is not None and high is not None and low > high:
        out.add(
            "min_above_max", options["min"].pos, options["min"].key, hint=hint_text("min_above_max"), min=low, max=high
        )
    vocabulary = None
    if kind == "term":
        if "vocabulary" not in options:
            out.add("needs_option", item.key_pos, item.key, kind=kind, option="vocabulary")
        elif (written := out.text(options["vocabulary"])) is not None:
            vocabulary = written  # kept when unknown too, so nothing else is reported for it
            if written not in context.vocabularies:
                out.add(
                    "unknown_vocabulary",
                    options["vocabulary"].pos,
                    options["vocabulary"].key,
                    expected=expected_text("vocabulary", values=listing(sorted(context.vocabularies))),
                    hint=did_you_mean(written, context.vocabularies) or hint_text("vocabulary", value=written),
                    value=written,
                )
    target_type = None
    if "target_type" in options and (written := out.text(options["target_type"])) is not None:
        if written in context.type_names:
            target_type = written
        else:
            out.add(
                "unknown_type",
                options["target_type"].pos,
                options["target_type"].key,
                expected=expected_text("type", values=listing(context.type_names)),
                hint=did_you_mean(written, context.type_names) or "",
                value=written,
            )
    sub_fields: dict[str, Field] = {}
    if kind == "object":
        if "fields" not in options:
            out.add("needs_option", item.key_pos, item.key, kind=kind, option="fields")
        else:
            sub_items = out.mapping(options["fields"], example="{name: {kind: text}}")
            if sub_items is not None and not sub_items:
                out.add("needs_option", options["fields"].key_pos, options["fields"].key, kind=kind, option="fields")
            sub_fields = _fields(out, sub_items or {}, context, top=False)
    required = flags.get("required", False)
    min_items = numbers.get("min_items")
    return Field(
        name=name,
        kind=kind,
        required=required,
        many=is_list,
        allow_single=flags.get("allow_single", False),
        min_items=min_items if min_items is not None else (1 if (required and is_list) else 0),
        min=low,
        max=high,
        vocabulary=vocabulary,
        target_type=target_type,
        personal=flags.get("personal", False),
        display=(out.choice(options["display"], DISPLAYS) or "") if "display" in options else "",
        label=(out.labels(options["label"]) or {}) if "label" in options else {},
        help=(out.labels(options["help"]) or {}) if "help" in options else {},
        fields=sub_fields,
        rules=_rules(out, options["rules"], sub_fields) if "rules" in options else [],
    )


def _rules(out: ConfigFile, item: Item, scope: dict[str, Field]) -> list[Rule]:
    """Each rule is one of RULES with the names of two fields of its object (or type)."""
    example = "[{one_of_required: [email, phone]}]"
    rules: list[Rule] = []
    for one in out.sequence(item, expected_text("rules", example=example)) or []:
        spec = out.mapping(one, example="{one_of_required: [email, phone]}")
        if spec is None:
            continue
        if len(spec) != 1:
            out.wrong(one, expected_text("rules", example=example))
            continue
        ((name, keys_item),) = spec.items()
        if name not in RULES:
            out.add(
                "unknown_rule",
                keys_item.key_pos,
                keys_item.key,
                expected=expected_text("one_of", values=listing(sorted(RULES))),
                hint=did_you_mean(name, RULES) or "",
                value=name,
            )
            continue
        keys = out.sequence(keys_item, expected_text("rule_keys"))
        if keys is None:
            continue
        if len(keys) != 2:
            out.wrong(keys_item, expected_text("rule_keys"))
            continue
        names = [out.text(key) for key in keys]
        good = True
        for key, written in zip(keys, names, strict=True):
            if written is None:
                good = False
            elif written not in scope:
                good = False
                out.add(
                    "unknown_field",
                    key.pos,
                    key.key,
                    expected=expected_text("field", values=listing(scope)),
                    hint=did_you_mean(written, scope) or "",
                    value=written,
                )
            elif name == "not_before" and scope[written].kind not in DATE_KINDS:
                good = False
                out.add("rule_needs_dates", key.pos, key.key, value=written)
        if good:
            rules.append(Rule(name, (str(names[0]), str(names[1]))))
    return rules
