"""First-run setup and 设置: what this PC is for, the unit, its liaison, and which tasks it reports on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shizhu_desktop.domain.catalog import Catalog
from shizhu_desktop.domain.profile import MODE_COUNTY, MODE_UNIT, Profile, phone_problem
from shizhu_desktop.domain.report import Liaison
from shizhu_desktop.domain.units import Unit, UnitRegistry, organ_problem
from shizhu_desktop.store.unit_directory import UnitDirectoryRepository
from shizhu_desktop.ui.unit_picker import UnitPicker

PAGE_UNIT, PAGE_TASKS = 0, 1


class SetupDialog(QDialog):
    """Edits a :class:`Profile`; ``profile()`` returns the result after ``accept``."""

    def __init__(
        self,
        catalog: Catalog,
        units: UnitRegistry,
        profile: Profile | None = None,
        page: int = PAGE_UNIT,
        parent: QWidget | None = None,
        directory: UnitDirectoryRepository | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.units = units
        #: Where the organ name is kept when it differs from the unit list (None: the field is shown, not kept).
        self.directory = directory
        self._unit: Unit | None = None
        first_run = profile is None
        self.setWindowTitle("首次使用：设置填报单位" if first_run else "设置")
        self.resize(760, 560)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._init_unit_page(first_run), "单位信息")
        self.tabs.addTab(self._init_task_page(), "任务分工")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #a61b1b;")
        self.error.setWordWrap(True)
        # Its two lines are kept free from the start: showing the reasons must not shrink the unit list.
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2 + 4)
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.error.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        # The reasons sit beside the buttons, not above them: they must not squeeze the unit list.
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(buttons, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        if profile is not None:
            self._load(profile)
        self.tabs.setCurrentIndex(page)
        # Once the reasons are shown, they follow every change and go when nothing is missing.
        for edit in (self.name_edit, self.phone_edit):
            edit.textChanged.connect(self._refresh_error)
        self.task_list.itemChanged.connect(self._refresh_error)
        self.mode_county.toggled.connect(self._refresh_error)
        self.picker.confirmed.connect(self._after_unit_confirmed)

    # -- pages ------------------------------------------------------------------------------------------

    def _init_unit_page(self, first_run: bool) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            "请选择本单位，并填写责任科室和固定联络人员。这些信息会印在报表上，以后可在“设置”中修改。"
            if first_run
            else "修改本单位的联络信息。更换单位会改变要填报的任务。",
            page,
        )
        intro.setWordWrap(True)
        self.mode_unit = QRadioButton("单位填报（乡镇街道、县级部门）", page)
        self.mode_county = QRadioButton(f"县级汇总（{self.units.receiving_office.name}）", page)
        self.mode_unit.setChecked(True)
        self.mode_county.setToolTip("导入各单位报送的文件，查看报送情况，生成汇总报告")
        modes = QButtonGroup(page)
        modes.addButton(self.mode_unit)
        modes.addButton(self.mode_county)
        self.mode_county.toggled.connect(self._on_mode_changed)
        self.picker = UnitPicker(self.units, page)
        self.picker.unit_chosen.connect(self._on_unit_chosen)
        self.chosen = QLabel("尚未选择单位", page)
        self.organ_edit = QLineEdit(page)
        self.organ_edit.setPlaceholderText("印章上的名称，例如：西沱镇人民政府")
        self.organ_edit.setToolTip("印在标题、落款和签字栏上；镇、乡为“××人民政府”，街道为“××办事处”")
        self.section_edit = QLineEdit(page)
        self.section_edit.setPlaceholderText("例如：党政办公室、综合科")
        self.name_edit = QLineEdit(page)
        self.name_edit.setPlaceholderText("固定联络人员姓名")
        self.phone_edit = QLineEdit(page)
        self.phone_edit.setPlaceholderText("手机号或带区号的座机，例如 023-73331234")
        self.leader_edit = QLineEdit(page)
        self.leader_edit.setPlaceholderText("例如：张三（副镇长）")
        self.phone_message = QLabel(page)
        self.phone_message.setWordWrap(True)  # a long reason must not squeeze the unit list
        self.phone_message.setStyleSheet("color: #a61b1b;")
        self.phone_edit.textChanged.connect(self._check_phone)
        form = QFormLayout()
        form.addRow("填报单位", self.chosen)
        form.addRow("机关名称", self.organ_edit)
        form.addRow("责任科室", self.section_edit)
        form.addRow("联系人", self.name_edit)
        form.addRow("联系电话", self.phone_edit)
        form.addRow("", self.phone_message)
        form.addRow("分管领导", self.leader_edit)
        mode_row = QHBoxLayout()
        mode_row.addWidget(QLabel("本机用途：", page))
        mode_row.addWidget(self.mode_unit)
        mode_row.addWidget(self.mode_county)
        mode_row.addStretch(1)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(intro)
        left.addWidget(self.picker, 1)
        columns.addLayout(left, 1)
        columns.addLayout(form, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(mode_row)
        layout.addLayout(columns, 1)
        return page

    @property
    def county_mode(self) -> bool:
        return self.mode_county.isChecked()

    def _on_mode_changed(self, county: bool) -> None:
        self.picker.setEnabled(not county)
        self.tabs.setTabEnabled(PAGE_TASKS, not county)
        if county:
            office = self.units.receiving_office
            self.chosen.setText(f"{office.name}（汇总各单位报表）")
            self.organ_edit.setText(self._organ_of(office))
        elif self._unit is not None:
            self._show_unit()
        else:
            self.chosen.setText("尚未选择单位")

    def _init_task_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel("勾选本单位需要填报的任务。默认勾选的是根据文件推定的分工（牵头或责任单位），可以调整。", page)
        intro.setWordWrap(True)
        self.task_list = QListWidget(page)
        for task in self.catalog.tasks:
            item = QListWidgetItem(task.heading, self.task_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, task.number)
            item.setToolTip(task.text)
        self.reset_tasks = QPushButton("恢复默认分工", page)
        self.reset_tasks.clicked.connect(self._check_defaults)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.task_list, 1)
        layout.addWidget(self.reset_tasks, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # -- data -------------------------------------------------------------------------------------------

    def _load(self, profile: Profile) -> None:
        if profile.mode == MODE_COUNTY:
            self.mode_county.setChecked(True)
        self.picker.select(profile.unit_code)
        self._unit = self.units.get(profile.unit_code)
        self._show_unit()
        self.section_edit.setText(profile.liaison.section)
        self.name_edit.setText(profile.liaison.name)
        self.phone_edit.setText(profile.liaison.phone)
        self.leader_edit.setText(profile.liaison.leader)
        self._check(profile.tasks)

    def _show_unit(self) -> None:
        if self._unit is not None:
            self.chosen.setText(f"{self._unit.name}（{self._unit.kind}，代码 {self._unit.code}）")
            self.organ_edit.setText(self._organ_of(self._unit))

    def _organ_of(self, unit: Unit) -> str:
        organs = self.directory.organs() if self.directory is not None else {}
        return organs.get(unit.code) or unit.organ_name

    def _chosen_unit(self) -> Unit | None:
        return self.units.receiving_office if self.county_mode else self._unit

    def _on_unit_chosen(self, unit: Unit) -> None:
        changed = self._unit is None or unit.code != self._unit.code
        self._unit = unit
        self._show_unit()
        if changed:
            self._check_defaults()
        self._refresh_error()

    def _after_unit_confirmed(self) -> None:
        """Enter on a unit: on to the first field still empty (责任科室, else 联系人 …)."""
        for edit in (self.organ_edit, self.section_edit, self.name_edit, self.phone_edit, self.leader_edit):
            if not edit.text().strip():
                edit.setFocus()
                return
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()

    def _refresh_error(self) -> None:
        if self.error.isHidden():
            return
        problems = self.problems()
        self.error.setText("还不能保存：" + "".join(problems) if problems else "")
        self.error.setVisible(bool(problems))

    def _check_defaults(self) -> None:
        if self._unit is not None:
            self._check(self.catalog.default_tasks_for(self._unit.code))

    def _check(self, tasks: list[int]) -> None:
        chosen = set(tasks)
        for row in range(self.task_list.count()):
            item = self.task_list.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def checked_tasks(self) -> list[int]:
        return [
            self.task_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.task_list.count())
            if self.task_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _check_phone(self) -> str:
        problem = phone_problem(self.phone_edit.text()) if self.phone_edit.text().strip() else ""
        self.phone_message.setText(problem)
        return problem

    def problems(self) -> list[str]:
        problems = []
        if self._unit is None and not self.county_mode:
            problems.append("请在左侧列表中选择本单位。")
        if not self.name_edit.text().strip():
            problems.append("请填写联系人。")
        phone = phone_problem(self.phone_edit.text())
        if phone:
            problems.append(phone)
        if self._chosen_unit() is not None and organ_problem(self.organ_edit.text()):
            problems.append(organ_problem(self.organ_edit.text()))
        if not self.checked_tasks() and not self.county_mode:
            problems.append("请在“任务分工”中至少勾选一项任务。")
        return problems

    def profile(self) -> Profile:
        liaison = Liaison(
            self.section_edit.text().strip(),
            self.name_edit.text().strip(),
            self.phone_edit.text().strip(),
            self.leader_edit.text().strip(),
        )
        if self.county_mode:
            return Profile(self.units.receiving_office.code, liaison, MODE_COUNTY, [])
        if self._unit is None:
            raise RuntimeError("no unit chosen")
        return Profile(self._unit.code, liaison, MODE_UNIT, self.checked_tasks())

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error.setText("还不能保存：" + "".join(problems))
            self.error.setVisible(True)
            if self._unit is None or any("联系" in p for p in problems):
                self.tabs.setCurrentIndex(PAGE_UNIT)
            else:
                self.tabs.setCurrentIndex(PAGE_TASKS)
            return
        unit = self._chosen_unit()
        if self.directory is not None and unit is not None:
            organ = self.organ_edit.text().strip()
            # Kept only when it differs from the unit list, so that a corrected list still reaches this PC.
            self.directory.set_organ(unit.code, "" if organ == unit.organ_name else organ)
        super().accept()
