"""The menu bar: 文件 / 报表 / 设置 / 帮助, with their keyboard shortcuts."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from shizhu_desktop.ui.fonts import FONT_SCALES

#: The actions that need a unit's report to act on: off until the first setup is done.
REPORT_ACTIONS = (
    "monthly",
    "quarterly",
    "history",
    "finalize",
    "reopen",
    "back_to_latest",
    "copy_previous_task",
    "copy_previous_all",
    "previous_month",
    "next_month",
    "previous_task",
    "next_task",
    "task_settings",
    "export_excel",
    "export_pdf",
    "export_word",
    "print_report",
)


class Actions(NamedTuple):
    """The window's menu actions by name. A named tuple, not a dataclass: built the same way, a fifth of the
    start-up cost (a dataclass compiles its generated methods at every start, issue 13)."""

    export_excel: QAction
    export_pdf: QAction
    export_word: QAction
    print_report: QAction
    import_files: QAction
    backup: QAction
    restore: QAction
    quit: QAction
    save: QAction
    monthly: QAction
    quarterly: QAction
    history: QAction
    finalize: QAction
    reopen: QAction
    copy_previous_task: QAction
    copy_previous_all: QAction
    back_to_latest: QAction
    show_tasks: QAction
    previous_month: QAction
    next_month: QAction
    previous_task: QAction
    next_task: QAction
    unit_settings: QAction
    task_settings: QAction
    import_tasklist: QAction
    font_sizes: dict[str, QAction]
    help: QAction
    about: QAction


def _action(
    window: QMainWindow, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey = "", tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    menu.addAction(action)
    return action


def add_font_menu(window: QMainWindow, menu: QMenu) -> dict[str, QAction]:
    """设置 → 字号: 标准 / 大 / 特大, one checkable action each (both windows)."""
    size_menu = menu.addMenu("字号")
    group = QActionGroup(window)
    font_sizes = {}
    for name in FONT_SCALES:
        action = _action(window, size_menu, name, "", f"界面文字用{name}字号，立即生效")
        action.setCheckable(True)
        group.addAction(action)
        font_sizes[name] = action
    return font_sizes


def build_menus(window: QMainWindow) -> Actions:
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    export_excel = _action(window, file_menu, "导出Excel…", "Ctrl+E", "导出本期报表的Excel文件，用于发邮件报送")
    export_pdf = _action(window, file_menu, "导出PDF…", "Ctrl+Shift+E", "导出本期报表的PDF文件，用于打印、签字、盖章")
    # Word copy of the quarterly report: offices edit it before issuing.
    word_tip = "导出季度工作推进情况报告的Word文件（docx），可在WPS或Word中修改后印发"
    export_word = _action(window, file_menu, "导出季度报告Word…", "", word_tip)
    print_report = _action(window, file_menu, "打印…", "Ctrl+P", "生成PDF并用系统的阅读器打开，从那里打印")
    file_menu.addSeparator()
    import_files = _action(window, file_menu, "导入报表文件…", "Ctrl+I", "导入本程序导出的报表文件（.xlsx 或 .json）")
    file_menu.addSeparator()
    backup = _action(window, file_menu, "备份…", "", "把全部数据备份到一个文件（例如存到U盘）")
    restore = _action(window, file_menu, "恢复…", "", "从备份文件恢复全部数据（恢复前会自动再备份当前数据）")
    file_menu.addSeparator()
    save = _action(window, file_menu, "立即保存", "Ctrl+S", "程序会自动保存；按此键立即保存")
    quit_action = _action(window, file_menu, "退出", "Ctrl+Q")

    report_menu = bar.addMenu("报表(&R)")
    monthly = _action(window, report_menu, "月报（工作推进情况表）", "Ctrl+1")
    quarterly = _action(window, report_menu, "季报（工作推进情况报告）", "Ctrl+2", "季度末月（3、6、9、12月）填报")
    history = _action(window, report_menu, "历史版本…", "Ctrl+H", "查看本期报表的各个版本")
    report_menu.addSeparator()
    previous_month = _action(window, report_menu, "上一个月", "Ctrl+Left")
    next_month = _action(window, report_menu, "下一个月", "Ctrl+Right")
    previous_task = _action(window, report_menu, "上一项任务", "Ctrl+Up")
    next_task = _action(window, report_menu, "下一项任务", "Ctrl+Down")
    report_menu.addSeparator()
    copy_previous_task = _action(
        window,
        report_menu,
        "复制上月内容（本任务）",
        "Ctrl+D",
        "把上月内容填入本任务中还空着的栏目，已填写的不会被覆盖",
    )
    copy_previous_all = _action(
        window,
        report_menu,
        "复制上月内容（全部任务）",
        "Ctrl+Shift+D",
        "把上月内容填入所有任务中还空着的栏目，已填写的不会被覆盖",
    )
    finalize = _action(window, report_menu, "定稿…", "Ctrl+Return", "检查无误后定稿；定稿后不能再修改")
    reopen = _action(window, report_menu, "重新打开修改…", "", "在已定稿的版本基础上生成新的一版进行修改")
    back_to_latest = _action(window, report_menu, "返回最新版本", "", "从历史版本回到本月最新的一版")
    report_menu.addSeparator()
    show_tasks = _action(
        window, report_menu, "显示任务列表", "F9", "显示或收起左边的任务列表（小屏幕上可收起，留出填写的地方）"
    )
    show_tasks.setCheckable(True)
    show_tasks.setChecked(True)

    settings_menu = bar.addMenu("设置(&S)")
    unit_settings = _action(window, settings_menu, "单位信息…")
    task_settings = _action(window, settings_menu, "任务分工…")
    import_tasklist = _action(window, settings_menu, "导入重点任务清单…", "", "导入县政府督查办下发的新版重点任务清单")
    font_sizes = add_font_menu(window, settings_menu)

    help_menu = bar.addMenu("帮助(&H)")
    help_action = _action(window, help_menu, "使用说明", "F1")
    about = _action(window, help_menu, "关于")
    return Actions(
        export_excel,
        export_pdf,
        export_word,
        print_report,
        import_files,
        backup,
        restore,
        quit_action,
        save,
        monthly,
        quarterly,
        history,
        finalize,
        reopen,
        copy_previous_task,
        copy_previous_all,
        back_to_latest,
        show_tasks,
        previous_month,
        next_month,
        previous_task,
        next_task,
        unit_settings,
        task_settings,
        import_tasklist,
        font_sizes,
        help_action,
        about,
    )
