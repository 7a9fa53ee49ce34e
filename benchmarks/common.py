"""What both benchmark scripts share: how a step fails, and how a run ends in one JSON line."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path


class Failed(Exception):
    """A step of the benchmark failed; the message says which and what it printed."""


def main_for(
    name: str, parser: argparse.ArgumentParser, run: Callable[[argparse.Namespace], dict[str, object]]
) -> Callable[[Sequence[str] | None], int]:
    """The script's main(argv): parse, check --entries and --runs, run, print the result as JSON."""

    def main(argv: Sequence[str] | None = None) -> int:
        args = parser.parse_args(argv)
        if args.entries < 1 or args.runs < 1:
            parser.error("--entries and --runs must be at least 1")
        try:
            result = run(args)
        except Failed as error:
            print(f"{name}: {error}", file=sys.stderr)
            return 1
        print(json.dumps(result, ensure_ascii=False))
        return 0

    return main


def copy_site_config(repo: Path, target: Path) -> None:
    """repo's site_config/ for a generated catalogue: without `featured:`, whose ids are the example's."""
    shutil.copytree(repo / "site_config", target)
    settings = target / "site.yml"
    lines = settings.read_text(encoding="utf-8").split("\n")
    settings.write_text("\n".join(line for line in lines if not line.startswith("featured:")), encoding="utf-8")
