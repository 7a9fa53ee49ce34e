"""Remove references to entries that are gone, editing the entry's text where each reference stands."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from ..core.entries import Entry
from ..core.problems import Position
from ..core.read.wikilinks import WIKILINK, find_wikilinks

_KEY_VALUE = re.compile(r"^(\s*)(-\s+)?[\w-]+:\s*[\"']?[a-z0-9-]+[\"']?\s*(#.*)?$")
_LIST_ITEM = re.compile(r"^\s*-\s+[\"']?[a-z0-9-]+[\"']?\s*(#.*)?$")


def prune_references(entry: Entry, text: str, gone: Collection[str], titles: Mapping[str, str]) -> str:
    """The entry's text without front-matter references to `gone` ids; `[[id]]` to them becomes text.

    Only the characters of each reference change: wiki links in code, and everything else, stay
    byte for byte."""
    lines: list[str | None] = list(text.split("\n"))
    front = [r for r in entry.references if r.target in gone]
    body = [link for link in find_wikilinks(entry.body, entry.body_first_line) if link.target in gone]
    # Bottom to top, right to left: an edit never moves a position still to be edited.
    for link in sorted(body, key=lambda link: (link.pos.line, link.pos.column), reverse=True):
        index, start = link.pos.line - 1, link.pos.column - 1
        line = lines[index]
        assert line is not None
        match = WIKILINK.match(line, start)
        if match:
            shown = (link.text or titles.get(link.target, link.target)).strip()
            lines[index] = line[:start] + shown + line[match.end() :]
    _remove_values(lines, [(reference.pos, reference.target) for reference in front])
    return "\n".join(line for line in lines if line is not None)


def prune_values(text: str, values: Sequence[tuple[Position, str]]) -> str:
    """The YAML text without the values at these positions (list items, flow items, key: value lines),
    e.g. site.yml's `featured:` ids of entries that are gone."""
    lines: list[str | None] = list(text.split("\n"))
    _remove_values(lines, values)
    return "\n".join(line for line in lines if line is not None)


def _remove_values(lines: list[str | None], values: Sequence[tuple[Position, str]]) -> None:
    # Right to left, bottom to top: earlier edits never move later positions.
    for pos, value in sorted(values, key=lambda one: (one[0].line, one[0].column), reverse=True):
        index = pos.line - 1
        line = lines[index]
        assert line is not None
        start = pos.column - 1
        end = _value_end(line, start, value)
        before, after = line[:start].rstrip("\"'"), line[end:]
        if before.rstrip().endswith("[") or after.lstrip().startswith((",", "]")):
            lines[index] = _without_flow_item(before, after)
        elif _LIST_ITEM.match(line):
            lines[index] = None
        elif (match := _KEY_VALUE.match(line)) and match.group(2):
            lines[index] = match.group(1) + match.group(2).rstrip() + " {}"  # keep the list item, lose the key
        else:
            lines[index] = None


def _value_end(line: str, start: int, value: str) -> int:
    end = start + len(value)
    while end < len(line) and line[end] in "\"'":
        end += 1
    return end


def _without_flow_item(before: str, after: str) -> str:
    stripped_after = after.lstrip()
    if stripped_after.startswith(","):
        return before + stripped_after[1:].lstrip()
    # The last item: drop the comma before it instead.
    trimmed = before.rstrip()
    if trimmed.endswith(","):
        trimmed = trimmed[:-1]
    return trimmed + after
