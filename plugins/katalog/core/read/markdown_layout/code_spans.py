"""Inline code spans, as Python-Markdown finds them in a piece of inline text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .lines import Collect, Line


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Inline code as Python-Markdown finds it: (start, end) of each span, backticks included.

    n backticks (not escaped by an odd number of backslashes) open a span that ends at the next run of
    exactly n; failing that, at the first of the longest later runs if it is shorter than n. Failing
    both, the backticks are text and, as in Python-Markdown, the search goes on n characters after them
    (which may be in the middle of a later run of backticks).
    """
    runs = [(match.start(), match.end()) for match in re.finditer("`+", text)]
    if not runs:
        return
    ends = [end for _, end in runs]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    longest = [(0, -1)] * (len(runs) + 1)  # over runs[index:]: (length, first index with it)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        longest[index] = (length, index) if length >= longest[index + 1][0] else longest[index + 1]
    position = 0
    while True:
        index = bisect_right(ends, position)
        if index >= len(runs):
            return
        run_start, run_end = runs[index]
        opener = max(position, run_start)
        if opener == run_start:
            slashes = 0
            while opener - slashes > 0 and text[opener - slashes - 1] == "\\":
                slashes += 1
            if slashes % 2:
                opener += 1
                if opener == run_end:
                    position = run_end
                    continue
        ticks = run_end - opener
        same = by_length.get(ticks, [])
        at = bisect_right(same, index)
        if at < len(same):
            yield opener, runs[same[at]][1]
            position = runs[same[at]][1]
            continue
        length, where = longest[index + 1]
        if 0 < length < ticks:
            yield opener, runs[where][1]
            position = runs[where][1]
            continue
        position = run_end + ticks


def chunk_marks(items: list[Line], found: Collect) -> None:
    """Inline code in one piece of inline text."""
    text = "\n".join(line.s for line in items)
    if "`" not in text:
        return
    starts = []
    offset = 0
    for line in items:
        starts.append(offset)
        offset += len(line.s) + 1
    for start, end in code_spans(text):
        index = bisect_right(starts, start) - 1
        while start < end and index < len(items):
            line, begin = items[index], starts[index]
            found.code.extend(line.sources(start - begin, min(end - begin, len(line.s))))
            index += 1
            start = starts[index] if index < len(starts) else end
