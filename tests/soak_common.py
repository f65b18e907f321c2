"""What both soak scripts share: running weighted random operations, each followed by the event loop."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication

#: Stop long before the test's time-out: the operations done so far are still checked.
TIME_BUDGET_S = 75.0


def run_mixed(
    plan: Sequence[tuple[Callable[[], None], int]], operations: int, rng: random.Random, done: dict[str, int]
) -> None:
    """``operations`` operations drawn from ``plan`` (operation, weight), counting each kind in ``done``."""
    actions, weights = zip(*plan, strict=True)
    started = time.monotonic()
    for _ in range(operations):
        action = rng.choices(actions, weights)[0]
        action()
        QApplication.processEvents()
        done[action.__name__] = done.get(action.__name__, 0) + 1
        if time.monotonic() - started > TIME_BUDGET_S:
            break
