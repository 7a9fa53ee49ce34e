"""The `katalog` command line: check a catalogue the way the build will."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.catalogue import build_catalogue
from .core.i18n import Translator
from .core.linkcheck import check_site
from .core.report import github_line, summary, text_line
from .core.siteconfig import ConfigError

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="katalog", description="Katalog: check and scaffold a catalogue.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate every entry and report every problem")
    check.add_argument("root", nargs="?", default=".", help="the catalogue's root folder (default: .)")
    check.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors (as mkdocs build --strict)")
    links = commands.add_parser("links", help="check the built site's internal links and anchors")
    links.add_argument("site", nargs="?", default="site", help="the built site's folder (default: site)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return check(Path(args.root), args.format, args.strict)
    if args.command == "links":
        return links(Path(args.site))
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


def check(root: Path, output_format: str, strict: bool) -> int:
    if not root.is_dir():
        print(f"katalog: error: {root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        catalogue = build_catalogue(root)
    except ConfigError as error:
        tr = Translator("en", {}, {})
        for problem in error.problems:
            print(github_line(problem, tr) if output_format == "github" else text_line(problem, tr))
        return EXIT_PROBLEMS
    tr = catalogue.config.tr
    line = github_line if output_format == "github" else text_line
    for problem in catalogue.problems:
        print(line(problem, tr))
    print(
        summary(catalogue.problems, catalogue.files, tr), file=sys.stderr if output_format == "github" else sys.stdout
    )
    failed = catalogue.errors or (strict and catalogue.warnings)
    return EXIT_PROBLEMS if failed else EXIT_CLEAN


def links(site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"katalog: error: {site} holds no built site (no index.html); run mkdocs build first", file=sys.stderr)
        return EXIT_USAGE
    broken = check_site(site)
    for link in broken:
        what = "missing anchor" if link.anchor_only else "broken link"
        print(f"{link.page}: error: {what}: {link.target}")
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{len(broken)} broken links in {pages} pages." if broken else f"No broken links in {pages} pages.")
    return EXIT_PROBLEMS if broken else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
