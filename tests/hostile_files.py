"""A generator of hostile and broken report files, each made from a valid export by code (no binary blobs).

Each case names the file it writes, a pattern its refusal must match, and whether it is refused by the payload
rules of issue 10 item 3 (``item3``: what 定稿 checks, interchange.payload_rules). ``make_corpus`` writes them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests import hostile_json, hostile_xlsx
from tests.hostile_base import CASES, Base, Case

__all__ = ["CASES", "Base", "Case", "make_corpus"]
#: Importing the two parts registers their cases in CASES.
PARTS = (hostile_json, hostile_xlsx)


def make_corpus(base: Base, folder: Path, *, include_item3: bool = True) -> list[tuple[Case, Path]]:
    """Write every case (that this system can make) into ``folder``; returns the cases with their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for item in CASES:
        if (item.posix_only and sys.platform == "win32") or (item.item3 and not include_item3):
            continue
        path = folder / item.name
        item.make(base, path)
        made.append((item, path))
    return made
