"""site_config/'s values checked as data: every problem with its file, line, column and key.

`ConfigFile` collects the findings (findings.py) of one file and checks single values on the way: each
check takes an `Item` (a key, where it stands and its YAML node), reports what is wrong with it and
returns the value, or None when there is no usable value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..problems import Position
from ..read.yamlnodes import BOOL, FLOAT, INT, NULL, STR, YMap, YNode, YScalar, YSeq
from ..values import is_invisible
from .findings import Finding, Text, did_you_mean, expected_text, found_text, hint_text, listing, problems_text, shown


def is_null(node: YNode | None) -> bool:
    return node is None or (isinstance(node, YScalar) and node.tag == NULL)


# --- one key and its value ---------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    key: str  # the dotted key path, e.g. similar.threshold or terms[2].label
    key_pos: Position
    node: YNode | None

    @property
    def pos(self) -> Position:
        """Where a problem with the value is shown: at the value when it starts on the key's line."""
        node = self.node
        if node is not None and node.pos.line == self.key_pos.line and node.pos >= self.key_pos:
            return node.pos
        return self.key_pos

    def child(self, name: str, key_pos: Position, node: YNode | None) -> Item:
        return Item(f"{self.key}.{name}" if self.key else name, key_pos, node)

    def index(self, number: int, node: YNode) -> Item:
        return Item(f"{self.key}[{number}]", node.pos, node)

    def get(self, name: str) -> Item | None:
        """The value of one key, when the value is a mapping that has it; nothing is reported."""
        node = self.node
        if not isinstance(node, YMap) or name not in node.items:
            return None
        key, value = node.items[name]
        return self.child(name, key.pos, value)


def given(items: Mapping[str, Item], name: str) -> Item | None:
    """The key's Item unless it is absent or has no value (`key:` alone, or null): then the default holds."""
    item = items.get(name)
    return item if item is not None and not is_null(item.node) else None


def root_item(node: YNode | None) -> Item:
    return Item("", node.pos if node is not None else Position(1, 1), node)


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
# A name that can stand in a URL or a file name: a type, a vocabulary, a folder part.
NAME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
# A key an editor writes in front-matter: letters (any script), digits, - and _.
FIELD_NAME = re.compile(r"[^\W_][\w-]*")


_TEXT_EXPECTED = ("config.expected.text", "config.expected.visible_text")


