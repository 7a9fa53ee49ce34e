"""What site_config/ sets in MkDocs' config: the site's name, colours, logo and language, Katalog's
styles and scripts, its Markdown extensions and its theme folder."""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core.catalogue import sanitising
from ..core.config.siteconfig import SiteConfig
from ..core.slugs import heading_slug
from ..render.linear_markdown import LinearMarkdownExtension
from ..render.safety import SafetyExtension
from ..render.site_files import COLORS, PORTAL_STYLESHEET, SCRIPT, SEARCH_SCRIPT, STYLESHEET
from .colors import palette_and_css
from .navcache import THEME_DIR, theme_dir_position


def apply_site_config(config: MkDocsConfig, site_config: SiteConfig, previewing: bool) -> tuple[str, bool]:
    """Set site_config/'s settings in config; the site's colours as CSS, and whether pages are sanitised."""
    settings = site_config.settings
    # Material prints the site's name and description as they are, as it does page titles.
    config.site_name = html.escape(settings.name)
    if settings.owner and not config.copyright:
        config.copyright = html.escape(site_config.tr("ui.published_by", owner=settings.owner))
    if settings.description and not config.site_description:
        config.site_description = html.escape(settings.description)
    palette, colors_css = palette_and_css(settings.colors)
    if palette:
        config.theme["palette"] = palette
    if colors_css:
        config.extra_css.append(COLORS)
    if settings.logo:
        config.theme["logo"] = f"katalog/{Path(settings.logo).name}"
    config.theme["language"] = site_config.language
    config.extra_css.append(STYLESHEET)
    config.extra_css.append(PORTAL_STYLESHEET)
    if not previewing:  # `mkdocs serve` gives the preview's own address
        config.site_url = settings.site_url or config.site_url
    toc = config.mdx_configs.setdefault("toc", {})
    if isinstance(toc, dict):
        if toc.get("permalink"):
            toc["permalink_title"] = site_config.tr("ui.permalink")
        # Headings' anchors spelled as Katalog's addresses are: #laeringer, not #lringer.
        toc.setdefault("slugify", heading_slug)
    config.extra_javascript.append(SCRIPT)
    config.extra_javascript.append(SEARCH_SCRIPT)
    # MkDocs passes this list to Markdown, which takes extension instances as well as names.
    sanitize = sanitising(site_config)
    config.markdown_extensions.append(SafetyExtension(sanitize=sanitize))  # type: ignore[arg-type]
    config.markdown_extensions.append(LinearMarkdownExtension())  # type: ignore[arg-type]
    if THEME_DIR not in config.theme.dirs:
        config.theme.dirs.insert(theme_dir_position(config.theme.custom_dir), THEME_DIR)
    return colors_css, sanitize
