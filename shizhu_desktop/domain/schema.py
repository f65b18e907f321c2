"""Small structural checks for the JSON data files, with Chinese messages that name the bad spot."""

from __future__ import annotations

from typing import Any


class DataFileError(ValueError):
    """A data file that does not have the expected shape; the message says where and what."""


def require(obj: Any, key: str, kind: type | tuple[type, ...], where: str, *, optional: bool = False) -> Any:
    """Return ``obj[key]`` after checking its type; ``where`` describes ``obj`` in Chinese."""
    if not isinstance(obj, dict):
        raise DataFileError(f"{where}应为一个对象（字典）。")
    if key not in obj or obj[key] is None:
        if optional:
            return None
        raise DataFileError(f"{where}缺少“{key}”项。")
    value = obj[key]
    # bool is an int in Python; a data file that says true where a number belongs is wrong.
    if isinstance(value, bool) and bool not in _as_tuple(kind):
        raise DataFileError(f"{where}的“{key}”类型不对：{_type_name(kind)}，实际为 {value!r}。")
    if not isinstance(value, kind):
        raise DataFileError(f"{where}的“{key}”类型不对：{_type_name(kind)}，实际为 {value!r}。")
    return value


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


_NAMES = {str: "文字", int: "整数", float: "数字", list: "列表", dict: "对象", bool: "真/假"}


def _type_name(kind: type | tuple[type, ...]) -> str:
    return "应为" + "或".join(_NAMES.get(k, k.__name__) for k in _as_tuple(kind))
