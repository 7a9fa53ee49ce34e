"""One schema, many outputs: JSON Schema, Decap CMS, GitHub issue forms, the field reference, the files."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from katalog.core.config.schema import Field
from katalog.core.config.siteconfig import SiteConfig, load_site_config
from katalog.core.read import frontmatter, yamlnodes, yamlparse
from katalog.exports import PATTERNS
from katalog.exports.decap import decap_config
from katalog.exports.decap_admin_page import DECAP_INTEGRITY, DECAP_SCRIPT, decap_index_html
from katalog.exports.field_reference import field_reference_markdown
from katalog.exports.issue_forms import MAX_OPTIONS, issue_forms
from katalog.exports.json_schema import DIALECT, json_schemas
from katalog.exports.write import GENERATED, render_all, stale_files, write_all

from .conftest import REPO, VALID, copy_example_config


# The texts the exporters take from site_config/i18n/; the same blocks go into da.yml and en.yml.
def copy_site_config(root: Path, *, language: str = "da", site_lines: str = "") -> SiteConfig:
    """The repository's site_config/ under root, loaded."""
    target = root / "site_config"
    copy_example_config(target)
    site = target / "site.yml"
    text = site.read_text(encoding="utf-8").replace("language: da", f"language: {language}")
    site.write_text(text + site_lines, encoding="utf-8")
    return load_site_config(root)


@pytest.fixture
def config(tmp_path: Path) -> SiteConfig:
    return copy_site_config(tmp_path)


def key_paths(fields: dict[str, Field], prefix: str = "") -> list[str]:
    paths = []
    for name, field in fields.items():
        paths.append(f"{prefix}{name}")
        paths += key_paths(field.fields, f"{prefix}{name}{'[]' if field.many else ''}.")
    return paths


# --- all outputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_text_key_is_defined(tmp_path: Path, language: str) -> None:
    config = copy_site_config(tmp_path, language=language)
    texts = [*render_all(config).values(), field_reference_markdown(config)]
    missing = sorted({m for text in texts for m in re.findall(r"reference\.[a-z_.]+", text)})
    assert missing == []


def test_output_is_deterministic_and_parses_back(config: SiteConfig) -> None:
    first, second = render_all(config), render_all(config)
    assert first == second
    assert list(first) == list(second)
    header = "# Generated from site_config/ by `katalog export`; do not edit by hand.\n"
    assert first["content/admin/config.yml"].startswith(header)
    assert yaml.safe_load(first["content/admin/config.yml"]) == decap_config(config)
    for name, form in issue_forms(config).items():
        text = first[f".github/ISSUE_TEMPLATE/{name}"]
        assert text.startswith(header)
        assert yaml.safe_load(text) == form
    for name, schema in json_schemas(config).items():
        text = first[f"content/schemas/{name}.schema.json"]
        assert text.endswith("}\n")
        assert json.loads(text) == schema
    assert [pattern for pattern, _ in GENERATED] == [
        "{content}/admin/config.yml",
        "{content}/admin/index.html",
        ".github/ISSUE_TEMPLATE/{name}",
        "{content}/schemas/{name}.schema.json",
    ]


# --- JSON Schema -----------------------------------------------------------------------------------
# jsonschema is not installed (and not a dependency), so this small validator covers exactly the
# keywords the exporter writes; an unknown keyword fails the test rather than passing unchecked.

