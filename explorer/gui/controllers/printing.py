"""File ▸ Print brief… and Print seat table… (issue 26): the one-page brief as the PDF draws it
(core.brief.brief_figure, rendered at the printer's resolution and fitted to its page), and the
seat table as a paginated table (one row per seat, the columns of the negotiation sheet, the
header row repeated on every page). Each asks with Qt's print dialog unless given a printer
(tests print to a PDF file)."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from ...core.uncertainty import probability_percent

TABLE_COLUMNS = (("ac_no", "No."), ("constituency", "Constituency"), ("district", "District"), ("pc", "PC"),
                 ("reserved", "Res."), ("pool", "Pool"), ("baseline_leader", "Baseline"),
                 ("projected_winner", "Projected"), ("alliance_margin_pts", "Margin"), ("conflicts", "Conflicts"))


def seat_table_html(sc, ev, p_alliance=None) -> str:
    """The seat table as HTML for a QTextDocument: a heading, then one row per seat."""
    from ...core.exports import seat_sheet
    df = seat_sheet(sc, ev)
    cols = list(TABLE_COLUMNS) + ([("p", "P(win)")] if p_alliance is not None else [])
    head = "".join(f"<th align='left'>{escape(t)}</th>" for _k, t in cols)
    rows = []
    for i, r in enumerate(df.itertuples(index=False)):
        d = r._asdict()
        cells = []
        for k, _t in cols:
            if k == "p":
                v = probability_percent(float(p_alliance[i]))
            elif k == "alliance_margin_pts":
                v = f"{float(d[k]):+.1f}"
            else:
                v = str(d[k])
            cells.append(f"<td>{escape(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    v = ev.verdict
    return (f"<h3>{escape(sc.name)}: seats</h3><p>{escape(sc.dataset.name)} · alliance projected {v.alliance} of "
            f"{v.seats} (majority {v.majority})</p>"
            f"<table border='0.5' cellspacing='0' cellpadding='2' style='font-size:7pt'>"
            f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>")


def _ask(window, title: str) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
    dlg = QPrintDialog(printer, window)
    dlg.setWindowTitle(title)
    return printer if dlg.exec() else None


def print_brief(window, printer: QPrinter | None = None) -> bool:
    """The brief of the scenario shown, as one page."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from ...core import brief
    printer = printer or _ask(window, "Print brief")
    if printer is None:
        return False
    doc = window.doc
    analysis = getattr(window, "analysis", None)
    unc = analysis.export_uncertainty(walk_away=False) if analysis is not None else None
    with matplotlib.rc_context(brief.PLAIN_TEXT_RC):
        fig = brief.brief_figure(doc.scenario, doc.evaluation, uncertainty=unc)
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        dpi = min(300, max(72, int(printer.resolution())))
        fig.set_dpi(dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        data = bytes(canvas.buffer_rgba())
        w, h = canvas.get_width_height()
        image = QImage(data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()   # owns its pixels
    p = QPainter()
    if not p.begin(printer):
        window.files.show_error("Cannot print", "The printer could not be started.")
        return False
    scale = min(page.width() / w, page.height() / h)
    target = QRectF(0, 0, w * scale, h * scale)
    p.drawImage(target, image)
    p.end()
    window.statusBar().showMessage(f"Printed the brief of {doc.scenario.name}", 5000)
    return True


def print_seat_table(window, printer: QPrinter | None = None) -> bool:
    """Every seat of the scenario shown, paginated."""
    printer = printer or _ask(window, "Print seat table")
    if printer is None:
        return False
    doc = window.doc
    live = getattr(getattr(window, "analysis", None), "live", None)
    f = live.figures if live is not None else None
    td = QTextDocument()
    td.setHtml(seat_table_html(doc.scenario, doc.evaluation, None if f is None or f.stale else f.p_alliance))
    rect = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    td.setPageSize(QSizeF(rect.width(), rect.height()))
    td.print_(printer)
    window.statusBar().showMessage(f"Printed the seat table of {doc.scenario.name}", 5000)
    return True
