"""How a YAML value is named to an editor: "the yes/no value NO", "a list", "the text "Arhus""."""

from __future__ import annotations

from ..i18n import Translator
from ..read.yamlnodes import BOOL, FLOAT, INT, NULL, STR, TIMESTAMP, YMap, YNode, YScalar, YSeq

_TAG_NAMES = {STR: "text", INT: "number", FLOAT: "number", BOOL: "boolean", NULL: "null", TIMESTAMP: "date"}


def tag_name(node: YScalar) -> str:
    return _TAG_NAMES.get(node.tag, "text")


def describe(node: YNode | None, tr: Translator) -> str:
    if node is None:
        return tr("found.nothing")
    if isinstance(node, YSeq):
        return tr("found.list", items=tr.count("items", len(node.items)))
    if isinstance(node, YMap):
        return tr("found.mapping")
    if node.tag == NULL:
        return tr("found.nothing") if node.raw in ("", "~") else tr("found.null", raw=node.raw)
    raw = node.raw if len(node.raw) <= 60 else node.raw[:57] + "..."
    return tr(f"found.{tag_name(node)}", raw=raw)