_ANNOTATIONS = {"$schema", "$comment", "title", "description", "format"}
_JSON_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def schema_errors(schema: dict[str, Any], value: Any, path: str = "") -> list[str]:
    errors: list[str] = []
    for keyword, arg in schema.items():
        if keyword in _ANNOTATIONS or keyword in ("items", "properties", "additionalProperties"):
            continue
        if keyword == "type":
            ok = _JSON_TYPES[arg](value)
            if not ok:
                return [f"{path}: not {arg}: {value!r}"]
        elif keyword == "const":
            ok = value == arg
        elif keyword == "enum":
            ok = value in arg
        elif keyword == "pattern":
            ok = not isinstance(value, str) or re.search(arg, value) is not None
        elif keyword == "minLength":
            ok = not isinstance(value, str) or len(value) >= arg
        elif keyword == "maxLength":
            ok = not isinstance(value, str) or len(value) <= arg
        elif keyword == "minimum":
            ok = not isinstance(value, int) or value >= arg
        elif keyword == "maximum":
            ok = not isinstance(value, int) or value <= arg
        elif keyword == "minItems":
            ok = not isinstance(value, list) or len(value) >= arg
        elif keyword == "required":
            ok = not isinstance(value, dict) or all(key in value for key in arg)
        elif keyword == "anyOf":
            ok = any(not schema_errors(sub, value, path) for sub in arg)
        elif keyword == "oneOf":
            ok = sum(not schema_errors(sub, value, path) for sub in arg) == 1
        elif keyword == "allOf":
            errors += [error for sub in arg for error in schema_errors(sub, value, path)]
            ok = True
        else:
            raise AssertionError(f"the test validator does not know {keyword!r}")
        if not ok:
            errors.append(f"{path}: {keyword} {arg!r} fails for {value!r}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(schema["items"], item, f"{path}[{index}]")
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            if key in schema["properties"]:
                errors += schema_errors(schema["properties"][key], item, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key {key!r}")
    return errors


def front_matter(text: str) -> dict[str, Any]:
    """Front-matter as JSON Schema tools see it (dates stay text); {} for a page without it."""
    split = frontmatter.split(text, required=False)
    data = yamlnodes.to_plain(yamlparse.parse(split.yaml_text).root) if split.yaml_text else {}
    assert isinstance(data, dict)
    return data


def example_entries(config: SiteConfig) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, type, front-matter) of the repository's example entries; plain pages left out."""
    found = []
    for path in sorted([*(REPO / "catalogue").rglob("*.md"), *(REPO / "content").rglob("*.md")]):
        data = front_matter(path.read_text(encoding="utf-8"))
        folder_type = config.schema.type_for_folder(path.parent.relative_to(REPO).as_posix())
        kind = data.get("type") or (folder_type.name if folder_type and folder_type.in_catalogue else None)
        if kind:
            found.append((path.relative_to(REPO).as_posix(), str(kind), data))
    return found


def test_json_schema_accepts_every_example_entry(config: SiteConfig) -> None:
    schemas = json_schemas(config)
    examples = example_entries(config)
    assert {kind for _, kind, _ in examples} == set(schemas)  # every type has an example to check
    for path, kind, data in examples:
        assert schema_errors(schemas[kind], data) == [], path
    for kind, text in VALID.items():
        assert schema_errors(schemas[kind], front_matter(text)) == [], kind


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status": "igang"}, ".status: enum"),
        ({"themes": "samskabelse"}, ".themes: not array"),
        ({"year": 2024}, "unknown key 'year'"),
        ({"title": "Ab"}, ".title: minLength"),
        ({"id": "Ikke et id"}, ".id: pattern"),
        ({"reviewed": "1. oktober 2026"}, ".reviewed: pattern"),
        ({"contacts": [{"name": "Navn Navnesen"}]}, ".contacts[0]: anyOf"),
        ({"contacts": [{"name": "Navn", "email": "ikke-en-adresse"}]}, ".contacts[0].email: pattern"),
        ({"period": {"start": "2024-1"}}, ".period.start: anyOf"),
        ({"type": "case"}, ".type: const"),
    ],
)
def test_json_schema_rejects_bad_values(config: SiteConfig, change: dict[str, Any], expected: str) -> None:
    data = {**front_matter(VALID["initiative"]), **change}
    assert any(expected in error for error in schema_errors(json_schemas(config)["initiative"], data))


