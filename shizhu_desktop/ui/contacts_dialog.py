"""The county's unit directory: each unit's organ name (on its seal) and liaison, edited or read from Excel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.profile import phone_problem
from shizhu_desktop.domain.units import Contact, Unit, UnitRegistry, organ_problem
from shizhu_desktop.services.contacts import ContactFileError, ContactImport, read_contacts
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository

COLUMNS = ("单位", "机关名称（印章）", "联系人", "联系电话", "责任科室")
COL_ORGAN, COL_NAME, COL_PHONE, COL_SECTION = 1, 2, 3, 4
_ERROR = QBrush(QColor("#f8d7da"))


class ContactsDialog(QDialog):
    """A table of every unit; 保存 writes the organ names and the contact list (催报名单 uses it)."""

    def __init__(self, units: UnitRegistry, directory: UnitDirectoryRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units, self.directory = units, directory
        self.setWindowTitle("单位联系人与机关名称")
        self.resize(900, 620)
        self.rows: list[Unit] = [*units.townships(), *units.departments()]
        intro = QLabel(
            "催报名单在收到单位的第一份报表之前，按这里的联系人和电话催报；机关名称印在标题、落款和签字栏上。"
            "可直接修改，也可从Excel导入（第一行为“单位、联系人、联系电话”等列名）。",
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a61b1b;")
        self.import_button = QPushButton("从Excel导入…", self)
        self.save_button = QPushButton("保存", self)
        self.save_button.setDefault(True)
        close = QPushButton("关闭", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.import_button.clicked.connect(self.ask_import)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self._load(directory.contacts(), directory.organs())

    def _load(self, contacts: dict[str, Contact], organs: dict[str, str]) -> None:
        for row, unit in enumerate(self.rows):
            name = QTableWidgetItem(unit.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            contact = contacts.get(unit.code, Contact(unit.code))
            organ = organs.get(unit.code) or unit.organ_name
            for column, text in ((COL_ORGAN, organ), (COL_NAME, contact.name), (COL_PHONE, contact.phone)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            self.table.setItem(row, COL_SECTION, QTableWidgetItem(contact.section))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def problems(self) -> list[str]:
        """What must be put right before saving; the cells at fault are shaded."""
        found = []
        for row, unit in enumerate(self.rows):
            for column, problem in (
                (COL_ORGAN, organ_problem(self._text(row, COL_ORGAN))),
                (COL_PHONE, phone_problem(self._text(row, COL_PHONE)) if self._text(row, COL_PHONE) else ""),
            ):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(_ERROR if problem else QBrush())
                if problem:
                    found.append(f"{unit.name}：{problem}")
        return found

    def save(self) -> bool:
        problems = self.problems()
        if problems:
            self.message.setText("还不能保存：" + "".join(problems[:3]) + ("等。" if len(problems) > 3 else ""))
            return False
        contacts = [
            Contact(unit.code, self._text(row, COL_NAME), self._text(row, COL_PHONE), self._text(row, COL_SECTION))
            for row, unit in enumerate(self.rows)
        ]
        self.directory.save_contacts(contacts)
        for row, unit in enumerate(self.rows):
            organ = self._text(row, COL_ORGAN)
            # Only a name that differs from the unit list is kept: a later list's correction still applies.
            self.directory.set_organ(unit.code, "" if organ == unit.organ_name else organ)
        self.message.setText("")
        self.message.setStyleSheet("color: #1b6a3a;")
        self.message.setText("已保存。")
        return True

    def ask_import(self) -> None:
        start = str(Path.home() / "Documents") if (Path.home() / "Documents").is_dir() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "选择联系人名单（Excel）", start, "Excel 文件 (*.xlsx)")
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> ContactImport | None:
        """Read ``path``, show what it changes, and put it into the table when the clerk agrees."""
        current = {u.code: self._contact(row, u) for row, u in enumerate(self.rows)}
        organs = {u.code: self._text(row, COL_ORGAN) for row, u in enumerate(self.rows)}
        try:
            found = read_contacts(path, self.units, current, organs)
        except ContactFileError as exc:
            QMessageBox.warning(self, "导入联系人名单", str(exc))
            return None
        lines = found.changes[:25] + ([f"……等共{len(found.changes)}处"] if len(found.changes) > 25 else [])
        problems = found.problems[:10] + (["……"] if len(found.problems) > 10 else [])
        text = "\n".join(lines) or "名单中的联系人与现有的相同，没有变化。"
        if problems:
            text += "\n\n以下行没有导入：\n" + "\n".join(problems)
        if not found.changes:
            QMessageBox.information(self, "导入联系人名单", text)
            return found
        answer = QMessageBox.question(self, "导入联系人名单", text + "\n\n按以上变化更新名单吗？（更新后请点“保存”）")
        if answer == QMessageBox.StandardButton.Yes:
            self._apply(found)
        return found

    def _contact(self, row: int, unit: Unit) -> Contact:
        return Contact(unit.code, self._text(row, COL_NAME), self._text(row, COL_PHONE), self._text(row, COL_SECTION))

    def _apply(self, found: ContactImport) -> None:
        for row, unit in enumerate(self.rows):
            contact = found.contacts.get(unit.code)
            if contact is not None:
                for column, text in (
                    (COL_NAME, contact.name),
                    (COL_PHONE, contact.phone),
                    (COL_SECTION, contact.section),
                ):
                    self.table.setItem(row, column, QTableWidgetItem(text))
            if unit.code in found.organs:
                self.table.setItem(row, COL_ORGAN, QTableWidgetItem(found.organs[unit.code]))
