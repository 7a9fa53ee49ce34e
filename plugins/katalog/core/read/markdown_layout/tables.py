"""Whether a block is a table, as the tables extension decides (pipes in code spans do not split cells)."""

from __future__ import annotations

import re
from bisect import bisect_right

from .block_lines import Block

_END_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|$")
_TABLE_TOKEN = re.compile(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")


def is_table(block: Block) -> bool:
    """Whether the tables extension reads the block (of two lines or more) as a table."""
    lines, start, end = block
    rows = [lines.items[start].s.strip(" "), lines.items[start + 1].s.strip(" ")]
    header = rows[0]
    border = header.startswith("|") or _ends_with_pipe(header)
    cells = _table_cells(header, border)
    is_table = cells > 1
    if not is_table and cells == 1 and border:
        for index in range(start + 1, end):
            row = lines.items[index].s.strip(" ")
            is_table = row.startswith("|") or _ends_with_pipe(row)
            if not is_table:
                break
    if is_table:
        separator = rows[1]
        is_table = _table_cells(separator, border) == cells and not set(separator) - set("|:- ")
    return is_table


def _ends_with_pipe(row: str) -> bool:
    return row.endswith("|") and _END_PIPE.search(row) is not None


def _table_cells(row: str, border: bool) -> int:
    """How many cells the tables extension splits a row into (pipes in code spans do not split)."""
    if border:
        if row.startswith("|"):
            row = row[1:]
        row = _END_PIPE.sub("", row)
    ticks: list[tuple[int, int, int]] = []  # size, start, end
    pipes: list[int] = []
    for match in _TABLE_TOKEN.finditer(row):
        if match.group(2):
            ticks.append((len(match.group(2)) - 1, match.start(2), match.end(2) - 1))
        elif match.group(3):
            ticks.append((len(match.group(3)), match.start(3), match.end(3) - 1))
        elif match.group(5):
            pipes.append(match.start(5))
    sizes: dict[int, list[int]] = {}
    for index, (size, _, _) in enumerate(ticks):
        sizes.setdefault(size, []).append(index)
    regions: list[tuple[int, int]] = []
    index = 0
    while index < len(ticks):
        size = ticks[index][0] - (1 if row[ticks[index][1]] == "\\" else 0)
        later = sizes.get(size, [])
        at = bisect_right(later, index)
        if size and at < len(later):
            regions.append((ticks[index][1], ticks[later[at]][2]))
            index = later[at] + 1
        else:
            index += 1
    starts = [region[0] for region in regions]
    good = 0
    for pipe in pipes:
        at = bisect_right(starts, pipe) - 1
        if at < 0 or pipe > regions[at][1]:
            good += 1
    return good + 1