class ConfigFile:
    """The findings of one file of site_config/, and the checks of its values."""

    def __init__(self, path: str, findings: list[Finding]) -> None:
        self.path = path
        self.findings = findings

    def add(
        self,
        code: str,
        pos: Position,
        key: str = "",
        *,
        message: Text | None = None,
        expected: Text | str = "",
        found: Text | str = "",
        hint: Text | str | None = "",
        **args: Any,
    ) -> None:
        text = message or problems_text(code, **args)
        self.findings.append(Finding(self.path, pos, key, code, text, expected, found, hint or ""))

    def wrong(self, item: Item, expected: Text | str, hint: Text | str | None = "", code: str = "wrong_value") -> None:
        """The value is not of the kind asked for (or is out of range): say what was wanted."""
        node = item.node
        if is_null(node) and code == "wrong_value":
            self.add("no_value", item.key_pos, item.key, expected=expected, found=found_text(node), hint=hint)
            return
        wants_text = isinstance(expected, Text) and expected.name in _TEXT_EXPECTED
        if not hint and wants_text and isinstance(node, YScalar) and node.tag != STR:
            hint = Text("hints.quote", {"raw": shown(node.raw)})
        self.add(code, item.pos, item.key, expected=expected, found=found_text(node), hint=hint)

    # --- collections ---------------------------------------------------------------------------

    def mapping(
        self,
        item: Item,
        known: Collection[str] | None = None,
        *,
        required: Collection[str] = (),
        example: str = "",
    ) -> dict[str, Item] | None:
        """The mapping's keys as Items; unknown keys (when `known` is given) and missing ones reported."""
        node = item.node
        if not isinstance(node, YMap):
            self.wrong(item, expected_text("mapping_example", example=example) if example else expected_text("mapping"))
            return None
        items: dict[str, Item] = {}
        for name, (key, value) in node.items.items():
            if known is not None and name not in known:
                hint = did_you_mean(name, known) or Text("hints.known_keys", {"keys": listing(sorted(known))})
                self.add("unknown_key", key.pos, item.child(name, key.pos, value).key, hint=hint, name=shown(name))
                continue
            items[name] = item.child(name, key.pos, value)
        for name in required:
            if name not in node.items:
                self.add("missing_key", item.key_pos, item.child(name, item.key_pos, None).key, name=name)
        return items

    def sequence(self, item: Item, expected: Text | None = None) -> list[Item] | None:
        node = item.node
        if not isinstance(node, YSeq):
            self.wrong(item, expected or expected_text("list"))
            return None
        return [item.index(number, child) for number, child in enumerate(node.items)]

    # --- single values -------------------------------------------------------------------------

    def text(self, item: Item, *, visible: bool = False) -> str | None:
        """Text as written; YAML's numbers, yes/no and dates are not text (quote them)."""
        node = item.node
        wanted = expected_text("visible_text" if visible else "text")
        if not isinstance(node, YScalar) or node.tag != STR:
            self.wrong(item, wanted)
            return None
        if visible and (not node.value.strip() or is_invisible(node.value)):
            self.add("empty_text", item.pos, item.key, expected=wanted, found=found_text(node))
            return None
        return str(node.value)

    def boolean(self, item: Item) -> bool | None:
        node = item.node
        if not isinstance(node, YScalar) or node.tag != BOOL or not isinstance(node.value, bool):
            self.wrong(item, expected_text("boolean"))
            return None
        return node.value

    def whole_number(self, item: Item, minimum: int) -> int | None:
        node = item.node
        value = node.value if isinstance(node, YScalar) and node.tag == INT else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.wrong(item, expected_text("whole_number", min=minimum))
            return None
        if value < minimum:
            self.wrong(item, expected_text("whole_number", min=minimum), code="out_of_range")
            return None
        return value

    def number(self, item: Item, minimum: float) -> float | None:
        node = item.node
        value = node.value if isinstance(node, YScalar) and node.tag in (INT, FLOAT) else None
        shown_min = int(minimum) if float(minimum).is_integer() else minimum
        if not isinstance(value, int | float) or isinstance(value, bool) or not _finite(value):
            self.wrong(item, expected_text("number", min=shown_min))
            return None
        if value < minimum:
            self.wrong(item, expected_text("number", min=shown_min), code="out_of_range")
            return None
        return float(value)

    def choice(self, item: Item, choices: Collection[str], code: str = "unknown_value") -> str | None:
        node = item.node
        expected = expected_text("one_of", values=listing(choices))
        if not isinstance(node, YScalar) or node.tag != STR:
            self.wrong(item, expected)
            return None
        value = str(node.value)
        if value not in choices:
            hint = did_you_mean(value, choices) or ""
            self.add(code, item.pos, item.key, expected=expected, found=found_text(node), hint=hint, value=shown(value))
            return None
        return value

    def labels(self, item: Item) -> dict[str, str] | None:
        """A label: one text, or a text per language ({da: Tema, en: Theme}); never empty."""
        node = item.node
        expected = expected_text("labels", example="{da: Tema, en: Theme}")
        if isinstance(node, YScalar) and node.tag == STR:
            text = self.text(item, visible=True)
            return {"en": text} if text is not None else None
        if not isinstance(node, YMap) or not node.items:
            self.wrong(item, expected)
            return None
        labels: dict[str, str] = {}
        for name, (key, value) in node.items.items():
            text = self.text(item.child(name, key.pos, value), visible=True)
            if text is not None:
                labels[name] = text
        return labels if len(labels) == len(node.items) else None

    def text_list(self, item: Item) -> list[str] | None:
        items = self.sequence(item, expected_text("text_list"))
        if items is None:
            return None
        texts = [self.text(one, visible=True) for one in items]
        return [text for text in texts if text is not None] if None not in texts else None

    def name(self, item: Item, pattern: re.Pattern[str] = NAME, expected: str = "name") -> str | None:
        """A name that becomes part of a URL or a file name: nothing that could lead elsewhere."""
        text = self.text(item)
        if text is None:
            return None
        if pattern.fullmatch(text) is None:
            self.add(
                "unsafe_name",
                item.pos,
                item.key,
                expected=expected_text(expected),
                found=found_text(item.node),
                hint=hint_text("unsafe_name"),
                value=shown(text),
            )
            return None
        return text

    def colour(self, item: Item, names: Collection[str], normalise: Callable[[str], str]) -> str | None:
        node = item.node
        expected = expected_text("colour", example="teal")
        if not isinstance(node, YScalar) or node.tag != STR:
            self.wrong(item, expected)
            return None
        value = str(node.value).strip()
        if _HEX.fullmatch(value) or normalise(value) in names:
            return value
        hint = did_you_mean(normalise(value), names) or ""
        self.add(
            "unknown_colour",
            item.pos,
            item.key,
            expected=expected,
            found=found_text(node),
            hint=hint,
            value=shown(value),
        )
        return None


def is_hex_colour(value: str) -> bool:
    return _HEX.fullmatch(value) is not None


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False
