"""Benchmark Katalog on hostile text: megabyte-long lines and pathological patterns.

    python benchmarks/hostile_bench.py [--sizes 100000,1000000] [--patterns NAME,...] [--runs 1]
                                       [--timeout 600] [--markdown-sizes 10000,100000] [--markdown-timeout 60]
                                       [--build [--build-size 10000]] [--workdir DIR]

For each pattern (repeated `<a `, `[`, backticks, fences, ...) and each size it writes a catalogue with
one entry whose text fields (title, summary, a learning) AND body are a line of that many characters of
the pattern, and an entry of ordinary Danish prose of the same size, then measures, all in this run:

1. `katalog check` of the catalogue, as a process (fields and body), against the prose catalogue;
2. the body check alone, in this process (the raw HTML, link and wiki link scan of core/validate/bodycheck.py
   and core/read/wikilinks.py), against prose;
3. Python-Markdown with the site's extensions converting the body (at --markdown-sizes, smaller by
   default: it is far slower on some patterns), in a process with a time limit, against prose: what
   the build will spend on it whatever Katalog does; after a time-out, larger sizes are not tried;
4. with --build, `mkdocs build` of a small site whose entry has ordinary fields and the hostile body of
   --build-size characters, against prose.

The body check and Markdown are timed in CPU seconds of their process, so that other work on the
machine does not count; `katalog check` and `mkdocs build` in wall time (they use several processes).
Prints a table and, as its last line, one JSON object: per pattern, seconds per size, the ratio to
prose of the same size, and the growth from the smallest to the largest size (linear: the size ratio).
A measurement that hits its time limit is reported as null with "timeout": true.

Standard library and PyYAML only (and Markdown, as the site has it); runs katalog and mkdocs with
this interpreter. To measure another checkout, run its copy of this script with PYTHONPATH set to its
plugins/ folder (site_config/ and mkdocs.yml are taken from the script's checkout).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Failed, copy_site_config, main_for  # noqa: E402
from generate import WORDS  # noqa: E402

REPO = HERE.parent  # site_config/ and mkdocs.yml are copied from here: run a copy to measure another checkout

PATTERNS = {
    "tag": "<a ",
    "tag_attribute": "<a b=",
    "tag_quote": '<a b="',
    "block_tag": "<div ",
    "end_tag": "</a",
    "comment": "<!--",
    "autolink": "<http:",
    "bracket": "[",
    "wikilink_open": "[[",
    "wikilink_pipe": "[[a|",
    "link_open": "](",
    "nested_links": "[a](",  # [a]([a]( ... then as many ")"
    "backtick": "`",
    "backtick_runs": "`` ` ``` ",
    "brace": "{",
    "attribute_list": "{:",
    "quotes": "\"'",
    "fence_lines": "```\n",
    "fence_lines_growing": "",  # ``` then ```` then ````` ...: every fence opens, none closes
    "indented_lines": "    x\n",
    "list_lines": "- x\n",
    "heading_lines": "# x #\n",
    "table_lines": "|a|`b`|\n",
}

# Times the body check of `katalog check` (raw HTML, links, attribute lists) and the wiki links of the
# build on one body, in a fresh process; prints the CPU seconds.
BODY = textwrap.dedent(
    """
    import sys, time
    from katalog.core.link import wikilinks
    from katalog.core.validate.bodycheck import unsafe_parts
    body = open(sys.argv[1], encoding="utf-8").read()
    start = time.process_time()
    list(unsafe_parts(body, 12))
    wikilinks.find_wikilinks(body, 12)
    wikilinks.replace_wikilinks(body, lambda target, text: "<a href='/%s/'>%s</a>" % (target, text or target))
    print(time.process_time() - start)
    """
)

HEAD = "Se [[et-initiativ]] og <b>fed</b> og [et link](https://example.org).\n\n"

# Runs a conversion with the site's Markdown in a fresh process; prints the seconds it took.
MARKDOWN = textwrap.dedent(
    """
    import json, sys, time, markdown
    names, configs = json.loads(sys.argv[2])
    text = open(sys.argv[1], encoding="utf-8").read()
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    start = time.process_time()
    md.convert(text)
    print(time.process_time() - start)
    """
)


def pattern_text(pattern: str, size: int) -> str:
    if pattern == "[a](":
        return ("[a](" * (size // 5) + ")" * (size // 5))[:size]
    if not pattern:
        pieces, ticks, length = [], 3, 0
        while length < size:
            pieces.append("`" * ticks + "\n")
            length += ticks + 1
            ticks += 1
        return "".join(pieces)[:size]
    return (pattern * (size // len(pattern) + 1))[:size]


def prose_text(size: int) -> str:
    """Ordinary Danish prose with a little Markdown: paragraphs, bold, links, wiki links, a list."""
    words, pieces, length, number = WORDS, [], 0, 0
    while length < size:
        sentence = " ".join(words[(number * 7 + k * 13) % len(words)] for k in range(12)).capitalize()
        if number % 5 == 0:
            sentence += " Se [[et-initiativ]] og **det vigtige** på [siden](https://example.org/side)."
        if number % 17 == 0:
            sentence = "- " + sentence + "\n- " + sentence
        piece = sentence + (".\n\n" if number % 3 == 2 else ". ")
        pieces.append(piece)
        length += len(piece)
        number += 1
    return "".join(pieces)[:size]


def site_markdown_config() -> tuple[list[str], dict[str, object]]:
    """The extensions MkDocs gives Markdown for the site: its built-ins, those of mkdocs.yml, Katalog's."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        if isinstance(item, dict):
            configs[name] = item[name]
        if name not in names:
            names.append(name)
    # What the katalog plugin adds (mkdocs_plugin/site_settings.py, from on_config): the link policy and
    # the linear replacements of Python-Markdown's link, raw HTML and admonition scans.
    names += ["katalog.render.safety:SafetyExtension", "katalog.render.linear_markdown:LinearMarkdownExtension"]
    return names, configs


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_site(root: Path, field: str, body: str) -> None:
    """A catalogue root with one initiative whose text fields hold `field` and whose body is `body`."""
    if root.exists():
        shutil.rmtree(root)
    copy_site_config(REPO, root / "site_config")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [item for item in config["nav"] if isinstance(item, str) and item.endswith("index.md")]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Forside\n\nEn side.\n", encoding="utf-8")
    folder = root / "catalogue" / "initiatives"
    folder.mkdir(parents=True)
    line = field.replace("\n", " ")
    entry = (
        "---\n"
        f"title: {quoted('Titel ' + line)}\n"
        f"summary: {quoted('Et resumé ' + line)}\n"
        "municipality: aarhus\n"
        "status: running\n"
        "themes: [samskabelse]\n"
        f"tags: [{quoted(line[:2000])}]\n"
        "contacts:\n"
        '  - name: "Test Testesen"\n'
        "    email: test@example.org\n"
        "---\n\n" + HEAD + body + "\n"
    )
    (folder / "et-initiativ.md").write_text(entry, encoding="utf-8")


