"""Cell references read as openpyxl reads them (the import no longer loads openpyxl to read them)."""

from __future__ import annotations

import random

import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple, get_column_letter

from shizhu_desktop.interchange import cellref


def _outcome(function: object, value: object) -> tuple[str, object]:
    try:
        return "ok", function(value)  # type: ignore[operator]
    except ValueError:
        return "refused", None


def _coordinates() -> list[str]:
    chosen = ["A1", "b12", "XFD1048576", "ZZZ1", "AAAA1", "$A$1", "A", "1", "A0", "A-1", "A 1", "ß1", "ﬃ1", "Z٣"]
    chosen += ["A1.5", "A1e3", "AB12CD", "A_1", "A１", "A1_0", "Ç7"]
    rnd = random.Random(13)
    alphabet = "AZaz09$ _-.ß٣ﬃ１Ç"
    return chosen + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6))) for _ in range(20_000)]


@pytest.mark.parametrize("chunk", range(4))
def test_coordinates_split_and_refused_as_openpyxl_does(chunk: int) -> None:
    cases = _coordinates()[chunk::4]
    differ = [c for c in cases if _outcome(coordinate_to_tuple, c) != _outcome(cellref.coordinate_to_tuple, c)]
    assert differ == []
    assert sum(_outcome(cellref.coordinate_to_tuple, c)[0] == "ok" for c in cases) > 100  # not all refused


def test_every_column_letter_and_index_agree_with_openpyxl() -> None:
    for index in range(1, cellref.MAX_COLUMN + 1):
        letters = get_column_letter(index)
        assert cellref.column_letter(index) == letters
        assert cellref.column_index(letters) == column_index_from_string(letters) == index
    for index in (0, -1, cellref.MAX_COLUMN + 1):
        assert _outcome(cellref.column_letter, index) == _outcome(get_column_letter, index) == ("refused", None)


def test_an_empty_reference_is_refused_not_a_crash() -> None:
    # openpyxl 3.1 raises UnboundLocalError here; a damaged file must get the Chinese refusal, not a traceback.
    with pytest.raises(ValueError):
        cellref.coordinate_to_tuple("")
