"""How figures are written in tables and reports: 12 for 12.0, 12.35 for 12.345, nothing for no value."""

from __future__ import annotations


def format_number(value: float | None) -> str:
    """12 for 12.0, 12.35 for 12.345; empty for no value (printed tables show two decimals at most)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
