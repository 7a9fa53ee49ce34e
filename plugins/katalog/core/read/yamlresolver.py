"""The LibYAML loader that composes front-matter, its tag resolver made faster for the same answers."""

from __future__ import annotations

from typing import Any, ClassVar

import yaml

from .yamlnodes import MAP, SEQ, STR

try:
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - LibYAML missing from this PyYAML build
    _Base = yaml.SafeLoader


class Loader(_Base):  # type: ignore[misc]
    """The safe loader, with the resolver's work done faster for the same answers.

    LibYAML's composer asks Python to resolve the tag of every node, and to descend into and
    ascend out of it for path resolvers (a feature we never use): half a million calls at 10,000
    entries. Here the path steps do nothing, text whose first character starts no implicit type
    (most of it) is a string without a regular expression, and what the expressions said of a
    plain scalar is remembered (keys and vocabulary terms come back again and again)."""

    # A copy: what another module may add to PyYAML's loaders later changes nothing here.
    yaml_implicit_resolvers: ClassVar[dict[Any, list[Any]]] = {
        first: list(pairs) for first, pairs in _Base.yaml_implicit_resolvers.items()
    }
    yaml_path_resolvers: ClassVar[dict[Any, Any]] = {}

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0]:  # quoted, or a block scalar
                return STR
            if value and value[0] not in _IMPLICIT_FIRST:
                return STR
            tag = _resolved.get(value)
            if tag is None:
                tag = _base_resolve(self, kind, value, implicit)
                if len(_resolved) >= _RESOLVED_MAX:
                    _resolved.clear()  # a long-running preview reads many values; keep the memory bounded
                _resolved[value] = tag
            return tag
        return SEQ if kind is yaml.SequenceNode else MAP


_IMPLICIT_FIRST = frozenset(first for first in Loader.yaml_implicit_resolvers if first)
assert None not in Loader.yaml_implicit_resolvers  # no resolver for every first character
_base_resolve = _Base.resolve
_resolved: dict[str, str] = {}
_RESOLVED_MAX = 20_000
