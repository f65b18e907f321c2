"""Stand-alone probe: thousands of the widget calls the windows make; prints the drift of None/True/False as JSON.

Run by tests/test_binding.py in a subprocess (a leaking binding aborts the process that runs it). It needs only
PySide6, so it can also be pointed at any other Python/PySide6 pair: ``python tests/binding_probe.py``.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QStringListModel
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
#: A leak of one reference per call shows as about -25 per round; a sound binding stays within a few.
LIMIT = 40
WARM_UP = 20


def main() -> int:
    app = QApplication([])
    window = QMainWindow()
    label, line, text = QLabel(window), QLineEdit(window), QPlainTextEdit(window)
    combo, check, button = QComboBox(window), QCheckBox(window), QPushButton(window)
    tabs, tree, table = QTabWidget(window), QTreeView(window), QTableView(window)
    tabs.addTab(QWidget(), "月报")
    tabs.addTab(QWidget(), "季度报告")
    combo.addItems(["已完成", "序时推进", "滞后", "未启动"])
    tree.setModel(QStringListModel(["任务1", "任务2"]))
    table.setModel(QStandardItemModel(3, 3))
    action = QAction("定稿", window)
    window.show()
    singletons = {"None": None, "True": True, "False": False}
    start: dict[str, int] = {}
    calls = 0
    for round_ in range(-WARM_UP, ROUNDS):
        if round_ == 0:
            # Measured from here: the first rounds fill Qt's and Python's caches (a one-off, not a drift).
            start = {name: sys.getrefcount(obj) for name, obj in singletons.items()}
        flag = round_ % 2 == 0
        label.setText(f"第{round_}次")
        label.setVisible(flag)
        label.setToolTip("提示")
        label.setStyleSheet("color: #555;")
        line.setText("023-73331234")
        line.setReadOnly(flag)
        line.clear()
        text.setPlainText("本月工作进展")
        text.setReadOnly(flag)
        text.clear()
        combo.blockSignals(True)
        combo.setCurrentIndex(round_ % 4)
        combo.blockSignals(False)
        check.setChecked(flag)
        button.setEnabled(flag)
        tabs.setTabEnabled(1, flag)
        tabs.setCurrentIndex(round_ % 2)
        tree.expandAll()
        tree.setCurrentIndex(QModelIndex())
        table.resizeRowsToContents()
        action.setEnabled(flag)
        window.statusBar().showMessage("已保存", 1000)
        app.processEvents()
        if round_ < 0:
            continue
        calls += 24
        drift = {name: sys.getrefcount(obj) - start[name] for name, obj in singletons.items()}
        if any(change < -LIMIT for change in drift.values()):
            break  # leaking: report it now, before None's count reaches zero and the interpreter aborts
    print(json.dumps({"calls": calls, "rounds": round_ + 1, "drift": drift, "python": sys.version.split()[0]}))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
