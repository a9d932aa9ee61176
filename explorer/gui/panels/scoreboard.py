"""The scoreboard over the table: seats each partner contests, the alliance against the
majority, the seat bar, the vote kept and the conflicts. One tile per pool, rebuilt for
any number of partners."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ...core.palette import party_colour, party_palette
from ...core.partner_colours import keep_given
from ...core.rules import SEVERITIES
from ..document import Document, DocumentView, shape_of
from ..paint.quiet_label import QuietLabel, lay_out_grown
from ..style import SEVERITY_COLOURS, plain_rich, pool_colour, text_colour_on


MAX_TILED_PARTNERS = 3
# the seat bar's caption: the simulated elections' expected seats (adding up to the headline), or
# before them the seats each party leads in on the projected votes
EXPECTED_CAPTION, LEADS_CAPTION = ("Expected seats",), ("Leads on projected votes", "Seats led")


class MajorityBar(DocumentView, QWidget):
    """Seats per party as one bar (the partners from the left) and a line at the majority mark:
    the expected seats of the simulated elections once the scoreboard has them (``set_expected``:
    the partners' add up to the headline), the seats each leads in on the projected votes before."""

    def __init__(self, doc: Document, parent=None, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self._ev = None
        self._expected: list[tuple[str, int]] | None = None
        self._shown_key = None      # what the bar was last asked to draw (see _repaint_if_changed)
        self.setMinimumHeight(30 if compact else 44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_document(doc)

    def evaluated(self, ev, delta=None) -> None:
        self._set(ev)

    def _set(self, ev):
        self._ev = ev
        self._repaint_if_changed()

    def _repaint_if_changed(self) -> None:
        """Repaint only when what the bar draws changed: its segments, the seats and the majority,
        the data set and partners (their colours). A move at 4,100 seats changes the expected seats
        made whole of few parties, if any: the ~80-segment bar was repainted on every evaluation
        (1.3 ms a drop) to the same pixels."""
        ev = self._ev
        if ev is None:
            return
        v = ev.verdict
        key = (tuple(self.segments()), v.seats, v.majority, id(self.doc.dataset) if self.doc else None,
               tuple(self.doc.pools.partners) if self.doc else None)
        if key != self._shown_key:
            self._shown_key = key
            self.update()

    def sizeHint(self):
        return QSize(260, 30 if self.compact else 44)

    def segment_list(self) -> str:
        """Every segment's party and seats, in the bar's order ("INC 41, BJP 42, JJP 3"): a narrow
        segment's label may be its name alone, or none."""
        return ", ".join(f"{party} {n}" for party, n in self.segments() if n > 0) if self._ev is not None else ""

    def event(self, e):
        # the list written when the pointer rests on the bar, not on every move (~80 segments at 4,100 seats)
        if e.type() == QEvent.Type.ToolTip and self._ev is not None:
            what = "Expected seats" if self.expected else "Leads on projected votes"
            QToolTip.showText(e.globalPos(), plain_rich(f"{what}: {self.segment_list()}"), self)
            return True
        return super().event(e)

    def segments(self) -> list[tuple[str, int]]:
        return self._expected if self._expected is not None else self._ev.seat_segments()

    def set_expected(self, segments: list[tuple[str, int]] | None) -> None:
        """(party, expected seats made whole) in the bar's order (core.uncertainty.expected_segments),
        or None: the seats each party leads in on the projected votes."""
        if segments != self._expected:
            self._expected = segments
            self._repaint_if_changed()

    @property
    def expected(self) -> bool:
        return self._expected is not None

    def _colours_for(self, ds, palette: dict) -> dict:
        """Each party's QColor, kept while the palette (the same object for the same data set and
        partners) is: at 4,100 seats a bar has ~100 segments, most of parties outside the palette,
        each looked up in the party table on every paint before."""
        kept = self.__dict__.get("_bar_colours")
        if kept is None or kept[0] is not palette or kept[1] is not ds:
            kept = self.__dict__["_bar_colours"] = (palette, ds, {})
        return kept[2]

    def paintEvent(self, _):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        v = self._ev.verdict
        total = v.seats
        w, h = self.width() - 2, self.height()
        bar_h = h - (4 if self.compact else 18)
        top = 2
        x = 1.0
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setBold(True)
        p.setFont(font)
        plain = QFont(font)
        plain.setBold(False)
        thin = QFontMetrics(plain)
        mx = 1 + w * (v.majority - 0.5) / total
        fm = p.fontMetrics()
        ds, partners = self.doc.dataset, self.doc.pools.partners
        palette = party_palette(ds, partners)      # once a paint: an all-India bar has 80 parties
        narrowest = min(fm.horizontalAdvance(d) for d in "0123456789") + LABEL_PAD   # no label fits a narrower one
        white = QPen(QColor("white"), 1)
        colours = self._colours_for(ds, palette)
        p.setPen(white)
        bottom = top + bar_h
        for party, n in self.segments():
            seg = w * n / total
            c = colours.get(party)
            if c is None:
                c = colours[party] = QColor(palette.get(party) or party_colour(ds, partners, party))
            if seg >= narrowest:
                r = QRectF(x, top, seg, bar_h)
                p.fillRect(r, c)
                p.drawLine(r.topRight(), r.bottomRight())
                label = _bar_label(fm, party, n, r, mx, thin)
                if label is not None:
                    p.setPen(text_colour_on(c))
                    _draw_label(p, label, font, plain)
                    p.setPen(white)
            else:       # no label fits (most of an all-India bar's ~80): the same fill and edge, fewer calls
                right = x + seg
                p.fillRect(QRectF(x, top, seg, bar_h), c)
                p.drawLine(QPointF(right, top), QPointF(right, bottom))
            x += seg
        p.setPen(QPen(QColor("#222"), 2, Qt.PenStyle.DashLine))
        p.drawLine(int(mx), 0, int(mx), int(top + bar_h + 2))
        if not self.compact:
            p.setPen(QColor("#333"))
            small = QFont(self.font())
            small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
            p.setFont(small)
            p.drawText(QRectF(mx - 60, top + bar_h + 1, 120, 16), Qt.AlignmentFlag.AlignCenter, f"majority {v.majority}")
        p.end()


LABEL_PAD = 4       # a segment label's room beyond its text: 2 px either side (Tamil Nadu's "ADMK" in 43 px)


def _bar_label(fm, name: str, n: int, r: QRectF, mark: float | None = None,
               thin=None) -> tuple[str, QRectF, bool] | None:
    """Where a segment's label goes, which, and whether bold: "ADMK 82" on one line, else the name
    over the seats ("ADMK" / "82") where the bar is two lines tall, else the name alone (the seats
    in the tooltip), bold, then (``thin``: the metrics of the regular weight) not bold: a segment
    is never labelled by a bare number, which read as anyone's seats. Centred,
    or on the wider side of the majority mark when the mark crosses the segment (never under the
    line); None when not even the name fits whole."""
    sides = [r]
    if mark is not None and r.left() < mark < r.right():
        left, right = QRectF(r.left(), r.top(), mark - 2 - r.left(), r.height()), \
            QRectF(mark + 2, r.top(), r.right() - mark - 2, r.height())
        sides = sorted((left, right), key=lambda q: -q.width())
    forms = [(f"{name} {n}", fm.horizontalAdvance(f"{name} {n}"), True)]
    if 2 * fm.height() <= r.height() + 2:
        forms.append((f"{name}\n{n}", max(fm.horizontalAdvance(name), fm.horizontalAdvance(str(n))), True))
    forms.append((name, fm.horizontalAdvance(name), True))
    if thin is not None:
        forms.append((name, thin.horizontalAdvance(name), False))
    for t, width, bold in forms:
        for q in sides:
            if width + LABEL_PAD <= q.width():
                return t, q, bold
    return None


def _draw_label(p: QPainter, label: tuple[str, QRectF, bool], bold: QFont, plain: QFont) -> None:
    if not label[2]:
        p.setFont(plain)
    p.drawText(label[1], Qt.AlignmentFlag.AlignCenter, label[0])
    if not label[2]:
        p.setFont(bold)


class PoolShareBar(DocumentView, QWidget):
    """Seats per pool as one compact bar (the partners in order, then Contested and
    Unassigned), each segment labelled when it has room; the tooltip lists them all. It
    stands in for the per-pool tiles past three partners, so the scoreboard fits 1366 px
    at any number of partners."""

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.setObjectName("pool_share_bar")
        self.setMinimumHeight(30)
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._ev = None
        self._segs: list[tuple[str, int, str]] = []     # the segments drawn (of the evaluation set last)
        self._shown_key = None      # (segments, seats) last drawn
        self.set_document(doc)

    def evaluated(self, ev, delta=None) -> None:
        self._set(ev)

    def segments(self) -> list[tuple[str, int, str]]:
        """(label, seats, colour) per pool, in the pools' order, empty pools left out."""
        P = self.doc.pools
        counts = self._ev.breakdown.counts.tolist()
        names = self._pool_names(P)
        return [(label, n, colour) for (label, colour), n in zip(names, counts) if n > 0]

    def _pool_names(self, P) -> list[tuple[str, str]]:
        """(label, colour) of every pool, kept while the pools and the colours' choice are
        (document.shape_of): made once, not 23 colours worked out again on every evaluation."""
        key = (P, keep_given())
        kept = self.__dict__.get("_names")
        if kept is None or kept[0] != key:
            kept = self.__dict__["_names"] = (key, [(P.label(i), pool_colour(P, i).name()) for i in range(len(P))])
        return kept[1]

    def _set(self, ev):
        self._ev = ev
        segs = self._segs = self.segments()
        # repainted (and its tooltip written) only when what it draws changed: a move between two
        # pools' of a 21-partner split changes two counts, most evaluations (a spin box, a
        # re-simulation's figures) none
        key = (tuple(segs), ev.verdict.seats)
        if key == self._shown_key:
            return
        self._shown_key = key
        self.setToolTip(plain_rich("Seats per pool: " + ", ".join(f"{k} {n}" for k, n, _ in segs)))
        self.update()

    def sizeHint(self):
        return QSize(320, 30)

    def paintEvent(self, _):
        p = QPainter(self)
        total = max(1, self._ev.verdict.seats)
        w, h = self.width() - 2, self.height() - 4
        x = 1.0
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setBold(True)
        p.setFont(font)
        plain = QFont(font)
        plain.setBold(False)
        thin = QFontMetrics(plain)
        fm = p.fontMetrics()
        for label, n, colour in self._segs:      # those of the evaluation it was last set to
            seg = w * n / total
            r = QRectF(x, 2, seg, h)
            c = QColor(colour)
            p.fillRect(r, c)
            p.setPen(QPen(QColor("white"), 1))
            p.drawLine(r.topRight(), r.bottomRight())
            shown = _bar_label(fm, label, n, r, None, thin)
            if shown is not None:
                p.setPen(text_colour_on(c))
                _draw_label(p, shown, font, plain)
            x += seg
        p.end()


def _set_colour(w: QWidget, colour: str) -> None:
    pal = w.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    w.setPalette(pal)


def _caption(text: str, *shorter: str) -> QuietLabel:
    """A scoreboard caption: plain text (a partner code) in small grey, repainted without a re-layout."""
    cap = QuietLabel()
    cap.setText(text, *shorter)
    cf = cap.font()
    cf.setPointSizeF(8.0)
    cap.setFont(cf)
    _set_colour(cap, "#555")
    return cap


class Tile(QFrame):
    """A figure with a caption, for the scoreboard; ``note``: a small line under the figure."""

    def __init__(self, caption: str, *shorter: str, note: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.caption = _caption(caption, *shorter)
        self.value = QuietLabel(rich=True)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() + 5)
        f.setBold(True)
        self.value.setFont(f)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 3)
        lay.setSpacing(0)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        self.note = None
        if note:
            self.note = _caption("")
            lay.addWidget(self.note)
        lay.addStretch(1)      # the figures on one line across the row, however tall it is


class Captioned(QFrame):
    """A bar with a caption over it, as the tiles' figures have (past three partners two bars
    stood side by side, alike and unnamed: seats each contests, and the projected seats)."""

    def __init__(self, caption: str, widget: QWidget, parent=None):
        super().__init__(parent)
        self.caption = _caption(caption)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 3, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.caption)
        lay.addWidget(widget, 1)


class Scoreboard(DocumentView, QFrame):
    """Always-visible answers: seats each side contests, projected alliance total against
    the majority, vote kept, and conflicts."""
    follows = {"evaluated": "_set"}
    conflictsClicked = Signal()

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.setObjectName("scoreboard")
        self.setStyleSheet("#scoreboard { background: #F7F7F9; border-bottom: 1px solid #DDD; }")
        self._shape = None
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(6, 4, 6, 4)
        self.lay.setSpacing(4)
        self.pool_tiles: list[Tile] = []
        self.alliance = Tile("Alliance projected", note=True)
        self.bar = MajorityBar(doc, self, compact=True)
        self.bar.setMinimumWidth(120)     # its labels give way (name over count, name alone): the row fits 1366 px
        self.coverage = Tile("Vote kept")
        self.coverage.setToolTip("Alliance votes kept ÷ the partners' combined vote: what transfer losses cost")
        self.conflicts = Tile("Conflicts")
        self.share = PoolShareBar(doc, self)
        self.share.setToolTip("Seats per pool")
        self.share_box = Captioned("Seats each contests", self.share)
        self.bar_box = Captioned(LEADS_CAPTION[0], self.bar)
        self.bar_box.caption.setText(*LEADS_CAPTION)
        for wdg, stretch in ((self.share_box, 2), (self.alliance, 0), (self.bar_box, 2), (self.coverage, 0),
                             (self.conflicts, 0)):
            self.lay.addWidget(wdg, stretch)
        self._build_uncertainty_tile()
        self.set_document(doc)

    def document_shown(self, doc: Document) -> None:
        if shape_of(doc) != self._shape:
            self._shape = shape_of(doc)
            self._build_pool_tiles(doc.pools)
        self.bar.set_document(doc)
        self.share.set_document(doc)
        self._set(doc.evaluation)

    def _build_pool_tiles(self, pools) -> None:
        for t in self.pool_tiles:
            self.lay.removeWidget(t)
            t.deleteLater()
        self.pool_tiles = []
        # up to three partners a tile per pool; past that one compact bar of seats per pool
        few = pools.n_partners <= MAX_TILED_PARTNERS
        self.share_box.setVisible(not few)
        for i in range(len(pools)):
            # a partner's caption keeps "contests" at any width: over the bare code ("AAP" over "4") the
            # figure read as the seats it wins
            t = Tile(pools.label(i)) if i >= pools.n_partners else Tile(f"{pools.label(i)} contests")
            c = pool_colour(pools, i)
            _set_colour(t.value, c.darker(120).name())
            t.setStyleSheet(f"#tile {{ border-left: 4px solid {c.name()}; }}")
            self.lay.insertWidget(i, t)
            t.setVisible(few)
            self.pool_tiles.append(t)

    def _set(self, ev):
        pools = self.doc.pools
        counts = ev.breakdown.counts
        # past three partners the tiles are hidden (the pool-share bar stands in for them, and they
        # are made again when the partners change): their 23 texts and tooltips are not written
        tiles = self.pool_tiles if pools.n_partners <= MAX_TILED_PARTNERS else ()
        for i, t in enumerate(tiles):
            if i < pools.n_partners:
                f = ev.partners[i]
                extra = f.contested
                small = "<span style='font-size:8pt; color:#777'>"
                if extra:
                    t.value.setText(f"{f.alone}{small} alone + {extra} contested</span>",
                                    f"{f.alone}{small} + {extra}</span>")
                else:
                    t.value.setText(f"{f.alone}")
                t.setToolTip(plain_rich(f"{f.name}: {f.alone} seats alone"
                                        + (f", {f.fielding} counting the {extra} contested" if extra else "")))
            else:
                t.value.setText(str(int(counts[i])))
        v, pr = ev.verdict, ev.projection
        self._verdict = v
        undecided = int(counts[pools.unassigned])
        need = f"{v.majority} needed"
        # short of room (three partners' tiles), "Alliance ≥ 46" before "46 needed": the figure
        # under it is the alliance's, which "46 needed 46 (11–78)" left unsaid
        if undecided:
            self.alliance.caption.setText(f"Alliance · {need} · {undecided} undecided",
                                          f"Alliance · {need}", f"Alliance ≥ {v.majority}", need)
        else:
            self.alliance.caption.setText(f"Alliance · {need}", f"Alliance ≥ {v.majority}", need)
        self._show_headline()
        self.coverage.value.setText(f"{pr.coverage * 100:.1f} %")
        n = {s: 0 for s in SEVERITIES}
        for c in ev.conflicts:
            n[c.severity] += 1
        parts = [f"<span style='color:{SEVERITY_COLOURS[s]}'>{n[s]}</span>" for s in SEVERITIES if n[s]]
        self.conflicts.value.setText(" · ".join(parts) if parts else "<span style='color:#1B7F3B'>none</span>")
        self.conflicts.setToolTip(f"{n['error']} broken, {n['warning']} warnings, {n['info']} pending (unassigned)")

    # --- the headline: the model's point, its range and P(majority) (issues 17, 25, 26) -------------
    # Once the simulated elections are in (gui/controllers/analysis.py calls set_uncertainty with
    # core.uncertainty.alliance_headline), the big figure is the alliance's expected seats with its
    # 80 % range; under it, in the tile's note line, named for what it is, the count of seats it
    # leads in on the projected votes (the evaluation's, always current: a line of its own keeps
    # the row's other captions whole at 1366 px, where beside the range it cost "coin flip" and
    # "contests"). Stale figures are greyed; before any, the big figure is "leads in N" ("on the
    # projected votes" under it). The point is coloured "won" or "lost" only when P(majority) says so
    # (core.uncertainty.majority_outlook); the range and the chance are shown whole at any width.
    def _build_uncertainty_tile(self) -> None:
        self.chance = Tile("P(majority)")
        self.chance.setObjectName("chance_tile")
        self.chance.setStyleSheet("#chance_tile { border-left: 1px solid #DDD; }")
        self.lay.insertWidget(self.lay.indexOf(self.alliance) + 1, self.chance, 0)
        self._figures = None           # (p_majority, (median, lo, hi), stale, tooltip, Headline | None)
        self._verdict = None
        self._pending = "computing…"   # what the chance tile says until the figures come

    @property
    def uncertainty(self):
        """The range and the chance as shown (text(), toolTip()): the chance tile."""
        return self.chance.value

    @property
    def point(self) -> int | None:
        """The headline's point as shown: the expected seats (the median of a caller that gives no
        headline), None before any simulated figures."""
        if self._figures is None:
            return None
        h = self._figures[4]
        return h.seats if h is not None else self._figures[1][0]

    def set_uncertainty(self, text: str, stale: bool = False, tooltip: str = "",
                        p_majority: float | None = None, interval: tuple[int, int, int] | None = None,
                        headline=None, segments: list[tuple[str, int]] | None = None) -> None:
        """``headline``: core.uncertainty.Headline (its ``seats`` the point shown); ``segments``:
        the seat bar's expected seats (core.uncertainty.expected_segments)."""
        self._figures = None if p_majority is None else (p_majority, interval, stale, tooltip, headline)
        self._pending = text
        self.bar.set_expected(segments if p_majority is not None else None)
        self.bar_box.caption.setText(*(EXPECTED_CAPTION if self.bar.expected else LEADS_CAPTION))
        self.bar_box.setToolTip(
            "Each party's expected seats in the simulated elections (the sum of its P(win) over the seats), "
            "made whole: the partners' add up to the alliance's headline" if self.bar.expected else
            "The seats each party leads in on the projected votes (the expected seats follow once the "
            "simulated elections are in)")
        if self._verdict is not None and self.doc is not None and self.doc.evaluation.verdict is not self._verdict:
            return     # an evaluation on its way here (the live figures heard of it first): _set shows both, once
        self._show_headline()
        lay_out_grown()     # figures landing apart from an evaluation: a tile that grew laid out in this frame

    def _show_headline(self) -> None:
        v = self._verdict
        if v is None:
            return
        grey = "<span style='font-size:9pt; color:#777'>"
        leads = f"leads in {v.alliance}"
        undecided = (f" {v.undecided} undecided seats are projected as if every partner stands."
                     if v.undecided else "")
        led = (f"It leads in {v.alliance} of {v.seats} on the projected votes (every seat to whoever is ahead "
               f"on them: a count, not a forecast).")
        if self._figures is None:
            self.chance.value.setText(f"{grey}{self._pending}</span>", f"{grey}…</span>")
            self.chance.setToolTip("The chance of a majority is computed from simulated elections.")
            self.alliance.value.setText(f"{grey}leads in </span><span style='color:#555'>{v.alliance}</span>")
            self.alliance.note.setText("on the projected votes")
            self.alliance.setToolTip(f"{led} The expected seats, their 80 % range and P(majority) follow once the "
                                     f"simulated elections are in.{undecided}")
            return
        from ...core.uncertainty import majority_outlook
        p, (med, lo, hi), stale, tooltip, h = self._figures
        o = majority_outlook(p)
        colour = {"won": "#1B7F3B", "lost": "#B3261E"}.get(o.tone, "#8A5300") if not stale else "#888"
        upd = f"{grey} · updating…</span>" if stale else ""
        pc = o.percent.replace(">", "&gt;").replace("<", "&lt;")     # "> 99 %" in rich text
        self.chance.value.setText(f"<span style='color:{colour}'>{pc}</span>{grey} {o.words}</span>{upd}",
                                  f"<span style='color:{colour}'>{pc}</span>{grey} {o.words}</span>",
                                  f"<span style='color:{colour}'>{pc}</span>")
        self.chance.setToolTip(tooltip)
        point = self.point
        self.alliance.value.setText(f"<span style='color:{colour}'>{point}</span>{grey} ({lo}–{hi})</span>")
        self.alliance.note.setText(leads)
        what = (f"The alliance's expected seats: {point} of {v.seats} (the mean of the simulated elections, each "
                f"seat's P(alliance wins) added up; {h.expected:.1f} before rounding)" if h is not None else
                f"The alliance's median seats in the simulated elections: {point} of {v.seats}")
        self.alliance.setToolTip(f"{what}. In 80 % of them it wins {lo}–{hi}; it reaches the majority of "
                                 f"{v.majority} in {o.percent}. {led}{undecided}"
                                 + (" (The simulated figures are being updated.)" if stale else ""))
