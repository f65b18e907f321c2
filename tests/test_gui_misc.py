"""Help, font sizes and the screenshot script: the parts of the window a clerk meets less often."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from shizhu_desktop.services.workspace import Workspace
from shizhu_desktop.ui.help_dialog import HelpDialog
from shizhu_desktop.ui.main_window import MainWindow
from shizhu_desktop.ui.screenshots import make_screenshots
from tests.gui_helpers import clock_at, with_profile


def test_user_guide_opens_with_its_pictures(qtbot: QtBot) -> None:
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "第一次使用：设置本单位" in text and "Ctrl+Enter" in text
    data = dialog.browser.loadResource(2, "screenshots/02_月报填写.png")  # QTextDocument.ImageResource
    assert not QImage.fromData(data).isNull()


def test_font_size_is_applied_and_remembered(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 11, 24), first_run_dialog=False)
    qtbot.addWidget(window)
    before = window.form.edits["progress"].height()
    window.actions_.font_sizes["特大"].trigger()
    assert QApplication.font().pointSizeF() == 14.0
    assert workspace.settings.get("ui.font_scale") == "特大"
    QApplication.processEvents()
    assert window.form.edits["progress"].height() > before  # fields grow with the text
    window.actions_.font_sizes["标准"].trigger()
    assert QApplication.font().pointSizeF() == 10.5


def test_screenshot_script_writes_every_state(tmp_path: Path) -> None:
    shots = make_screenshots(tmp_path)
    assert len(shots) == 16
    for shot in shots:
        image = QImage(str(shot))
        assert not image.isNull() and image.width() >= 600, shot.name
    small = QImage(str(tmp_path / "03_小屏幕1024x600.png"))
    assert (small.width(), small.height()) == (1024, 600)


def test_window_fits_1024_by_600_at_every_font_size(qtbot: QtBot, workspace: Workspace) -> None:
    from shizhu_desktop.ui.fonts import FONT_SCALES, apply_font

    with_profile(workspace)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        for scale in FONT_SCALES:
            apply_font(app, scale)
            window = MainWindow(workspace, clock_at(2026, 12, 22), first_run_dialog=False)
            qtbot.addWidget(window)
            window.show()
            hint = window.minimumSizeHint()
            assert hint.width() <= 1024 and hint.height() <= 600, (scale, hint)
            window.close()
    finally:
        apply_font(app, "标准")


def test_a_font_change_reaches_every_widget_at_once(qtbot: QtBot, workspace: Workspace) -> None:
    with_profile(workspace)
    window = MainWindow(workspace, clock_at(2026, 12, 22), first_run_dialog=False)
    qtbot.addWidget(window)
    window.show()
    try:
        window.actions_.font_sizes["特大"].trigger()
        QApplication.processEvents()
        too_small = [
            (type(w).__name__, w.objectName(), w.font().pointSizeF())
            for w in window.findChildren(QWidget)
            if 0 < w.font().pointSizeF() < 14.0
        ]
        assert not too_small  # no label, button, heading or table left at the old size
        assert window.form.title.font().pointSizeF() == 14.0 * 1.25
        assert window.unit_label.font().pointSizeF() > QApplication.font().pointSizeF()
        assert window.form.previous.toggle.font().bold()  # bold kept, size followed
    finally:
        window.actions_.font_sizes["标准"].trigger()
        QApplication.processEvents()
