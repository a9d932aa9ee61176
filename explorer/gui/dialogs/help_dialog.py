"""Help ▸ Getting started: the first five things to do, written for the scenario in front
(core.tutorial) with a picture of this window's part beside each step, taken when the dialog
opens; Help ▸ Reference: the README's "Using it" section (offline)."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ... import APP_NAME
from ..getting_started import TEXT

PICTURE_WIDTH = 560


class GettingStartedDialog(QDialog):
    """The README's reference (``tutorial=False``) or the tutorial on the window's scenario."""

    def __init__(self, parent=None, window=None):
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: nothing is fetched
        self.steps = []
        self.pictures: dict[str, object] = {}
        if window is None:
            self.setWindowTitle(f"Reference — {APP_NAME}")
            self.browser.setMarkdown(TEXT)
        else:
            self.setWindowTitle(f"Getting started — {APP_NAME}")
            self._tutorial(window)
        self.resize(780, 640)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)

    def _tutorial(self, w) -> None:
        from ...core.tutorial import first_steps
        doc = w.doc
        f = w.analysis.live.figures if getattr(w, "analysis", None) is not None else None
        ok = f is not None and not f.stale
        expected = None
        if ok:       # the scoreboard's point: the alliance's expected seats
            expected = f.headline.seats
        self.steps = first_steps(doc.scenario, doc.evaluation, f.p_majority if ok else None,
                                 f.interval if ok else None, f.tipping(3) if ok else None, expected)
        parts = {"scoreboard": w.scoreboard, "table and pools": w.main_split, "conflicts": w.conflict_dock,
                 "uncertainty": w.analysis.dock if getattr(w, "analysis", None) else None,
                 "walk-away": w.analysis.walk_dock if getattr(w, "analysis", None) else None}
        html = [f"<h2>Getting started with {escape(doc.dataset.name)}</h2>",
                f"<p>Five things to do first, on “{escape(doc.scenario.name)}”, the scenario in front. "
                "Help ▸ Reference describes every part of the window.</p>"]
        for k, step in enumerate(self.steps, 1):
            html.append(f"<h3>{k}. {escape(step.title)}</h3><p>{escape(step.text)}</p>")
            widget = parts.get(step.part)
            if widget is not None and widget.width() > 0 and widget.height() > 0:
                img = widget.grab().toImage()
                if img.width() > PICTURE_WIDTH:
                    img = img.scaledToWidth(PICTURE_WIDTH, Qt.TransformationMode.SmoothTransformation)
                name = f"step{k}.png"
                self.browser.document().addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
                self.pictures[step.part] = img
                html.append(f"<p><img src='{name}' width='{img.width()}'></p>")
        self.browser.setHtml("".join(html))


def show_getting_started(window) -> GettingStartedDialog:
    dlg = GettingStartedDialog(window, window)
    dlg.show()
    window._getting_started = dlg  # kept alive while shown
    return dlg


def show_reference(window) -> GettingStartedDialog:
    dlg = GettingStartedDialog(window)
    dlg.show()
    window._reference = dlg
    return dlg
