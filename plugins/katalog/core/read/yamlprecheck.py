"""What is checked in YAML text before LibYAML reads it: tabs in indentation, characters it would
reject or that hide what the text says, and nesting deep enough to crash it."""

from __future__ import annotations

import re

from ..problems import Position
from .yamlnodes import YamlIssue

# Line breaks to YAML, but not to an editor's eye (NEL, LINE and PARAGRAPH SEPARATOR), C0/C1
# control characters, which LibYAML rejects without saying where, and bidirectional overrides, which
# make text show in another order than it is stored.
_ODD = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")


def blank_odd_characters(text: str, line_offset: int, issues: list[YamlIssue]) -> str:
    """Report each odd character where it stands; parse the rest with a space in its place."""
    if not _ODD.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _ODD.finditer(line):
            code = f"U+{ord(match.group()):04X}"
            issues.append(YamlIssue("odd_character", Position(number + line_offset, match.start() + 1), {"char": code}))
    return _ODD.sub(" ", text)


MAX_NESTING = 100


def too_deep(text: str, line_offset: int) -> YamlIssue | None:
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


def tab_issues(text: str, line_offset: int) -> list[YamlIssue]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab >= 0:
            found.append(YamlIssue("tab", Position(number + line_offset, tab + 1), {}))
    return found
