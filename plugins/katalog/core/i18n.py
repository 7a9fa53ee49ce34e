"""Texts in the site's language, from site_config/i18n/<language>.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FALLBACK_LANGUAGE = "en"


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class Translator:
    language: str
    texts: Mapping[str, str]
    fallback: Mapping[str, str]

    def __call__(self, name: str, /, **args: Any) -> str:
        template = self.texts.get(name)
        if template is None:
            template = self.fallback.get(name, name)
        if not args:
            return template
        try:
            return template.format_map(_Missing(args))
        except (ValueError, IndexError, KeyError, AttributeError, TypeError):
            # `katalog check` refuses such a text (core/config/i18n_check.py); shown as written, never a crash.
            return template

    def count(self, name: str, count: int) -> str:
        """`counts.<name>.one` for 1, else `counts.<name>.other`, e.g. "1 fil", "3 filer"."""
        form = "one" if count == 1 else "other"
        return self(f"counts.{name}.{form}", count=count)

    def pick(self, labels: Mapping[str, str] | None, default: str = "") -> str:
        """The label in the site's language from a {language: text} mapping."""
        if not labels:
            return default
        return labels.get(self.language) or labels.get(FALLBACK_LANGUAGE) or next(iter(labels.values()), default)


def flatten(tree: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat
