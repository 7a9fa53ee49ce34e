"""The generated files: their texts, which of them on disk are out of date, and writing them.

The texts are deterministic (keys in schema order, no dates), so a file differs from its rendering
only when site_config/ changed and `katalog export` was not run: a check CI can make.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..core.siteconfig import SiteConfig
from . import GENERATED_NOTE
from .decap import decap_config, decap_index_html
from .issue_forms import issue_forms
from .json_schema import json_schemas

# A producer gives the texts of one kind of file, keyed by what fills `{name}` in the path
# ("" for a single file). `{content}` is the site's content folder.
Producer = Callable[[SiteConfig], dict[str, str]]


class _Dumper(yaml.SafeDumper):
    """Multi-line texts (issue form placeholders) as `|` blocks, which read as they will show."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)


def yaml_text(data: Any) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# {GENERATED_NOTE}\n{body}"


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _decap_config(config: SiteConfig) -> dict[str, str]:
    return {"": yaml_text(decap_config(config))}


def _decap_index(config: SiteConfig) -> dict[str, str]:
    return {"": decap_index_html(config)}


def _issue_forms(config: SiteConfig) -> dict[str, str]:
    return {name: yaml_text(form) for name, form in issue_forms(config).items()}


def _json_schemas(config: SiteConfig) -> dict[str, str]:
    return {name: json_text(schema) for name, schema in json_schemas(config).items()}


GENERATED: list[tuple[str, Producer]] = [
    ("{content}/admin/config.yml", _decap_config),
    ("{content}/admin/index.html", _decap_index),
    (".github/ISSUE_TEMPLATE/{name}", _issue_forms),
    ("{content}/schemas/{name}.schema.json", _json_schemas),
]


def render_all(config: SiteConfig) -> dict[str, str]:
    """Relative path -> text of every generated file."""
    files: dict[str, str] = {}
    for pattern, producer in GENERATED:
        for name, text in producer(config).items():
            files[pattern.format(content=config.content_dir, name=name)] = text
    return files


def _is_current(path: Path, text: str) -> bool:
    try:
        return path.read_bytes() == text.encode("utf-8")
    except OSError:
        return False


def stale_files(root: Path, config: SiteConfig) -> list[str]:
    """Generated files that are missing under root or differ from what site_config/ gives now."""
    return [relative for relative, text in render_all(config).items() if not _is_current(root / relative, text)]


def write_all(root: Path, config: SiteConfig) -> list[str]:
    """Write the stale files (the others are left untouched) and return their relative paths."""
    written = []
    for relative, text in render_all(config).items():
        path = root / relative
        if _is_current(path, text):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(relative)
    return written
