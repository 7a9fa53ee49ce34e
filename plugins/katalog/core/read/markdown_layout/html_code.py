"""The content of <pre> and <code> elements, raw or inline, as a browser reads it."""

from __future__ import annotations

from ..htmlscan import scan_markup
from ..htmltags import read_markup
from .inline_markup import markdown_tags
from .model import Layout, position_in


def mark_html_code(result: Layout) -> None:
    """The content of <pre> and <code> elements, raw or inline, as a browser reads it: from the start tag
    to the matching end tag, across paragraphs if need be (a browser keeps an unclosed <code> open)."""
    events: list[tuple[int, int, int, int, int, str, str]] = []  # start row, column; end row, column; kind, name
    for span, raw in [(span, False) for span in result.inline] + [(span, True) for span in result.raw]:
        text, starts = result.text_of(span)
        lowered = text.lower()
        if "<pre" not in lowered and "<code" not in lowered and "</pre" not in lowered and "</code" not in lowered:
            continue
        if raw:
            markups = list(scan_markup(text))
        else:
            markups = [
                markup
                for tag in markdown_tags(text)
                if tag.kind == "tag" and (markup := read_markup(text, tag.start, tag.end)) is not None
            ]
        for markup in markups:
            if markup.name in ("pre", "code") and markup.kind in ("start", "end"):
                row, column = position_in(starts, markup.start)
                end_row, end_column = position_in(starts, markup.end)
                events.append((row, column, end_row, end_column, 0 if markup.kind == "start" else 1, markup.name, ""))
    events.sort()
    stack: list[str] = []  # open <pre> and <code>; an end tag closes the ones opened after its own
    content = (0, 0)
    ranges: list[tuple[int, int, int, int]] = []
    for row, column, end_row, end_column, kind, name, _ in events:
        if kind == 0:
            if not stack:
                content = (end_row, end_column)
            stack.append(name)
        elif name in stack:
            while stack.pop() != name:
                pass
            if not stack:
                ranges.append((*content, row, column))
    if stack:
        ranges.append((*content, len(result.rows) - 1, len(result.rows[-1])))
    for start_row, start_column, end_row, end_column in ranges:
        for row in range(start_row, end_row + 1):
            begin = start_column if row == start_row else 0
            end = end_column if row == end_row else len(result.rows[row])
            if end > begin:
                result.html_code.setdefault(row, []).append((begin, end))
