"""Checks of single values read as text (text, keyword, term), and the wording every check shares."""

from __future__ import annotations

from typing import Any

from ..collector import Collector
from ..config.schema import Field
from ..config.vocabulary import Vocabulary
from ..entries import Reference
from ..hints import closest
from ..i18n import Translator
from ..problems import Position, Severity
from ..read.yamlnodes import BOOL, FLOAT, NULL, STR, TIMESTAMP, YNode, YScalar
from ..values import ODD_CHARACTERS, is_invisible
from .describe import describe, tag_name
from .expected import KEYWORD_MAX, expected_text, length_text


class ScalarChecks:
    """One scalar value against its field's kind; formats are checked in FormatChecks, images in ImageChecks,
    the object walk in EntryValidator."""

    out: Collector
    tr: Translator
    vocabularies: dict[str, Vocabulary]
    references: list[Reference]
    positions: dict[str, Position]

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
                expected=length_text(field_, self.tr),
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
        if len(text) > KEYWORD_MAX:
            self.out.add(
                "too_long",
                node.pos,
                path,
                expected=self.tr("expected.max_chars", max=KEYWORD_MAX),
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
        return expected_text(field_, self.tr, self.vocabularies, single)

    def unknown_key(self, name: str, pos: Position, path: str, known: list[str]) -> None:
        suggestion = closest(name, known, limit=1)
        hint = (
            self.tr("hints.did_you_mean", suggestion=suggestion[0])
            if suggestion
            else self.tr("hints.known_keys", keys=", ".join(sorted(known)))
        )
        self.out.add("unknown_key", pos, path, hint=hint, name=name)


def _show(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    return str(value)


EMPTY_RAW = frozenset(("", "~", "null"))


def is_empty(node: YNode) -> bool:
    """No value: nothing after the key, `~` or `null`."""
    return isinstance(node, YScalar) and node.tag == NULL and node.raw in EMPTY_RAW
