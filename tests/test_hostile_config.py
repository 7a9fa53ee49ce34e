"""Hostile site_config/: whatever a fork writes into site.yml, schema.yml, a vocabulary, an i18n file
or accessibility.yml, `katalog check` reports it at its file, line and column, in the site's language,
all problems at once; or it is valid, and then what the build makes of it works.

1. One exact Danish message for each kind of mistake (EXACT).
2. Every problem at once; English where the site's own texts are broken; the build refuses too.
3. Properties: any YAML value in any key of site.yml; random mutations of schema.yml, a vocabulary and
   an i18n file. `katalog check --strict` never raises; it exits 1 with located lines, or 0, and then a
   real `mkdocs build --strict` of a small site succeeds (built for a few of the examples).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from katalog.cli import main as cli_main
from katalog.commands import check as check_command
from katalog.core.config.schema import KINDS
from katalog.core.config.schema_fields import FIELD_OPTIONS
from katalog.core.config.settings import SIMILAR_KEYS, SITE_KEYS
from katalog.core.config.siteconfig import ConfigError, load_site_config
from katalog.core.config.texts import CONFIG_TEXTS, SHARED_TEXTS
from katalog.core.config.theme import COLOR_ROLES
from katalog.core.i18n import flatten
from katalog.core.link.similar import SimilarIndex, settings_from
from katalog.mkdocs_plugin.colors import palette_and_css

from .build_support import build
from .conftest import INDEX_MD, REPO, Site, copy_example_config, entry

CheckSite = Callable[[Path], tuple[int, list[str], str]]

S = "site_config/site.yml"
SC = "site_config/schema.yml"
ST = "site_config/vocabularies/statuses.yml"
DA = "site_config/i18n/da.yml"
A11Y = "site_config/accessibility.yml"
TOO_LONG = 'too_long: "teksten er for lang ({count} tegn)"'
REFERENCE_TITLE = 'title: "Felter og ordlister"'
STATEMENT_TITLE = 'title: "Tilgængelighedserklæring"'
CASE_TYPE = "  case:\n    folder: catalogue/cases\n    url: cases\n"
ADDRESS_HINT = "Giv en af dem en anden adresse (url: i schema.yml eller et andet navn)."
LOGO_END = "Forventet: en SVG-, PNG-, JPEG- eller WebP-fil i repositoriet. Læg billedet i site_config/, og skriv dets navn, fx logo: logo.svg."  # noqa: E501
UNSAFE_HINT = "Brug kun små bogstaver a-z, tal og bindestreger; ingen .. og ingen / forrest."
BRACES_HINT = (
    "En pladsholder er et navn i krøllede parenteser, fx {count}; en krøllet parentes i selve teksten skrives to gange."
)

# Edit: (file, old text, new text), or (file, None, the whole new text).
Edit = tuple[str, str | None, str]

# name -> (edits, every problem line `katalog check` prints). `{too_long}` is the line of problems.too_long
# in da.yml, which other texts above it move.
EXACT: dict[str, tuple[list[Edit], list[str]]] = {
    # --- site.yml -----------------------------------------------------------------------------------
    "site-misspelled-key": (
        [(S, "sanitize_html: true", "sanitise_html: false")],
        ['site_config/site.yml:40:1: error: sanitise_html: ukendt nøgle "sanitise_html". Mente du "sanitize_html"?'],
    ),
    "site-wrong-type": (
        [(S, "page_size: 50", "page_size: fifty")],
        [
            "site_config/site.yml:24:12: error: page_size: forkert slags værdi. Forventet: et helt tal på mindst 1. "
            'Fundet: teksten "fifty".'
        ],
    ),
    "site-number-too-small": (
        [(S, "stale_after_months: 24", "stale_after_months: -1")],
        [
            "site_config/site.yml:37:21: error: stale_after_months: tallet er for lille. Forventet: et helt tal på "
            "mindst 0. Fundet: tallet -1."
        ],
    ),
    "site-number-for-text": (
        [(S, 'name: "Samskabelseskataloget"', "name: 1.10")],
        [
            "site_config/site.yml:2:7: error: name: forkert slags værdi. Forventet: tekst, der ikke er tom. "
            'Fundet: tallet 1.10. Sæt værdien i anførselstegn: "1.10".'
        ],
    ),
    "site-text-for-boolean": (
        [(S, "sanitize_html: true", "sanitize_html: ja")],
        [
            "site_config/site.yml:40:16: error: sanitize_html: forkert slags værdi. Forventet: true eller false. "
            'Fundet: teksten "ja".'
        ],
    ),
    "site-unknown-choice": (
        [(S, "contacts: full", "contacts: role-only")],
        [
            'site_config/site.yml:34:11: error: contacts: ukendt værdi "role-only". Forventet: en af full, role_only. '
            'Fundet: teksten "role-only". Mente du "role_only"?'
        ],
    ),
    "site-list-for-mapping": (
        [(S, 'colors:\n  primary: "#00695c"\n  accent: "#bf360c"', "colors:\n  - teal")],
        [
            "site_config/site.yml:28:1: error: colors: forkert slags værdi. Forventet: nøgler med værdier, fx "
            "{primary: teal, accent: deep orange}. Fundet: en liste med 1 element."
        ],
    ),
    "site-colour-typo": (
        [(S, 'primary: "#00695c"', "primary: teel")],
        [
            'site_config/site.yml:29:12: error: colors.primary: "teel" er ikke en farve i Material for MkDocs. '
            "Forventet: et farvenavn fra Material for MkDocs, fx teal, eller en hex-farve som #00695c. "
            'Fundet: teksten "teel". Mente du "teal"?'
        ],
    ),
    "site-colour-bad-hex": (
        [(S, 'accent: "#bf360c"', 'accent: "#bf360"')],
        [
            'site_config/site.yml:30:11: error: colors.accent: "#bf360" er ikke en farve i Material for MkDocs. '
            "Forventet: et farvenavn fra Material for MkDocs, fx teal, eller en hex-farve som #00695c. "
            'Fundet: teksten "#bf360".'
        ],
    ),
    "site-colour-unknown-role": (
        [(S, 'accent: "#bf360c"', "acent: teal")],
        ['site_config/site.yml:30:3: error: colors.acent: ukendt nøgle "acent". Mente du "accent"?'],
    ),
    "site-similar-threshold-text": (
        [(S, "threshold: 3", "threshold: lots")],
        [
            "site_config/site.yml:9:14: error: similar.threshold: forkert slags værdi. Forventet: et tal på mindst 0. "
            'Fundet: teksten "lots".'
        ],
    ),
    "site-similar-limit-zero": (
        [(S, "limit: 5", "limit: 0")],
        [
            "site_config/site.yml:10:10: error: similar.limit: tallet er for lille. Forventet: et helt tal på mindst "
            "1. "
            "Fundet: tallet 0."
        ],
    ),
    "site-similar-unknown-key": (
        [(S, "max_postings: 100", "max_posting: 100")],
        ['site_config/site.yml:11:3: error: similar.max_posting: ukendt nøgle "max_posting". Mente du "max_postings"?'],
    ),
    "site-weight-unknown-taxonomy": (
        [(S, "themes: 2", "themse: 2")],
        [
            'site_config/site.yml:13:5: error: similar.weights.themse: "themse" er hverken en ordliste eller et '
            "emneordsfelt i skemaet. Forventet: en af citizen_roles, interview_kinds, municipalities, participation, "
            'partner_types, statuses, target_groups, themes, unit_kinds, tags, expertise. Mente du "themes"?'
        ],
    ),
    "site-weight-negative": (
        [(S, "tags: 3", "tags: -3")],
        [
            "site_config/site.yml:14:11: error: similar.weights.tags: tallet er for lille. Forventet: et tal på "
            "mindst 0. Fundet: tallet -3."
        ],
    ),
    "site-obsolete-setting": (
        [(S, "stale_after_months: 24", "stale_after_months: 24\nsearch_body_words: 150000")],
        [
            'site_config/site.yml:38:1: error: search_body_words: "search_body_words" bruges ikke længere. Søgningen '
            "finder nu hvert ord i alle brødtekster, uanset katalogets størrelse. Slet linjen."
        ],
    ),
    "site-language-without-texts": (
        [(S, "language: da", "language: dk")],
        [
            'site_config/site.yml:4:11: error: language: der er ingen tekster på sproget "dk". Forventet: et sprog med '
            "en fil i site_config/i18n/: da, en, nb, sv. Tilføj site_config/i18n/dk.yml, eller vælg et af sprogene der."
        ],
    ),
    "site-logo-missing": (
        [(S, "sanitize_html: true", "sanitize_html: true\nlogo: logo.svg")],
        [f"site_config/site.yml:41:7: error: logo: logoet site_config/logo.svg findes ikke. {LOGO_END}"],
    ),
    "site-logo-outside-the-repository": (
        [(S, "sanitize_html: true", "sanitize_html: true\nlogo: ../../../../etc/hostname")],
        [
            "site_config/site.yml:41:7: error: logo: logoet ../../../../etc/hostname ligger uden for repositoriet. "
            f"{LOGO_END}"
        ],
    ),
    "site-logo-not-an-image": (
        [(S, "sanitize_html: true", "sanitize_html: true\nlogo: ../README.md")],
        [
            "site_config/site.yml:41:7: error: logo: logoet site_config/../README.md er ikke et billede, som browsere "
            f"viser. {LOGO_END}"
        ],
    ),
    "site-logo-only-named-as-an-image": (
        [(S, "sanitize_html: true", "sanitize_html: true\nlogo: logo.png"), ("site_config/logo.png", None, "<p>\n")],
        [
            "site_config/site.yml:41:7: error: logo: logoet site_config/logo.png er ikke et billede, som browsere "
            f"viser. {LOGO_END}"
        ],
    ),
    # --- vocabularies ---------------------------------------------------------------------------------
    "vocabulary-empty-file": (
        [(ST, None, "")],
        [
            "site_config/vocabularies/statuses.yml:1:1: error: filen er tom. Forventet: en liste af udtryk, hvert med "
            "key og label. Skriv udtrykkene under terms:, hvert med key og label."
        ],
    ),
    "vocabulary-no-terms": (
        [(ST, None, "label: {da: Status}\nterms: []\n")],
        [
            "site_config/vocabularies/statuses.yml:2:1: error: terms: ordlisten har ingen udtryk. Skriv udtrykkene "
            "under terms:, hvert med key og label."
        ],
    ),
    "vocabulary-term-without-label": (
        [(ST, "    label: {da: Idé, en: Idea, sv: Idé, nb: Idé}\n", "")],
        ['site_config/vocabularies/statuses.yml:4:5: error: terms[0].label: den påkrævede nøgle "label" mangler.'],
    ),
    "vocabulary-empty-label": (
        [(ST, "label: {da: Idé, en: Idea, sv: Idé, nb: Idé}", 'label: {da: "", en: Idea}')],
        [
            "site_config/vocabularies/statuses.yml:5:17: error: terms[0].label.da: teksten er tom. Forventet: tekst, "
            'der ikke er tom. Fundet: teksten "".'
        ],
    ),
    "vocabulary-duplicate-key": (
        [(ST, "  - key: trial", "  - key: idea")],
        [
            'site_config/vocabularies/statuses.yml:7:10: error: terms[1].key: nøglen "idea" er allerede brugt i '
            "linje 4. Giv hvert udtryk sin egen nøgle."
        ],
    ),
    "vocabulary-synonym-of-two-terms": (
        [(ST, "synonyms: [ide, forslag]", "synonyms: [ide, forslag, pilot]")],
        [
            'site_config/vocabularies/statuses.yml:9:24: error: terms[1].synonyms[1]: "pilot" betegner allerede '
            'udtrykket "idea" (linje 6). Behold det kun ved ét af udtrykkene.'
        ],
    ),
    "vocabulary-unknown-parent": (
        [(ST, "synonyms: [ide, forslag]", "synonyms: [ide, forslag]\n    parent: nowhere")],
        [
            'site_config/vocabularies/statuses.yml:7:13: error: terms[0].parent: ordlisten har intet udtryk "nowhere". '
            "Forventet: nøglen på et andet udtryk i ordlisten."
        ],
    ),
    "vocabulary-parent-cycle": (
        [
            (ST, "synonyms: [ide, forslag]", "synonyms: [ide, forslag]\n    parent: trial"),
            (
                ST,
                "synonyms: [forsøg, pilot, prøvehandling]",
                "synonyms: [forsøg, pilot, prøvehandling]\n    parent: idea",
            ),
        ],
        [
            "site_config/vocabularies/statuses.yml:7:13: error: terms[0].parent: overbegreberne går i ring: "
            "idea -> trial -> idea. Fjern et af overbegreberne, så kæden får en top."
        ],
    ),
    # --- schema.yml -----------------------------------------------------------------------------------
    "schema-unknown-kind": (
        [(SC, "      year:\n        kind: year", "      year:\n        kind: yaer")],
        [
            'site_config/schema.yml:180:15: error: types.case.fields.year.kind: ukendt slags "yaer". Forventet: en af '
            "date, email, id, image, keyword, object, partial_date, phone, slug, term, text, url, year. "
            'Fundet: teksten "yaer". Mente du "year"?'
        ],
    ),
    "schema-unknown-option": (
        [(SC, "        kind: year\n        required: true", "        kind: year\n        requird: true")],
        [
            'site_config/schema.yml:181:9: error: types.case.fields.year.requird: ukendt nøgle "requird". Mente du '
            '"required"?'
        ],
    ),
    "schema-option-of-another-kind": (
        [(SC, "        kind: year\n", "        kind: year\n        vocabulary: statuses\n")],
        [
            'site_config/schema.yml:181:9: error: types.case.fields.year.vocabulary: indstillingen "vocabulary" gælder '
            "ikke felter af slagsen year."
        ],
    ),
    "schema-target-type-typo": (
        [(SC, "target_type: initiative", "target_type: initiativ")],
        [
            "site_config/schema.yml:154:22: error: types.initiative.fields.based_on.target_type: skemaet har ingen "
            "type "
            '"initiativ". Forventet: en af typerne initiative, case, unit, article. Mente du "initiative"?'
        ],
    ),
    "schema-min-above-max": (
        [(SC, "min: 3\n    max: 120", "min: 130\n    max: 120")],
        [
            "site_config/schema.yml:35:10: error: common.title.min: min (130) er større end max (120). Byt om på de "
            "to tal."
        ],
    ),
    "schema-negative-min-items": (
        [
            (
                SC,
                "      target_groups:\n        kind: term",
                "      target_groups:\n        min_items: -1\n        kind: term",
            )
        ],
        [
            "site_config/schema.yml:138:20: error: types.initiative.fields.target_groups.min_items: tallet er for "
            "lille. Forventet: et helt tal på mindst 0. Fundet: tallet -1."
        ],
    ),
    "schema-vocabulary-file-missing": (
        [(SC, "vocabulary: statuses", "vocabulary: statusser")],
        [
            "site_config/schema.yml:122:21: error: types.initiative.fields.status.vocabulary: der er ingen ordliste "
            '"statusser". Forventet: en af ordlisterne citizen_roles, interview_kinds, municipalities, participation, '
            'partner_types, statuses, target_groups, themes, unit_kinds. Mente du "statuses"?'
        ],
    ),
    "schema-type-name-leads-out": (
        [(SC, CASE_TYPE, CASE_TYPE.replace("  case:", "  ../case:"))],
        [
            'site_config/schema.yml:172:3: error: types.../case: "../case" kan ikke bruges i en adresse eller et '
            f"filnavn. Forventet: små bogstaver a-z, tal, - og _. {UNSAFE_HINT}"
        ],
    ),
    "schema-url-leads-out": (
        [(SC, "    url: cases", "    url: ../../escape")],
        [
            'site_config/schema.yml:174:10: error: types.case.url: "../../escape" kan ikke bruges i en adresse eller '
            "et "
            f'filnavn. Forventet: små bogstaver a-z, tal, - og _. Fundet: teksten "../../escape". {UNSAFE_HINT}'
        ],
    ),
    "schema-url-absolute": (
        [(SC, "    url: cases", "    url: /tmp/escape")],
        [
            'site_config/schema.yml:174:10: error: types.case.url: "/tmp/escape" kan ikke bruges i en adresse eller et '
            f'filnavn. Forventet: små bogstaver a-z, tal, - og _. Fundet: teksten "/tmp/escape". {UNSAFE_HINT}'
        ],
    ),
    "schema-folder-leads-out": (
        [(SC, "folder: catalogue/cases", "folder: catalogue/../../cases")],
        [
            'site_config/schema.yml:173:13: error: types.case.folder: "catalogue/../../cases" kan ikke bruges i en '
            "adresse eller et filnavn. Forventet: content eller en mappe under catalogue/, fx catalogue/initiatives. "
            f"{UNSAFE_HINT}"
        ],
    ),
    "schema-folder-not-read": (
        [(SC, "folder: catalogue/cases", "folder: cases")],
        [
            'site_config/schema.yml:173:13: error: types.case.folder: "cases" er ikke en mappe, som Katalog læser '
            "poster fra. Forventet: content eller en mappe under catalogue/, fx catalogue/initiatives."
        ],
    ),
    "schema-two-types-one-url": (
        [(SC, "    url: cases", "    url: enheder")],
        [
            'site_config/schema.yml:174:10: error: types.case.url: adressen enheder/ bruges også af typen "unit". '
            + ADDRESS_HINT,
            'site_config/schema.yml:247:10: error: types.unit.url: adressen enheder/ bruges også af typen "case". '
            + ADDRESS_HINT,
        ],
    ),
    "schema-two-types-one-folder": (
        [(SC, "folder: catalogue/cases", "folder: catalogue/units")],
        [
            "site_config/schema.yml:246:13: error: types.unit.folder: mappen catalogue/units bruges også af typen "
            '"case". Giv hver type sin egen mappe.'
        ],
    ),
    "schema-url-of-the-topics-page": (
        [(SC, "    url: cases", "    url: emner")],
        [
            "site_config/schema.yml:174:10: error: types.case.url: adressen emner/ bruges også af Katalogs egne "
            f"sider. {ADDRESS_HINT}"
        ],
    ),
    "schema-url-of-the-whole-catalogue": (
        [(SC, "    url: cases", "    url: katalog")],
        [
            "site_config/schema.yml:174:10: error: types.case.url: adressen katalog/ bruges også af Katalogs egne "
            f"sider. {ADDRESS_HINT}"
        ],
    ),
    "schema-url-of-the-reference": (
        [(SC, "    url: cases", "    url: felter-og-ordlister")],
        [
            "site_config/i18n/da.yml:{reference_title}:10: error: reference.title: adressen felter-og-ordlister/ "
            f'bruges også af typen "case". {ADDRESS_HINT}',
            "site_config/schema.yml:174:10: error: types.case.url: adressen felter-og-ordlister/ bruges også af "
            f"Katalogs egne sider. {ADDRESS_HINT}",
        ],
    ),
    "schema-url-of-the-statement": (
        [(SC, "    url: cases", "    url: tilgaengelighedserklaering")],
        [
            "site_config/i18n/da.yml:{statement_title}:10: error: statement.title: adressen "
            f'tilgaengelighedserklaering/ bruges også af typen "case". {ADDRESS_HINT}',
            "site_config/schema.yml:174:10: error: types.case.url: adressen tilgaengelighedserklaering/ bruges også af "
            f"Katalogs egne sider. {ADDRESS_HINT}",
        ],
    ),
    "schema-url-of-a-vocabulary": (
        [(SC, "    url: cases", "    url: temaer")],
        [
            'site_config/schema.yml:174:10: error: types.case.url: adressen temaer/ bruges også af ordlisten "themes". '
            + ADDRESS_HINT,
            'site_config/vocabularies/themes.yml:1:8: error: label: adressen temaer/ bruges også af typen "case". '
            + ADDRESS_HINT,
        ],
    ),
    "schema-empty-label": (
        [(SC, "label: {da: Case, en: Case, sv: Fall, nb: Case}", 'label: ""')],
        [
            "site_config/schema.yml:175:12: error: types.case.label: teksten er tom. Forventet: tekst, der ikke er "
            "tom. "
            'Fundet: teksten "".'
        ],
    ),
    # --- i18n -----------------------------------------------------------------------------------------
    "i18n-placeholder-typo": (
        [(DA, TOO_LONG, TOO_LONG.replace("{count}", "{cout}"))],
        [
            "site_config/i18n/da.yml:{too_long}:13: error: problems.too_long: pladsholderne er ikke de samme som i de "
            "andre sprog. Forventet: {{count}}. Fundet: {{cout}}. Skriv pladsholderne som i de andre sprog; oversæt "
            "kun teksten omkring dem."
        ],
    ),
    "i18n-unbalanced-brace": (
        [(DA, TOO_LONG, TOO_LONG.replace("{count}", "{count"))],
        [
            "site_config/i18n/da.yml:{too_long}:13: error: problems.too_long: en krøllet parentes mangler sin makker. "
            'Fundet: "teksten er for lang ({{count tegn)". ' + BRACES_HINT.replace("{", "{{").replace("}", "}}")
        ],
    ),
    "i18n-positional-placeholder": (
        [(DA, TOO_LONG, TOO_LONG.replace("{count}", "{0}"))],
        [
            'site_config/i18n/da.yml:{too_long}:13: error: problems.too_long: pladsholderen "{{0}}" kan ikke udfyldes. '
            + BRACES_HINT.replace("{", "{{").replace("}", "}}")
        ],
    ),
    "i18n-not-text": (
        [(DA, TOO_LONG, "too_long: [1, 2]")],
        [
            "site_config/i18n/da.yml:{too_long}:13: error: problems.too_long: forkert slags værdi. Forventet: tekst. "
            "Fundet: en liste med 2 elementer."
        ],
    ),
    "i18n-title-at-the-address-of-another-page": (
        [(DA, REFERENCE_TITLE, 'title: "Emner"')],
        [
            "site_config/i18n/da.yml:{reference_title}:10: error: reference.title: adressen emner/ bruges også af "
            f"Katalogs egne sider. {ADDRESS_HINT}"
        ],
    ),
    "i18n-title-without-letters": (
        [(DA, REFERENCE_TITLE, 'title: "!!!"')],
        [
            "site_config/i18n/da.yml:{reference_title}:10: error: reference.title: navnet giver ingen adresse. Giv den "
            "et navn med bogstaver eller tal."
        ],
    ),
    # --- accessibility.yml ----------------------------------------------------------------------------
    "statement-a-list": (
        [(A11Y, None, "- organisation\n- compliance\n")],
        [
            "site_config/accessibility.yml:1:1: error: forkert slags værdi. Forventet: nøgler med værdier, fx "
            "organisation: Eksempel Kommune. Fundet: en liste med 2 elementer."
        ],
    ),
    "statement-javascript-link": (
        [
            (
                A11Y,
                'enforcement_url: "https://www.digst.dk/digital-inklusion/webtilgaengelighed/"',
                'enforcement_url: "javascript:alert(1)"',
            )
        ],
        [
            "site_config/accessibility.yml:13:18: error: enforcement_url: forkert slags værdi. Forventet: en "
            'webadresse, der begynder med http:// eller https://. Fundet: teksten "javascript:alert(1)".'
        ],
    ),
    "statement-missing-misspelled-and-impossible": (
        [(A11Y, "compliance: partial", "complience: partial"), (A11Y, "prepared: 2026-11-22", "prepared: 2026-02-30")],
        [
            'site_config/accessibility.yml:4:1: error: compliance: den påkrævede nøgle "compliance" mangler.',
            'site_config/accessibility.yml:6:1: error: complience: ukendt nøgle "complience". Mente du "compliance"?',
            "site_config/accessibility.yml:7:11: error: prepared: forkert slags værdi. Forventet: en dato ÅÅÅÅ-MM-DD. "
            "Fundet: datoen 2026-02-30.",
        ],
    ),
}


def checked(root: Path, *, strict: bool = False) -> tuple[int, list[str], str]:
    """`katalog check [--strict] ROOT` in this process, as its command runs it: (exit code, lines, stderr).
    The argument parsing around it is test_check_cli.py's to test."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = check_command.run(root, "text", strict)
    return code, out.getvalue().splitlines(), err.getvalue()


