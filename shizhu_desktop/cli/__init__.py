"""The command line: the same services as the GUI, without importing Qt, openpyxl or reportlab."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

# Starting the window (no command) must not pay for the parser of every command: cli.run is imported only when
# a command is given (issue 13, start-up).

__all__ = ["main"]


def _gui_arguments(argv: Sequence[str]) -> tuple[Path | None, bool] | None:
    """(database, smoke) when ``argv`` only starts the window (nothing, --smoke, --db PATH): the common case
    skips building the whole command-line parser, which start-up would otherwise pay for."""
    db: Path | None = None
    smoke = False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--smoke" and not smoke:
            smoke = True
        elif word == "--db" and db is None and rest and not rest[0].startswith("-"):
            db = Path(rest.pop(0))
        else:
            return None
    return db, smoke


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    words = sys.argv[1:] if argv is None else list(argv)
    window = _gui_arguments(words)
    if window is not None:
        from shizhu_desktop.app import run_gui  # Qt only for the GUI

        return run_gui(db_path=window[0], smoke=window[1])
    from shizhu_desktop.cli.run import run_command

    return run_command(words)


def _safe_streams() -> None:
    # A GBK console cannot show every character (emoji, rare Han): replace them rather than crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
