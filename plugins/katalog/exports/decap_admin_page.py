"""content/admin/index.html: the page that loads Decap CMS (pinned), its data and the admin script."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from ..core.config.siteconfig import SiteConfig
from . import GENERATED_NOTE
from .decap_admin_data import decap_script_data

# Pinned: the admin page runs exactly these files, or none (the browser checks each hash). The hashes
# are of the files in the npm packages, which unpkg serves unchanged; tests/test_decap_roundtrip.py
# downloads the packages and checks them.
DECAP_VERSION = "3.16.3"
DECAP_SCRIPT = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
DECAP_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
# Decap reads and writes front-matter through our format, which parses YAML with js-yaml.
JS_YAML_VERSION = "4.1.1"
JS_YAML_SCRIPT = f"https://unpkg.com/js-yaml@{JS_YAML_VERSION}/dist/js-yaml.min.js"
JS_YAML_INTEGRITY = "sha384-ZeqCzuWczURac3RacSufGD7oSbzeaX7xxnnOr3PTcYTLx4Av0qBj0kBq7AeCtHLA"
# For editing on one's own machine (`npx decap-server@3.11.3` beside `mkdocs serve`) and the tests.
DECAP_SERVER_VERSION = "3.11.3"

# The admin page's script: these files of decap_admin/, joined in this order (each part after those it uses).
ADMIN_SCRIPTS = tuple(
    Path(__file__).resolve().parent / "decap_admin" / f"{name}.js"
    for name in (
        "namespace",
        "schema",
        "yaml-writer",
        "file-reader",
        "body-merge",
        "file-writer",
        "checks",
        "links",
        "core",
        "entries",
        "picker",
        "styles",
        "saving",
        "rule-widgets",
        "entry-widgets",
        "link-editor",
        "preview",
        "start",
    )
)


def _script_json(data: Any) -> str:
    """JSON that cannot end the <script> element it stands in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def admin_script() -> str:
    texts = [path.read_text(encoding="utf-8") for path in ADMIN_SCRIPTS]
    for path, text in zip(ADMIN_SCRIPTS, texts, strict=True):
        if "</script" in text.lower() or "<!--" in text:
            raise ValueError(f"{path.name} must not contain </script or <!--: it is written inline")
    return "\n".join(texts)


def decap_index_html(config: SiteConfig) -> str:
    """content/admin/index.html: the page that loads Decap CMS, which then reads config.yml beside it."""
    title = escape(config.tr("reference.admin_title", site=str(config.site.get("name") or "")))
    failed = escape(config.tr("decap.load_failed"))
    return f"""<!doctype html>
<!-- {escape(GENERATED_NOTE)} -->
<html lang="{escape(config.language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
  <script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
  <p id="katalog-load-failed" role="alert" hidden>{failed}</p>
  <script src="{DECAP_SCRIPT}" integrity="{DECAP_INTEGRITY}" crossorigin="anonymous"></script>
  <script src="{JS_YAML_SCRIPT}" integrity="{JS_YAML_INTEGRITY}" crossorigin="anonymous"></script>
  <script type="application/json" id="katalog-decap-data">{_script_json(decap_script_data(config))}</script>
  <script>
{admin_script()}
  </script>
</body>
</html>
"""
