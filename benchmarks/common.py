"""What both benchmark scripts share: how a step fails, and how a run ends in one JSON line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence


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
