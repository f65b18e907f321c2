"""The window's database at start: damaged (offer a backup), locked or unusable (say why), backed up once a day."""

from __future__ import annotations

import sys
from pathlib import Path

from shizhu_desktop import APP_NAME
from shizhu_desktop.domain.schema import DataFileError
from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.store import DamagedDatabaseError, DatabaseError

# The dialogs for the rare cases are imported only when one is needed: each Qt class costs start-up time the
# first time it is used (issue 13).


def open_workspace(db_path: Path, smoke: bool = False) -> Workspace | None:
    """The window's workspace, after the checks at start: a damaged database is offered a restore, any other
    problem is explained. None when the window must not open."""
    try:
        workspace = Workspace.open(db_path)
    except DamagedDatabaseError as exc:
        if smoke:
            print(f"错误：{exc}", file=sys.stderr)
            return None
        from shizhu_desktop.ui.recovery_dialog import RecoveryDialog

        if RecoveryDialog(db_path, str(exc)).run() is None:
            return None
        return open_workspace(db_path, smoke)
    except (DatabaseError, DataFileError) as exc:
        if smoke:
            print(f"错误：{exc}", file=sys.stderr)
        else:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, APP_NAME, f"无法打开数据库。\n\n{exc}")
        return None
    return workspace


def back_up_daily(workspace: Workspace) -> None:
    """The first start of a day backs the database up; run once the window is painted (nothing is typed before)."""
    if workspace.read_only:
        return
    from shizhu_desktop.store.backups import daily_backup

    try:
        daily_backup(workspace.db, workspace.path)
    except (DatabaseError, OSError) as exc:
        # Not a reason to keep the clerk from working: said once, tried again at the next start.
        print(f"注意：今天的自动备份没有成功（{exc}）。", file=sys.stderr)