@pytest.fixture
def check_site() -> CheckSite:
    return checked


def apply(root: Path, edits: list[Edit]) -> None:
    for relative, old, new in edits:
        path = root / relative
        if old is None:
            path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (relative, old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, start: str) -> int:
    """The line of the first key that begins so (problems.too_long comes before hints.too_long)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, start=1) if line.strip().startswith(start))


def with_lines(site: Site, expected: list[str]) -> list[str]:
    """The expected lines with the line numbers of da.yml's texts filled in (texts added above them move them)."""
    lines = {
        "too_long": line_of(site / DA, "too_long:"),
        "reference_title": line_of(site / DA, REFERENCE_TITLE),
        "statement_title": line_of(site / DA, STATEMENT_TITLE),
    }
    return [line.format(**lines) if re.search(r"\{[a-z_]+\}:", line) else line for line in expected]


def summary_line(lines: list[str]) -> str:
    files = len({line.split(":", 1)[0] for line in lines})
    errors = f"{len(lines)} fejl"
    return f"{errors} og 0 advarsler i {files} {'fil' if files == 1 else 'filer'}."


@pytest.mark.parametrize("name", EXACT)
def test_each_mistake_has_its_exact_danish_message(
    make_site: Callable[..., Site], check_site: CheckSite, name: str
) -> None:
    edits, expected = EXACT[name]
    site = make_site({"README.md": "# Katalog\n"})
    expected = with_lines(site, expected)
    apply(site.root, edits)
    code, out, err = check_site(site.root)
    assert (code, out, err) == (1, [*expected, summary_line(expected)], "")


