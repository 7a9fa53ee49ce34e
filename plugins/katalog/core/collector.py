"""Collects problems for one file, with messages in the site's language."""

from __future__ import annotations

from typing import Any

from .i18n import Translator
from .problems import Position, Problem, Severity


class Collector:
    def __init__(self, path: str, tr: Translator, sink: list[Problem]) -> None:
        self.path = path
        self.tr = tr
        self.sink = sink
        self.errors = 0

    def add(
        self,
        code: str,
        pos: Position,
        key: str = "",
        *,
        severity: Severity = Severity.ERROR,
        expected: str = "",
        found: str = "",
        hint: str = "",
        **args: Any,
    ) -> None:
        message = self.tr(f"problems.{code}", key=key, **args)
        if severity is Severity.ERROR:
            self.errors += 1
        self.sink.append(Problem(self.path, pos.line, pos.column, severity, code, key, message, expected, found, hint))
