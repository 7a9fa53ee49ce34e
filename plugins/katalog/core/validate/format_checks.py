"""Checks of values with a format: ids and slugs, e-mail addresses, phone numbers, web addresses, years, dates."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from ..config.schema import Field
from ..config.settings import build_date
from ..entries import Reference
from ..read.yamlnodes import TIMESTAMP, YScalar
from ..slugs import is_slug, slugify
from ..values import REVIEWED_KEY, YEAR_RANGE, is_email, is_phone, is_web_url, parse_date, parse_partial_date
from .describe import describe
from .scalar_checks import ScalarChecks


def _slug_example(text: str) -> str:
    return slugify(text) or "eksempel"


class FormatChecks(ScalarChecks):
    """One value of a kind with a format of its own: written as the format says, or a problem saying how."""

    today: datetime.date | None

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
        if parsed is None or (node.tag not in (TIMESTAMP, "tag:yaml.org,2002:str", "tag:yaml.org,2002:int")):
            self.out.add(
                "bad_date",
                node.pos,
                path,
                expected=self.tr("expected.partial_date" if partial else "expected.date"),
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
                expected=self.tr("expected.partial_date" if partial else "expected.date"),
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
