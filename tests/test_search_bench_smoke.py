"""Smoke test of benchmarks/search_bench.py: 100 entries, one cold run per site, ends in one JSON line."""

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
        timeout=240,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["entries"] == 100
    for site in ("katalog", "material"):
        for key in KEYS:
            value = result[site][key]
            assert isinstance(value, int | float) and value > 0, (site, key, value)
    # The Katalog index is fetched on focus, so its bytes are counted: at least the gzip index itself.
    assert result["katalog"]["bytes_before_first_result_gzip"] >= result["katalog"]["index_file_gzip_kb"] * 1024