def test_json_schema_structure(config: SiteConfig) -> None:
    schemas = json_schemas(config)
    assert list(schemas) == list(config.schema.types)
    for name, schema in schemas.items():
        assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert schema["properties"]["type"]["const"] == name
        assert set(schema["properties"]) == {"type", *config.schema.types[name].fields}
    initiative = schemas["initiative"]
    assert initiative["title"] == "Initiativ"
    assert initiative["required"] == ["title", "summary", "municipality", "themes", "status"]
    themes = initiative["properties"]["themes"]
    assert themes["items"]["enum"] == list(config.vocabularies["themes"].terms)
    assert "samskabelse (Samskabelse)" in themes["description"]
    assert themes["minItems"] == 1
    municipality = initiative["properties"]["municipality"]
    assert [alternative.get("type") for alternative in municipality["oneOf"]] == ["string", "array"]
    assert initiative["properties"]["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert initiative["properties"]["reviewed"]["format"] == "date"
    contact = initiative["properties"]["contacts"]["items"]
    assert contact["required"] == ["name"]
    assert contact["properties"]["email"]["format"] == "email"
    assert initiative["properties"]["links"]["items"]["properties"]["url"]["format"] == "uri"
    assert schemas["case"]["properties"]["year"]["type"] == "integer"
    assert schemas["article"]["required"][0] == "type"  # outside the catalogue, `type` makes an entry


def test_patterns_match_what_katalog_check_accepts() -> None:
    good = {
        "slug": "aarhus-2024",
        "date": "2026-10-01",
        "partial_date": "2026-10",
        "email": "a.b@example.org",
        "phone": "+45 12 34 56 78",
        "url": "https://example.org/a?b=c",
    }
    bad = {
        "slug": "Aarhus--2024",
        "date": "2026-1-01",
        "partial_date": "26",
        "email": "a@b",
        "phone": "12",
        "url": "ftp://example.org",
    }
    for kind, value in good.items():
        assert re.search(PATTERNS[kind], value), kind
        assert not re.search(PATTERNS[kind], bad[kind]), kind


# --- Decap CMS ---------------------------------------------------------------------------------------


def fields_by_name(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in collection["fields"]}


def test_decap_config(config: SiteConfig) -> None:
    cms = decap_config(config)
    assert cms["backend"] == {"name": "github", "repo": "OWNER/REPO", "branch": "main"}
    assert cms["publish_mode"] == "editorial_workflow"
    assert cms["local_backend"] is True
    assert cms["locale"] == "da"
    assert cms["media_folder"] == "content/assets"
    # Relative to the entry's Markdown file (one folder deep), so images work under any sub-path.
    assert cms["public_folder"] == "../assets"
    collections = {collection["name"]: collection for collection in cms["collections"]}
    assert {name: c["folder"] for name, c in collections.items()} == {
        "initiative": "catalogue/initiatives",
        "case": "catalogue/cases",
        "unit": "catalogue/units",
        "article": "content/vidensbank",
    }
    for name, collection in collections.items():
        assert collection["create"] is True
        # The admin script reads and writes the type's files and names new ones as `katalog new` does.
        assert (collection["slug"], collection["extension"], collection["format"]) == (
            "{{fields.__katalog_id}}",
            "md",
            f"katalog-{name}",
        )
        fields = fields_by_name(collection)
        assert fields["type"] == {"label": "Posttype", "name": "type", "widget": "hidden", "default": name}
        assert fields["body"]["widget"] == "markdown"
        assert fields["body"]["required"] is False  # the schema never requires a body
        assert fields["id"] == {
            "label": "Id",
            "name": "id",
            "widget": "katalog-id",
            "hint": "Fast adresse for posten: små bogstaver, tal og bindestreger.",
            "required": False,
        }
        assert set(fields) == {"type", "body", *config.schema.types[name].fields}
    assert collections["article"]["filter"] == {"field": "type", "value": "article"}

    initiative = fields_by_name(collections["initiative"])
    assert initiative["title"]["label"] == "Titel"
    assert initiative["title"]["hint"] == "Kort, sigende titel."
    assert "required" not in initiative["title"]
    assert initiative["summary"]["widget"] == "text"
    assert initiative["tags"] == {
        "label": "Emneord",
        "name": "tags",
        "widget": "list",
        "hint": "Frie emneord.",
        "required": False,
    }
    assert initiative["themes"]["widget"] == "select"
    assert initiative["themes"]["multiple"] is True
    assert {"label": "Samskabelse", "value": "samskabelse"} in initiative["themes"]["options"]
    # One municipality or several: a multi-select; the admin script shows a single value in it and
    # writes a list of one back as the single value.
    assert initiative["municipality"]["multiple"] is True
    assert "multiple" not in initiative["status"]
    assert initiative["units"] == {
        "label": "Enheder",
        "name": "units",
        "widget": "relation",
        "collection": "unit",
        "search_fields": ["title"],
        "value_field": "{{slug}}",
        "display_fields": ["title"],
        "multiple": True,
        "required": False,
    }
    assert initiative["reviewed"]["widget"] == "datetime"
    assert (initiative["reviewed"]["date_format"], initiative["reviewed"]["time_format"]) == ("YYYY-MM-DD", False)
    assert initiative["period"]["widget"] == "object"
    assert initiative["period"]["fields"][0]["pattern"][0] == PATTERNS["partial_date"]
    contacts = initiative["contacts"]
    assert contacts["widget"] == "list"
    assert [f["name"] for f in contacts["fields"]] == ["name", "role", "email", "phone", "unit"]
    # A collapsed contact shows its name and role, not the field's label.
    assert contacts["summary"] == "{{fields.name}} · {{fields.role}}"
    assert fields_by_name(contacts)["unit"]["widget"] == "relation"
    assert fields_by_name(contacts)["email"]["pattern"][0] == PATTERNS["email"]
    case = fields_by_name(collections["case"])
    assert (case["year"]["widget"], case["year"]["value_type"]) == ("number", "int")
    assert case["learnings"]["field"]["widget"] == "text"
    assert case["learnings"]["min"] == 1
    assert case["learnings"]["summary"] == "{{fields.learnings}}"
    unit = fields_by_name(collections["unit"])
    assert unit["contacts"]["min"] == 1 and "required" not in unit["contacts"]


def test_decap_articles_folder_from_site_yml(tmp_path: Path) -> None:
    config = copy_site_config(tmp_path, site_lines="articles_folder: artikler\n")
    (article,) = [c for c in decap_config(config)["collections"] if c["name"] == "article"]
    assert article["folder"] == "content/artikler"


def test_decap_repository_and_locale_from_site_yml(tmp_path: Path) -> None:
    config = copy_site_config(tmp_path, language="en", site_lines='repository: "kommune/katalog"\n')
    cms = decap_config(config)
    assert cms["backend"]["repo"] == "kommune/katalog"
    assert cms["locale"] == "en"
    assert fields_by_name(cms["collections"][0])["title"]["label"] == "Title"


def test_decap_admin_page(config: SiteConfig) -> None:
    html = decap_index_html(config)
    assert f'<script src="{DECAP_SCRIPT}" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous"></script>' in html
    assert re.fullmatch(r"https://unpkg\.com/decap-cms@3\.\d+\.\d+/dist/decap-cms\.js", DECAP_SCRIPT)
    assert "<title>Redigér Samskabelseskataloget</title>" in html
    assert '<html lang="da">' in html
    # Decap waits for the admin script, which registers Katalog's additions and then starts it.
    assert html.index("window.CMS_MANUAL_INIT = true") < html.index(DECAP_SCRIPT)
    found = re.search(r'<script type="application/json" id="katalog-decap-data">(.*?)</script>', html)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["texts"]["one_of_required"] == 'Udfyld mindst én af "{a}" og "{b}".'
    assert data["types"]["initiative"]["rules"] == [["one_of_required", "units", "contacts"]]
    assert data["types"]["initiative"]["fields"]["contacts"]["rules"] == [["one_of_required", "email", "phone"]]
    assert data["types"]["initiative"]["fields"]["municipality"]["allowSingle"] is True
    assert data["nordic"]["æ"] == "ae" and data["nordic"]["ø"] == "oe" and data["nordic"]["å"] == "aa"
    assert data["vocabularies"]["municipalities"]["labels"]["aeroe"] == "Ærø"
    reserved = re.compile(f"(?:{data['reservedIds']})")
    assert reserved.fullmatch("index") and reserved.fullmatch("2024") and not reserved.fullmatch("index-2024")


def test_decap_admin_page_json_cannot_close_its_script(tmp_path: Path) -> None:
    copy_site_config(tmp_path)
    site = tmp_path / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace('name: "Samskabelseskataloget"', 'name: "</script><b>x"'))
    html = decap_index_html(load_site_config(tmp_path))
    assert html.count("</script>") == html.count("<script")
    assert "<b>x" not in html


