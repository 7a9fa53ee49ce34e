"""site_config/accessibility.yml: the facts of the accessibility statement, checked key by key.

The statement is a legal page (webtilgængelighedsloven): its facts must be there, and its e-mail
address and complaint link end up in `mailto:` and `href`, so only real ones are let through.
"""

from __future__ import annotations

from typing import Any

from ..read.yamlnodes import STR, TIMESTAMP, YScalar
from ..values import is_email, is_web_url, parse_date
from .findings import Text, expected_text, hint_text
from .rules import ConfigFile, Item, is_null

STATEMENT_KEYS = (
    "organisation", "compliance", "prepared", "method", "known_issues", "feedback_email", "enforcement_url",
)  # fmt: skip
REQUIRED_KEYS = ("organisation", "compliance", "prepared", "feedback_email", "enforcement_url")
COMPLIANCE = ("full", "partial", "none")


def read_statement(out: ConfigFile, root: Item) -> dict[str, Any] | None:
    """The statement's facts as plain values, or None when the file is unusable (and reported)."""
    if is_null(root.node):
        out.add("empty_file", root.key_pos, hint=hint_text("statement"))
        return None
    items = out.mapping(root, STATEMENT_KEYS, required=REQUIRED_KEYS, example="organisation: Eksempel Kommune")
    if items is None:
        return None
    facts: dict[str, Any] = {}
    for key, item in items.items():
        value = _fact(out, key, item)
        if value is not None:
            facts[key] = value
    return facts


def _fact(out: ConfigFile, key: str, item: Item) -> Any:
    if key in ("organisation", "method"):
        return out.text(item, visible=key == "organisation")
    if key == "compliance":
        return out.choice(item, COMPLIANCE)
    if key == "known_issues":
        return None if is_null(item.node) else out.text_list(item)
    if key == "prepared":
        node = item.node
        raw = node.raw if isinstance(node, YScalar) and node.tag in (STR, TIMESTAMP) else ""
        if parse_date(raw) in (None, "impossible"):
            out.wrong(item, Text("expected.date"))
            return None
        return raw.strip()
    text = out.text(item)
    if text is None:
        return None
    good = is_email(text) if key == "feedback_email" else is_web_url(text)
    if not good:
        out.wrong(item, Text("expected.email" if key == "feedback_email" else "expected.url"))
        return None
    return text.strip()


__all__ = ["COMPLIANCE", "STATEMENT_KEYS", "expected_text", "read_statement"]
