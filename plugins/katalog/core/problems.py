"""Problems are data: where, what, and how to fix it. Reporting is someone else's job."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str = field(compare=False)
    key: str = field(compare=False)
    message: str = field(compare=False)
    expected: str = field(default="", compare=False)
    found: str = field(default="", compare=False)
    hint: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Position(NamedTuple):
    """Where in a file, counting from 1. A tuple: YAML nodes make tens of thousands of them."""

    line: int
    column: int