# --- 2. all at once, in whose words, and the build --------------------------------------------------


def test_every_problem_of_every_file_is_reported_at_once(make_site: Callable[..., Site], check_site: CheckSite) -> None:
    site = make_site()
    chosen = ["site-misspelled-key", "site-similar-limit-zero", "vocabulary-duplicate-key", "schema-unknown-kind"]
    chosen += ["schema-url-leads-out", "i18n-not-text", "statement-javascript-link"]
    expected = sorted(with_lines(site, [line for name in chosen for line in EXACT[name][1]]))
    for name in chosen:
        apply(site.root, EXACT[name][0])
    code, out, _ = check_site(site.root)
    assert code == 1
    assert out == [*expected, "7 fejl og 0 advarsler i 5 filer."]


def test_broken_texts_of_the_site_language_give_english(make_site: Callable[..., Site], check_site: CheckSite) -> None:
    """da.yml cannot be read at all: its problem, and the others, are worded in Katalog's own English."""
    site = make_site()
    apply(site.root, [(DA, "\nproblems:\n", "\nproblems: [\n"), (S, "limit: 5", "limit: 0")])
    code, out, _ = check_site(site.root)
    assert code == 1
    assert re.fullmatch(
        r"site_config/i18n/da\.yml:\d+:\d+: error: YAML cannot be read here \(.+\)\. Check colons, indentation and "
        r"quotes; quote text containing a colon or #\.",
        out[0],
    )
    assert out[1:] == [
        "site_config/site.yml:10:10: error: similar.limit: the number is too small. Expected: a whole number of "
        "at least 1. Found: the number 0.",
        "2 errors and 0 warnings in 2 files.",
    ]


