"""The `katalog` command line: check, scaffold and maintain a catalogue."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from .commands import EXIT_PROBLEMS, EXIT_USAGE
from .core.report import visible


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse repeats what was typed; a control character in it must not reach the terminal.
        super().error(visible(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="katalog", description="Katalog: check, scaffold and maintain a catalogue.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check_parser = commands.add_parser("check", help="validate every entry and report every problem")
    check_parser.add_argument("root", nargs="?", default=".", help="the catalogue's root folder (default: .)")
    check_parser.add_argument("--format", choices=("text", "github"), default="text", help="output format")
    check_parser.add_argument("--strict", action="store_true", help="fail on warnings too, as mkdocs build --strict")

    new_parser = commands.add_parser("new", help="write a new entry with every key of its type, to fill in")
    new_parser.add_argument("type", help="initiative, case, unit or article (as in site_config/schema.yml)")
    new_parser.add_argument("title", help="the entry's title; its id and file name are made from it")
    new_parser.add_argument("--root", default=".", help="the catalogue's root folder (default: .)")

    stale_parser = commands.add_parser("stale", help="list entries whose `reviewed` date is too old")
    stale_parser.add_argument("root", nargs="?", default=".", help="the catalogue's root folder (default: .)")
    stale_parser.add_argument(
        "--months", type=_months, help="older than this (default: stale_after_months in site.yml)"
    )

    init_parser = commands.add_parser("init", help="empty a fresh fork, keeping one example entry of each type")
    init_parser.add_argument("root", nargs="?", default=".", help="the catalogue's root folder (default: .)")
    init_parser.add_argument("--yes", action="store_true", help="do it (without it, only say what would go)")

    export_parser = commands.add_parser(
        "export", help="write the files made from site_config/ (Decap CMS, issue forms, JSON Schemas)"
    )
    export_parser.add_argument("root", nargs="?", default=".", help="the catalogue's root folder (default: .)")
    export_parser.add_argument("--check", action="store_true", help="only report files that are out of date")

    links_parser = commands.add_parser("links", help="check the built site's internal links and anchors")
    links_parser.add_argument("site", nargs="?", default="site", help="the built site's folder (default: site)")
    return parser


def _months(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise argparse.ArgumentTypeError(f"expected a whole number of months from 0 to 9999, found {text!r}")
    return int(text)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except (OSError, ValueError):  # a name too long for the system, or holding a NUL byte
        return False


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(_parser().parse_args(argv))
    except BrokenPipeError:
        # The reader went away (`katalog check | head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS


def _run(args: argparse.Namespace) -> int:
    root = Path(getattr(args, "root", "."))
    if args.command != "links" and not _is_folder(root):
        print(f"katalog: error: {visible(str(root))[:300]} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    # Only the chosen command's modules are imported: `katalog check` runs on every pull request.
    command = importlib.import_module(f"{__package__}.commands.{args.command}")
    if args.command == "check":
        return int(command.run(root, args.format, args.strict))
    if args.command == "new":
        return int(command.run(root, args.type, args.title))
    if args.command == "stale":
        return int(command.run(root, args.months))
    if args.command == "init":
        return int(command.run(root, apply=args.yes))
    if args.command == "export":
        return int(command.run(root, check_only=args.check))
    if args.command == "links":
        return int(command.run(Path(args.site)))
    return EXIT_USAGE  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
