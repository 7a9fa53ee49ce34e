"""The generated files: their texts, which of them on disk are out of date, and writing them.

The texts are deterministic (keys in schema order, no dates), so a file differs from its rendering
only when site_config/ changed and `katalog export` was not run: a check CI can make.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..core.collector import Collector
from ..core.config.siteconfig import SiteConfig
from ..core.problems import Position, Problem
from ..core.read.files import file_kind, is_inside, os_reason, read_regular, shown
from . import GENERATED_NOTE
from .decap import decap_config
from .decap_admin_page import decap_index_html
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
        return read_regular(path) == text.encode("utf-8")  # never blocks on a FIFO
    except OSError:
        return False


class ExportError(Exception):
    """Files that could not be written: if any path was unsafe, nothing was written."""

    def __init__(self, problems: list[Problem], written: list[str]) -> None:
        super().__init__("; ".join(f"{p.path}: {p.message}" for p in problems))
        self.problems = problems
        self.written = written


def unsafe_outputs(root: Path, config: SiteConfig, rendered: Mapping[str, str] | None = None) -> list[Problem]:
    """A problem for each generated file that cannot be written safely: its path leads out of the
    project (through a symbolic link in a folder on the way), it is a symbolic link itself (writing
    would change the file it points at), or it is something other than a regular file."""
    problems: list[Problem] = []
    real_root = os.path.realpath(root)
    tr = config.tr
    for relative in render_all(config) if rendered is None else rendered:
        out = Collector(shown(relative), tr, problems)
        start = Position(1, 1)
        path = root / relative
        where = os.path.realpath(path)  # resolves every link on the way, and the file's own
        if not is_inside(where, real_root):
            out.add("export_outside", start, hint=tr("hints.export_outside"), target=shown(where))
            continue
        blocked = _blocked(root, relative)
        if blocked:
            out.add("export_unwritable", start, hint=tr("hints.export_unwritable"), reason=tr(blocked))
            continue
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue  # written new
        except OSError as error:
            out.add("export_unwritable", start, hint=tr("hints.export_unwritable"), reason=os_reason(tr, error))
            continue
        if stat.S_ISLNK(mode):
            out.add("export_symlink", start, hint=tr("hints.export_symlink"), target=shown(os.readlink(path)))
        elif not stat.S_ISREG(mode):
            out.add("export_not_regular", start, hint=tr("hints.export_not_regular"), kind=file_kind(tr, mode))
    return problems


def _blocked(root: Path, relative: str) -> str:
    """What stands where a folder of the path should be ("" if nothing): a file or a broken link."""
    folder = root
    for part in relative.split("/")[:-1]:
        folder = folder / part
        if not os.path.lexists(folder):
            return ""
        if not folder.is_dir():
            return "filesystem.broken_link" if folder.is_symlink() and not folder.exists() else "filesystem.not_folder"
    return ""


def stale_files(root: Path, config: SiteConfig, rendered: Mapping[str, str] | None = None) -> list[str]:
    """Generated files that are missing under root or differ from what site_config/ gives now."""
    files = render_all(config) if rendered is None else rendered
    return [relative for relative, text in files.items() if not _is_current(root / relative, text)]


# Never through a symbolic link (the paths were checked, but a link may appear since), never blocking.
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def write_all(root: Path, config: SiteConfig, rendered: Mapping[str, str] | None = None) -> list[str]:
    """Write the stale files (the others are left untouched) and return their relative paths.

    Raises ExportError, having written nothing, if any file's path is unsafe (see unsafe_outputs),
    and if the file system refuses a file, with what was written before it."""
    files = render_all(config) if rendered is None else rendered
    unsafe = unsafe_outputs(root, config, files)
    if unsafe:
        raise ExportError(unsafe, [])
    written: list[str] = []
    for relative, text in files.items():
        path = root / relative
        if _is_current(path, text):
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, text.encode("utf-8"))
        except OSError as error:
            tr = config.tr
            problems: list[Problem] = []
            reason = os_reason(tr, error)
            Collector(relative, tr, problems).add(
                "export_unwritable", Position(1, 1), hint=tr("hints.export_unwritable"), reason=reason
            )
            raise ExportError(problems, written) from error
        written.append(relative)
    return written


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, _WRITE, 0o666)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file")
        os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
