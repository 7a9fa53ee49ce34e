"""Katalog's files in assets/, and its browser scripts joined as the site serves them (one file each)."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def bundle(*names: str) -> str:
    """Browser scripts of assets/ served as one file, in this order: the shared helpers
    (katalog-common.js) first, so each page loads one script per job and no helper is written twice."""
    return "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in names)
