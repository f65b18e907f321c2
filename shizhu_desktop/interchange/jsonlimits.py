"""Parsing JSON from outside with limits: encoding, nesting depth, number length, duplicate keys, lone surrogates."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from shizhu_desktop.interchange.payload import PayloadError

#: A report nests four levels deep, a task list five (deeper input stops Python's parser with RecursionError).
MAX_DEPTH = 20
#: Longer digit strings are no figure of ours (and Python refuses to convert ints past 4,300 digits).
MAX_NUMBER_CHARS = 40
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_BOM = b"\xef\xbb\xbf"

_AGAIN = "请让对方用本程序重新导出后发送。"


def decode_text(raw: bytes, again: str = _AGAIN) -> str:
    """UTF-8 text (a BOM, as Notepad writes, is dropped); a GBK file is named as such. Raises PayloadError."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PayloadError("encoding", "文件是 UTF-16（Unicode）编码，本程序只认 UTF-8：可能用记事本另存过。" + again)
    if b"\x00" in raw:
        raise PayloadError("not_json", f"文件内容不是文字（可能是其他类型的文件，或已损坏），无法解析。{again}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3:
            return raw[: exc.start].decode("utf-8")  # cut inside a character: a truncated file, said so by the parser
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        raise PayloadError(
            "not_json", f"文件内容不是文字（可能是其他类型的文件，或已损坏），无法解析。{again}"
        ) from None
    raise PayloadError(
        "encoding",
        "文件是 GBK（ANSI）编码，本程序只认 UTF-8：可能用记事本或 WPS 另存过。"
        "请用记事本打开后“另存为”，编码选“UTF-8”，或" + again,
    )


def load_json(raw: bytes, again: str = _AGAIN) -> Any:
    """Parse ``raw`` as JSON within the limits above; raise :class:`PayloadError` naming what is wrong."""
    text = decode_text(raw, again)
    try:
        data = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except PayloadError:
        raise
    except RecursionError:
        raise PayloadError("too_deep", f"文件中的数据嵌套层数过多，不是本程序导出的报表。{again}") from None
    except ValueError:
        raise PayloadError("not_json", f"文件内容不是有效的 JSON 数据（无法解析），文件可能已损坏。{again}") from None
    _check_tree(data, again)
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise PayloadError(
                "duplicate_key", f"文件中的字段“{key[:40]}”出现了两次，无法确定以哪个为准，不能导入。{_AGAIN}"
            )
        result[key] = value
    return result


def _long_number(text: str) -> PayloadError:
    return PayloadError(
        "number", f"文件中有一个长达 {len(text)} 位的数字（{text[:20]}…），不是正常的报表数据，不能导入。{_AGAIN}"
    )


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _long_number(text)
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _long_number(text)
    value = float(text)
    if not math.isfinite(value):
        raise PayloadError("number", f"文件中的数字“{text}”超出了可以表示的范围，不能导入。{_AGAIN}")
    return value


def _constant(name: str) -> float:
    raise PayloadError("number", f"文件中有非数字的值“{name}”（不是有效的 JSON 数据），不能导入。{_AGAIN}")


def _check_tree(data: Any, again: str) -> None:
    """Nesting within MAX_DEPTH, and no lone surrogate ("\ud800" decodes to half a character UTF-8 cannot hold)."""
    stack = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PayloadError("too_deep", f"文件中的数据嵌套超过 {MAX_DEPTH} 层，不是本程序导出的报表。{again}")
        if isinstance(item, str):
            strings = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend((value, depth + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, depth + 1) for value in item)
            continue
        else:
            continue
        for text in strings:
            if not text.isascii() and _LONE_SURROGATE.search(text):
                raise PayloadError("encoding", f"文件中有无法显示的残缺字符（单独的代理码位），文件已损坏。{again}")
