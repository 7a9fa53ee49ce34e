"""YAML parsed with LibYAML into nodes that remember where every key and value stood.

PyYAML's constructors forget positions and silently keep the last of two equal keys,
so we compose the node graph with the C parser and build our own small tree from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml

from ..problems import Position

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - LibYAML missing from this PyYAML build
    _Base = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
_CORE_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP, "tag:yaml.org,2002:merge"})

_PLAIN_DECIMAL = re.compile(r"0|[1-9][0-9]*")
MERGE = "tag:yaml.org,2002:merge"


class _Loader(_Base):  # type: ignore[misc]
    """The safe loader, with the resolver's work done faster for the same answers.

    LibYAML's composer asks Python to resolve the tag of every node, and to descend into and
    ascend out of it for path resolvers (a feature we never use): half a million calls at 10,000
    entries. Here the path steps do nothing, text whose first character starts no implicit type
    (most of it) is a string without a regular expression, and what the expressions said of a
    plain scalar is remembered (keys and vocabulary terms come back again and again)."""

    # A copy: what another module may add to PyYAML's loaders later changes nothing here.
    yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
        first: list(pairs) for first, pairs in _Base.yaml_implicit_resolvers.items()
    }
    yaml_path_resolvers: ClassVar[dict[Any, Any]] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted, or a block scalar
                return STR
            if value and value[0] not in _IMPLICIT_FIRST:
                return STR
            tag = _resolved.get(value)
            if tag is None:
                tag = _base_resolve(self, kind, value, implicit)
                if len(_resolved) >= _RESOLVED_MAX:
                    _resolved.clear()  # a long-running preview reads many values; keep the memory bounded
                _resolved[value] = tag
            return tag
        return SEQ if kind is yaml.SequenceNode else MAP


_IMPLICIT_FIRST = frozenset(first for first in _Loader.yaml_implicit_resolvers if first)
assert None not in _Loader.yaml_implicit_resolvers  # no resolver for every first character
_base_resolve = _Base.resolve
_resolved: dict[str, str] = {}
_RESOLVED_MAX = 20_000


@dataclass(slots=True)
class YScalar:
    value: Any
    raw: str
    tag: str
    quoted: bool
    pos: Position

    @property
    def is_text(self) -> bool:
        return self.tag == STR

    @property
    def is_plain_decimal(self) -> bool:
        return self.tag == INT and _PLAIN_DECIMAL.fullmatch(self.raw) is not None


@dataclass(slots=True)
class YSeq:
    items: list[YNode]
    pos: Position


@dataclass(slots=True)
class YKey:
    name: str
    pos: Position


@dataclass(slots=True)
class YMap:
    items: dict[str, tuple[YKey, YNode]]
    pos: Position
    end: Position = field(default_factory=lambda: Position(1, 1))


YNode = YScalar | YSeq | YMap


@dataclass
class YamlIssue:
    code: str
    pos: Position
    args: dict[str, Any]


@dataclass
class Parsed:
    root: YNode | None
    issues: list[YamlIssue]


class _Syntax(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.code)
        self.issue = issue


_constructor = yaml.constructor.SafeConstructor()


_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def _scalar_value(node: yaml.ScalarNode) -> Any:
    """The value SafeConstructor gives the scalar, or its text when it cannot (e.g. an octal 08)."""
    tag, raw = node.tag, node.value
    if tag in (STR, TIMESTAMP):
        return raw
    # The common cases without the constructor's machinery; the same values it gives.
    if tag == NULL:
        return None
    if tag == INT and raw.isdecimal() and (raw[0] != "0" or len(raw) == 1):
        return int(raw)
    if tag == BOOL and raw.lower() in _BOOLS:
        return _BOOLS[raw.lower()]
    try:
        return _constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value


def parse(text: str, line_offset: int = 0) -> Parsed:
    """Parse one YAML document; line_offset is added to every reported line."""
    issues: list[YamlIssue] = []
    if "\t" in text:
        issues.extend(_tab_issues(text, line_offset))
    text = _blank_odd_characters(text, line_offset, issues)
    deep = _too_deep(text, line_offset)
    if deep is not None:
        # LibYAML recurses in C once per level and crashes the process long before Python would.
        issues.append(deep)
        return Parsed(None, issues)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        last_line = text.count("\n")
        if error.context_mark is not None and mark is not None and mark.line >= last_line:
            # The parser ran to the end of the front-matter; what it was inside of is the culprit.
            mark = error.context_mark
        pos = Position(mark.line + 1 + line_offset, mark.column + 1) if mark else Position(line_offset + 1, 1)
        if not any(issue.pos.line == pos.line for issue in issues):
            detail = error.problem or error.context or ""
            issues.append(YamlIssue("yaml_syntax", pos, {"detail": detail}))
        return Parsed(None, issues)
    except yaml.YAMLError as error:
        detail = " ".join(str(error).split())
        issues.append(YamlIssue("yaml_syntax", Position(line_offset + 1, 1), {"detail": detail}))
        return Parsed(None, issues)
    if node is None:
        return Parsed(None, issues)
    builder = _Builder(line_offset, issues, text)
    before = len(issues)
    try:
        try:
            root = builder.quick(node, 0)
        except _NeedsPath:
            # A problem that names its key path: build again, keeping paths (and unsaid what the quick pass said).
            del issues[before:]
            builder = _Builder(line_offset, issues, text)
            root = builder.build(node, depth=0, path="")
    except _Syntax as stop:
        issues.append(stop.issue)
        return Parsed(None, issues)
    return Parsed(root, issues)


# Line breaks to YAML, but not to an editor's eye (NEL, LINE and PARAGRAPH SEPARATOR), C0/C1
# control characters, which LibYAML rejects without saying where, and bidirectional overrides, which
# make text show in another order than it is stored.
_ODD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")


def _blank_odd_characters(text: str, line_offset: int, issues: list[YamlIssue]) -> str:
    """Report each odd character where it stands; parse the rest with a space in its place."""
    if not _ODD.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _ODD.finditer(line):
            code = f"U+{ord(match.group()):04X}"
            issues.append(YamlIssue("odd_character", Position(number + line_offset, match.start() + 1), {"char": code}))
    return _ODD.sub(" ", text)


MAX_NESTING = 100


def _too_deep(text: str, line_offset: int) -> YamlIssue | None:
    """The first place where flow brackets or block indentation nest deeper than MAX_NESTING."""
    if len(text) < MAX_NESTING:
        return None
    flow = _FlowDepth() if text.count("[") + text.count("{") > MAX_NESTING else None
    if flow is None and _DEEP_START.match(text) is None and _DEEP_LINE.search(text) is None:
        return None  # no line starts with enough spaces and dashes to nest that deep in blocks
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) <= MAX_NESTING and flow is None:
            continue  # too short to nest that deep, and too few brackets in the whole text
        stripped = line.lstrip(" ")
        dashes = stripped[: len(stripped) - len(stripped.lstrip("- "))].count("-")
        block = (len(line) - len(stripped)) // 2 + dashes
        if block > MAX_NESTING:
            return YamlIssue("too_deep", Position(number + line_offset, 1), {"limit": MAX_NESTING})
        column = flow.too_deep_at(line) if flow else None
        if column is not None:
            return YamlIssue("too_deep", Position(number + line_offset, column), {"limit": MAX_NESTING})
    return None


# Block nesting is half the indentation plus the dashes after it: deeper than MAX_NESTING only
# where a line starts with more than MAX_NESTING spaces and dashes.
_DEEP_START = re.compile(f"[ -]{{{MAX_NESTING + 1}}}")
_DEEP_LINE = re.compile(f"\n[ -]{{{MAX_NESTING + 1}}}")


class _FlowDepth:
    """Counts the nesting of flow collections line by line, as YAML reads them: a `[` or `{` opens
    one where a value starts or inside another, not inside quotes, comments or plain text
    (`title: Netværk [intern]`, `title: "[[["`)."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""

    def too_deep_at(self, line: str) -> int | None:
        value_starts = True  # at the line's start, after `- `, `? ` and `: `
        index, end = 0, len(line)
        while index < end:
            char = line[index]
            if self.quote:
                if char == "\\" and self.quote == '"':
                    index += 1
                elif char == self.quote:
                    if self.quote == "'" and line.startswith("'", index + 1):
                        index += 1  # '' is a quote inside a single-quoted scalar
                    else:
                        self.quote = ""
                        value_starts = False
            elif char == "#" and (index == 0 or line[index - 1] in " \t"):
                return None  # a comment runs to the end of the line
            elif char in "[{" and (self.depth or value_starts):
                self.depth += 1
                if self.depth > MAX_NESTING:
                    return index + 1
            elif char in "]}" and self.depth:
                self.depth -= 1
            elif char in "'\"" and (self.depth or value_starts):
                self.quote = char
            elif char in " \t":
                pass
            elif char in "&!" and value_starts:
                index = _token_end(line, index) - 1  # an anchor or a tag comes before its value
            elif (char in "-?:" and line[index + 1 : index + 2] in ("", " ", "\t")) or (char == "," and self.depth):
                value_starts = True
            else:
                value_starts = False
            index += 1
        return None


