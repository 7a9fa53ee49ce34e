"""Benchmark Katalog on a synthetic catalogue of N entries.

    python benchmarks/bench.py --entries N [--runs 3] [--seed 1] [--workdir DIR] [--check-only]

1. generates a valid catalogue of N entries (deterministic by seed) in DIR/katalog, checks it passes
   `katalog check`, and writes the same Markdown as plain pages in DIR/baseline;
2. times, alternating A B A B, (A) the Katalog build and (B) plain MkDocs + Material with `search` and
   `tags` over the same pages; medians;
3. times `katalog check` against the floor of reading every file and parsing its front-matter with
   yaml.CSafeLoader, both as subprocesses, alternating; medians;
4. measures peak RSS of the builds, output size, the largest entry page and listing page, the search index;
5. times, inside one process, what issue #15 adds to every build (all Atom feeds, the statistics page
   and the front page's map) and gives it as a share of the Katalog build's time;
6. prints a table and, as its last line, one JSON object.

--check-only does 1 and 3 only (no baseline, no builds): `katalog check` against its floor in a minute.

Standard library and PyYAML only; runs mkdocs and katalog with this interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Failed, main_for  # noqa: E402
from generate import SITE_FOLDERS, generate, write_baseline  # noqa: E402

REPO = HERE.parent
PYCACHE = REPO / "benchmarks" / "out" / "pycache"  # the children's compiled bytecode, written on the untimed first run

# Runs its arguments as a child; prints wall time, the largest peak RSS of the child and its own
# children (KiB on Linux), and the CPU seconds (user + system) all of them used, as JSON.
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:])
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"rc": done.returncode, "s": seconds, "rss_kb": usage.ru_maxrss, "cpu_s": cpu}))
"""

# The floor for `katalog check`: read every file it reads and parse the front-matter, nothing else.
FLOOR = r"""
import os, sys, yaml
root = sys.argv[1]
files = 0
for dirpath, _, names in os.walk(os.path.join(root, "site_config")):
    for name in names:
        if name.endswith(".yml"):
            with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                yaml.load(handle.read(), Loader=yaml.CSafeLoader)
for top in ("catalogue", "content"):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(dirpath, name), encoding="utf-8") as handle:
                text = handle.read()
            files += 1
            if text.startswith("---\n"):
                end = text.find("\n---\n", 3)
                yaml.load(text[4 : end + 1], Loader=yaml.CSafeLoader)
print(files, "files")
"""

PAGE_NUMBER = re.compile(r"\d+")


def child_env(bytecode: bool = False) -> dict[str, str]:
    """bytecode: keep compiled bytecode (in PYCACHE), as an installed Python package does; with
    PYTHONDONTWRITEBYTECODE set (as in some containers) every timed check would compile every module
    again (0.2 s of each). For the checks only, after an untimed first run has written it; the
    builds' many modules are timed as before."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2 on every build
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


def measured(command: list[str], cwd: Path, what: str, bytecode: bool = False) -> dict[str, float]:
    """Run command under the wrapper in a fresh process; return {"s", "rss_kb", "cpu_s"}; raise on failure."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command],
        cwd=cwd,
        env=child_env(bytecode),
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, ValueError):
        result = {"rc": done.returncode}
    if done.returncode != 0 or result.get("rc") != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        raise Failed(f"{what} failed (exit {result.get('rc')}):\n{tail}")
    return {"s": float(result["s"]), "rss_kb": float(result["rss_kb"]), "cpu_s": float(result["cpu_s"])}


# The feeds, the statistics page and the map made from the loaded catalogue, timed around those calls
# alone (the catalogue's loading is the build's anyway); the least of a few rounds, in seconds.
OVERVIEWS = """
import json, sys, time
from pathlib import Path
from katalog.core.catalogue import build_catalogue
from katalog.render.feeds import Feeds
from katalog.render.model import SiteModel
from katalog.render.pages import PageRenderer
from katalog.render.statistics import Statistics
catalogue = build_catalogue(Path(sys.argv[1]), bodies=False)
best = {"feeds": 1e9, "stats": 1e9}
for _ in range(int(sys.argv[2])):
    model = SiteModel(catalogue)
    renderer = PageRenderer(model)
    t0 = time.perf_counter()
    feeds = Feeds(model, renderer.views)
    texts = [feeds.atom(feed) for feed in feeds.plan()]
    t1 = time.perf_counter()
    stats = Statistics(renderer)
    page = stats.html(stats.src(), "x")
    front = stats.portal_map("index.md")
    t2 = time.perf_counter()
    best = {"feeds": min(best["feeds"], t1 - t0), "stats": min(best["stats"], t2 - t1)}
print(json.dumps({**best, "feeds_count": len(texts)}))
"""


