"""The plugin's options in mkdocs.yml (`plugins: - katalog: ...`), each documented where declared."""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config


class KatalogConfig(Config):  # type: ignore[no-untyped-call]
    root = config_options.Optional(config_options.Dir(exists=True))
    """The catalogue's root folder (holding site_config/ and catalogue/); default: beside mkdocs.yml."""
    navigation_cache = config_options.Type(bool, default=True)
    """Render the theme's navigation once for all pages outside it that show the same one."""
    workers = config_options.Type(int, default=0)
    """Processes for loading and rendering; 0: every core for `mkdocs build`, one for `mkdocs serve`."""
    booklets = config_options.ListOfItems(config_options.Type(dict), default=[])
    """PDF booklets written into the site (render/booklet.py), e.g. [{type: case, file: medborgerskabskatalog.pdf}],
    with the keys type, theme, municipality, title and file; each linked from its listing's first page."""
    help = config_options.ListOfItems(config_options.Type(str), default=[])
    """Pages of content/ linked from every page's footer (e.g. the editors' guide), before Katalog's own
    field reference and accessibility statement."""
