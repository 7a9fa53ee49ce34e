"""Reading files into what Loaded holds: each decoded, split, its front-matter parsed and validated
into an entry (or a page of content/), its body checked."""

from __future__ import annotations

import datetime

from ..collector import Collector
from ..config.schema import EntryType
from ..config.settings import build_date
from ..config.siteconfig import SiteConfig
from ..entries import Entry, Page
from ..problems import Position, Severity
from ..read import frontmatter, yamlnodes, yamlparse
from ..read.files import NotRegularFile, file_kind, os_reason, read_regular
from ..read.wikilinks import WikiLink, find_wikilinks
from ..read.yamlnodes import YMap
from ..validate.bodycheck import unsafe_parts
from ..validate.entry import validate_entry
from .discovery import Job
from .identity import entry_identity, page_title, resolve_type
from .loaded import Loaded


def load_jobs(config: SiteConfig, todo: list[Job], bodies: bool = True) -> Loaded:
    loaded = Loaded()
    types = config.schema.types
    # The same for every file: asked once (the day a `reviewed` date may not pass, the body `katalog new` writes).
    today = build_date()
    placeholder = config.tr("new.body").strip()
    for path, relative, type_name, in_catalogue in todo:
        folder_type = types[type_name] if type_name else None
        load_file(
            config,
            loaded,
            path,
            relative,
            folder_type,
            in_catalogue=in_catalogue,
            today=today,
            placeholder=placeholder,
        )
    if not bodies:
        for entry in loaded.entries:
            entry.body = ""
        for page in loaded.pages:
            page.body = ""
    return loaded


def load_file(
    config: SiteConfig,
    loaded: Loaded,
    path: str,
    relative: str,
    folder_type: EntryType | None,
    *,
    in_catalogue: bool,
    today: datetime.date | None = None,
    placeholder: str | None = None,
) -> None:
    loaded.files += 1
    out = Collector(relative, config.tr, loaded.problems)
    tr = config.tr
    try:
        data = read_regular(path)
    except OSError as error:
        report_unreadable(out, error)
        return
    text, bad = frontmatter.decode(data)
    if text is None:
        assert bad is not None
        code, pos, args = bad
        out.add(code, pos, found=tr("found.byte", byte=args["byte"]), hint=tr("hints.not_utf8"), **args)
        return
    if not in_catalogue:
        loaded.texts[relative] = text
    if in_catalogue and folder_type is None:
        known = ", ".join(f"{config.catalogue_dir}/{t.folder.split('/')[-1]}/" for t in config.schema.catalogue_types)
        out.add("unknown_folder", Position(1, 1), hint=tr("hints.move_to", folders=known))
        return
    split = frontmatter.split(text, required=in_catalogue)
    if split.issue is not None:
        code, pos, args = split.issue
        out.add(code, pos, hint=tr(f"hints.{code}"), **args)
        return
    if split.yaml_text is None:
        wikilinks = check_body(config, out, split.body, split.body_first_line)
        loaded.pages.append(Page(relative, "", split.body, split.body_first_line, wikilinks))
        return
    parsed = yamlparse.parse(split.yaml_text, line_offset=split.yaml_first_line - 1)
    for issue in parsed.issues:
        args = {name: value for name, value in issue.args.items() if name != "key"}
        out.add(issue.code, issue.pos, issue.args.get("key", ""), hint=tr(f"hints.{issue.code}"), **args)
    if parsed.issues and parsed.root is None:
        return
    root = parsed.root
    if root is None:
        root = YMap({}, Position(1, 1))
    if not isinstance(root, YMap):
        out.add("not_mapping", root.pos, hint=tr("hints.not_mapping"))
        return
    if not in_catalogue and "type" not in root.items:
        wikilinks = check_body(config, out, split.body, split.body_first_line)
        meta = yamlnodes.to_plain(root)
        loaded.pages.append(Page(relative, page_title(root), split.body, split.body_first_line, wikilinks, meta))
        return
    entry_type = resolve_type(config, out, root, folder_type, in_catalogue, relative)
    if entry_type is None:
        return
    errors_before = out.errors
    validated = validate_entry(root, entry_type, out, config.vocabularies, config.root, today=today)
    entry_id, id_pos = entry_identity(out, root, path, validated.data.get("id"))
    wikilinks = check_body(config, out, split.body, split.body_first_line)
    check_placeholder(config, out, split.body, split.body_first_line, placeholder)
    loaded.entries.append(
        Entry(
            id=entry_id,
            type=entry_type.name,
            path=relative,
            data=validated.data,
            body=split.body,
            body_first_line=split.body_first_line,
            id_pos=id_pos,
            references=validated.references,
            positions=validated.positions,
            wikilinks=wikilinks,
            valid=out.errors == errors_before and not parsed.issues,
        )
    )


def report_unreadable(out: Collector, error: OSError) -> None:
    """A file that could not be read: what it is instead, or why the file system said no."""
    tr = out.tr
    start = Position(1, 1)
    if isinstance(error, NotRegularFile):
        kind = file_kind(tr, error.mode)
        out.add("not_regular_file", start, severity=Severity.WARNING, hint=tr("hints.not_regular_file"), kind=kind)
    else:
        out.add("unreadable_file", start, hint=tr("hints.unreadable_file"), reason=os_reason(tr, error))


def check_body(config: SiteConfig, out: Collector, body: str, first_line: int) -> list[WikiLink]:
    """Warn about raw HTML and links the renderer will remove; return the body's `[[id]]` links."""
    if len(body) > MAX_BODY_CHARS:
        check_body_length(config, out, body, first_line)
    if "<" in body or "](" in body or "{" in body or "]:" in body:  # the last: link reference definitions
        strict_html = config.settings.sanitize_html
        tr = config.tr
        for removal in unsafe_parts(body, first_line):
            if removal.code != "unsafe_link" and not strict_html:
                continue
            out.add(
                removal.code,
                removal.pos,
                severity=Severity.WARNING,
                found=removal.what,
                hint=tr(f"hints.{removal.code}"),
                what=removal.what,
            )
    return find_wikilinks(body, first_line) if "[[" in body else []


# Python-Markdown spends time that grows faster than the text on some constructs repeated many
# times (code spans, fenced blocks, links: each is copied into a new string); this bound keeps a
# page's build in seconds, at about 30,000 words, far beyond a catalogue entry.
MAX_BODY_CHARS = 200_000


def check_body_length(config: SiteConfig, out: Collector, body: str, first_line: int) -> None:
    line_start = body.rfind("\n", 0, MAX_BODY_CHARS) + 1
    out.add(
        "body_too_long",
        Position(first_line + body.count("\n", 0, MAX_BODY_CHARS), MAX_BODY_CHARS - line_start + 1),
        hint=config.tr("hints.body_too_long"),
        count=len(body),
        limit=MAX_BODY_CHARS,
    )


def check_placeholder(
    config: SiteConfig, out: Collector, body: str, first_line: int, placeholder: str | None = None
) -> None:
    """`katalog new` writes a body that tells the editor what to write; left as it is, it would be published.

    placeholder: config.tr("new.body").strip(), when the caller has it already."""
    if placeholder is None:
        placeholder = config.tr("new.body").strip()
    if placeholder and body.strip() == placeholder:
        lines = body.split("\n")
        line = next(index for index, text in enumerate(lines) if text.strip())
        out.add(
            "placeholder_body",
            Position(first_line + line, 1),
            severity=Severity.WARNING,
            hint=config.tr("hints.placeholder_body"),
        )