def overview_times(root: Path, rounds: int = 3) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", OVERVIEWS, str(root), str(rounds)],
        env=child_env(bytecode=True),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def mkdocs_build(root: Path, out: Path) -> list[str]:
    if out.exists():
        shutil.rmtree(out)
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)]


Task = tuple[Callable[[], list[str]], Path, str]  # (command maker, cwd, what, for errors)


def alternate(tasks: dict[str, Task], runs: int, bytecode: bool = False) -> dict[str, list[dict[str, float]]]:
    """Run each task once per round, in order (A B A B ...); per task the list of measurements."""
    results: dict[str, list[dict[str, float]]] = {name: [] for name in tasks}
    for round_ in range(runs):
        for name, (make_command, cwd, what) in tasks.items():
            result = measured(make_command(), cwd, what, bytecode)
            results[name].append(result)
            print(
                f"  round {round_ + 1}/{runs} {name:<12} {result['s']:8.2f} s  {result['cpu_s']:8.2f} s CPU"
                f"  {result['rss_kb'] / 1024:8.1f} MB",
                flush=True,
            )
    return results


def site_stats(site: Path) -> dict[str, float | str]:
    total = 0
    largest_entry = (0, "")
    largest_listing = (0, "")
    largest_any = (0, "")
    filter_data = 0
    entry_folders = set(SITE_FOLDERS.values())
    for dirpath, _, names in os.walk(site):
        for name in names:
            path = Path(dirpath, name)
            size = path.stat().st_size
            total += size
            relative = path.relative_to(site).as_posix()
            if relative.startswith("katalog/data/") and name.endswith(".json"):
                filter_data += size
            if not name.endswith(".html") or relative == "404.html":
                continue
            parts = relative.split("/")
            largest_any = max(largest_any, (size, relative))
            # An entry page is <type folder>/<id>/index.html; <type folder>/<n>/index.html is a listing page.
            is_entry = (
                len(parts) == 3
                and parts[0] in entry_folders
                and parts[2] == "index.html"
                and not PAGE_NUMBER.fullmatch(parts[1])
            )
            if is_entry:
                largest_entry = max(largest_entry, (size, relative))
            else:
                largest_listing = max(largest_listing, (size, relative))
    # Katalog's content-hashed index, or Material's search_index.json
    search = next(site.glob("katalog/search/index.*.json"), site / "search" / "search_index.json")
    return {
        "output_mb": total / 1e6,
        "max_page_kb": largest_entry[0] / 1024,
        "max_page": largest_entry[1],
        "max_listing_kb": largest_listing[0] / 1024,
        "max_listing": largest_listing[1],
        "max_any_page_kb": largest_any[0] / 1024,
        "max_any_page": largest_any[1],
        "search_kb": (search.stat().st_size / 1024) if search.is_file() else 0.0,
        "filter_data_kb": filter_data / 1024,
        "html_pages": sum(1 for _ in site.rglob("*.html")),
    }


def median(results: list[dict[str, float]], key: str = "s") -> float:
    return statistics.median(r[key] for r in results)


