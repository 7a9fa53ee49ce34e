"""Smoke test of benchmarks/bench.py: a small run ends in one JSON line, on a catalogue that passes check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQUIRED = (
    "entries",
    "build_s",
    "baseline_s",
    "build_ratio",
    "check_s",
    "check_floor_s",
    "check_ratio",
    "peak_rss_mb",
    "output_mb",
    "max_page_kb",
)


def test_benchmark_runs_and_reports_json(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench.py"),
            "--entries",
            "200",
            "--runs",
            "1",
            "--check-runs",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for key in REQUIRED:
        assert key in result, key
        assert isinstance(result[key], int | float) and result[key] > 0, (key, result[key])
    assert result["entries"] == 200

    check = subprocess.run(
        [sys.executable, "-m", "katalog.cli", "check", str(tmp_path / "katalog")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    files = list((tmp_path / "katalog" / "catalogue").rglob("*.md"))
    files += list((tmp_path / "katalog" / "content" / "vidensbank").glob("*.md"))
    assert len(files) == 200
