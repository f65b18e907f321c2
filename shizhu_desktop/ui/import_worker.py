"""The import worker: runs in its own thread with its own database connection, never touching widgets."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from shizhu_desktop.services.exchange import import_files
from shizhu_desktop.services.identity import ClockError, check_clock
from shizhu_desktop.services.workspace import Workspace


class ImportWorker(QObject):
    """Runs in its own thread with its own database connection; never touches widgets."""

    progressed = Signal(int, int, str)  # done, total, file name
    finished = Signal(list)  # list[ImportResult]
    failed = Signal(str)

    def __init__(
        self,
        db_path: Path,
        paths: list[Path],
        dry_run: bool = False,
        received_on: date | None = None,
        allow_unsigned: bool = False,
    ) -> None:
        super().__init__()
        self.db_path = db_path
        self.paths = paths
        self.dry_run = dry_run
        self.received_on = received_on
        self.allow_unsigned = allow_unsigned
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            workspace = Workspace.open(self.db_path)
        except Exception as exc:
            self.failed.emit(f"无法打开数据库：{exc}")
            return
        try:

            def progress(done: int, total: int, path: Path) -> bool:
                self.progressed.emit(done, total, path.name)
                return not self._cancel.is_set()

            if not self.dry_run:
                check_clock(workspace)  # what it writes is stamped with this PC's clock
            results = import_files(
                workspace,
                self.paths,
                dry_run=self.dry_run,
                received_on=self.received_on,
                allow_unsigned=self.allow_unsigned,
                progress=progress,
            )
            self.finished.emit(results)
        except ClockError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:
            self.failed.emit(f"导入时出错：{exc}")
        finally:
            workspace.close()
