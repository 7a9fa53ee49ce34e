"""Smoke test of benchmarks/search_bench.py: 100 entries and the example, one cold run per engine (Katalog
and Pagefind, which the benchmark installs from npm outside the repository), ends in one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .browser_support import require_chromium

ROOT = Path(__file__).resolve().parents[1]
KEYS = (
    "bytes_before_first_result_gzip",
    "first_result_ms",
    "query_median_ms",
    "query_max_ms",
    "index_file_kb",
    "index_file_gzip_kb",
    "index_files",
)


def test_search_benchmark_runs_and_reports_json(tmp_path: Path) -> None:
    require_chromium()  # skips with the reason where Chromium is missing; fails when CI=true
    command = [sys.executable, str(ROOT / "benchmarks" / "search_bench.py"), "--entries", "100"]
    command += ["--workdir", str(tmp_path), "--runs", "1", "--queries", "kommune", "frivillige borgere"]
    done = subprocess.run(
        command,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=400,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["entries"] == 100
    for engine in ("katalog", "pagefind"):
        for key in KEYS:
            value = result[engine][key]
            assert isinstance(value, int | float) and value > 0, (engine, key, value)
        relevance = result[engine]["relevance"]
        assert relevance["queries"] >= 50 and 0 < relevance["mrr"] <= 1, (engine, relevance)
    # The example's pages are in the site, and Katalog finds them (its own bar: MRR at least 0.9).
    assert result["katalog"]["relevance"]["mrr"] >= 0.9
    assert result["katalog_index"]["documents"] > 100 and result["pagefind_index"]["pages"] > 100
    # The Katalog index is fetched on focus, so its bytes are counted: at least the gzip index itself.
    assert result["katalog"]["bytes_before_first_result_gzip"] >= result["katalog"]["index_file_gzip_kb"] * 1024
