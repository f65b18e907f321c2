"""石柱县绿色低碳循环经济体系工作推进情况填报 (shizhu-desktop)."""

from __future__ import annotations

from functools import cache

APP_NAME = "石柱绿色低碳工作推进填报"
APP_ID = "shizhu-desktop"


@cache
def _version() -> str:
    from shizhu_desktop.version import find_version

    return find_version()


def __getattr__(name: str) -> str:
    # ``__version__`` is looked up on first use (pyproject.toml or the metadata), not at every import of the package.
    if name == "__version__":
        return _version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
