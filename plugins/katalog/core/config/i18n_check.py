"""The site's texts (site_config/i18n/<language>.yml) checked: each is text, and each {placeholder}
is one Katalog can fill in and the same as in the other languages.

A translation's `{cout}` for `{count}` would show as it stands on every page; `{count` without its
brace, `{0}` or `{count!x}` would stop the build. Every one is reported where it stands.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ..read.yamlnodes import STR, YMap, YScalar
from .findings import Text, expected_text, hint_text, shown
from .rules import ConfigFile, Item, is_null

_FORMATTER = string.Formatter()
_PLACEHOLDER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
REFERENCE_LANGUAGE = "en"  # wins a tie between languages that disagree on a text's placeholders


@dataclass(frozen=True)
class Checked:
    """One text that can be used, and where it stands."""

    template: str
    placeholders: frozenset[str]
    item: Item


def read_texts(out: ConfigFile, root: Item) -> dict[str, Checked]:
    """Every usable text of one i18n file by its dotted key (e.g. problems.too_long)."""
    if is_null(root.node):
        out.add("empty_file", root.key_pos, expected=expected_text("mapping_example", example="ui: {catalogue: ...}"))
        return {}
    texts: dict[str, Checked] = {}
    _walk(out, root, texts)
    return texts


def _walk(out: ConfigFile, item: Item, texts: dict[str, Checked]) -> None:
    node = item.node
    if not isinstance(node, YMap):
        out.wrong(item, expected_text("mapping"))
        return
    for name, (key, value) in node.items.items():
        child = item.child(name, key.pos, value)
        if isinstance(value, YMap):
            _walk(out, child, texts)
            continue
        if not isinstance(value, YScalar) or value.tag != STR:
            out.wrong(child, expected_text("text"))
            continue
        checked = check_template(out, child, str(value.value))
        if checked is not None:
            texts[child.key] = checked


def check_template(out: ConfigFile, item: Item, template: str) -> Checked | None:
    """The template's placeholders, or None (and a problem) when str.format could not fill it in."""
    if "{" not in template and "}" not in template:
        return Checked(template, _NONE, item)
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError:
        out.add("unbalanced_braces", item.pos, item.key, found=_quoted(template), hint=_braces_hint())
        return None
    names: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if _PLACEHOLDER.fullmatch(name) is None or spec or conversion:
            written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            out.add("bad_placeholder", item.pos, item.key, hint=_braces_hint(), value=shown(written))
            return None
        names.add(name)
    return Checked(template, frozenset(names), item)


_NONE: frozenset[str] = frozenset()


def _braces_hint() -> Text:
    return hint_text("braces", example="{count}")


def _quoted(template: str) -> str:
    return '"' + shown(template) + '"'


def compare_placeholders(files: Mapping[str, tuple[ConfigFile, dict[str, Checked]]]) -> None:
    """Report each text whose placeholders differ from those most languages (or English) use for it;
    such a text is then dropped from its file's texts, so it is never used."""
    keys: dict[str, dict[str, frozenset[str]]] = {}
    for language, (_, texts) in files.items():
        for key, checked in texts.items():
            keys.setdefault(key, {})[language] = checked.placeholders
    for key, by_language in keys.items():
        if len(set(by_language.values())) <= 1:
            continue
        votes = Counter(by_language.values())
        reference = max(
            votes, key=lambda names: (votes[names], by_language.get(REFERENCE_LANGUAGE) == names, sorted(names))
        )
        others = ", ".join("{" + name + "}" for name in sorted(reference))
        for language, names in by_language.items():
            if names == reference:
                continue
            out, texts = files[language]
            checked = texts.pop(key)
            out.add(
                "placeholders_differ",
                checked.item.pos,
                key,
                expected=others or expected_text("no_placeholders"),
                found=", ".join("{" + name + "}" for name in sorted(names)) or expected_text("no_placeholders"),
                hint=hint_text("placeholders"),
            )


def texts_of(checked: Mapping[str, Checked]) -> dict[str, str]:
    return {key: one.template for key, one in checked.items()}
