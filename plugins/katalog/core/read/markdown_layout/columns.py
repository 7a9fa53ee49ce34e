"""Back to the body's own columns: expanded columns (tabs to 4) to the columns of each row."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from .lines import TAB
from .model import Segment


class Columns:
    """Expanded columns (tabs to 4) to the body's columns, per row."""

    def __init__(self, rows: list[str]) -> None:
        self.rows = rows
        self.tables: dict[int, list[int] | None] = {}

    def table(self, row: int) -> list[int] | None:
        """Expanded column of each character of the row, or None for a row without tabs (asked once per row)."""
        if row in self.tables:
            return self.tables[row]
        text = self.rows[row]
        table: list[int] | None = None
        if "\t" in text:
            table, column = [], 0
            for char in text:
                table.append(column)
                column = column + TAB - column % TAB if char == "\t" else column + 1
            table.append(column)
        self.tables[row] = table
        return table

    def start(self, row: int, column: int) -> int:
        table = self.table(row)
        return min(column, len(self.rows[row])) if table is None else bisect_right(table, column) - 1

    def end(self, row: int, column: int) -> int:
        table = self.table(row)
        if table is None:
            return min(column, len(self.rows[row]))
        return bisect_left(table, column) if column in table else bisect_right(table, column - 1)

    def segment(self, segment: Segment) -> Segment:
        row, start, end = segment
        return row, self.start(row, start), self.end(row, end)