def test_with_english_texts_missing_too_katalogs_own_english_is_used(
    make_site: Callable[..., Site], check_site: CheckSite
) -> None:
    site = make_site()
    (site / "site_config/i18n/en.yml").unlink()
    apply(site.root, [(DA, None, "problems: {}\n"), (S, "limit: 5", "limit: 0")])
    code, out, _ = check_site(site.root)
    assert (code, out) == (
        1,
        [
            "site_config/site.yml:10:10: error: similar.limit: the number is too small. Expected: a whole number of "
            "at least 1. Found: the number 0.",
            "1 error and 0 warnings in 1 file.",
        ],
    )


def test_a_swedish_fork_hears_of_its_mistakes_in_swedish(make_site: Callable[..., Site], check_site: CheckSite) -> None:
    site = make_site()
    apply(site.root, [(S, "language: da", "language: sv"), (S, "sanitize_html: true", "sanitise_html: true")])
    code, out, _ = check_site(site.root)
    assert (code, out) == (
        1,
        [
            'site_config/site.yml:40:1: error: sanitise_html: okänd nyckel "sanitise_html". Menade du "sanitize_html"?',
            "1 fel och 0 varningar i 1 fil.",
        ],
    )


@pytest.mark.parametrize("command", [["stale"], ["export"], ["init"], ["new", "case", "En titel"]])
def test_every_command_reports_a_broken_site_config(
    make_site: Callable[..., Site], capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    site = make_site()
    apply(site.root, [(ST, None, "")])  # used to end in a KeyError in every command that loads entries
    args = [*command, "--root", str(site.root)] if command[0] == "new" else [*command, str(site.root)]
    assert cli_main(args) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("site_config/vocabularies/statuses.yml:1:1: error: filen er tom.")


def test_the_build_refuses_a_type_url_leading_out_of_the_site(make_site: Callable[..., Site]) -> None:
    site = make_site({"catalogue/cases/en-case.md": entry("case")})
    apply(site.root, EXACT["schema-url-leads-out"][0])
    result = build(site.root)
    assert not result.ok
    assert "site_config/schema.yml:174:10:" in result.output
    assert not (site.root.parent / "escape").exists() and not (site.root / "escape").exists()


# --- 3. the texts of problems, in every language ------------------------------------------------------


def texts(language: str) -> dict[str, str]:
    text = (REPO / f"site_config/i18n/{language}.yml").read_text(encoding="utf-8")
    return flatten(yaml.load(text, Loader=yaml.CSafeLoader))


def test_katalogs_own_english_is_en_yml() -> None:
    english = texts("en")
    assert {key: english.get(key) for key in CONFIG_TEXTS} == CONFIG_TEXTS
    assert {key: english.get(key) for key in SHARED_TEXTS} == SHARED_TEXTS


@pytest.mark.parametrize("language", ["da", "sv", "nb"])
def test_every_language_has_every_text_of_problems_in_site_config(language: str) -> None:
    own = texts(language)
    assert sorted(key for key in own if key.startswith("config.")) == sorted(CONFIG_TEXTS)
    assert [key for key in SHARED_TEXTS if key not in own] == []


# --- 4. properties ----------------------------------------------------------------------------------
#
# One small site per module: the repository's site_config/, an entry of each type and an article, no
# nav in mkdocs.yml (so a changed url: or label is no broken nav link). Every example writes one file
# and puts it back afterwards.

PROPERTIES = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>\n'
ARTICLE = """---
type: article
title: "En artikel"
summary: "En artikel, der kun findes i testene af site_config/."
date: 2026-01-02
---

Brødtekst.
"""


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("config-site")
    copy_example_config(root / "site_config")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("nav", None)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    files = {
        "content/index.md": INDEX_MD,
        "content/vidensbank/artikel.md": ARTICLE,
        "catalogue/initiatives/et-initiativ.md": entry("initiative"),
        "catalogue/cases/en-case.md": entry("case"),
        "catalogue/units/en-enhed.md": entry("unit"),
        "site_config/logo.svg": LOGO,
        "README.md": "# Katalog\n",
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


@contextlib.contextmanager
def written(root: Path, relative: str, text: str) -> Iterator[Path]:
    """The file holds `text` while the block runs, and its own text again afterwards."""
    path = root / relative
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8")
    try:
        yield path
    finally:
        path.write_bytes(original)


# YAML values of every kind. Written as JSON (which is YAML) they stay on one line, keys and all.
scalars = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
    st.integers(min_value=-3, max_value=300),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.integers(min_value=5_000, max_value=100_000).map(lambda n: "ø" * n),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=5,
)


class Raw(str):
    """Written as it stands, unquoted: YAML decides what it is."""


RAW = [
    "yes", "NO", "on", "~", "null", "1.10", "0x1F", "0o17", "1_000", "1e3", ".inf", "-.inf", ".nan", "12:30",
    "2024-02-30", "2024-05-01", "-", "[", "]", "{", "}", "[a, b]", "{a: b}", "&a x", "*a", "!!binary x", "!!str 5",
    "!x y", "'", '"', "''", "|", ">", "#", "a #b", "%x", "@x", "`x`", "---", "...", "\\", "*", "? a", ": a",
]  # fmt: skip
raws = st.sampled_from(RAW).map(Raw)


def as_yaml(value: object) -> str:
    return str(value) if isinstance(value, Raw) else json.dumps(value, ensure_ascii=False)


# Each key of site.yml and of its sub-mappings; some good values of each so the valid branch is walked too.
SITE_PATHS: list[tuple[str, ...]] = [
    *((key,) for key in SITE_KEYS),
    *(("similar", key) for key in SIMILAR_KEYS),
    ("similar", "weights", "themes"),
    *(("colors", role) for role in COLOR_ROLES),
]
ALWAYS_WRONG = [("sanitise_html",), ("similar", "weights", "emneord"), ("colors", "scheme")]
GOOD: dict[tuple[str, ...], list[object]] = {
    ("name",): ["Mit katalog", "Ærø <b>&</b>"],
    ("owner",): ["", "Kommunen"],
    ("description",): ["", "Om kataloget"],
    ("language",): ["da", "en", "sv", "nb", "xx", "../en"],
    ("repository",): ["kommune/katalog", "ikke et repositorium", ""],
    ("logo",): ["logo.svg", "../site_config/logo.svg", "../README.md", "/etc/hostname", "mangler.png", ""],
    ("colors",): [{}, {"primary": "teal"}, {"primary": "#123456", "accent": "Deep Orange"}, {"accent": "brown"}],
    ("page_size",): [1, 50, 0],
    ("sanitize_html",): [True, False],
    ("contacts",): ["full", "role_only", "all"],
    ("stale_after_months",): [0, 24],
    ("similar",): [{}, {"threshold": 1, "limit": 3}, {"weights": {"tags": 1}}],
    ("articles_folder",): ["vidensbank", "a/b", "../ud", "/abs"],
    ("similar", "threshold"): [0, 2.5, 10**400],
    ("similar", "limit"): [1, 20],
    ("similar", "max_postings"): [0, 100],
    ("similar", "weights"): [{}, {"themes": 1, "tags": 0.5}, {"ingen": 1}],
    ("similar", "weights", "themes"): [0, 1.5],
    ("colors", "primary"): ["indigo", "Deep Purple", "#abc", "#00695C", "custom", "teel"],
    ("colors", "accent"): ["deep-orange", "white", "#bf360c"],
}
SITE_YML = yaml.safe_load((REPO / S).read_text(encoding="utf-8"))
TOKEN = "KATALOG_TEST_VALUE"


def site_yml_with(path: tuple[str, ...], value: object) -> tuple[str, int]:
    """site.yml with the value at the key path, and the line the key stands on."""
    data = json.loads(json.dumps(SITE_YML))
    parent = data
    for key in path[:-1]:
        parent = parent.setdefault(key, {})
    parent[path[-1]] = TOKEN
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=1000)
    line = next(n for n, one in enumerate(text.split("\n"), start=1) if TOKEN in one)
    return text.replace(TOKEN, as_yaml(value)), line


