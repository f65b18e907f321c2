"""Reading PDFs back in tests: text of pages whose landscape content is turned on a portrait sheet."""

from __future__ import annotations

from typing import Any


def turned_text(page: Any) -> str:
    """Text of a page whose landscape content is turned on a portrait sheet (it reads bottom to top)."""
    return page.extract_text(line_dir_rotated="ltr", char_dir_rotated="btt") or ""
