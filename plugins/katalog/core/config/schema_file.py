"""site_config/schema.yml read: its entry types, each with its folder, address, labels, fields and rules.

Every problem is reported where it stands; every usable type is kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from ..read.yamlnodes import YMap
from .findings import did_you_mean, expected_text, hint_text, listing
from .rules import NAME, ConfigFile, Item, given, is_null
from .schema import CONTENT_FOLDER, EntryType, Field, Schema
from .schema_fields import FieldContext, read_fields, read_rules

SCHEMA_KEYS = ("common", "types")
TYPE_KEYS = ("folder", "url", "label", "plural", "require", "fields", "rules")
CATALOGUE_FOLDER = "catalogue"


def read_schema(out: ConfigFile, root: Item, vocabularies: Collection[str]) -> Schema:
    """The schema from schema.yml's root node; every problem reported, every usable type kept."""
    if is_null(root.node):
        out.add("empty_file", root.key_pos, expected=expected_text("mapping_example", example="types: ..."))
        return Schema({})
    items = out.mapping(root, SCHEMA_KEYS, required=("types",), example="types: ...")
    if items is None or "types" not in items:
        return Schema({})
    type_items = out.mapping(items["types"], example="{initiative: {folder: catalogue/initiatives}}") or {}
    context = FieldContext(list(vocabularies), list(type_items))
    common: dict[str, Field] = {}
    common_item = items.get("common")
    if common_item is not None and not is_null(common_item.node):
        common = read_fields(out, out.mapping(common_item) or {}, context, top=True)
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
    out: ConfigFile, name: str, item: Item, common: dict[str, Field], context: FieldContext
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
        fields.update(read_fields(out, out.mapping(own) or {}, context, top=True))
    rules = read_rules(out, spec["rules"], fields) if given(spec, "rules") else []
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
