"""Checks of single values by kind (text, term, id, e-mail, date, ...) and how they are worded."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..collector import Collector
from ..config.i18n import Translator
from ..config.schema import Field
from ..config.settings import build_date
from ..config.vocabulary import Vocabulary
from ..load.yamlnodes import BOOL, FLOAT, NULL, STR, TIMESTAMP, YNode, YScalar
from ..problems import Position, Severity
from ..slugs import is_slug, slugify
from .describe import describe, tag_name
from .values import (
    ODD_CHARACTERS,
    REVIEWED_KEY,
    YEAR_RANGE,
    is_email,
    is_invisible,
    is_phone,
    is_web_url,
    parse_date,
    parse_partial_date,
)


@dataclass(frozen=True)
class Reference:
    target: str
    pos: Position
    key: str
    target_type: str | None = None


def _slug_example(text: str) -> str:
    return slugify(text) or "eksempel"


class ScalarChecks:
    """One scalar value against its field's kind; the object walk lives in validate.EntryValidator."""

    out: Collector
    tr: Translator
    vocabularies: dict[str, Vocabulary]
    references: list[Reference]
    positions: dict[str, Position]
    today: datetime.date | None

    def as_text(self, field_: Field, node: YScalar, path: str) -> str | None:
        if node.tag == STR or node.is_plain_decimal:
            return self.visible_text(field_, node, path)
        if node.tag in (BOOL, FLOAT, NULL, TIMESTAMP) or not node.quoted:
            self.out.add(
                "yaml11",
                node.pos,
                path,
                expected=self.expected(field_, single=True),
                found=describe(node, self.tr),
                hint=self.tr("hints.quote", raw=node.raw.replace('"', '\\"')),
                raw=node.raw,
                value=_show(node.value),
                kind=self.tr(f"kinds.{tag_name(node)}"),
            )
        else:
            self.wrong_type(field_, node, path, single=True)
        return None

    def visible_text(self, field_: Field, node: YScalar, path: str) -> str | None:
        """The text, unless it holds a character that hides or reorders text, or shows nothing at all."""
        text = node.raw
        odd = ODD_CHARACTERS.search(text)
        if odd is not None:
            code = f"U+{ord(odd.group()):04X}"
            self.out.add("odd_character", node.pos, path, hint=self.tr("hints.odd_character"), char=code)
            return None
        if text and not text[0].isalnum() and is_invisible(text):  # a letter or digit first: visible
            self.out.add(
                "invisible_text",
                node.pos,
                path,
                expected=self.expected(field_, single=True),
                found=" ".join(f"U+{ord(ch):04X}" for ch in text[:8]),
                hint=self.tr("hints.invisible_text"),
            )
            return None
        return text

    # --- kinds ---------------------------------------------------------------------------

    def check_text(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        length = len(text.strip())
        if (field_.min is not None and length < field_.min) or (field_.max is not None and length > field_.max):
            code = "too_short" if field_.min is not None and length < field_.min else "too_long"
            self.out.add(
                code,
                node.pos,
                path,
                expected=self.length_range(field_),
                found=self.tr("found.characters", count=length),
                hint=self.tr(f"hints.{code}"),
                count=length,
            )
            return None
        return text

    def check_keyword(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        if not text.strip():
            self.out.add("empty_value", node.pos, path, expected=self.expected(field_, single=True), found='""')
            return None
        if len(text) > 80:
            self.out.add(
                "too_long",
                node.pos,
                path,
                expected=self.tr("expected.max_chars", max=80),
                found=self.tr("found.characters", count=len(text)),
                hint=self.tr("hints.too_long"),
                count=len(text),
            )
            return None
        return " ".join(text.split())

    def check_term(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        assert field_.vocabulary is not None
        vocabulary = self.vocabularies[field_.vocabulary]
        match = vocabulary.match(text)
        if match is None:
            name = self.tr.pick(vocabulary.singular, vocabulary.name)
            suggestions = vocabulary.suggestions(text, self.tr.language)
            hint = (
                self.tr(
                    "hints.did_you_mean_term",
                    suggestions=self.tr("words.or").join(
                        f'"{self.tr.pick(term.label, term.key)}" ({term.key})' for term in suggestions
                    ),
                )
                if suggestions
                else self.tr("hints.see_vocabulary", file=f"site_config/vocabularies/{vocabulary.name}.yml")
            )
            self.out.add(
                "unknown_term",
                node.pos,
                path,
                expected=self.tr("expected.term", vocabulary=self.tr.pick(vocabulary.label, vocabulary.name)),
                found=f'"{text}"',
                hint=hint,
                value=text,
                vocabulary=name[:1].lower() + name[1:],  # a common noun mid-sentence: "ukendt kommune"
            )
            return None
        if match.by_synonym:
            self.out.add(
                "synonym",
                node.pos,
                path,
                severity=Severity.WARNING,
                expected=match.term.key,
                found=f'"{text}"',
                hint=self.tr("hints.write_key", key=match.term.key),
                value=text,
                label=self.tr.pick(match.term.label, match.term.key),
            )
        return match.term.key

    def check_id(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        if is_slug(text):  # as check_format() would say, without making its arguments
            self.references.append(Reference(text, node.pos, path, field_.target_type))
            return text
        checked = self.check_format(node, text, path, "bad_id", is_slug, "slug", slug=_slug_example)
        if checked is not None:
            self.references.append(Reference(checked, node.pos, path, field_.target_type))
        return checked

    def check_slug(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        if is_slug(text):
            return text
        return self.check_format(node, text, path, "bad_slug", is_slug, "slug", slug=_slug_example)

    def check_email(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        return self.check_format(node, text, path, "bad_email", is_email, "email")

    def check_phone(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        return self.check_format(node, text, path, "bad_phone", is_phone, "phone")

    def check_url(self, field_: Field, node: YScalar, text: str, path: str) -> str | None:
        return self.check_format(node, text, path, "bad_url", is_web_url, "url")

    def check_format(
        self,
        node: YScalar,
        text: str,
        path: str,
        code: str,
        valid: Callable[[str], bool],
        name: str,
        **hint: Callable[[str], str],
    ) -> str | None:
        """The text if `valid` accepts it; otherwise a problem saying what the format is and how to write it.

        The hint's arguments are made from the text only when it is wrong: most values are right."""
        if valid(text):
            return text if name == "slug" else text.strip()
        self.out.add(
            code,
            node.pos,
            path,
            expected=self.tr(f"expected.{name}"),
            found=f'"{text}"',
            hint=self.tr(f"hints.{name}", **{arg: make(text) for arg, make in hint.items()}),
            value=text,
        )
        return None

    def check_year(self, node: YScalar, path: str) -> int | None:
        raw = node.raw.strip()
        if raw.isascii() and raw.isdigit() and len(raw) == 4 and YEAR_RANGE[0] <= int(raw) <= YEAR_RANGE[1]:
            return int(raw)
        self.out.add(
            "bad_year",
            node.pos,
            path,
            expected=self.tr("expected.year"),
            found=describe(node, self.tr),
            hint=self.tr("hints.year"),
            value=node.raw,
        )
        return None

    def check_date(self, field_: Field, node: YScalar, path: str) -> str | None:
        raw = node.raw.strip()
        partial = field_.kind == "partial_date"
        parsed = parse_partial_date(raw) if partial else parse_date(raw)
        expected = self.tr("expected.partial_date" if partial else "expected.date")
        if parsed is None or (node.tag not in (TIMESTAMP, "tag:yaml.org,2002:str", "tag:yaml.org,2002:int")):
            self.out.add(
                "bad_date",
                node.pos,
                path,
                expected=expected,
                found=describe(node, self.tr),
                hint=self.tr("hints.partial_date" if partial else "hints.date"),
                value=node.raw,
            )
            return None
        if parsed == "impossible":
            self.out.add(
                "impossible_date",
                node.pos,
                path,
                expected=expected,
                found=f'"{raw}"',
                hint=self.tr("hints.impossible_date"),
                value=raw,
            )
            return None
        if field_.name == REVIEWED_KEY and isinstance(parsed, datetime.date) and parsed > (today := self.build_day()):
            self.out.add(
                "future_date",
                node.pos,
                path,
                expected=self.tr("expected.date"),
                found=f'"{raw}"',
                hint=self.tr("hints.future_date"),
                value=raw,
                today=today.isoformat(),
            )
            return None
        return raw

    def build_day(self) -> datetime.date:
        return self.today if self.today is not None else build_date()

    # --- wording -------------------------------------------------------------------------

    def wrong_type(self, field_: Field, node: YNode, path: str, single: bool = False) -> None:
        hint = ""
        if field_.many and not single and isinstance(node, YScalar):
            hint = self.tr("hints.make_list", raw=node.raw)
        self.out.add(
            "wrong_type",
            node.pos,
            path,
            expected=self.expected(field_, single=single),
            found=describe(node, self.tr),
            hint=hint,
        )

    def expected(self, field_: Field, single: bool = False) -> str:
        if field_.kind == "term" and field_.vocabulary in self.vocabularies:
            vocabulary = self.vocabularies[field_.vocabulary]
            one = self.tr("expected.term", vocabulary=self.tr.pick(vocabulary.label, vocabulary.name))
        elif field_.kind == "object":
            one = self.tr("expected.object", keys=", ".join(field_.fields))
        elif field_.kind == "text" and (field_.min or field_.max):
            one = self.tr("expected.text_length", range=self.length_range(field_))
        else:
            one = self.tr(f"expected.{field_.kind}")
        if field_.many and not single:
            key = "expected.list_or_one" if field_.allow_single else "expected.list_of"
            return self.tr(key, item=one)
        return one

    def length_range(self, field_: Field) -> str:
        if field_.min is not None and field_.max is not None:
            return self.tr("expected.chars_between", min=field_.min, max=field_.max)
        if field_.max is not None:
            return self.tr("expected.max_chars", max=field_.max)
        return self.tr("expected.min_chars", min=field_.min)


def _show(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return str(value)
