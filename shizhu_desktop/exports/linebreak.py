"""Chinese line breaking: no line starts with closing punctuation nor ends with opening punctuation (禁则)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

#: May not start a line (GB/T 15834 and W3C clreq 行首禁则), full-width and ASCII forms.
CANNOT_START = frozenset("，。、；：？！）」》" + "’”』〕】〉〗〙〛｝］．·・‼⁇⁈⁉々〻ゝゞヽヾー％‰℃" + ",.;:!?)]}%")
#: May not end a line (行尾禁则).
CANNOT_END = frozenset("（「《" + "“‘『〔【〈〖〘〚｛［" + "([{")
#: Dashes and ellipses are written as pairs (——, ……) that are never split.
_PAIRED = frozenset("—…")
_WORD = frozenset("._-/%:@#&+=',\"")
_EPSILON = 0.01


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in _WORD)


def clusters(chars: Sequence[str]) -> list[tuple[int, int]]:
    """Split a paragraph into pieces no line break may enter, as (start, end) index ranges."""
    pieces: list[tuple[int, int]] = []
    for i, char in enumerate(chars):
        prev = chars[i - 1] if i else ""
        glue = bool(pieces) and (
            char in CANNOT_START
            or prev in CANNOT_END
            or (char in _PAIRED and prev == char)
            or (_is_word_char(char) and _is_word_char(prev) and prev != " ")
        )
        if char == " " or prev == " ":
            # A space is a break opportunity of its own (spaces gather at a line's end, never at its start).
            glue = bool(pieces) and char == " " and prev == " "
        if glue:
            pieces[-1] = (pieces[-1][0], i + 1)
        else:
            pieces.append((i, i + 1))
    return pieces


def break_paragraph(chars: Sequence[str], widths: Sequence[float], max_width: float) -> list[tuple[int, int]]:
    """Greedy line breaking of one paragraph (no newlines); returns each line's (start, end) index range."""
    if not chars:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    start, width = 0, 0.0
    for first, last in clusters(chars):
        piece = sum(widths[first:last])
        if chars[first] == " ":
            width += piece  # trailing spaces may hang past the margin: they are not drawn
            continue
        if first > start and width + piece > max_width + _EPSILON:
            lines.append((start, first))
            start, width = first, 0.0
        if piece > max_width + _EPSILON:
            # A piece wider than a whole line (a long number, a run of punctuation): break it by characters.
            start, width = _split_long(chars, widths, max_width, start, first, last, lines)
        else:
            width += piece
    lines.append((start, len(chars)))
    return lines


def _split_long(
    chars: Sequence[str],
    widths: Sequence[float],
    max_width: float,
    start: int,
    first: int,
    last: int,
    lines: list[tuple[int, int]],
) -> tuple[int, float]:
    width = sum(widths[start:first])
    for i in range(first, last):
        if width + widths[i] > max_width + _EPSILON and i > start:
            cut = i
            # Pull a character down with a closing mark rather than start the next line with the mark.
            while cut - 1 > start and chars[cut] in CANNOT_START:
                cut -= 1
            lines.append((start, cut))
            start, width = cut, sum(widths[cut:i])
        width += widths[i]
    return start, width


def balanced_lines(chars: Sequence[str], widths: Sequence[float], max_width: float) -> list[tuple[int, int]]:
    """As few lines as greedy breaking needs, but of even lengths (titles: no single word left alone)."""
    greedy = break_paragraph(chars, widths, max_width)
    if len(greedy) < 2:
        return greedy
    low, high = sum(widths) / len(greedy), max_width
    best = greedy
    for _ in range(20):
        middle = (low + high) / 2
        trial = break_paragraph(chars, widths, middle)
        if len(trial) <= len(greedy):
            best, high = trial, middle
        else:
            low = middle
    return best


def phrase_groups(widths: Sequence[float], max_width: float) -> list[tuple[int, int]] | None:
    """Titles (GB/T 9704 词意完整): phrases ``[start, end)`` per line, as few lines as fit and then the most even.

    ``widths`` are the phrases' widths; a title breaks only between phrases. None when a phrase alone is wider
    than a line (the caller then breaks by characters).
    """
    count = len(widths)
    if any(w > max_width + _EPSILON for w in widths):
        return None
    for lines in range(1, count + 1):
        best: tuple[float, list[tuple[int, int]]] | None = None
        for cuts in itertools.combinations(range(1, count), lines - 1):
            bounds = [0, *cuts, count]
            groups = list(itertools.pairwise(bounds))
            widest = max(sum(widths[a:b]) for a, b in groups)
            # Even lines first; on a tie the longer line comes first (an inverted trapezoid, as titles are set).
            key = widest - sum(widths[groups[0][0] : groups[0][1]]) * 1e-6
            if widest <= max_width + _EPSILON and (best is None or key < best[0]):
                best = (key, groups)
        if best is not None:
            return best[1]
    return None


def visible_end(chars: Sequence[str], start: int, end: int) -> int:
    """``end`` without the line's trailing spaces."""
    while end > start and chars[end - 1] == " ":
        end -= 1
    return end
