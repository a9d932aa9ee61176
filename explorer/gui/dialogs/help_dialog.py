"""Help ▸ Getting started: the README's "Using it" section, shown in the app (offline)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ... import APP_NAME
from ..getting_started import TEXT


class GettingStartedDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Getting started — {APP_NAME}")
        self.resize(760, 600)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: nothing is fetched
        self.browser.setMarkdown(TEXT)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)


def show_getting_started(window) -> GettingStartedDialog:
    dlg = GettingStartedDialog(window)
    dlg.show()
    window._getting_started = dlg  # kept alive while shown
    return dlg
