"""The fields of an entry type (or of an object field) and their rules, read from site_config/schema.yml."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .findings import did_you_mean, expected_text, hint_text, listing
from .rules import FIELD_NAME, ConfigFile, Item, given
from .schema import DISPLAYS, KINDS, RULES, TOP_ONLY_KINDS, Field, Rule

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


@dataclass(frozen=True)
class FieldContext:
    """What a field may name: vocabularies and entry types."""

    vocabularies: Collection[str]  # the vocabulary files there are
    type_names: Collection[str]


def read_fields(out: ConfigFile, items: dict[str, Item], context: FieldContext, *, top: bool) -> dict[str, Field]:
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


def _field(out: ConfigFile, name: str, item: Item, context: FieldContext) -> Field | None:
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
            sub_fields = read_fields(out, sub_items or {}, context, top=False)
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
        rules=read_rules(out, options["rules"], sub_fields) if "rules" in options else [],
    )


def read_rules(out: ConfigFile, item: Item, scope: dict[str, Field]) -> list[Rule]:
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