def _token_end(line: str, start: int) -> int:
    space = line.find(" ", start)
    return len(line) if space < 0 else space


def _tab_issues(text: str, line_offset: int) -> list[YamlIssue]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab >= 0:
            found.append(YamlIssue("tab", Position(number + line_offset, tab + 1), {}))
    return found


MAX_DEPTH = 40  # what an entry may nest; MAX_NESTING only keeps LibYAML alive


class _NeedsPath(Exception):
    """The quick build met a node whose problem names its key path."""


_new_tuple = tuple.__new__  # Position(line, column) without the named tuple's Python-level __new__


class _Builder:
    def __init__(self, line_offset: int, issues: list[YamlIssue], text: str) -> None:
        self.first_line = line_offset + 1
        self.issues = issues
        # An alias is written with `*`, a merge with `<<`; without them no node can appear twice.
        self.seen: set[int] | None = set() if "*" in text or "<<" in text else None

    def pos(self, mark: Any) -> Position:
        return Position(mark.line + self.first_line, mark.column + 1)

    def build(self, node: yaml.Node, depth: int, path: str) -> YNode:
        # Runs once for each of the half million nodes of a 10,000-entry catalogue; kept flat for speed.
        mark = node.start_mark
        pos = Position(mark.line + self.first_line, mark.column + 1)
        if depth > MAX_DEPTH:
            raise _Syntax(YamlIssue("too_deep", pos, {"limit": MAX_DEPTH}))
        if self.seen is not None:
            if id(node) in self.seen:
                # An alias: anchors let one value stand in many places (and expand exponentially).
                raise _Syntax(YamlIssue("alias", pos, {}))
            self.seen.add(id(node))
        tag = node.tag
        if tag not in _CORE_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.issues.append(YamlIssue("yaml_tag", pos, {"tag": shown, "key": path}))
            tag = node.tag = {yaml.ScalarNode: STR, yaml.SequenceNode: SEQ}.get(type(node), MAP)
        kind = type(node)
        if kind is yaml.ScalarNode:
            assert isinstance(node, yaml.ScalarNode)  # for the type checker; `type() is` is the fast test
            raw = node.value
            value = raw if tag in (STR, TIMESTAMP) else _scalar_value(node)
            return YScalar(value, raw, tag, node.style in _QUOTED, pos)
        if kind is yaml.SequenceNode:
            child = depth + 1
            return YSeq([self.build(item, child, f"{path}[{index}]") for index, item in enumerate(node.value)], pos)
        assert kind is yaml.MappingNode
        items: dict[str, tuple[YKey, YNode]] = {}
        mapping = YMap(items, pos, self.pos(node.end_mark))
        child = depth + 1
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_pos = Position(key_mark.line + self.first_line, key_mark.column + 1)
            if type(key_node) is not yaml.ScalarNode:
                self.issues.append(YamlIssue("complex_key", key_pos, {}))
                continue
            name = key_node.value
            if name == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                raise _Syntax(YamlIssue("alias", key_pos, {}))
            value = self.build(value_node, child, prefix + name)
            if name in items:
                where = {"key": prefix + name, "first_line": items[name][0].pos.line}
                self.issues.append(YamlIssue("duplicate_key", key_pos, where))
                continue
            items[name] = (YKey(name, key_pos), value)
        return mapping

    def quick(self, node: Any, depth: int) -> YNode:  # a yaml.Node; Any spares isinstance() for the checker
        """build() without the key paths, which only problems use: raises _NeedsPath at the first
        node that has one of those (a tag of its own, a duplicate key). Up to there, it finds the
        same problems in the same order."""
        mark = node.start_mark
        first_line = self.first_line
        pos: Position = _new_tuple(Position, (mark.line + first_line, mark.column + 1))
        if depth > MAX_DEPTH:
            raise _Syntax(YamlIssue("too_deep", pos, {"limit": MAX_DEPTH}))
        if self.seen is not None:
            if id(node) in self.seen:
                raise _Syntax(YamlIssue("alias", pos, {}))
            self.seen.add(id(node))
        tag = node.tag
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node, pos)
        if tag not in _CORE_TAGS:
            raise _NeedsPath
        child = depth + 1
        # A scalar child (most are) is made here, without a call of quick() for it, when quick()
        # would only make it: no alias to look for and not too deep.
        inline = self.seen is None and child <= MAX_DEPTH
        scalar, quick = self.scalar, self.quick
        if kind is yaml.SequenceNode:
            seq: list[YNode] = []
            for item in node.value:
                if inline and type(item) is yaml.ScalarNode:
                    item_mark = item.start_mark
                    seq.append(scalar(item, _new_tuple(Position, (item_mark.line + first_line, item_mark.column + 1))))
                else:
                    seq.append(quick(item, child))
            return YSeq(seq, pos)
        items: dict[str, tuple[YKey, YNode]] = {}
        end = node.end_mark
        mapping = YMap(items, pos, _new_tuple(Position, (end.line + first_line, end.column + 1)))
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            key_pos: Position = _new_tuple(Position, (key_mark.line + first_line, key_mark.column + 1))
            if type(key_node) is not yaml.ScalarNode:
                self.issues.append(YamlIssue("complex_key", key_pos, {}))
                continue
            name = key_node.value
            if name == "<<" and key_node.tag == MERGE:
                raise _Syntax(YamlIssue("alias", key_pos, {}))
            value: YNode
            if inline and type(value_node) is yaml.ScalarNode:
                value_mark = value_node.start_mark
                value = scalar(value_node, _new_tuple(Position, (value_mark.line + first_line, value_mark.column + 1)))
            else:
                value = quick(value_node, child)
            if name in items:
                raise _NeedsPath
            items[name] = (YKey(name, key_pos), value)
        return mapping

    @staticmethod
    def scalar(node: Any, pos: Position) -> YScalar:
        tag, raw = node.tag, node.value
        if tag in (STR, TIMESTAMP):
            value = raw
        elif tag in _CORE_TAGS:
            value = _scalar_value(node)
        else:
            raise _NeedsPath
        return YScalar(value, raw, tag, node.style in _QUOTED, pos)


_QUOTED = frozenset(("'", '"', "|", ">"))


def to_plain(node: YNode | None) -> Any:
    """The node as plain Python data (for configuration, where positions matter less)."""
    if node is None:
        return None
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [to_plain(item) for item in node.items]
    return {name: to_plain(value) for name, (_, value) in node.items.items()}


def locate(node: YNode | None, dotted: str) -> Position | None:
    """Position of a dotted key path such as `types.case.fields.year` (list indexes as [n])."""
    current = node
    found = node.pos if node is not None else None
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", dotted):
        if isinstance(current, YMap) and part in current.items:
            key, current = current.items[part]
            found = key.pos
        elif isinstance(current, YSeq) and part.startswith("["):
            index = int(part[1:-1])
            if index >= len(current.items):
                break
            current = current.items[index]
            found = current.pos
        else:
            break
    return found
