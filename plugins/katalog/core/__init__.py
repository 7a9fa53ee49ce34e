"""The MkDocs-free core: load, validate, link and index a catalogue.

The pipeline, in the order it runs; each stage is a folder, and imports only the ones above it:

0. read/: what every stage reads with: a file's bytes, front-matter, YAML that remembers where each key
   and value stood, HTML tags as a browser reads them, a Markdown body's layout and its `[[id]]` links;
1. config/: `load_site_config(root)` reads site_config/ (schema, vocabularies, texts, settings, places)
   into a SiteConfig, or raises ConfigError with every problem of it;
2. validate/: one entry's front-matter checked against its type's schema and the vocabularies, its
   body's raw HTML and links against the allow-list, its image file;
3. load/: every file of catalogue/ and content/ read once (in worker processes for a large catalogue)
   and validated into an Entry or a Page;
4. link/: references and `[[id]]` links resolved both ways, one entry per id; taxonomies and similar
   entries;
5. search/: the search index in pieces, built from the validated entries and pages.

Beside the stages, used by all of them: problems.py (problems as data), collector.py (problems of one
file, worded), report.py (problems as lines), i18n.py (texts in the site's language), hints.py, slugs.py,
values.py (checks of single values), entries.py (Entry, Page, Reference) and parallel.py (worker
processes). catalogue.py runs the stages in order; refresh.py brings a preview's catalogue up to date in
place. Editor tools that use the core (scaffold, pruning, freshness, link check) are in katalog.editing;
rendering is in katalog.render, the MkDocs adapter in katalog.mkdocs_plugin.

`build_catalogue(root)` runs 1 to 4 (all but similar entries, which the renderer asks for) and gives a
Catalogue: its entries, pages, links both ways, taxonomies and problems; `build_from_config` does the
same for a SiteConfig already read (a long-running preview passes a FileCache, and `read_edits`
tells what an edit of entries' files changed, bringing the catalogue up to date in place when only
bodies changed). `text_line`, `github_line` and `summary` print problems as `katalog check` does.
Nothing here imports MkDocs; the plugin (katalog.mkdocs_plugin) adapts it.
"""

import importlib
from typing import TYPE_CHECKING, Any

# Where each public name lives. They are imported when first asked for: importing one module of the
# core (katalog.core.slugs) must not import the whole pipeline.
_PUBLIC = {
    "Catalogue": "catalogue",
    "Link": "link.references",
    "build_catalogue": "catalogue",
    "build_from_config": "catalogue",
    "Entry": "entries",
    "Page": "entries",
    "FileCache": "load.filecache",
    "Problem": "problems",
    "Severity": "problems",
    "Edits": "refresh",
    "read_edits": "refresh",
    "github_line": "report",
    "summary": "report",
    "text_line": "report",
    "ConfigError": "config.siteconfig",
    "SiteConfig": "config.siteconfig",
    "load_site_config": "config.siteconfig",
}
__all__ = [
    "Catalogue",
    "ConfigError",
    "Edits",
    "Entry",
    "FileCache",
    "Link",
    "Page",
    "Problem",
    "Severity",
    "SiteConfig",
    "build_catalogue",
    "build_from_config",
    "github_line",
    "load_site_config",
    "read_edits",
    "summary",
    "text_line",
]

if TYPE_CHECKING:
    from .catalogue import Catalogue, build_catalogue, build_from_config
    from .config.siteconfig import ConfigError, SiteConfig, load_site_config
    from .entries import Entry, Page
    from .link.references import Link
    from .load.filecache import FileCache
    from .problems import Problem, Severity
    from .refresh import Edits, read_edits
    from .report import github_line, summary, text_line


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
