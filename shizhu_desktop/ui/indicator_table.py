"""The form's indicator table: saves figures as typed, Tab visits only fillable cells, never scrolls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from shizhu_desktop.ui.indicator_model import COL_NOTE, EDITABLE, IndicatorTableModel

_Index = QModelIndex | QPersistentModelIndex
_WRONG_EDITOR = "QLineEdit { background: #fde2e1; }"


class LiveDelegate(QStyledItemDelegate):
    """A plain line editor whose every keystroke reaches the model (and from there the autosave); a cell
    holding text that is not a number is framed in red, selected or not."""

    typed = Signal(QPersistentModelIndex, str, QLineEdit)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        model = index.model()
        if isinstance(model, IndicatorTableModel) and model.typed_text(index) is not None:
            painter.save()
            painter.setPen(QPen(QColor("#c62828"), 2))
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        persistent = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: self.typed.emit(persistent, text, editor))
        return editor


class IndicatorTableView(QTableView):
    _rows_stale = False  # rows left to measure until the table is shown
    _laying_out = False  # inside updateGeometries: its headers are being laid out
    _resized_in_layout = False
    #: A figure that is not a number: the message, to show where the eye is ("" when corrected).
    message_shown = Signal(str)
    #: The keyboard arrived (Tab from the fields above): the form brings the whole table into view.
    entered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = LiveDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.typed.connect(self._on_typed)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Columns of figures as wide as their widest text, rows as tall as their wrapped text: measured here when
        # the contents or the wrapping columns' widths change, not by Qt's ResizeToContents, which measures every
        # cell again at every layout pass (a third of the window's start-up, issue 13).
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._on_section_resized)
        self._wrap_widths: tuple[int, ...] = ()

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        header = self.horizontalHeader()
        # The indicator's name and the note wrap and share what the figures leave.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        if isinstance(model, IndicatorTableModel):
            model.modelReset.connect(self.fit_contents)
            model.dataChanged.connect(lambda first, last: self.fit_contents(first.column(), last.column()))
            model.invalid_input.connect(self._on_invalid)
        self.fit_contents()

    def fit_contents(self, first: int = 0, last: int = -1) -> None:
        """Size the figure columns from ``first`` to ``last`` (all by default) to their contents, then the rows."""
        model, header = self.model(), self.horizontalHeader()
        if model is None:
            return
        last = model.columnCount() - 1 if last < 0 else last
        for column in range(first, last + 1):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Fixed:
                width = self._content_width(column)
                if width != header.sectionSize(column):
                    header.resizeSection(column, width)  # the stretching columns take what is left
        self._fit_rows()

    def _content_width(self, column: int) -> int:
        """What Qt's ResizeToContents would give ``column``: its widest cell or its title, whichever is wider."""
        header = self.horizontalHeader()
        return max(self.sizeHintForColumn(column), header.sectionSizeHint(column), header.minimumSectionSize())

    def _widen(self, column: int) -> None:
        """A figure typed keystroke by keystroke was saved under its editor: once the editor closes, its column
        grows to show it whole (never shrinks here, which would move what the clerk is being shown)."""
        header = self.horizontalHeader()
        if column < 0 or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Fixed:
            return
        needed = self._content_width(column)
        if needed > header.sectionSize(column):
            header.resizeSection(column, needed)
            self._fit_rows()

    def _fit_rows(self) -> None:
        if not self.isVisible():
            # Hidden (being built, or under the quarterly tab), the table has no width of its own yet: rows measured
            # now are measured again once it is shown (start-up measured them three times for nothing, issue 13).
            self._rows_stale = True
            return
        self._rows_stale = False
        self._wrap_widths = self._wrapping_widths()
        self.resizeRowsToContents()
        self.updateGeometry()

    def _wrapping_widths(self) -> tuple[int, ...]:
        header = self.horizontalHeader()
        return tuple(
            header.sectionSize(c)
            for c in range(header.count())
            if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Stretch
        )

    def _refit_if_rewrapped(self) -> bool:
        """Measure the rows again if a wrapping column's width changed since they were last measured (a narrower
        or wider column wraps its texts into other heights); True when it did."""
        if self._wrapping_widths() == self._wrap_widths:
            return False
        self._fit_rows()
        return True

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if self._laying_out:
            self._resized_in_layout = True  # the rows are checked once the headers are laid out (below)
            return
        if not self._refit_if_rewrapped():
            self.updateGeometry()

    def updateGeometries(self) -> None:
        # Qt tells of the stretching columns' new widths one at a time, the first before the second has its own:
        # the rows are measured once, when the table has laid out its headers (not once per column, issue 13).
        self._laying_out, self._resized_in_layout = True, False
        try:
            super().updateGeometries()
        finally:
            self._laying_out = False
        if not self._refit_if_rewrapped() and self._resized_in_layout:
            self.updateGeometry()

    @property
    def indicators(self) -> IndicatorTableModel:
        model = self.model()
        assert isinstance(model, IndicatorTableModel)
        return model

    # -- size: every row shown, never a scroll bar of its own ---------------------------------------------

    def sizeHint(self) -> QSize:
        rows = sum(self.rowHeight(r) for r in range(self.model().rowCount())) if self.model() else 0
        height = self.horizontalHeader().height() + rows + 2 * self.frameWidth() + 2
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        # Narrow is fine (the long columns wrap); short is not.
        return QSize(120, self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._rows_stale:
            self._fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # narrower columns wrap into taller rows

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_contents()

    # -- keyboard: Tab visits 本期值, 累计值, 说明 of each row, then leaves the table ------------------------

    def editable_cells(self) -> list[QModelIndex]:
        model = self.model()
        if model is None:
            return []
        cells = [model.index(r, c) for r in range(model.rowCount()) for c in sorted(EDITABLE)]
        return [i for i in cells if i.flags() & Qt.ItemFlag.ItemIsEditable]

    def _neighbour(self, step: int) -> QModelIndex:
        cells = self.editable_cells()
        current = self.currentIndex()
        keys = [(i.row(), i.column()) for i in cells]
        here = (current.row(), current.column())
        if here in keys:
            position = keys.index(here) + step
        else:  # on a read-only cell: the next editable one after (or before) it
            after = [n for n, k in enumerate(keys) if k > here]
            before = [n for n, k in enumerate(keys) if k < here]
            position = (after[0] if after else len(keys)) if step > 0 else (before[-1] if before else -1)
        return cells[position] if 0 <= position < len(cells) else QModelIndex()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action == QAbstractItemView.CursorAction.MoveNext:
            return self._neighbour(1)
        if action == QAbstractItemView.CursorAction.MovePrevious:
            return self._neighbour(-1)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        backward = hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem
        leaving = (forward or backward) and not self._neighbour(1 if forward else -1).isValid()
        edited = self.currentIndex().column()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint if leaving else hint)
        self._widen(edited)
        if leaving:  # Tab in the last cell goes on to the next field, as it does everywhere else
            self.focusNextPrevChild(forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        cells = self.editable_cells()
        if cells and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            first = event.reason() == Qt.FocusReason.TabFocusReason
            self.setCurrentIndex(cells[0] if first else cells[-1])
        super().focusInEvent(event)
        if self.currentIndex().isValid():
            self.scrollTo(self.currentIndex())
        self.entered.emit()

    # -- typing ------------------------------------------------------------------------------------------

    def _on_typed(self, index: QPersistentModelIndex, text: str, editor: QLineEdit) -> None:
        message = self.indicators.stage(index, text)
        editor.setStyleSheet(_WRONG_EDITOR if message else "")
        editor.setToolTip(message)
        if message:
            self._show_near(self.indicators.index(index.row(), index.column()), message)
        else:
            self.message_shown.emit("")  # corrected: the message below the table goes

    def _on_invalid(self, message: str) -> None:
        self._show_near(self.currentIndex(), message)

    def _show_near(self, index: QModelIndex, message: str) -> None:
        """The message under the cell, where the clerk is looking, and in the form below the table."""
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, 6000)
        self.message_shown.emit(message)
