"""Cell references (B12 ↔ row 12, column 2) as openpyxl reads them, without loading openpyxl (issue 13)."""

from __future__ import annotations

from functools import cache

_DIGITS = frozenset("0123456789")
_LETTERS = {chr(ord("A") + i): i + 1 for i in range(26)}
#: Columns A to ZZZ, as openpyxl allows (Excel itself stops at XFD).
MAX_COLUMN = 18_278


@cache
def column_index(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28; ValueError for anything but one to three letters naming A..ZZZ."""
    if len(letters) > 3:
        raise ValueError(f"'{letters}' is not a valid column name")
    index = 0
    # As openpyxl: the last three characters after upper-casing ("ﬃ" is three letters then).
    for letter in letters.upper()[-3:]:
        value = _LETTERS.get(letter)
        if value is None:
            raise ValueError(f"'{letters}' is not a valid column name")
        index = index * 26 + value
    if not 0 < index <= MAX_COLUMN:
        raise ValueError(f"'{letters}' is not a valid column name")
    return index


@cache
def column_letter(index: int) -> str:
    """1 → ``"A"``, 28 → ``"AB"``; ValueError outside A..ZZZ."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"Invalid column index {index}")
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def coordinate_to_tuple(coordinate: str) -> tuple[int, int]:
    """``"B12"`` → (12, 2), split where openpyxl splits it (at the first digit); ValueError when not a cell."""
    split = len(coordinate)
    for position, character in enumerate(coordinate):
        if character in _DIGITS:
            split = position
            break
    else:  # no digit: openpyxl takes the last character for the row, which int() then refuses
        split = max(len(coordinate) - 1, 0)
    return int(coordinate[split:]), column_index(coordinate[:split])