def check_site_value(root: Path, path: tuple[str, ...], value: object) -> None:
    text, line = site_yml_with(path, value)
    with written(root, S, text):
        try:
            config = load_site_config(root)
        except ConfigError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.path == S, problem
                assert "config." not in problem.message, problem  # every text of a problem exists
            assert any(problem.line == line for problem in error.problems), (line, error.problems)
            return
    assert path not in ALWAYS_WRONG, value
    # Valid: what the build makes of the settings works, and both readings of similar: agree.
    settings_ = config.settings
    assert settings_from(config.site) == settings_.similar
    palette, css = palette_and_css(settings_.colors)
    assert set(palette) <= set(COLOR_ROLES) and (css == "" or css.startswith(":root"))
    index = SimilarIndex({"a": [("themes", "x"), ("tags", "y")], "b": [("themes", "x")]}, settings_.similar)
    assert len(index.of("a")) <= settings_.similar.limit
    assert config.tr("problems.too_long", count=3) and config.tr.count("files", 2)
    if settings_.logo:
        assert (root / "site_config" / settings_.logo).resolve().is_relative_to(root.resolve())


@pytest.mark.parametrize("path", SITE_PATHS + ALWAYS_WRONG, ids=".".join)
def test_any_value_in_any_key_of_site_yml(site_root: Path, path: tuple[str, ...]) -> None:
    good = st.sampled_from(GOOD[path]) if path in GOOD else st.nothing()

    @settings(PROPERTIES, max_examples=18)
    @given(good | values | raws)
    def check(value: object) -> None:
        check_site_value(site_root, path, value)

    check()