# --- GitHub issue forms ----------------------------------------------------------------------------


def test_issue_forms_are_valid(config: SiteConfig) -> None:
    forms = issue_forms(config)
    assert list(forms) == ["initiative.yml", "case.yml", "unit.yml"]
    for file_name, form in forms.items():
        type_name = file_name.removesuffix(".yml")
        assert form["name"] and form["description"]
        assert form["labels"] == [type_name]
        body = form["body"]
        assert body[0]["type"] == "markdown" and body[0]["attributes"]["value"]
        elements = [element for element in body if element["type"] != "markdown"]
        ids = [element["id"] for element in elements]
        labels = [element["attributes"]["label"] for element in elements]
        assert len(set(ids)) == len(ids), file_name
        assert len(set(labels)) == len(labels), file_name
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", element_id) for element_id in ids)
        for element in elements:
            assert element["type"] in ("input", "textarea", "dropdown")
            assert element["attributes"]["label"].strip()
            assert isinstance(element["validations"]["required"], bool)
            if element["type"] == "dropdown":
                options = element["attributes"]["options"]
                assert 0 < len(options) <= MAX_OPTIONS
                assert len(set(options)) == len(options) and all(options)
        fields = config.schema.types[type_name].fields
        assert len(elements) == len(fields) + 1  # every field, then the body
        required = {e["id"].removeprefix("entry_") for e in elements if e["validations"]["required"]}
        assert required == {name for name, field in fields.items() if field.required}


