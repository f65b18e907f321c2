"""A corner mark on a 报送情况 cell whose report needs a second look (key 待确认, 未签名, clock), like Excel's."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from shizhu_desktop.consolidation.timeliness import FLAG_PENDING_KEY
from shizhu_desktop.ui.timeliness_model import FLAGS_ROLE

#: Orange for a key still to be confirmed; red for a file that is unsigned or dated after it arrived.
PENDING_COLOUR, WARNING_COLOUR = QColor("#e08a00"), QColor("#c62828")


class FlagDelegate(QStyledItemDelegate):
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)
        flags = index.data(FLAGS_ROLE)
        if not flags:
            return
        rect = option.rect
        side = max(6.0, min(rect.height(), rect.width()) * 0.35)
        corner = QPolygonF(
            [
                QPointF(rect.right() - side, rect.top()),
                QPointF(rect.right() + 1, rect.top()),
                QPointF(rect.right() + 1, rect.top() + side),
            ]
        )
        painter.save()
        painter.setPen(QColor(0, 0, 0, 0))
        painter.setBrush(PENDING_COLOUR if list(flags) == [FLAG_PENDING_KEY] else WARNING_COLOUR)
        painter.drawPolygon(corner)
        painter.restore()