# --- mutations of schema.yml, a vocabulary and an i18n file -----------------------------------------

CHECK_LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?:error|warning): .+")
BUILDS = 2  # real `mkdocs build --strict` runs per kind of file, of examples `katalog check` passed


def check_strict(root: Path) -> tuple[int, list[str]]:
    """`katalog check --strict ROOT`, in this process: (exit code, its lines)."""
    code, lines, err = checked(root, strict=True)
    assert err == ""
    return code, lines


def assert_located(root: Path, code: int, lines: list[str]) -> None:
    """Exit 0 or 1; with 1, at least one problem; every problem at a line of an existing file."""
    assert code in (0, 1), lines
    problems = lines[:-1]
    assert bool(problems) == (code == 1), lines
    for line in problems:
        match = CHECK_LINE.fullmatch(line)
        assert match is not None, line
        path = root / match["path"]
        assert path.is_file(), line
        assert 1 <= int(match["line"]) <= len(path.read_bytes().split(b"\n")), line


def key_paths(node: object, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every key of every mapping (and every item of every list) in the data."""
    found: list[tuple[Any, ...]] = []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in children:
        found.append((*prefix, key))
        found.extend(key_paths(value, (*prefix, key)))
    return found


LINES = (",\n", ": ")  # JSON's separators: one item a line


def mutated(data: object, path: tuple[Any, ...], value: object | None) -> str:
    """The data with the key at `path` deleted (value None) or holding `value`, as JSON with one item a
    line: JSON is YAML too, and is written a hundred times faster than PyYAML writes YAML."""
    copy = json.loads(json.dumps(data))
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    if value is None:
        del parent[path[-1]]
        return json.dumps(copy, ensure_ascii=False, separators=LINES)
    parent[path[-1]] = TOKEN
    return json.dumps(copy, ensure_ascii=False, separators=LINES).replace(f'"{TOKEN}"', as_yaml(value))


def value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def load(relative: str) -> Any:
    return yaml.load((REPO / relative).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def build_some(root: Path, tmp_path: Path, relative: str, passed: list[str], builds: int) -> None:
    """A real `mkdocs build --strict` of the site with each of a few texts that `katalog check` passed."""
    chosen = list(dict.fromkeys(passed))
    chosen = chosen[:: max(1, len(chosen) // builds)][:builds]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    runs = []
    for number, text in enumerate(chosen):  # side by side: each waits on its own process
        site = tmp_path / f"build-{number}"
        shutil.copytree(root, site, ignore=shutil.ignore_patterns("site"))
        (site / relative).write_text(text, encoding="utf-8")
        output = subprocess.PIPE
        runs.append((text, subprocess.Popen(command, cwd=site, env=env, stdout=output, stderr=output, text=True)))
    for text, run in runs:
        _, errors = run.communicate(timeout=120)
        assert run.returncode == 0, (text, errors)


def check_mutations(
    root: Path, tmp_path: Path, relative: str, mutation: st.SearchStrategy[str], examples: int, builds: int = BUILDS
) -> list[str]:
    """Every mutated text: check never raises and locates its problems; a few it passes are built."""
    passed: list[str] = []

    @settings(PROPERTIES, max_examples=examples)
    @given(mutation)
    def check(text: str) -> None:
        with written(root, relative, text):
            code, lines = check_strict(root)
            assert_located(root, code, lines)
        if code == 0:
            passed.append(text)

    check()
    build_some(root, tmp_path, relative, passed, builds)
    return passed


INTERESTING = [
    *sorted(KINDS), *FIELD_OPTIONS, "initiative", "unit", "case", "article", "statuses", "themes", "nope", "../x",
    "/abs", "emner", "katalog", "temaer", "catalogue/x", "content", -1, 0, 1, 200, True, False, None, "", [], {},
    {"da": "X"}, {"da": ""}, ["email", "phone"], [{"one_of_required": ["a", "b"]}], [{"not_before": ["end", "start"]}],
]  # fmt: skip
replacements = st.sampled_from(INTERESTING) | values | raws


def mutation_of(data: object, paths: list[tuple[Any, ...]] | None = None) -> st.SearchStrategy[str]:
    """Delete a key (or list item) of the data, or give it another value."""
    chosen = paths if paths is not None else key_paths(data)
    return st.builds(
        lambda path, delete, value: mutated(data, path, None if delete else value),
        st.sampled_from(chosen),
        st.booleans(),
        replacements.filter(lambda value: value is not None),
    )


def test_any_mutation_of_the_schema(site_root: Path, tmp_path: Path) -> None:
    passed = check_mutations(site_root, tmp_path, SC, mutation_of(load(SC)), examples=90)
    assert passed  # some mutations are harmless (another label, another help text, ...)


VOCABULARIES = ["statuses", "themes"]  # the entries of the site use both


def test_any_mutation_of_a_vocabulary(site_root: Path, tmp_path: Path) -> None:
    for name in VOCABULARIES:
        relative = f"site_config/vocabularies/{name}.yml"
        assert check_mutations(site_root, tmp_path / name, relative, mutation_of(load(relative)), examples=35, builds=1)


PLACEHOLDER_PIECES = ["{count}", "{cout}", "{", "}", "{{", "}}", "{0}", "{a.b}", "{x!r}", "{x:>3}", "tekst", " ", "æøå"]
i18n_texts = st.lists(
    st.sampled_from([*PLACEHOLDER_PIECES, "<b>", "*", "[[x]]", "# ", "\n"]), min_size=1, max_size=5
).map("".join)


def test_any_mutation_of_an_i18n_file(site_root: Path, tmp_path: Path) -> None:
    data = load(DA)
    leaves = [path for path in key_paths(data) if not isinstance(value_at(data, path), dict)]
    mutation = st.builds(
        lambda path, value: mutated(data, path, value),
        st.sampled_from(leaves),
        i18n_texts | replacements.filter(lambda value: value is not None),
    ) | mutation_of(data, leaves)
    assert check_mutations(site_root, tmp_path, DA, mutation, examples=70)