def test_issue_forms_in_danish(config: SiteConfig) -> None:
    form = issue_forms(config)["initiative.yml"]
    assert (form["name"], form["title"]) == ("Initiativ", "[Initiativ] ")
    elements = {element.get("id"): element for element in form["body"]}
    assert elements["entry_title"]["type"] == "input"
    assert elements["entry_title"]["attributes"]["label"] == "Titel"
    assert elements["summary"]["type"] == "textarea"
    municipality = elements["municipality"]
    assert municipality["type"] == "dropdown"
    assert municipality["attributes"]["multiple"] is True
    assert len(municipality["attributes"]["options"]) == 98
    assert "Brøndby" in municipality["attributes"]["options"]
    status = elements["status"]["attributes"]
    assert "multiple" not in status and status["options"][0] == "Idé"
    contacts = elements["contacts"]["attributes"]
    assert yaml.safe_load(contacts["placeholder"])[0]["email"] == "info@example.org"
    assert elements["entry_body"]["attributes"]["label"] == "Brødtekst"


# --- field reference --------------------------------------------------------------------------------


def test_field_reference_lists_every_key_and_term(config: SiteConfig) -> None:
    page = field_reference_markdown(config)
    assert page.startswith("# Felter og ordlister\n")
    for entry_type in config.schema.types.values():
        assert f"\n## {config.tr.pick(entry_type.label)}\n" in page
        for path in key_paths(entry_type.fields):
            assert f"| `{path}` |" in page, path
    assert "| `contacts[].email` | E-mail | nej |" in page
    assert "| `period.start` | Start | nej |" in page
    assert "| `title` | Titel | ja | tekst | 3 til 120 tegn | Kort, sigende titel. |" in page
    assert "- Udfyld mindst én af `units` og `contacts`." in page
    assert "\n## Ordlister\n" in page
    for vocabulary in config.vocabularies.values():
        assert f"\n### {config.tr.pick(vocabulary.label)}\n" in page
        for key in vocabulary.terms:
            assert f"| `{key}` |" in page
    assert "| `alleroed` | Allerød | Allerod |" in page


# --- files on disk -------------------------------------------------------------------------------------


def test_stale_files_and_write_all(tmp_path: Path) -> None:
    config = copy_site_config(tmp_path)
    expected = list(render_all(config))
    assert stale_files(tmp_path, config) == expected  # nothing written yet
    assert write_all(tmp_path, config) == expected
    assert stale_files(tmp_path, config) == []
    assert write_all(tmp_path, config) == []
    assert (tmp_path / "content/schemas/case.schema.json").read_text(encoding="utf-8").endswith("\n")

    schema_path = tmp_path / "site_config" / "schema.yml"
    schema = schema_path.read_text(encoding="utf-8")
    new_field = "      website:\n        kind: url\n        label: {da: Hjemmeside, en: Website}\n"
    schema_path.write_text(schema.replace("      year:\n", new_field + "      year:\n", 1), encoding="utf-8")
    changed = load_site_config(tmp_path)
    assert stale_files(tmp_path, changed) == [
        "content/admin/config.yml",
        "content/admin/index.html",  # the admin script knows the fields too
        ".github/ISSUE_TEMPLATE/case.yml",
        "content/schemas/case.schema.json",
    ]
    (tmp_path / "content/admin/index.html").write_text("edited by hand", encoding="utf-8")
    assert "content/admin/index.html" in stale_files(tmp_path, changed)
    written = write_all(tmp_path, changed)
    assert "content/schemas/case.schema.json" in written
    assert stale_files(tmp_path, changed) == []
    case_schema = json.loads((tmp_path / "content/schemas/case.schema.json").read_text(encoding="utf-8"))
    assert case_schema["properties"]["website"]["format"] == "uri"
