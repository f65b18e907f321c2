"""Taking the database for the window at start: who holds it if not, and clearing another computer's lock."""

from __future__ import annotations

import sys
from pathlib import Path

from shizhu_desktop import APP_NAME
from shizhu_desktop.locking import WINDOW, DatabaseLock, LockHeldError


def held_message(error: LockHeldError) -> str:
    """Why the window cannot open the database now, naming the computer and user that hold it."""
    info = error.info
    if error.clearable and info is not None:
        return (
            f"这个数据库被{info.describe()}锁定。\n\n"
            "如果那台电脑已经不再使用这个数据库（例如死机、断电或U盘被直接拔出），可以清除锁定后打开；"
            "如果那台电脑还开着本程序，请不要清除，否则两边同时修改会损坏数据。"
        )
    if info is None:
        return "另一个程序正在使用这个数据库：请关闭它后再打开。"
    if info.role != WINDOW:
        return f"命令行正在处理这个数据库（{info.describe()}）：请等它完成后再打开程序。"
    if info.on_this_host:
        return "程序已经打开了这个数据库（可能在另一个窗口或任务栏里）：请切换到已打开的窗口继续填报。"
    return f"这个数据库正在被{info.describe()}使用：请先在那台电脑上关闭程序。"


def take_window_lock(db_path: Path, smoke: bool = False) -> DatabaseLock | bool | None:
    """The window's lock on ``db_path``; None when no lock file can be made (a read-only folder: the database
    opens read-only anyway); False when another holder keeps it and the window must not open."""
    lock = DatabaseLock(db_path, WINDOW)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        return lock
    except OSError:
        return None
    except LockHeldError as error:
        message = held_message(error)
        if smoke:
            print(f"错误：{message}", file=sys.stderr)
            return False
        from PySide6.QtWidgets import QMessageBox  # only when the lock is held (start-up, issue 13)

        if not error.clearable:
            QMessageBox.information(None, APP_NAME, message)
            return False
        if not ask_to_clear(message):
            return False
    try:
        lock.acquire(clear_other_host=True)
    except (OSError, LockHeldError) as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, APP_NAME, f"锁定没有清除：{error}")
        return False
    return lock


def ask_to_clear(message: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message)
    clear = box.addButton("清除锁定并打开", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is clear
