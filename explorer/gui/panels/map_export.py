"""The map's export to PNG or SVG: the map with its title and legend, on white, written
atomically (a mixin of MapPanel)."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.atomic import atomic_write_bytes


class MapExport:
    """Needs the panel's ``scene``, ``legend``, ``items``, ``boundaries``, ``doc`` and ``map_rect``."""

    def export_dialog(self, kind: str):
        path, _ = QFileDialog.getSaveFileName(self, f"Export map as {kind.upper()}", f"map.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        try:
            self.export(path)
        except OSError as e:
            QMessageBox.warning(self, "Cannot export the map", f"{path}: {e}")

    def _render(self, painter: QPainter, w: int, h: int):
        """The map with its title and legend, on white, into a w×h area."""
        painter.fillRect(QRectF(0, 0, w, h), QColor("white"))
        legend_h = self.legend.heightForWidth(w - 20) + 6
        title = f"{self.doc.scenario.name} — {self.legend.title}"
        painter.setPen(QColor("#222"))
        painter.drawText(QRectF(10, 4, w - 20, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        src = self.map_rect()
        self.scene.render(painter, QRectF(10, 28, w - 20, h - 36 - legend_h), src, Qt.AspectRatioMode.KeepAspectRatio)
        painter.translate(10, h - legend_h)
        self.legend.draw(painter, w - 20)

    def export(self, path: str, width: int = 1200) -> None:
        """PNG or SVG of the map, by the file's extension. Raises OSError if it cannot be written."""
        if not self.items:
            raise OSError("there is no map to export")
        src = self.map_rect()
        height = int(width * src.height() / src.width()) + 120
        buf = QBuffer()  # rendered in memory, then written atomically like every other file
        buf.open(QIODevice.WriteOnly)
        if path.lower().endswith(".svg"):
            from PySide6.QtSvg import QSvgGenerator
            gen = QSvgGenerator()
            gen.setOutputDevice(buf)
            gen.setSize(QSize(width, height))
            gen.setViewBox(QRectF(0, 0, width, height))
            gen.setTitle(f"{self.doc.scenario.name}: {self.legend.title}")
            gen.setDescription(self.boundaries.attribution if self.boundaries else "")
            p = QPainter(gen)
            if not p.isActive():
                raise OSError(f"could not write {path}")
            self._render(p, width, height)
            p.end()
        else:
            img = QImage(width, height, QImage.Format.Format_ARGB32)
            p = QPainter(img)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._render(p, width, height)
            p.end()
            if not img.save(buf, "PNG"):
                raise OSError(f"could not write {path}")
        atomic_write_bytes(path, bytes(buf.data()))
