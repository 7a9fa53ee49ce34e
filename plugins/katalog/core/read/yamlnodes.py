"""The tree YAML is parsed into (yamlparse.py): nodes that remember where every key and value stood,
the tags their scalars carry, and the issues parsing found; read back as plain data (to_plain)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..problems import Position

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

_PLAIN_DECIMAL = re.compile(r"0|[1-9][0-9]*")
MERGE = "tag:yaml.org,2002:merge"


@dataclass(slots=True)
class YScalar:
    value: Any
    raw: str
    tag: str
    quoted: bool
    pos: Position

    @property
    def is_text(self) -> bool:
        return self.tag == STR

    @property
    def is_plain_decimal(self) -> bool:
        return self.tag == INT and _PLAIN_DECIMAL.fullmatch(self.raw) is not None


@dataclass(slots=True)
class YSeq:
    items: list[YNode]
    pos: Position


@dataclass(slots=True)
class YKey:
    name: str
    pos: Position


@dataclass(slots=True)
class YMap:
    items: dict[str, tuple[YKey, YNode]]
    pos: Position
    end: Position = field(default_factory=lambda: Position(1, 1))


YNode = YScalar | YSeq | YMap


@dataclass
class YamlIssue:
    code: str
    pos: Position
    args: dict[str, Any]


@dataclass
class Parsed:
    root: YNode | None
    issues: list[YamlIssue]


def to_plain(node: YNode | None) -> Any:
    """The node as plain Python data (for configuration, where positions matter less)."""
    if node is None:
        return None
    if isinstance(node, YScalar):
        return node.value
    if isinstance(node, YSeq):
        return [to_plain(item) for item in node.items]
    return {name: to_plain(value) for name, (_, value) in node.items.items()}
