"""What a field's value must be, in words: one wording for `katalog check` and the exports for editors.

`expected_text` is what a problem with the value says was expected ("en liste, hver med et emneord");
`length_text` and `format_text` state one value's limits where its kind is said apart (a pattern's
message in Decap CMS, the field reference's column of allowed values).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..config.schema import Field
from ..config.vocabulary import Vocabulary
from ..i18n import Translator

KEYWORD_MAX = 80  # characters of one keyword


def expected_text(field: Field, tr: Translator, vocabularies: Mapping[str, Vocabulary], single: bool = False) -> str:
    """The value as a whole, a list saying so; `single`: one value of it (an item of a list)."""
    if field.kind == "term":
        one = term_text(field, tr, vocabularies)
    elif field.kind == "object":
        one = tr("expected.object", keys=", ".join(field.fields))
    elif field.kind == "text" and (field.min or field.max):
        one = tr("expected.text_length", range=length_text(field, tr))
    else:
        one = tr(f"expected.{field.kind}")
    if field.many and not single:
        key = "expected.list_or_one" if field.allow_single else "expected.list_of"
        return tr(key, item=one)
    return one


def term_text(field: Field, tr: Translator, vocabularies: Mapping[str, Vocabulary]) -> str:
    """A term of the field's vocabulary, named by its label ("et udtryk fra ordlisten Temaer")."""
    vocabulary = vocabularies.get(field.vocabulary or "")
    name = tr.pick(vocabulary.label, vocabulary.name) if vocabulary else str(field.vocabulary)
    return tr("expected.term", vocabulary=name)


def length_text(field: Field, tr: Translator) -> str:
    """The allowed length of a text ("3 til 120 tegn"); "" if unlimited."""
    if field.min is not None and field.max is not None:
        return tr("expected.chars_between", min=field.min, max=field.max)
    if field.max is not None:
        return tr("expected.max_chars", max=field.max)
    if field.min is not None:
        return tr("expected.min_chars", min=field.min)
    return ""


def format_text(field: Field, tr: Translator, vocabularies: Mapping[str, Vocabulary]) -> str:
    """What one value must look like, as `katalog check` says it when the value is wrong ("en dato
    ÅÅÅÅ-MM-DD", "højst 80 tegn"); "" for a text of any length."""
    if field.kind == "text":
        return length_text(field, tr)
    if field.kind == "term":
        return term_text(field, tr, vocabularies)
    if field.kind == "object":
        return tr("expected.object", keys=", ".join(field.fields))
    if field.kind == "keyword":
        return tr("expected.max_chars", max=KEYWORD_MAX)
    if field.kind == "image":
        from .images import MIN_WIDTH  # Pillow's module: imported only for the exports, not by every check

        return (
            f"{tr('expected.image')}: {tr('expected.image_formats')}, {tr('expected.image_min_width', min=MIN_WIDTH)}"
        )
    return tr(f"expected.{field.kind}")
