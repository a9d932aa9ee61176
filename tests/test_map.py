"""The map: boundaries in the core, colour modes, and the Qt map view."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explorer.core.assumptions import Assumptions
from explorer.core.dataset_io import load_embedded
from explorer.core.engine import Engine
from explorer.core.errors import DataError
from explorer.core.geometry import boundaries_from_embedded, boundaries_from_geojson
from explorer.core.mapstyle import map_style, margin_colour, seat_card
from explorer.core.scenario import Scenario, default_rules
from explorer.gui.main_window import MainWindow

from .helpers import congress_everywhere, open_window, real_drag

JIND, PEHOWA, KALAYAT, SHAHBAD = 36, 14, 16, 12
DS = load_embedded()


def geojson(features):
    return {"type": "FeatureCollection", "features": features}


def square(ac, x=76.0, y=29.0, props=None):
    ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
    return {"type": "Feature", "properties": {"ac_no": ac} if props is None else props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


# -- core ------------------------------------------------------------------------------
def test_embedded_boundaries_cover_every_seat():
    b = boundaries_from_embedded(DS.boundaries, DS.seats)
    assert sorted(b.shapes) == list(range(1, 91))
    assert len(b.shapes[6].rings) == 1 and len(b.shapes[6].rings[0]) == 149  # Ambala City: 2 parts in source
    # planar x = lon·cos(mean lat), y = −lat
    assert b.cos_lat0 == pytest.approx(np.cos(np.radians(29.27)), abs=0.01)
    lon, lat = DS.seats.frame.loc[DS.seats.index_of(KALAYAT), ["label_lon", "label_lat"]]
    assert b.shapes[KALAYAT].label == pytest.approx((lon * b.cos_lat0, -lat))


def test_geojson_import_and_its_errors():
    b = boundaries_from_geojson(geojson([square(1), square(2, props={"ac_no": "2", "name": "x"})]), DS.seats, "g.json")
    assert sorted(b.shapes) == [1, 2]
    with pytest.raises(DataError) as e:
        boundaries_from_geojson(geojson([square(1), square(None, props={"name": "no number"}), square(95),
                                         square(1), square("abc")]), DS.seats, "g.json")
    assert [str(p) for p in e.value.problems] == [
        "g.json, features[1].properties: no ac_no property",
        "g.json, features[2].properties.ac_no: unknown seat 95",
        "g.json, features[3].properties.ac_no: seat 1 already drawn by features[0]",
        "g.json, features[4].properties.ac_no: expected a seat number, found 'abc'",
    ]
    bad_geom = square(3)
    bad_geom["geometry"] = {"type": "Point", "coordinates": [76, 29]}
    with pytest.raises(DataError, match=r"features\[0\].geometry: expected a Polygon or MultiPolygon, found 'Point'"):
        boundaries_from_geojson(geojson([bad_geom]), DS.seats, "g.json")
    with pytest.raises(DataError, match="not a GeoJSON FeatureCollection"):
        boundaries_from_geojson({"type": "Feature"}, DS.seats, "g.json")


def test_map_style_modes():
    sc = Scenario(DS, assumptions=Assumptions.make("vs2019"))  # 2019 Jind: BJP
    sc.rules = default_rules(DS, sc.pools)
    sc.assign_all("INC")
    sc.assign([JIND], "AAP")
    sc.assign([1], "contested")
    ev = Engine(DS).evaluate(sc)
    st = map_style("pool", sc, ev)
    i = DS.seats.index_of
    assert st.fill[i(JIND)] == "#1A5FB4" and st.fill[i(2)] == "#2AA198" and st.fill[i(1)] == "#8E5CC2"
    assert st.hatched[i(1)] and not st.hatched[i(2)]
    assert st.outlined[i(JIND)] and st.outlined[i(KALAYAT)] and not st.outlined[i(2)]
    assert st.legend[0] == ("AAP (1)", "#1A5FB4", False)
    st = map_style("winner", sc, ev)
    assert st.fill[i(JIND)] == DS.party_colour("BJP")  # 2019 Jind: BJP
    assert margin_colour(0) == "#F7F7F7" and margin_colour(25) == margin_colour(20) == "#1B7837"
    # halfway between the −10 stop (239, 138, 98) and the 0 stop (247, 247, 247): (243, 192.5, 172.5)
    assert margin_colour(-5) == "#F3C0AC"
    card = seat_card(sc, ev, JIND)
    assert card.splitlines()[0] == "36 Jind" and "Breaks: Jind: Hooda camp nominee seat given to AAP" in card
    with pytest.raises(ValueError):
        map_style("rainbow", sc, ev)


# -- window ------------------------------------------------------------------------------
def window(qtbot, pools=None) -> MainWindow:
    w = open_window(qtbot, congress_everywhere("Map test", pools))
    w.show()
    qtbot.waitExposed(w)
    w.map_dock.raise_()
    qtbot.waitUntil(lambda: w.map_panel.view.isVisible())
    return w


def test_ninety_items_keyed_by_ac_no_and_recolour(qtbot):
    w = window(qtbot)
    mp = w.map_panel
    assert sorted(mp.items) == list(range(1, 91))
    paths = {ac: it.path() for ac, it in mp.items.items()}
    assert mp.items[JIND].fill == QColor("#2AA198")
    w.doc.move([JIND], "AAP")
    assert mp.items[JIND].fill == QColor("#1A5FB4") and mp.items[JIND].outlined
    assert all(mp.items[ac].path() == p for ac, p in paths.items())  # colours only, paths untouched
    w.doc.undo_stack.undo()
    assert mp.items[JIND].fill == QColor("#2AA198") and not mp.items[JIND].outlined
    mp.set_mode("margin")
    assert mp.legend.title.startswith("Alliance margin")


def test_selection_is_shared_both_ways(qtbot):
    w = window(qtbot)
    mp = w.map_panel
    mp.items[PEHOWA].setSelected(True)
    assert w.hub.seats == {PEHOWA}
    assert [i.row() for i in w.table.selectionModel().selectedRows()] == [PEHOWA - 1]
    w.table.selectRow(JIND - 1)
    assert w.hub.seats == {JIND}
    assert mp.selected_seats() == [JIND]
    assert not mp.items[PEHOWA].isSelected()


def test_click_at_kalayat_label_point_selects_kalayat(qtbot):
    w = window(qtbot)
    mp = w.map_panel
    view = mp.view
    pt = view.mapFromScene(QPointF(*mp.boundaries.shapes[KALAYAT].label))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, pt)
    assert mp.selected_seats() == [KALAYAT] and w.hub.seats == {KALAYAT}
    pt2 = view.mapFromScene(QPointF(*mp.boundaries.shapes[PEHOWA].label))
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.ControlModifier, pt2)
    assert mp.selected_seats() == [PEHOWA, KALAYAT]
    # keyboard assignment acts on the map's selection
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    QTest.keyClick(view, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.doc.scenario.seats_in("contested") == [PEHOWA, KALAYAT]
    assert w.doc.undo_stack.undoText() == "Move Pehowa, Kalayat to Contested"


def test_rubber_band_selects_many(qtbot):
    w = window(qtbot)
    view = w.map_panel.view
    shapes = w.map_panel.boundaries.shapes
    a = view.mapFromScene(QPointF(*shapes[KALAYAT].label))
    corner = view.viewport().rect().topLeft() + a * 0  # start on empty ground, top-left of the map area
    start = corner + type(a)(2, 2)
    QTest.mousePress(view.viewport(), Qt.LeftButton, Qt.NoModifier, start)
    QTest.mouseMove(view.viewport(), a)
    QTest.mouseMove(view.viewport(), view.viewport().rect().bottomRight() - type(a)(2, 2))
    QTest.mouseRelease(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.viewport().rect().bottomRight() - type(a)(2, 2))
    assert len(w.map_panel.selected_seats()) == 90


def test_real_drag_from_map_to_pool(qtbot):
    assert QApplication.platformName() == "xcb"
    w = window(qtbot)
    mp = w.map_panel
    for ac in (SHAHBAD, PEHOWA):
        mp.items[ac].setSelected(True)
    target = next(p for p in w.pool_panels if p.model.pool_key == "AAP").view.viewport()
    start = mp.view.mapFromScene(QPointF(*mp.boundaries.shapes[SHAHBAD].label))
    real_drag(mp.view.viewport(), start, target, mp.view.start_drag)
    qtbot.waitUntil(lambda: w.doc.scenario.seats_in("AAP") == [SHAHBAD, PEHOWA], timeout=3000)
    assert w.doc.undo_stack.count() == 1
    assert mp.items[SHAHBAD].fill == QColor("#1A5FB4")


def test_zoom_shows_more_labels_and_names(qtbot):
    w = window(qtbot)
    mp = w.map_panel
    mp.view.fit()
    shown = sum(l.isVisible() for l in mp.labels.values())
    named = sum(l._long for l in mp.labels.values())
    mp.view.zoom(4.0)
    assert sum(l._long for l in mp.labels.values() if l.isVisible()) > named
    mp.view.fit()
    assert sum(l.isVisible() for l in mp.labels.values()) == shown
    mp.labels_btn.setChecked(False)
    assert not any(l.isVisible() for l in mp.labels.values())


def test_export_png_and_svg(qtbot, tmp_path):
    w = window(qtbot, {"AAP": [KALAYAT]})
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    w.map_panel.export(str(png))
    w.map_panel.export(str(svg))
    from PySide6.QtGui import QImage
    img = QImage(str(png))
    assert img.width() == 1200 and img.height() > 1000
    text = svg.read_text()
    assert text.startswith("<?xml") and "<svg" in text and "Map test" in text
    with pytest.raises(OSError):
        w.map_panel.export(str(tmp_path / "missing-dir" / "map.png"))


def test_data_set_without_geometry_says_so(qtbot):
    w = window(qtbot)
    w.map_panel.set_boundaries(None)
    assert w.map_panel.stack.currentWidget() is w.map_panel.note
    assert "no constituency boundaries" in w.map_panel.note.text()
    # no map: its mode, numbers, zoom, Fit and Export do nothing, and are shown so
    assert not any(t.isEnabled() for t in w.map_panel._map_tools)
    w.doc.move([JIND], "AAP")  # everything else still works
    assert w.doc.scenario.pool_of(JIND) == "AAP"
    from explorer.core.imported import boundaries_of
    w.map_panel.set_boundaries(boundaries_of(DS))      # boundaries again: the tools again
    assert all(t.isEnabled() for t in w.map_panel._map_tools)


def test_geojson_import_gives_a_map(qtbot, tmp_path):
    w = window(qtbot)
    b = boundaries_from_geojson(geojson([square(1), square(2, x=76.2)]), DS.seats, "two.json")
    w.map_panel.set_boundaries(b)
    assert sorted(w.map_panel.items) == [1, 2]
    w.doc.move([1], "AAP")
    assert w.map_panel.items[1].fill == QColor("#1A5FB4")


def test_geojson_file_round_trip(tmp_path):
    from explorer.core.geometry import load_geojson
    p = tmp_path / "g.geojson"
    p.write_text(json.dumps(geojson([square(5)])))
    assert sorted(load_geojson(p, DS.seats).shapes) == [5]
    p.write_text('{"type": "FeatureCollection", "features": [')
    with pytest.raises(DataError, match="not valid JSON"):
        load_geojson(p, DS.seats)


def test_imported_boundaries_belong_to_the_data_set_are_undoable_and_reach_the_brief(qtbot, tmp_path):
    import pypdf
    from explorer.core.brief import write_brief
    from explorer.core.dataset_io import load_embedded as fresh
    from explorer.core.imported import boundaries_of
    ds = fresh()
    sc = congress_everywhere("Map test")
    sc.dataset = ds
    w = open_window(qtbot, sc, autosave_dir=tmp_path / "autosave")
    p = tmp_path / "two.geojson"
    p.write_text(json.dumps(geojson([square(1), square(2, x=76.2)])))
    w.files.pick_open = lambda *a: str(p)
    assert w.import_boundaries()
    assert sorted(w.map_panel.items) == [1, 2] and sorted(boundaries_of(ds).shapes) == [1, 2]
    assert w.doc.undo_stack.undoText() == "Import map boundaries"
    w.files.new()  # another scenario on the same data set draws the same map
    assert sorted(w.map_panel.items) == [1, 2]
    write_brief(tmp_path / "b.pdf", w.doc.scenario, w.doc.evaluation)
    text = pypdf.PdfReader(tmp_path / "b.pdf").pages[0].extract_text()
    assert "Pools (red outline" in text
    # kept for the next start of the app, with the same shapes
    from explorer.core.imported import imported_boundaries, set_boundaries
    kept = tmp_path / "datasets" / "haryana" / "boundaries.json"
    assert kept.exists() and sorted(json.loads(kept.read_text())["seats"]) == ["1", "2"]
    later = fresh()
    w2 = MainWindow(later, with_chart=False, autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(w2)
    assert sorted(w2.map_panel.items) == [1, 2]
    a, b = imported_boundaries(ds).shapes[2], imported_boundaries(later).shapes[2]
    assert np.allclose(a.rings[0], b.rings[0]) and a.label == pytest.approx(b.label)
    w.tabs.setCurrentIndex(0)
    w.doc.undo_stack.undo()
    assert sorted(w.map_panel.items) == list(range(1, 91)) and not kept.exists()
    set_boundaries(later, None)


def test_edges_in_one_layer_an_outlined_seat_over_it(qtbot):
    """The white edges are one cached item over the fills (a recolouring leaves it alone); a
    seat outlined for a conflict is drawn over it so its outline is whole."""
    from explorer.gui.panels.map import BoundaryLayer
    w = window(qtbot)
    mp = w.map_panel
    layer = mp.boundary_layer
    assert isinstance(layer, BoundaryLayer) and layer.scene() is mp.scene
    assert not layer.flags() & layer.GraphicsItemFlag.ItemIsSelectable
    assert layer.acceptedMouseButtons() == Qt.MouseButton.NoButton
    assert layer._path.elementCount() == sum(it.path().elementCount() for it in mp.items.values())
    assert all(it.zValue() < layer.zValue() for ac, it in mp.items.items() if not it.outlined)
    w.doc.move([JIND], "AAP")                        # a Hooda-camp seat given to AAP: outlined
    assert mp.items[JIND].outlined and mp.items[JIND].zValue() > layer.zValue()
    w.doc.undo_stack.undo()
    assert not mp.items[JIND].outlined and mp.items[JIND].zValue() < layer.zValue()
    # the selection is one outline over everything but the labels, redrawn when it changes
    sel = mp.selection_layer
    assert sel.zValue() > max(it.zValue() for it in mp.items.values()) and sel._path.isEmpty()
    w.hub.set([15, 16], None)                        # Guhla and Kalayat touch: one region
    assert not sel._path.isEmpty()
    from explorer.core.geometry import selection_outline
    assert sum(len(p) for p in selection_outline(mp.boundaries, [15, 16])) < \
        len(selection_outline(mp.boundaries, [15])[0]) + len(selection_outline(mp.boundaries, [16])[0])
    w.hub.set([], None)
    assert sel._path.isEmpty()
    # the outlined seat's outline is whole: along Kalayat's border, red where the neighbours meet it
    w.doc.move([KALAYAT], "AAP")
    w.show()
    qtbot.waitExposed(w)
    mp.view.fit()
    img = mp.view.viewport().grab().toImage()
    path = mp.view.mapFromScene(mp.items[KALAYAT].path())
    pts = [path.pointAtPercent(t / 50).toPoint() for t in range(50)]
    red = sum(1 for pt in pts if QColor(img.pixel(pt)).red() > 150 and QColor(img.pixel(pt)).green() < 110)
    assert red >= 45, red


def test_new_boundaries_outline_the_selection_once_and_keep_it(qtbot, monkeypatch):
    from explorer.gui.panels import map as M
    w = window(qtbot)
    mp = w.map_panel
    w.hub.set(list(range(1, 91)), None)
    calls = []
    orig = M.selection_outline
    monkeypatch.setattr(M, "selection_outline", lambda b, s: calls.append(len(s)) or orig(b, s))
    mp.set_boundaries(mp.boundaries)                 # e.g. boundaries imported again
    assert calls == [90]                             # not once per seat the cleared scene deselected
    assert w.hub.seats == set(range(1, 91)) and len(mp.selected_seats()) == 90
