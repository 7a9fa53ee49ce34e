"""Remove references to entries that are gone, editing the entry's text where each reference stands."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from .entries import Entry
from .wikilinks import WIKILINK, find_wikilinks

_KEY_VALUE = re.compile(r"^(\s*)(-\s+)?[\w-]+:\s*[\"']?[a-z0-9-]+[\"']?\s*(#.*)?$")
_LIST_ITEM = re.compile(r"^\s*-\s+[\"']?[a-z0-9-]+[\"']?\s*(#.*)?$")


def prune_references(entry: Entry, text: str, gone: Collection[str], titles: Mapping[str, str]) -> str:
    """The entry's text without front-matter references to `gone` ids; `[[id]]` to them becomes text."""
    lines = text.split("\n")
    front = [r for r in entry.references if r.target in gone]
    # Right to left, bottom to top: earlier edits never move later positions.
    for reference in sorted(front, key=lambda r: (r.pos.line, r.pos.column), reverse=True):
        index = reference.pos.line - 1
        line = lines[index]
        start = reference.pos.column - 1
        end = _value_end(line, start, reference.target)
        before, after = line[:start].rstrip("\"'"), line[end:]
        if before.rstrip().endswith("[") or after.lstrip().startswith((",", "]")):
            lines[index] = _without_flow_item(before, after)
        elif _LIST_ITEM.match(line):
            lines[index] = None  # type: ignore[call-overload]
        elif (match := _KEY_VALUE.match(line)) and match.group(2):
            lines[index] = match.group(1) + match.group(2).rstrip() + " {}"  # keep the list item, lose the key
        else:
            lines[index] = None  # type: ignore[call-overload]
    kept = [line for line in lines if line is not None]
    result = "\n".join(kept)
    body_links = [link for link in find_wikilinks(entry.body, entry.body_first_line) if link.target in gone]
    if body_links:
        head, sep, body = result.partition("\n---\n")  # the closing fence of the front-matter
        if not sep:
            return result
        body = WIKILINK.sub(
            lambda m: (
                (m.group(2) or titles.get(m.group(1).strip(), m.group(1))).strip()
                if m.group(1).strip() in gone
                else m.group(0)
            ),
            body,
        )
        result = head + sep + body
    return result


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
