"""File ▸ Print brief… and Print seat table… (issue 26, item 12), printed to PDF files."""
from __future__ import annotations

import re

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from explorer.gui.controllers import printing

from .helpers import congress_everywhere, open_window


def _pdf_printer(path):
    pr = QPrinter(QPrinter.PrinterMode.HighResolution)
    pr.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pr.setOutputFileName(str(path))
    pr.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                 QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    return pr


def _pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_print_the_brief_on_one_page(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    out = tmp_path / "brief.pdf"
    assert printing.print_brief(w, _pdf_printer(out))
    assert out.read_bytes().startswith(b"%PDF") and _pages(out) == 1
    assert out.stat().st_size > 50_000        # the page as an image, not an empty sheet


def test_print_the_seat_table_every_seat(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere())
    html = printing.seat_table_html(w.doc.scenario, w.doc.evaluation)
    assert html.count("<tr>") == 1 + 90 and "Ambala Cantt." in html and "<thead>" in html
    out = tmp_path / "seats.pdf"
    assert printing.print_seat_table(w, _pdf_printer(out))
    assert out.read_bytes().startswith(b"%PDF") and _pages(out) >= 2     # 90 rows do not fit one A4 page


def test_the_file_menu_offers_print(qtbot):
    w = open_window(qtbot, congress_everywhere())
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert "&Print brief…" in texts and "Print seat &table…" in texts