def timed_process(command: list[str], cwd: Path, limit: float) -> float | None:
    """Wall time of the command, or None if it ran past `limit` seconds (it is then stopped). Wall time:
    `katalog check` and `mkdocs build` work in several processes, whose CPU time is not all reported."""
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: the catalogue has problems, which hostile text has
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise Failed(f"{' '.join(command[:4])} failed (exit {done.returncode}):\n{tail}")
    return seconds


def markdown_seconds(path: Path, config: str, limit: float) -> float | None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", MARKDOWN, str(path), config], capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise Failed(f"Markdown failed on {path.name}:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def body_seconds(path: Path, limit: float) -> float | None:
    """The body check of `katalog check` and the wiki links of the build, in a process with a time limit."""
    try:
        done = subprocess.run([sys.executable, "-c", BODY, str(path)], capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise Failed(f"the body check failed on {path.name}:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def show(value: float | None) -> str:
    return "timeout" if value is None else f"{value:8.3f} s"


def median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if len(known) == len(values) else None


def ratio(value: float | None, base: float | None) -> float | None:
    return round(value / base, 2) if value is not None and base else None


def run(args: argparse.Namespace) -> dict[str, object]:
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    markdown_sizes = sorted({int(size) for size in args.markdown_sizes.split(",") if size})
    names = list(PATTERNS) if args.patterns == "all" else args.patterns.split(",")
    unknown = [name for name in names if name not in PATTERNS]
    if unknown:
        raise Failed(f"unknown patterns {unknown}; known: {', '.join(PATTERNS)}")
    workdir: Path = (args.workdir or REPO / "benchmarks" / "out" / "hostile").resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    markdown_config = json.dumps(site_markdown_config())
    check = [sys.executable, "-m", "katalog.cli", "check"]
    results: dict[str, dict[str, dict[str, float | None]]] = {}
    started = time.perf_counter()

    def measure(name: str, make: Callable[[int], str]) -> None:
        figures: dict[str, dict[str, float | None]] = {"check_s": {}, "body_s": {}, "markdown_s": {}}
        for size in sizes:
            if any(value is None for value in figures["body_s"].values()):
                figures["check_s"][str(size)] = figures["body_s"][str(size)] = None  # out of time already
                continue
            text = make(size)
            root = workdir / f"{name}-{size}"
            write_site(root, text, text)
            checks = [timed_process([*check, str(root)], root, args.timeout) for _ in range(args.runs)]
            figures["check_s"][str(size)] = median(checks)
            source = root / "body.md"
            source.write_text(HEAD + text, encoding="utf-8")
            figures["body_s"][str(size)] = median([body_seconds(source, args.timeout) for _ in range(args.runs)])
            print(
                f"  {name:<22} {size:>9} chars  check {show(figures['check_s'][str(size)])}"
                f"  body check {show(figures['body_s'][str(size)])}",
                flush=True,
            )
        for size in markdown_sizes:
            if any(value is None for value in figures["markdown_s"].values()):
                figures["markdown_s"][str(size)] = None  # a smaller size already ran out of time
                continue
            source = workdir / f"{name}-{size}.md"
            source.write_text(HEAD + make(size), encoding="utf-8")
            figures["markdown_s"][str(size)] = markdown_seconds(source, markdown_config, args.markdown_timeout)
            print(f"  {name:<22} {size:>9} chars  Markdown {show(figures['markdown_s'][str(size)])}", flush=True)
        results[name] = figures

    print(f"Sizes {sizes}; {len(names)} patterns; check limit {args.timeout} s", flush=True)
    measure("prose", prose_text)
    for name in names:
        measure(name, lambda size, pattern=PATTERNS[name]: pattern_text(pattern, size))

    prose = results["prose"]
    report: dict[str, object] = {}
    for name in names:
        figures = results[name]
        entry: dict[str, object] = {}
        for key in ("check_s", "body_s", "markdown_s"):
            values = figures[key]
            if not values:
                continue
            entry[key] = {size: None if value is None else round(value, 4) for size, value in values.items()}
            entry[key.replace("_s", "_ratio_to_prose")] = {
                size: ratio(value, prose[key][size]) for size, value in values.items()
            }
            keys = list(values)
            entry[key.replace("_s", "_growth")] = ratio(values[keys[-1]], values[keys[0]]) if len(keys) > 1 else None
            entry[key.replace("_s", "_timeout")] = any(value is None for value in values.values())
        report[name] = entry

    build: dict[str, float | None] = {}
    if args.build:
        size = args.build_size
        print(f"mkdocs build at {size} chars:", flush=True)
        fields = "om samskabelse i kommunen"  # valid: a catalogue with errors is not built
        for name in ["prose", *names]:
            # Ordinary fields (a hostile title may stop the build before the body), the hostile body.
            root = workdir / f"{name}-{size}-build"
            body = prose_text(size) if name == "prose" else pattern_text(PATTERNS[name], size)
            write_site(root, fields, body)
            command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
            command += ["-d", str(root / "site")]
            build[name] = timed_process(command, root, args.build_timeout)
            print(f"  {name:<22} {'timeout' if build[name] is None else f'{build[name]:8.2f} s'}", flush=True)

    return {
        "sizes": sizes,
        "runs": args.runs,
        "prose": {
            key: {size: round(v, 4) if v is not None else None for size, v in d.items()} for key, d in prose.items()
        },
        "patterns": report,
        "build_s": {name: None if value is None else round(value, 2) for name, value in build.items()},
        "build_ratio_to_prose": {name: ratio(value, build.get("prose")) for name, value in build.items()},
        "linear_growth": round(sizes[-1] / sizes[0], 2),
        "markdown_sizes": markdown_sizes,
        "markdown_linear_growth": round(markdown_sizes[-1] / markdown_sizes[0], 2) if markdown_sizes else None,
        "total_s": round(time.perf_counter() - started, 1),
    }


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="characters per line, comma-separated")
    parser.add_argument("--patterns", default="all", help=f"comma-separated, of: {', '.join(PATTERNS)}")
    parser.add_argument("--runs", type=int, default=1, help="timed checks per pattern and size (median)")
    parser.add_argument("--entries", type=int, default=1, help="entries per catalogue (one is hostile)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a check or build is stopped")
    parser.add_argument("--markdown-sizes", default="10000,100000", help="sizes for Markdown; empty: skip it")
    parser.add_argument("--markdown-timeout", type=float, default=60, help="seconds for one Markdown conversion")
    parser.add_argument("--build", action="store_true", help="also time mkdocs build of a hostile body")
    parser.add_argument("--build-size", type=int, default=10000, help="size of the body built (default 10000)")
    parser.add_argument("--build-timeout", type=float, default=300, help="seconds before a build is stopped")
    parser.add_argument("--workdir", type=Path, help="work folder (default benchmarks/out/hostile)")
    return parser


main = main_for("hostile_bench", arguments(), run)

if __name__ == "__main__":
    sys.exit(main())