def run(args: argparse.Namespace) -> dict[str, object]:
    workdir: Path = (args.workdir or REPO / "benchmarks" / "out" / f"n{args.entries}-s{args.seed}").resolve()
    root, baseline, out = workdir / "katalog", workdir / "baseline", workdir / "out"
    started = time.perf_counter()

    print(f"Generating {args.entries} entries (seed {args.seed}) in {root}", flush=True)
    t0 = time.perf_counter()
    counts = generate(REPO, root, args.entries, args.seed)
    generate_s = time.perf_counter() - t0
    if args.check_only:
        print(f"  {counts} in {generate_s:.1f} s", flush=True)
    else:
        t0 = time.perf_counter()
        pages = write_baseline(REPO, root, baseline)
        baseline_gen_s = time.perf_counter() - t0
        print(f"  {counts} in {generate_s:.1f} s; baseline: {pages} pages in {baseline_gen_s:.1f} s", flush=True)

    check_command = [sys.executable, "-m", "katalog.cli", "check", str(root)]
    # Untimed; with the floor once, it also writes the bytecode the timed checks read.
    done = subprocess.run(check_command, env=child_env(bytecode=True), capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        raise Failed(f"the generated catalogue does not pass katalog check:\n{tail}")
    print(f"  katalog check: {done.stdout.strip().splitlines()[-1]}", flush=True)
    subprocess.run(
        [sys.executable, "-c", FLOOR, str(root)], env=child_env(bytecode=True), capture_output=True, check=True
    )
    if args.check_only:
        return check_only(args, root, check_command, generate_s, counts, started)

    print(f"Builds, alternating, {args.runs} round(s):", flush=True)
    katalog_site, baseline_site = out / "katalog-site", out / "baseline-site"
    builds = alternate(
        {
            "katalog": (lambda: mkdocs_build(root, katalog_site), root, "katalog build"),
            "baseline": (lambda: mkdocs_build(baseline, baseline_site), baseline, "baseline build"),
        },
        args.runs,
    )
    checks = timed_checks(root, check_command, max(args.runs, args.check_runs))
    overviews = overview_times(root)
    overviews_s = overviews["feeds"] + overviews["stats"]

    stats = site_stats(katalog_site)
    baseline_stats = site_stats(baseline_site)
    build_s, baseline_s = median(builds["katalog"]), median(builds["baseline"])
    figures = check_figures(checks)
    check_s, floor_s = figures["check_s"], figures["check_floor_s"]
    result: dict[str, object] = {
        "entries": args.entries,
        "build_s": round(build_s, 3),
        "baseline_s": round(baseline_s, 3),
        "build_ratio": round(build_s / baseline_s, 3),
        **{key: value for key, value in figures.items() if key != "check_peak_rss_mb"},
        # Wall time is what the targets are about; Katalog uses every core, plain Material one.
        "build_cpu_s": round(median(builds["katalog"], "cpu_s"), 3),
        "baseline_cpu_s": round(median(builds["baseline"], "cpu_s"), 3),
        "peak_rss_mb": round(max(r["rss_kb"] for r in builds["katalog"]) / 1024, 1),
        "output_mb": round(float(stats["output_mb"]), 2),
        "max_page_kb": round(float(stats["max_page_kb"]), 1),
        "max_listing_kb": round(float(stats["max_listing_kb"]), 1),
        "max_any_page_kb": round(float(stats["max_any_page_kb"]), 1),
        "search_kb": round(float(stats["search_kb"]), 1),
        "filter_data_kb": round(float(stats["filter_data_kb"]), 1),
        "html_pages": stats["html_pages"],
        "baseline_peak_rss_mb": round(max(r["rss_kb"] for r in builds["baseline"]) / 1024, 1),
        "baseline_output_mb": round(float(baseline_stats["output_mb"]), 2),
        "baseline_search_kb": round(float(baseline_stats["search_kb"]), 1),
        "baseline_html_pages": baseline_stats["html_pages"],
        "check_peak_rss_mb": figures["check_peak_rss_mb"],
        # Issue #15: every feed, the statistics page and the map, against the build's wall time.
        "feeds_s": round(overviews["feeds"], 3),
        "stats_map_s": round(overviews["stats"], 3),
        "feeds": int(overviews["feeds_count"]),
        "feeds_stats_map_share": round(overviews_s / build_s, 4),
        "runs": args.runs,
        "seed": args.seed,
        "generate_s": round(generate_s, 2),
        "counts": counts,
        "total_s": round(time.perf_counter() - started, 1),
    }

    rows = [
        ("Katalog build (median)", f"{build_s:.2f} s"),
        ("Baseline MkDocs+Material build", f"{baseline_s:.2f} s"),
        ("  ratio", f"{build_s / baseline_s:.2f}x"),
        ("CPU time, Katalog / baseline", f"{result['build_cpu_s']:.2f} s / {result['baseline_cpu_s']:.2f} s"),
        ("katalog check (median)", f"{check_s:.2f} s"),
        ("Read + parse front-matter floor", f"{floor_s:.2f} s"),
        ("  ratio", f"{check_s / floor_s:.2f}x"),
        ("CPU time, check / floor", f"{result['check_cpu_s']:.2f} s / {result['check_floor_cpu_s']:.2f} s"),
        ("Peak RSS, Katalog build", f"{result['peak_rss_mb']} MB"),
        ("Peak RSS, baseline build", f"{result['baseline_peak_rss_mb']} MB"),
        ("Output, Katalog / baseline", f"{result['output_mb']} MB / {result['baseline_output_mb']} MB"),
        ("HTML pages, Katalog / baseline", f"{result['html_pages']} / {result['baseline_html_pages']}"),
        ("Largest entry page", f"{result['max_page_kb']} KB  {stats['max_page']}"),
        ("Largest listing page", f"{result['max_listing_kb']} KB  {stats['max_listing']}"),
        ("Search index, Katalog / baseline", f"{result['search_kb']} KB / {result['baseline_search_kb']} KB"),
        ("Filter data", f"{result['filter_data_kb']} KB"),
        ("Feeds + statistics + map", f"{overviews_s:.2f} s, {overviews_s / build_s:.1%} of the build"),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    print(f"Katalog benchmark: {args.entries} entries, {args.runs} run(s), seed {args.seed}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    return result


def timed_checks(root: Path, check_command: list[str], rounds: int) -> dict[str, list[dict[str, float]]]:
    print(f"Check, alternating, {rounds} round(s):", flush=True)
    return alternate(
        {
            "check": (lambda: check_command, root, "katalog check"),
            "check-floor": (lambda: [sys.executable, "-c", FLOOR, str(root)], root, "check floor"),
        },
        rounds,
        bytecode=True,
    )


def check_figures(checks: dict[str, list[dict[str, float]]]) -> dict[str, float]:
    """Medians of wall and CPU time of `katalog check` and its floor, and their ratios."""
    check_s, floor_s = median(checks["check"]), median(checks["check-floor"])
    check_cpu, floor_cpu = median(checks["check"], "cpu_s"), median(checks["check-floor"], "cpu_s")
    return {
        "check_s": round(check_s, 3),
        "check_floor_s": round(floor_s, 3),
        "check_ratio": round(check_s / floor_s, 3),
        "check_cpu_s": round(check_cpu, 3),
        "check_floor_cpu_s": round(floor_cpu, 3),
        "check_cpu_ratio": round(check_cpu / floor_cpu, 3),
        "check_peak_rss_mb": round(max(r["rss_kb"] for r in checks["check"]) / 1024, 1),
    }


def check_only(
    args: argparse.Namespace,
    root: Path,
    check_command: list[str],
    generate_s: float,
    counts: dict[str, int],
    started: float,
) -> dict[str, object]:
    figures = check_figures(timed_checks(root, check_command, max(args.runs, args.check_runs)))
    print()
    print(f"katalog check: {args.entries} entries, seed {args.seed}")
    print(f"  katalog check (median)           {figures['check_s']:.2f} s")
    print(f"  Read + parse front-matter floor  {figures['check_floor_s']:.2f} s")
    print(f"    ratio                          {figures['check_ratio']:.2f}x")
    print(f"  CPU time, check / floor          {figures['check_cpu_s']:.2f} s / {figures['check_floor_cpu_s']:.2f} s")
    print(f"    ratio                          {figures['check_cpu_ratio']:.2f}x")
    return {
        "entries": args.entries,
        **figures,
        "runs": max(args.runs, args.check_runs),
        "seed": args.seed,
        "generate_s": round(generate_s, 2),
        "counts": counts,
        "total_s": round(time.perf_counter() - started, 1),
    }


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True, help="number of entries to generate")
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each kind (default 3)")
    parser.add_argument("--check-runs", type=int, default=5, help="timed checks of each kind, at least --runs")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generator (default 1)")
    parser.add_argument("--workdir", type=Path, help="work folder (default benchmarks/out/n<N>-s<seed>)")
    parser.add_argument("--check-only", action="store_true", help="time only `katalog check` and its floor")
    return parser


main = main_for("bench", arguments(), run)

if __name__ == "__main__":
    sys.exit(main())
