"""The refusal to print characters that no available font has, raised before any file is written."""

from __future__ import annotations

MAX_LISTED = 12


class MissingGlyphsError(ValueError):
    """Characters no available font can draw. ``missing`` maps each character to where it occurs."""

    def __init__(self, missing: dict[str, list[str]]) -> None:
        self.missing = missing
        listed = []
        for char, places in list(missing.items())[:MAX_LISTED]:
            where = "、".join(places[:3]) + ("等处" if len(places) > 3 else "")
            listed.append(f"“{char}”（U+{ord(char):04X}，{where}）")
        more = f"等{len(missing)}个字符" if len(missing) > MAX_LISTED else ""
        self.message = (
            f"以下字符在本机和程序自带的字体中都没有，PDF 中无法显示：{'、'.join(listed)}{more}。"
            "请把这些字改为常用字（或用拼音、文字说明代替），或在本机安装含有这些字的字体"
            "（如 Windows 的 SimSun-ExtB）后重新导出；如仍要导出，这些字将印成“〓”。"
        )
        super().__init__(self.message)
