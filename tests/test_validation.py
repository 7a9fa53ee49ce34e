"""Every kind of bad input gives one exact, located, Danish problem line (as `katalog check` prints it)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from katalog.core.catalogue import build_catalogue

from .conftest import CASE, INITIATIVE, UNIT, Site, entry, problem_lines

INI = "catalogue/initiatives/a.md"
CAS = "catalogue/cases/b.md"
UNI = "catalogue/units/u.md"

MakeSite = Callable[..., Site]

YAML_HINT = "Tjek kolon, indrykning og anførselstegn; sæt tekst med kolon eller # i anførselstegn."
UNKNOWN_ID_HINT = "Tjek stavningen, eller opret posten først."


def unknown_id(where: str, key: str, target: str, hint: str = UNKNOWN_ID_HINT) -> str:
    return (
        f'{where}: error: {key}: der findes ingen post med id "{target}". '
        f'Forventet: id på en eksisterende post. Fundet: "{target}". {hint}'
    )


BAD: list[object] = [
    # --- the file itself --------------------------------------------------------------------
    pytest.param(
        {INI: entry("initiative", replace={"status:": "status: running: x"})},
        [
            f"{INI}:5:16: error: YAML kan ikke læses her (mapping values are not allowed in this context). {YAML_HINT}",
        ],
        id="yaml-syntax-error",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"    email:": "\temail: test@example.org"})},
        [
            f"{INI}:9:1: error: tabulatortegn i indrykningen. "
            "YAML tillader kun mellemrum i indrykningen; erstat tabulatoren med mellemrum.",
        ],
        id="tab-at-line-start",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"    email:": "  \t  email: test@example.org"})},
        [
            f"{INI}:9:3: error: tabulatortegn i indrykningen. "
            "YAML tillader kun mellemrum i indrykningen; erstat tabulatoren med mellemrum.",
        ],
        id="tab-inside-indentation",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"title:": 'title: "Ærø initiativ"'}).encode("latin-1")},
        [
            f"{INI}:2:9: error: filen er ikke gemt som UTF-8. Fundet: byten 0xC6, som ikke er UTF-8. "
            'Gem filen med tegnkodningen UTF-8 (i de fleste editorer under "Gem som").',
        ],
        id="latin-1",
    ),
    pytest.param(
        {INI: "# Overskrift\n\nTekst uden nøgler.\n"},
        [
            f"{INI}:1:1: error: filen mangler front-matter. "
            "Første linje skal være --- efterfulgt af nøglerne og endnu en linje ---.",
        ],
        id="no-front-matter",
    ),
    pytest.param(
        {INI: INITIATIVE.replace("\n---\n\nBrødtekst", "\n\nBrødtekst")},
        [
            f"{INI}:1:1: error: front-matter begynder i linje 1, men bliver aldrig afsluttet. "
            "Tilføj en linje med --- efter den sidste nøgle.",
        ],
        id="unclosed-front-matter",
    ),
    pytest.param(
        {INI: ""},
        [
            f"{INI}:1:1: error: filen er tom. "
            "Begynd filen med en linje ---, skriv nøglerne, og afslut med en linje ---.",
        ],
        id="empty-file",
    ),
    pytest.param(
        {INI: "\n   \n"},
        [
            f"{INI}:1:1: error: filen er tom. "
            "Begynd filen med en linje ---, skriv nøglerne, og afslut med en linje ---.",
        ],
        id="blank-file",
    ),
    pytest.param(
        {INI: "---\n- a\n- b\n---\n"},
        [
            f"{INI}:2:1: error: front-matter skal bestå af nøgler med værdier. "
            "Skriv hver nøgle på sin egen linje som nøgle: værdi.",
        ],
        id="front-matter-is-a-list",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"title:": 'title: &t "Et lille initiativ"'}, add="related: *t")},
        [
            f"{INI}:2:8: error: YAML-ankre og -aliaser (& og *) bruges ikke i poster. "
            "Skriv værdien ud de steder, hvor den skal bruges.",
        ],
        id="yaml-alias",
    ),
    # --- keys and types ---------------------------------------------------------------------
    pytest.param(
        {INI: entry("initiative", add='titel: "Et lille initiativ"')},
        [f'{INI}:10:1: error: titel: ukendt nøgle "titel". Mente du "title"?'],
        id="unknown-key",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"    email:": "    emial: test@example.org"})},
        [
            f'{INI}:8:5: error: contacts[0]: angiv mindst én af nøglerne "email" og "phone". '
            'Tilføj "email" eller "phone".',
            f'{INI}:9:5: error: contacts[0].emial: ukendt nøgle "emial". Mente du "email"?',
        ],
        id="unknown-nested-key",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"title:": ""})},
        [
            f'{INI}:2:1: error: title: den påkrævede nøgle "title" mangler. '
            'Forventet: tekst på 3 til 120 tegn. Tilføj linjen "title: ..." i front-matter.',
        ],
        id="missing-key",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"themes:": "themes: {a: samskabelse}"})},
        [
            f"{INI}:6:9: error: themes: forkert slags værdi. "
            "Forventet: en liste, hver med et udtryk fra ordlisten Temaer. Fundet: et objekt med nøgler.",
        ],
        id="themes-is-a-mapping",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"themes:": "themes: samskabelse"})},
        [
            f"{INI}:6:9: error: themes: forkert slags værdi. "
            'Forventet: en liste, hver med et udtryk fra ordlisten Temaer. Fundet: teksten "samskabelse". '
            "Skriv værdien som en liste: [samskabelse].",
        ],
        id="themes-is-a-single-text",
    ),
    pytest.param(
        {INI: entry("initiative", add="type: case")},
        [
            f'{INI}:10:7: error: type: typen "case" passer ikke til mappen catalogue/initiatives/. '
            'Forventet: initiative. Fundet: "case". '
            'Poster af typen "case" hører til i catalogue/cases/; flyt filen eller ret typen.',
        ],
        id="type-does-not-match-folder",
    ),
    pytest.param(
        {INI: entry("initiative", add="type: initiativ")},
        [
            f'{INI}:10:7: error: type: ukendt type "initiativ". '
            'Forventet: initiative, case, unit, article. Fundet: "initiativ". Mente du "initiative"?',
        ],
        id="unknown-type",
    ),
    # --- values -----------------------------------------------------------------------------
    pytest.param(
        {CAS: entry("case", add="reviewed: 2025-02-30")},
        [
            f"{CAS}:10:11: error: reviewed: datoen 2025-02-30 findes ikke. "
            'Forventet: en dato ÅÅÅÅ-MM-DD. Fundet: "2025-02-30". Tjek måned og dag.',
        ],
        id="impossible-date",
    ),
    pytest.param(
        {INI: entry("initiative", add="period:\n  start: 2024-05\n  end: 2023")},
        [
            f'{INI}:12:8: error: period.end: "end" (2023) ligger før "start" (2024-05). '
            'Forventet: tidligst "start" (2024-05). Fundet: 2023. '
            'Byt om på "end" og "start", eller ret årstallet.',
        ],
        id="end-before-start",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"    email:": "    email: test(at)example.org"})},
        [
            f'{INI}:9:12: error: contacts[0].email: "test(at)example.org" er ikke en gyldig e-mailadresse. '
            'Forventet: en e-mailadresse. Fundet: "test(at)example.org". Skriv adressen som navn@domæne.dk.',
        ],
        id="invalid-email",
    ),
    pytest.param(
        {CAS: entry("case", replace={"year:": "year: 24"})},
        [
            f'{CAS}:5:7: error: year: "24" er ikke et årstal. '
            "Forventet: et årstal med fire cifre. Fundet: tallet 24. Skriv årstallet med fire cifre, fx 2024.",
        ],
        id="two-digit-year",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"title:": "title: ab"})},
        [
            f"{INI}:2:8: error: title: teksten er for kort (2 tegn). "
            "Forventet: 3 til 120 tegn. Fundet: 2 tegn. Skriv lidt mere.",
        ],
        id="title-too-short",
    ),
    # --- ids --------------------------------------------------------------------------------
    pytest.param(
        {INI: entry("initiative", add='id: "Min Post"')},
        [
            f'{INI}:10:5: error: id: "Min Post" er ikke et gyldigt id. '
            'Forventet: små bogstaver a-z, tal og enkelte bindestreger. Fundet: "Min Post". '
            'Brug kun små bogstaver a-z, tal og enkelte bindestreger, fx "min-post".',
        ],
        id="id-not-a-slug",
    ),
    pytest.param(
        {"catalogue/initiatives/Min Post.md": INITIATIVE},
        [
            'catalogue/initiatives/Min Post.md:1:1: error: id: filnavnet "Min Post.md" kan ikke bruges som id. '
            'Forventet: små bogstaver a-z, tal og enkelte bindestreger. Fundet: "Min Post.md". '
            'Omdøb filen til "min-post.md" eller angiv et id med nøglen id.',
        ],
        id="file-name-not-a-slug",
    ),
    pytest.param(
        {"catalogue/initiatives/faelles.md": INITIATIVE, "catalogue/cases/faelles.md": CASE},
        [
            'catalogue/initiatives/faelles.md:1:1: error: id: id "faelles" bruges allerede af '
            'catalogue/cases/faelles.md. Fundet: "faelles". Giv filen et andet navn eller angiv et andet id; '
            "id'er skal være unikke på tværs af alle typer.",
        ],
        id="duplicate-id-across-types",
    ),
    pytest.param(
        {INI: entry("initiative", add="id: faxe-x"), "catalogue/cases/Faxe-X.md": CASE},
        [
            'catalogue/cases/Faxe-X.md:1:1: error: id: filnavnet "Faxe-X.md" kan ikke bruges som id. '
            'Forventet: små bogstaver a-z, tal og enkelte bindestreger. Fundet: "Faxe-X.md". '
            'Omdøb filen til "faxe-x.md" eller angiv et id med nøglen id.',
            f'{INI}:10:5: error: id: id "faxe-x" adskiller sig kun fra "Faxe-X" (catalogue/cases/Faxe-X.md) '
            'ved store og små bogstaver. Fundet: "faxe-x". Giv filen et andet navn eller angiv et andet id; '
            "id'er skal være unikke på tværs af alle typer.",
        ],
        id="ids-differ-in-case-file-name",
    ),
    pytest.param(
        {INI: entry("initiative", add="id: faxe-x"), CAS: entry("case", add="id: Faxe-X")},
        [
            f'{CAS}:10:5: error: id: "Faxe-X" er ikke et gyldigt id. '
            'Forventet: små bogstaver a-z, tal og enkelte bindestreger. Fundet: "Faxe-X". '
            'Brug kun små bogstaver a-z, tal og enkelte bindestreger, fx "faxe-x".',
        ],
        # The invalid id is reported once; the entry keeps its file name as id, so nothing collides.
        id="ids-differ-in-case-explicit-id",
    ),
    # --- references -------------------------------------------------------------------------
    pytest.param(
        {INI: entry("initiative", add="related: [findes-ikke]")},
        [unknown_id(f"{INI}:10:11", "related[0]", "findes-ikke")],
        id="unknown-related",
    ),
    pytest.param(
        {INI: entry("initiative", add="units: [findes-ikke]")},
        [unknown_id(f"{INI}:10:9", "units[0]", "findes-ikke")],
        id="unknown-units",
    ),
    pytest.param(
        {UNI: entry("unit", add="parent: findes-ikke")},
        [unknown_id(f"{UNI}:10:9", "parent", "findes-ikke")],
        id="unknown-parent",
    ),
    pytest.param(
        {INI: entry("initiative", add="based_on: findes-ikke")},
        [unknown_id(f"{INI}:10:11", "based_on", "findes-ikke")],
        id="unknown-based-on",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"    email:": "    email: test@example.org\n    unit: findes-ikke"})},
        [unknown_id(f"{INI}:10:11", "contacts[0].unit", "findes-ikke")],
        id="unknown-contact-unit",
    ),
    pytest.param(
        {INI: entry("initiative", body="Første afsnit.\n\nSe også [[findes-ikke]] her.\n")},
        [unknown_id(f"{INI}:14:9", "[[findes-ikke]]", "findes-ikke")],
        id="unknown-wikilink-in-body",
    ),
    pytest.param(
        {INI: entry("initiative", add="related: [uu]"), UNI: UNIT},
        [unknown_id(f"{INI}:10:11", "related[0]", "uu", hint='Mente du "u"?')],
        id="unknown-related-with-suggestion",
    ),
    pytest.param(
        {INI: entry("initiative", add="units: [b]"), CAS: CASE},
        [f'{INI}:10:9: error: units[0]: "b" er ikke den rigtige slags post. Forventet: Visitkort. Fundet: Case.'],
        id="reference-to-wrong-type",
    ),
    # --- vocabularies -----------------------------------------------------------------------
    pytest.param(
        {INI: entry("initiative", replace={"municipality:": "municipality: Arhus"})},
        [
            f'{INI}:4:15: error: municipality: ukendt kommune: "Arhus". '
            'Forventet: et udtryk fra ordlisten Kommuner. Fundet: "Arhus". Mente du "Aarhus" (aarhus)?',
        ],
        id="unknown-term",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"municipality:": "municipality: [aarhus, Arhus]"})},
        [
            f'{INI}:4:24: error: municipality[1]: ukendt kommune: "Arhus". '
            'Forventet: et udtryk fra ordlisten Kommuner. Fundet: "Arhus". Mente du "Aarhus" (aarhus)?',
        ],
        id="unknown-term-in-list",
    ),
    pytest.param(
        {INI: entry("initiative", replace={"municipality:": "municipality: Århus"})},
        [
            f'{INI}:4:15: warning: municipality: "Århus" er et synonym for "Aarhus". '
            'Forventet: aarhus. Fundet: "Århus". Skriv "aarhus" i stedet.',
        ],
        id="synonym-is-a-warning",
    ),
]


@pytest.mark.parametrize(("files", "expected"), BAD)
def test_bad_input_gives_exact_problem_lines(
    make_site: MakeSite, files: Mapping[str, str | bytes], expected: list[str]
) -> None:
    site = make_site(files)
    assert problem_lines(site) == expected


# --- YAML 1.1 surprises where text is expected -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "value", "found"),
    [
        ("NO", "en ja/nej-værdi", "false", "ja/nej-værdien NO"),
        ("yes", "en ja/nej-værdi", "true", "ja/nej-værdien yes"),
        ("on", "en ja/nej-værdi", "true", "ja/nej-værdien on"),
        ("1.10", "et tal", "1.1", "tallet 1.10"),
        ("12:30", "et tal", "750", "tallet 12:30"),
    ],
)
def test_yaml_11_value_where_text_is_expected(make_site: MakeSite, raw: str, kind: str, value: str, found: str) -> None:
    site = make_site({CAS: entry("case", add=f"department: {raw}")})
    assert problem_lines(site) == [
        f'{CAS}:10:13: error: department: "{raw}" blev læst som {kind} ({value}), ikke som tekst. '
        f'Forventet: tekst på højst 120 tegn. Fundet: {found}. Sæt værdien i anførselstegn: "{raw}".'
    ]


def test_yaml_11_boolean_in_a_list_of_keywords(make_site: MakeSite) -> None:
    site = make_site({CAS: entry("case", add="tags: [yes]")})
    assert problem_lines(site) == [
        f'{CAS}:10:8: error: tags[0]: "yes" blev læst som en ja/nej-værdi (true), ikke som tekst. '
        'Forventet: et emneord. Fundet: ja/nej-værdien yes. Sæt værdien i anførselstegn: "yes".'
    ]


def test_yaml_11_boolean_as_title(make_site: MakeSite) -> None:
    site = make_site({CAS: entry("case", replace={"title:": "title: NO"})})
    assert problem_lines(site) == [
        f'{CAS}:2:8: error: title: "NO" blev læst som en ja/nej-værdi (false), ikke som tekst. '
        'Forventet: tekst på 3 til 120 tegn. Fundet: ja/nej-værdien NO. Sæt værdien i anførselstegn: "NO".'
    ]


@pytest.mark.parametrize("quoted", ['"NO"', "'yes'", '"1.10"', "42"])
def test_quoted_values_and_plain_numbers_are_text(make_site: MakeSite, quoted: str) -> None:
    site = make_site({CAS: entry("case", add=f"department: {quoted}")})
    assert problem_lines(site) == []


@pytest.mark.parametrize("url", ["ftp://example.org/fil", '"javascript:alert(1)"'])
def test_link_url_must_be_http_or_https(make_site: MakeSite, url: str) -> None:
    site = make_site({INI: entry("initiative", add=f'links:\n  - title: "Et link"\n    url: {url}')})
    shown = url.strip('"')
    assert problem_lines(site) == [
        f'{INI}:12:10: error: links[0].url: "{shown}" er ikke en gyldig webadresse. '
        f'Forventet: en webadresse, der begynder med http:// eller https://. Fundet: "{shown}". '
        "Skriv hele adressen med http:// eller https:// foran."
    ]


# --- what is accepted ---------------------------------------------------------------------------


def test_minimal_entries_are_valid(make_site: MakeSite) -> None:
    site = make_site({INI: INITIATIVE, CAS: CASE, UNI: UNIT})
    catalogue = build_catalogue(site.root)
    assert catalogue.problems == []
    assert sorted(catalogue.entries) == ["a", "b", "u"]
    assert catalogue.files == 4  # three entries and content/index.md


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: "\ufeff" + text, id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n"), id="crlf"),
        pytest.param(lambda text: "\ufeff" + text.replace("\n", "\r\n"), id="bom-crlf"),
        pytest.param(lambda text: text.replace("\n", "\r"), id="cr"),
    ],
)
def test_bom_and_crlf_are_accepted_and_keep_line_numbers(make_site: MakeSite, encode: Callable[[str], str]) -> None:
    site = make_site({INI: encode(INITIATIVE)})
    assert problem_lines(site) == []
    # An error on line 5 (status) and one in the body on line 13 stay on lines 5 and 13.
    broken = entry("initiative", replace={"status:": "status: yes"}, body="Tekst.\nSe [[nej]].\n")
    site = make_site({INI: encode(broken)})
    assert problem_lines(site) == [
        f'{INI}:5:9: error: status: "yes" blev læst som en ja/nej-værdi (true), ikke som tekst. '
        'Forventet: et udtryk fra ordlisten Status. Fundet: ja/nej-værdien yes. Sæt værdien i anførselstegn: "yes".',
        unknown_id(f"{INI}:13:4", "[[nej]]", "nej"),
    ]


def test_bom_keeps_columns(make_site: MakeSite) -> None:
    site = make_site({INI: "\ufeff" + entry("initiative", replace={"status:": "status: running: x"})})
    assert problem_lines(site) == [
        f"{INI}:5:16: error: YAML kan ikke læses her (mapping values are not allowed in this context). {YAML_HINT}",
    ]


def test_wikilinks_in_code_are_not_references(make_site: MakeSite) -> None:
    body = "```\n[[findes-ikke]]\n```\n\nKode: `[[nej]]`.\n"
    site = make_site({INI: entry("initiative", body=body)})
    assert problem_lines(site) == []


def test_problems_of_all_files_are_collected_and_sorted(make_site: MakeSite) -> None:
    site = make_site(
        {
            UNI: entry("unit", add="parent: nej"),
            INI: entry("initiative", replace={"municipality:": "municipality: Arhus"}, add="related: [nix]"),
            CAS: "",
        }
    )
    assert problem_lines(site) == [
        f"{CAS}:1:1: error: filen er tom. Begynd filen med en linje ---, skriv nøglerne, og afslut med en linje ---.",
        f'{INI}:4:15: error: municipality: ukendt kommune: "Arhus". '
        'Forventet: et udtryk fra ordlisten Kommuner. Fundet: "Arhus". Mente du "Aarhus" (aarhus)?',
        unknown_id(f"{INI}:10:11", "related[0]", "nix"),
        unknown_id(f"{UNI}:10:9", "parent", "nej"),
    ]


# --- bugs: how it SHOULD behave -------------------------------------------------------------------


def test_duplicate_key_is_reported(make_site: MakeSite) -> None:
    site = make_site({INI: entry("initiative", add="status: ended")})
    assert problem_lines(site) == [
        f'{INI}:10:1: error: status: nøglen "status" står to gange (første gang i linje 5). '
        "Slet den ene eller slå dem sammen; ellers ville den første værdi gå tabt uden varsel.",
    ]


def test_unclosed_flow_list_is_reported_on_its_own_line(make_site: MakeSite) -> None:
    site = make_site({INI: entry("initiative", add="tags: [netværk, videndeling")})
    lines = problem_lines(site)
    assert len(lines) == 1
    assert lines[0].startswith(f"{INI}:10:")
    assert "YAML kan ikke læses her" in lines[0]


def test_not_utf8_column_counts_characters(make_site: MakeSite) -> None:
    text = entry("initiative", replace={"title:": 'title: "Brød Ærø"'}).encode("utf-8")
    text = text.replace("Ærø".encode(), "Ærø".encode("latin-1"))
    site = make_site({INI: text})
    assert problem_lines(site) == [
        f"{INI}:2:14: error: filen er ikke gemt som UTF-8. Fundet: byten 0xC6, som ikke er UTF-8. "
        'Gem filen med tegnkodningen UTF-8 (i de fleste editorer under "Gem som").',
    ]


@pytest.mark.parametrize("empty", ["id:", "id: ~", "id: null"])
def test_empty_id_is_not_silently_used(make_site: MakeSite, empty: str) -> None:
    site = make_site({INI: entry("initiative", add=empty)})
    catalogue = build_catalogue(site.root)
    # Either the file name is used, or the empty id is reported on its line; never a silent bad id.
    reported = any(p.line == 10 and p.is_error for p in catalogue.problems)
    assert reported or list(catalogue.entries) == ["a"]


def test_explicit_yaml_tag_is_reported_where_it_stands(make_site: MakeSite) -> None:
    site = make_site({INI: entry("initiative", replace={"title:": "title: !!binary aGVsbG8gdmVu"})})
    assert problem_lines(site) == [
        f"{INI}:2:8: error: title: YAML-mærket !!binary bruges ikke i poster. "
        "Fjern mærket (det, der begynder med !), og skriv værdien som almindelig tekst."
    ]


def test_unknown_wikilink_in_content_page_is_reported(make_site: MakeSite) -> None:
    site = make_site({"content/index.md": "# Forside\n\nSe [[findes-ikke]].\n"})
    assert problem_lines(site) == [unknown_id("content/index.md:3:4", "[[findes-ikke]]", "findes-ikke")]
