"""Qt's own texts (standard buttons, the edit menu of every text field) are Chinese once the catalogue is installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from shizhu_desktop.ui.qt_translations import install_qt_translations, remove_qt_translations

pytestmark = pytest.mark.gui


@pytest.fixture
def translated(qapp: QApplication) -> Iterator[QApplication]:
    assert install_qt_translations(qapp) is not None, "qtbase_zh_CN.qm not found beside Qt"
    yield qapp
    remove_qt_translations(qapp)  # the other tests share this application object


def test_standard_buttons_and_edit_menu_are_chinese(translated: QApplication) -> None:
    standard = QDialogButtonBox.StandardButton
    buttons = QDialogButtonBox(standard.Ok | standard.Cancel | standard.Yes)
    assert {b.text() for b in buttons.buttons()} == {"确定", "取消", "是(&Y)"}
    edit = QLineEdit()  # the menu is its child: keep it alive
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions()]
    assert {"复制(&C)", "粘贴(&P)", "全选"} <= set(texts)


def test_installing_twice_keeps_one_translator(translated: QApplication) -> None:
    assert install_qt_translations(translated) is install_qt_translations(translated)


def test_without_the_catalogue_qt_stays_english(qapp: QApplication) -> None:
    remove_qt_translations(qapp)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "Cancel"
