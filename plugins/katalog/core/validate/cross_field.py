"""Rules over several keys of one object (schema.RULES): one of two keys given, one date not before another."""

from __future__ import annotations

from typing import Any

from ..collector import Collector
from ..config.schema import Rule
from ..read.yamlnodes import YMap
from ..values import is_before, parse_partial_date


def check_rule(out: Collector, rule: Rule, node: YMap, data: dict[str, Any], prefix: str) -> None:
    """One of schema.RULES over an object's keys: `prefix` is the object's key path, data its checked values."""
    tr = out.tr
    if rule.name == "one_of_required":
        if not any(key in node.items for key in rule.keys):
            out.add(
                "one_of_required",
                node.pos,
                prefix.rstrip(".") or rule.keys[0],
                hint=tr("hints.add_one_of", a=rule.keys[0], b=rule.keys[1]),
                a=rule.keys[0],
                b=rule.keys[1],
            )
    elif rule.name == "not_before":
        later_key, earlier_key = rule.keys
        later, earlier = data.get(later_key), data.get(earlier_key)
        if isinstance(later, str) and isinstance(earlier, str):
            later_parts, earlier_parts = parse_partial_date(later), parse_partial_date(earlier)
            if (
                isinstance(later_parts, tuple)
                and isinstance(earlier_parts, tuple)
                and is_before(later_parts, earlier_parts)
            ):
                out.add(
                    "not_before",
                    node.items[later_key][1].pos,
                    f"{prefix}{later_key}",
                    expected=tr("expected.not_before", earlier_key=earlier_key, earlier=earlier),
                    found=later,
                    hint=tr("hints.swap", later_key=later_key, earlier_key=earlier_key),
                    later_key=later_key,
                    earlier_key=earlier_key,
                    later=later,
                    earlier=earlier,
                )
