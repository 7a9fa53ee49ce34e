"""A Markdown page for editors: every key of every entry type, and every vocabulary's terms."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.config.schema import EntryType, Field, Rule
from ..core.config.siteconfig import SiteConfig
from ..core.config.vocabulary import Vocabulary
from ..core.validate.expected import format_text
from . import help_text, label

SHORT_VOCABULARY = 8  # up to this many terms are listed in the table itself


def field_reference_markdown(config: SiteConfig) -> str:
    tr = config.tr
    lines = [f"# {tr('reference.title')}", "", tr("reference.intro"), ""]
    for entry_type in config.schema.types.values():
        lines += _type_section(config, entry_type)
    lines += [f"## {tr('reference.vocabularies')}", "", tr("reference.vocabularies_intro"), ""]
    for vocabulary in config.vocabularies.values():
        lines += _vocabulary_section(config, vocabulary)
    return "\n".join(lines).rstrip("\n") + "\n"


def _type_section(config: SiteConfig, entry_type: EntryType) -> list[str]:
    tr = config.tr
    header = [tr(f"reference.{name}") for name in ("key", "label", "required", "kind", "format", "help")]
    type_row = [
        "`type`",
        tr("reference.type_label"),
        # Outside the catalogue folders a file without `type` is a plain page, not an entry.
        tr("reference.required_no" if entry_type.in_catalogue else "reference.required_yes"),
        tr("reference.kinds.fixed"),
        f"`{entry_type.name}`",
        tr("reference.type_help"),
    ]
    rows = [type_row, *(_row(config, path, field) for path, field in _walk(entry_type.fields, ""))]
    lines = _section(
        f"## {tr.pick(entry_type.label, entry_type.name)}",
        tr("reference.folder", folder=entry_type.folder),
        header,
        rows,
    )
    rules = [*_rule_lines(config, entry_type.rules, "")]
    for path, field in _walk(entry_type.fields, ""):
        rules += _rule_lines(config, field.rules, path + ("[]." if field.many else "."))
    if rules:
        lines += [*(f"- {rule}" for rule in rules), ""]
    return lines


def _walk(fields: dict[str, Field], prefix: str) -> Iterator[tuple[str, Field]]:
    """Each field with its key path as written: `contacts`, then `contacts[].email`."""
    for name, field in fields.items():
        path = f"{prefix}{name}"
        yield path, field
        yield from _walk(field.fields, path + ("[]." if field.many else "."))


def _row(config: SiteConfig, path: str, field: Field) -> list[str]:
    tr = config.tr
    kind = tr(f"reference.kinds.{field.kind}")
    if field.many and field.allow_single:
        kind = tr("reference.one_or_list", kind=kind)
    elif field.many:
        kind = tr(f"reference.kinds_list.{field.kind}")  # a key per kind: plurals differ by language
    allowed = format_text(field, config.tr, config.vocabularies) if field.kind != "object" else ""
    vocabulary = config.vocabularies.get(field.vocabulary or "") if field.kind == "term" else None
    if vocabulary is not None and len(vocabulary.terms) <= SHORT_VOCABULARY:
        allowed = ", ".join(f"`{key}`" for key in vocabulary.terms)
    if field.many and field.min_items > 1:
        allowed = f"{allowed}; {tr('expected.at_least_items', count=field.min_items)}".lstrip("; ")
    return [
        f"`{path}`",
        label(config, field),
        tr("reference.required_yes" if field.required else "reference.required_no"),
        kind,
        allowed,
        help_text(config, field),
    ]


def _rule_lines(config: SiteConfig, rules: list[Rule], prefix: str) -> list[str]:
    lines = []
    for rule in rules:
        first, second = (f"{prefix}{key}" for key in rule.keys)
        if rule.name == "one_of_required":
            lines.append(config.tr("reference.rule_one_of_required", a=first, b=second))
        elif rule.name == "not_before":
            lines.append(config.tr("reference.rule_not_before", later=first, earlier=second))
    return lines


def _vocabulary_section(config: SiteConfig, vocabulary: Vocabulary) -> list[str]:
    tr = config.tr
    header = [tr("reference.key"), tr("reference.label"), tr("reference.synonyms")]
    rows = [
        [f"`{term.key}`", tr.pick(term.label, term.key), ", ".join(term.synonyms)] for term in vocabulary.terms.values()
    ]
    return _section(
        f"### {tr.pick(vocabulary.label, vocabulary.name)}",
        tr("reference.vocabulary_file", name=vocabulary.name),
        header,
        rows,
    )


def _section(heading: str, intro: str, header: list[str], rows: list[list[str]]) -> list[str]:
    """A heading, a sentence and a Markdown table."""
    return [
        heading,
        "",
        intro,
        "",
        _table_row(header),
        _table_row(["---"] * len(header)),
        *(_table_row(row) for row in rows),
        "",
    ]


def _table_row(cells: list[str]) -> str:
    # A pipe would end the cell and a line break the row, so both are neutralised.
    return "| " + " | ".join(" ".join(cell.replace("|", "\\|").split()) for cell in cells) + " |"
