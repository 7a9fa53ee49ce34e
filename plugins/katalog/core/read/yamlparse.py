"""YAML parsed with LibYAML into nodes that remember where every key and value stood.

PyYAML's constructors forget positions and silently keep the last of two equal keys,
so we compose the node graph with the C parser and build our own small tree from it.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..problems import Position
from .yamlnodes import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    SEQ,
    STR,
    TIMESTAMP,
    Parsed,
    YamlIssue,
    YKey,
    YMap,
    YNode,
    YScalar,
    YSeq,
)
from .yamlprecheck import blank_odd_characters, tab_issues, too_deep
from .yamlresolver import Loader

_CORE_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP, "tag:yaml.org,2002:merge"})


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
        issues.extend(tab_issues(text, line_offset))
    text = blank_odd_characters(text, line_offset, issues)
    deep = too_deep(text, line_offset)
    if deep is not None:
        # LibYAML recurses in C once per level and crashes the process long before Python would.
        issues.append(deep)
        return Parsed(None, issues)
    try:
        node = yaml.compose(text, Loader=Loader)
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
