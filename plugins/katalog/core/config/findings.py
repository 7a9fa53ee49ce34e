"""Problems of site_config/ as data, worded at the end.

Problems are found while site_config/ is read, before it is known which language (and which of the
site's text files) can be trusted to word them. So a finding keeps the names of its texts and their
arguments (`Text`); `Finding.problem` puts them into words at the end, with the translator chosen then.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..hints import closest
from ..i18n import Translator
from ..problems import Position, Problem, Severity
from ..read.yamlnodes import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP, YMap, YNode, YSeq

# --- texts to be worded later ------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A text of site_config/i18n/ by name, with its arguments (which may be Texts themselves)."""

    name: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def render(self, tr: Translator) -> str:
        return tr(self.name, **{key: _render(value, tr) for key, value in self.args.items()})


@dataclass(frozen=True)
class Count:
    """`counts.<name>.one` or `.other`: "1 element", "3 elementer"."""

    name: str
    count: int


def _render(value: Any, tr: Translator) -> Any:
    if isinstance(value, Text):
        return value.render(tr)
    if isinstance(value, Count):
        return tr.count(value.name, value.count)
    return value


def problems_text(name: str, /, **args: Any) -> Text:
    return Text(f"config.problems.{name}", args)


def expected_text(name: str, /, **args: Any) -> Text:
    return Text(f"config.expected.{name}", args)


def hint_text(name: str, /, **args: Any) -> Text:
    return Text(f"config.hints.{name}", args)


def did_you_mean(word: str, candidates: Collection[str]) -> Text | None:
    found = closest(word, candidates, limit=1)
    return Text("hints.did_you_mean", {"suggestion": found[0]}) if found else None


def listing(values: Collection[str]) -> str:
    return ", ".join(values)


@dataclass(frozen=True)
class Finding:
    path: str
    pos: Position
    key: str
    code: str
    message: Text
    expected: Text | str = ""
    found: Text | str = ""
    hint: Text | str = ""

    def problem(self, tr: Translator) -> Problem:
        def word(part: Text | str) -> str:
            return part.render(tr) if isinstance(part, Text) else part

        return Problem(
            self.path,
            self.pos.line,
            self.pos.column,
            Severity.ERROR,
            self.code,
            self.key,
            word(self.message),
            word(self.expected),
            word(self.found),
            word(self.hint),
        )


# --- what a value is, in an editor's words ----------------------------------------------------

_FOUND = {STR: "text", INT: "number", FLOAT: "number", BOOL: "boolean", TIMESTAMP: "date"}
SHOWN = 60  # characters of a value shown in a message


def shown(raw: str) -> str:
    raw = " ".join(raw.split())
    return raw if len(raw) <= SHOWN else raw[: SHOWN - 3] + "..."


def found_text(node: YNode | None) -> Text:
    """What stands there, as core/validate/describe.py says it of entries: "the text "lots"", "a list"."""
    if node is None:
        return Text("found.nothing")
    if isinstance(node, YSeq):
        return Text("found.list", {"items": Count("items", len(node.items))})
    if isinstance(node, YMap):
        return Text("found.mapping")
    if node.tag == NULL:
        return Text("found.nothing") if node.raw in ("", "~") else Text("found.null", {"raw": shown(node.raw)})
    return Text(f"found.{_FOUND.get(node.tag, 'text')}", {"raw": shown(node.raw)})
