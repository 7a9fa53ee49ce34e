"""Benchmark the preview: how soon `mkdocs serve` shows the site and an edit, dirty against full.

    python benchmarks/preview_bench.py --entries N [--seed 1] [--workdir DIR] [--modes dirty,full]

1. generates a valid catalogue of N entries (benchmarks/generate.py, deterministic by seed);
2. for each mode, starts `mkdocs serve` on it (`--dirty`: Katalog rebuilds only what an edit
   changes; full: MkDocs' default, every page rebuilt on every edit) and measures, over HTTP as a
   browser reloading would see it (the server holds a request while it rebuilds):
   - first_page_s: from starting the server until the front page answers;
   - body_edit_s: from writing an entry's body until its page shows the new text;
   - term_edit_s: from changing an entry's themes until its page links the new theme (with --dirty,
     Katalog rebuilds the edited entry's page first and then, in a catch-up build, the rest);
   - term_settled_s: from the same edit until the whole site shows it (with --dirty: the catch-up
     build done; in full mode the same as term_edit_s);
   - body_edit_cpu_s, term_edit_cpu_s: the server's CPU time (user + system) over the same span:
     what the wall time would be on an idle machine, about (the machine is often shared);
   - peak_rss_mb: the server's peak resident memory (VmHWM), and peak_tree_rss_mb: the largest
     sum over the server and its children (the search index process), sampled every 0.1 s;
3. prints, as its last line, one JSON object with both modes and the ratios full / dirty.

The modes run one after the other in the same run, on the same machine state; compare ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Failed, main_for  # noqa: E402
from generate import SITE_FOLDERS, generate  # noqa: E402

REPO = HERE.parent
NEW_THEME = "demokrati-og-inddragelse"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen[bytes], timeout: float) -> float:
    """Seconds until the page at url holds text (time.monotonic() when it did)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Failed(f"mkdocs serve stopped (exit code {process.returncode})")
        body = fetch(url)
        if body is not None and text in body:
            return time.monotonic()
        time.sleep(0.05)
    raise Failed(f"{text!r} did not appear at {url} within {timeout:.0f} s")


def cpu_s(pid: int) -> float:
    """The process's CPU time so far (user + system), in seconds."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(name))
    return found


class Sampler(threading.Thread):
    """The largest sum of resident memory over a process and its children."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.hwm_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.1):
            total = rss_kb(self.pid) + sum(rss_kb(child) for child in children(self.pid))
            self.peak_kb = max(self.peak_kb, total)
            self.hwm_kb = max(self.hwm_kb, rss_kb(self.pid, "VmHWM"))


def pick_entries(root: Path) -> tuple[Path, Path]:
    """Two initiatives: one for a body edit, one whose themes do not hold NEW_THEME yet."""
    folder = root / "catalogue" / "initiatives"
    files = sorted(folder.glob("*.md"))
    body = files[len(files) // 2]
    term = next(p for p in files[len(files) // 3 :] if NEW_THEME not in p.read_text(encoding="utf-8"))
    return body, term


def ordinary_builds(log: Path) -> int:
    """Dirty builds that brought the whole site up to date, as the server's log counts them."""
    return log.read_text(encoding="utf-8").count(" page(s), kept ")


def page_url(base: str, path: Path) -> str:
    return f"{base}{SITE_FOLDERS['initiative']}/{path.stem}/"


def session(root: Path, mode: str, round_: int, timeout: float) -> dict[str, float]:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    if mode == "dirty":
        command.append("--dirty")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    log_path = root.parent / f"serve-{mode}.log"
    body_file, term_file = pick_entries(root)
    with log_path.open("w", encoding="utf-8") as log:
        start = time.monotonic()
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = Sampler(process.pid)
        sampler.start()
        try:
            first = wait_for(base, "</html>", process, timeout) - start
            time.sleep(1)  # let the watcher settle
            marker = f"forhåndsvisningsmåling{mode}{round_}"
            written, cpu = time.monotonic(), cpu_s(process.pid)
            with body_file.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{marker} i brødteksten.\n")
            body_s = wait_for(page_url(base, body_file), marker, process, timeout) - written
            body_cpu = cpu_s(process.pid) - cpu
            time.sleep(1)
            text = term_file.read_text(encoding="utf-8")
            themes = re.search(r"^themes: \[.*\]$", text, re.MULTILINE)
            if themes is None:
                raise Failed(f"{term_file} has no themes line")
            builds = ordinary_builds(log_path)
            written, cpu = time.monotonic(), cpu_s(process.pid)
            term_file.write_text(text.replace(themes.group(0), f'themes: ["{NEW_THEME}"]', 1), encoding="utf-8")
            term_s = wait_for(page_url(base, term_file), f"/{NEW_THEME}/", process, timeout) - written
            term_cpu = cpu_s(process.pid) - cpu
            settled = term_s
            if mode == "dirty":
                while ordinary_builds(log_path) == builds and time.monotonic() - written < timeout:
                    time.sleep(0.05)
                fetch(base)  # answered once that build is done
                settled = time.monotonic() - written
            # Put the term back for the next mode (and wait for that build, so it does not overlap).
            term_file.write_text(text, encoding="utf-8")
            time.sleep(1)
            fetch(base)
            hwm = rss_kb(process.pid, "VmHWM")
        finally:
            sampler.stop.set()
            sampler.join()
            process.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs shuts the plugins down
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return {
        "first_page_s": round(first, 2),
        "body_edit_s": round(body_s, 2),
        "term_edit_s": round(term_s, 2),
        "term_settled_s": round(settled, 2),
        "body_edit_cpu_s": round(body_cpu, 2),
        "term_edit_cpu_s": round(term_cpu, 2),
        "peak_rss_mb": round(max(hwm, sampler.hwm_kb) / 1024),
        "peak_tree_rss_mb": round(sampler.peak_kb / 1024),
    }


def run(args: argparse.Namespace) -> dict[str, object]:
    workdir: Path = (args.workdir or REPO / "benchmarks" / "out" / f"preview-n{args.entries}-s{args.seed}").resolve()
    root = workdir / "katalog"
    print(f"generating {args.entries} entries in {root}", flush=True)
    generate(REPO, root, args.entries, args.seed)
    results: dict[str, dict[str, float]] = {}
    modes = args.modes.split(",")
    for mode in modes:
        print(f"mkdocs serve ({mode}) ...", flush=True)
        results[mode] = session(root, mode, 1, args.timeout)
        print(f"  {results[mode]}", flush=True)
    out: dict[str, object] = {"entries": args.entries, "cpus": os.cpu_count(), **results}
    if "dirty" in results and "full" in results:
        dirty, full = results["dirty"], results["full"]
        timed = ("first_page_s", "body_edit_s", "term_edit_s", "term_settled_s")
        out["full_over_dirty"] = {key: round(full[key] / dirty[key], 1) for key in timed if dirty[key]}
    return out


def arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, required=True, help="number of entries to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="(one session per mode)")
    parser.add_argument("--workdir", type=Path, help="work folder (default benchmarks/out/preview-n<N>-s<seed>)")
    parser.add_argument("--modes", default="dirty,full", help="dirty, full or both (comma-separated)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for any one step")
    return parser


main = main_for("preview_bench", arguments(), run)

if __name__ == "__main__":
    raise SystemExit(main(None))
