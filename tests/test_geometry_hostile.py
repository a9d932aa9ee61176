"""Hostile GeoJSON: malformed rings and points, odd seat numbers, unclosed rings, huge files and
boundaries far from the data set's state give clear located errors or warnings, never numpy's
ValueError, and are refused before they exhaust time or memory."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from explorer.core import geometry
from explorer.core.dataset_io import load_embedded
from explorer.core.errors import DataError
from explorer.core.geometry import boundaries_from_geojson, load_geojson

from .helpers import congress_everywhere, open_window

DS = load_embedded()
REAL = Path("/work/shared/data/haryana_ac.geojson")
ROOT = Path(__file__).resolve().parents[1]


def fc(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def square(ac=1, x=76.0, y=29.0):
    return [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]


def feature(ac, rings, gtype="Polygon"):
    return {"type": "Feature", "properties": {"ac_no": ac}, "geometry": {"type": gtype, "coordinates": rings}}


def problems(doc) -> list[str]:
    with pytest.raises(DataError) as e:
        boundaries_from_geojson(doc, DS.seats, "g.json")
    return [str(p) for p in e.value.problems]


# -- rings and points ----------------------------------------------------------------------
def test_a_number_where_a_point_should_be_is_located():
    ring = square()
    ring[2] = 76.1
    assert problems(fc(feature(1, [square()]), feature(2, [ring]))) == [
        "g.json, features[1].geometry.coordinates[0][2]: expected a [longitude, latitude] point, found a number"]


def test_points_of_one_or_four_values_are_located():
    short, long_ = square(), square()
    short[1] = [76.1]
    long_[3] = [76.0, 29.1, 0.0, 7.0]
    assert problems(fc(feature(1, [short]), feature(2, [long_]))) == [
        "g.json, features[0].geometry.coordinates[0][1]: a point is [longitude, latitude] or "
        "[longitude, latitude, altitude], found 1 value",
        "g.json, features[1].geometry.coordinates[0][3]: a point is [longitude, latitude] or "
        "[longitude, latitude, altitude], found 4 values",
    ]


def test_points_with_and_without_altitude_mix_and_the_altitude_is_ignored():
    mixed = [p + [212.0] if i % 2 else p for i, p in enumerate(square())]
    a = boundaries_from_geojson(fc(feature(1, [mixed])), DS.seats, "g.json")
    b = boundaries_from_geojson(fc(feature(1, [square()])), DS.seats, "g.json")
    assert np.array_equal(a.shapes[1].rings[0], b.shapes[1].rings[0])
    assert a.shapes[1].rings[0].shape == (5, 2)


def test_text_and_nesting_where_numbers_should_be():
    text, nested = square(), square()
    text[0] = ["76", 29.0]
    nested[1] = [[76.1, 29.0], [76.1, 29.0]]
    assert problems(fc(feature(1, [text]), feature(2, [nested]))) == [
        "g.json, features[0].geometry.coordinates[0][0]: expected numbers, found text, a number",
        "g.json, features[1].geometry.coordinates[0][1]: expected numbers, found a list, a list",
    ]


def test_a_number_where_a_ring_or_a_polygon_should_be():
    assert problems(fc(feature(1, [5]), feature(2, [[square()], 7], "MultiPolygon"),
                       feature(3, [], "MultiPolygon"), feature(4, 3))) == [
        "g.json, features[0].geometry.coordinates[0]: expected a ring (a list of [longitude, latitude] points), "
        "found a number",
        "g.json, features[1].geometry.coordinates[1]: expected a non-empty list of rings, found a number",
        "g.json, features[2].geometry.coordinates: expected a non-empty list of polygons",
        "g.json, features[3].geometry.coordinates: expected a non-empty list of rings, found a number",
    ]


def test_out_of_range_coordinates_name_the_value():
    lon, lat = square(), square()
    lon[2] = [200.0, 29.1]
    lat[2] = [76.1, -95.0]
    assert problems(fc(feature(1, [lon]), feature(2, [lat]))) == [
        "g.json, features[0].geometry.coordinates[0][2][0]: longitude 200.0 is outside -180 to 180",
        "g.json, features[1].geometry.coordinates[0][2][1]: latitude -95.0 is outside -90 to 90",
    ]


def test_an_unclosed_ring_is_refused():
    open_ring = square()[:-1] + [[76.0, 29.05]]
    assert problems(fc(feature(1, [square(), open_ring]))) == [
        "g.json, features[0].geometry.coordinates[1]: the ring is not closed: it ends at [76.0, 29.05], "
        "not at its first point [76.0, 29.0] (GeoJSON rings end where they start)"]
    assert problems(fc(feature(1, [square()[:3]]))) == [
        "g.json, features[0].geometry.coordinates[0]: a ring needs at least 4 points (the last one repeating "
        "the first), found 3"]


def test_a_feature_that_is_not_an_object():
    assert problems(fc(feature(1, [square()]), 42, None)) == [
        "g.json, features[1]: expected a Feature object, found a number",
        "g.json, features[2]: expected a Feature object, found null",
    ]


# -- seat numbers ----------------------------------------------------------------------------
@pytest.mark.parametrize("ac", ["²", "3²", "٣", "１", "1e3", "", "99999999999999999999", 5.0, True, None])
def test_a_seat_number_that_is_not_ascii_digits_is_a_clear_error(ac):
    assert problems(fc(feature(ac, [square()]))) == [
        f"g.json, features[0].properties.ac_no: expected a seat number, found {ac!r}"]


def test_seat_numbers_as_text_of_ascii_digits_load():
    b = boundaries_from_geojson(fc(feature(" 7 ", [square()]), feature("08", [square(y=29.2)])), DS.seats, "g")
    assert sorted(b.shapes) == [7, 8]


def test_a_20_digit_seat_number_is_unknown_not_an_overflow():
    assert problems(fc(feature(10**20, [square()]))) == [
        "g.json, features[0].properties.ac_no: unknown seat 100000000000000000000"]


# -- far from the state: warnings the window shows before replacing the map --------------------
def test_the_real_haryana_file_loads_without_warnings():
    b = load_geojson(REAL, DS.seats)
    assert sorted(b.shapes) == list(range(1, 91)) and b.warnings == []


def test_swapped_latitude_and_longitude_warn_for_every_seat():
    doc = json.loads(REAL.read_text())
    for f in doc["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for ring in poly:
                for pt in ring:
                    pt[0], pt[1] = pt[1], pt[0]
    b = boundaries_from_geojson(doc, DS.seats, "swapped.json")
    assert len(b.warnings) == 91  # a summary, then one per seat
    assert str(b.warnings[0]) == ("swapped.json: 90 of 90 seats lie far outside the data set's seats; "
                                  "latitude and longitude look swapped")
    assert all("latitude and longitude look swapped" in str(w) for w in b.warnings[1:])
    assert b.warning_text().count("\n") == 8 and b.warning_text().endswith("... and 83 more")


def test_a_stray_zero_or_minus_one_coordinate_warns_naming_the_feature():
    zero, minus = square(), square(y=29.5)
    zero[2] = [0, 0]
    minus[1] = [-1, 29.5]
    b = boundaries_from_geojson(fc(feature(1, [square(x=76.5)]), feature(2, [zero]), feature(3, [minus])),
                                DS.seats, "g.json")
    assert sorted(b.shapes) == [1, 2, 3]
    lab = DS.seats.frame
    box = (f"longitude {lab.label_lon.min():.2f} to {lab.label_lon.max():.2f}, "
           f"latitude {lab.label_lat.min():.2f} to {lab.label_lat.max():.2f}")
    assert box == "longitude 74.75 to 77.48, latitude 27.88 to 30.65"
    assert [str(w) for w in b.warnings] == [
        "g.json: 2 of 3 seats lie far outside the data set's seats",
        f"g.json, features[1].geometry.coordinates: seat 2 lies at longitude 0 to 76.1, latitude 0 to 29.1: "
        f"far outside the data set's seats ({box})",
        f"g.json, features[2].geometry.coordinates: seat 3 lies at longitude -1 to 76.1, latitude 29.5 to 29.6: "
        f"far outside the data set's seats ({box})",
    ]


def test_seats_just_beyond_the_label_points_do_not_warn():
    # the westernmost label point is at 74.75: a boundary reaching 0.9 degrees beyond it is fine
    b = boundaries_from_geojson(fc(feature(1, [square(x=73.85, y=29.0)])), DS.seats, "g.json")
    assert b.warnings == []
    b = boundaries_from_geojson(fc(feature(1, [square(x=73.6, y=29.0)])), DS.seats, "g.json")
    assert len(b.warnings) == 2


def test_a_data_set_without_label_points_cannot_check_and_does_not_warn():
    from .helpers import tiny_dataset
    tiny = tiny_dataset()
    b = boundaries_from_geojson(fc(feature(1, [square(x=0, y=0)])), tiny.seats, "g.json")
    assert sorted(b.shapes) == [1] and b.warnings == []


def write_doc(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc))
    return path


def test_the_window_asks_before_a_misplaced_map_replaces_its_own(qtbot, tmp_path):
    w = open_window(qtbot, congress_everywhere("Map"))
    before = dict(w.map_panel.items)
    assert len(before) == 90
    zero = square()
    zero[2] = [0, 0]
    path = write_doc(tmp_path / "zero.geojson", fc(feature(1, [zero]), feature(2, [square(y=29.3)])))
    asked = []
    w.files.pick_open = lambda title, filt: str(path)
    w.files.ask_yes_no = lambda title, text: asked.append((title, text)) or False
    w.import_boundaries()
    assert len(asked) == 1 and asked[0][0] == "Boundaries look misplaced"
    assert "seat 1 lies at longitude 0 to 76.1" in asked[0][1] and "Replace the map" in asked[0][1]
    assert w.map_panel.items.keys() == before.keys()  # kept what it had
    w.files.ask_yes_no = lambda title, text: True
    w.import_boundaries()
    assert sorted(w.map_panel.items) == [1, 2]
    # a well-placed file is not questioned
    w.files.ask_yes_no = lambda title, text: pytest.fail("asked about a well-placed map")
    path.write_text(json.dumps(fc(feature(3, [square()]))))
    w.import_boundaries()
    assert sorted(w.map_panel.items) == [3]


# -- size and vertex bounds, checked before parsing ---------------------------------------------
def test_too_many_points_in_the_features_are_refused(monkeypatch):
    monkeypatch.setattr(geometry, "MAX_VERTICES", 12)
    doc = fc(feature(1, [square()]), feature(2, [square(y=29.2)]), feature(3, [square(y=29.4)]))
    assert problems(doc) == ["g.json, features[2]: more than 12 points; simplify the boundaries"]
    monkeypatch.setattr(geometry, "MAX_VERTICES", 15)
    assert len(boundaries_from_geojson(doc, DS.seats, "g.json").shapes) == 3


def test_too_many_brackets_are_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(geometry, "MAX_VERTICES", 9)  # refused unparsed above 13 brackets
    doc = fc(feature(1, [square()]), feature(2, [square(y=29.2)]))  # 10 points, 15 brackets
    p = write_doc(tmp_path / "g.geojson", doc)
    assert json.dumps(doc).count("[") == 15
    parsed = []
    monkeypatch.setattr(geometry, "loads", lambda *a: parsed.append(a) or pytest.fail("parsed"))
    with pytest.raises(DataError, match=r"g.geojson: more than 9 points; simplify the boundaries"):
        load_geojson(p, DS.seats)
    assert parsed == []


PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from explorer.core.dataset_io import load_embedded
    from explorer.core.errors import DataError
    from explorer.core.geometry import load_geojson
    seats = load_embedded().seats
    t = time.perf_counter()
    try:
        load_geojson(sys.argv[1], seats)
        msg = "loaded"
    except DataError as e:
        msg = str(e)
    s = time.perf_counter() - t
    try:  # this process's own peak: ru_maxrss would include the parent's, inherited through fork
        with open("/proc/self/status") as f:
            peak = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"s": s, "maxrss_mb": peak, "msg": msg}))
""")


def probe(path: Path) -> dict:
    r = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60,
                       cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_a_207_mb_geojson_is_refused_unread_within_300_mb(tmp_path):
    p = tmp_path / "huge.geojson"
    with open(p, "w") as f:  # a real FeatureCollection of 207 MB, not a sparse file
        f.write('{"type": "FeatureCollection", "features": [')
        chunk = json.dumps(feature(1, [square()] * 2000)) + ","
        while f.tell() < 207_000_000:
            f.write(chunk)
        f.write(json.dumps(feature(2, [square()])) + "]}")
    size = p.stat().st_size
    assert size > 207_000_000
    try:
        r = probe(p)
    finally:
        p.unlink()
    print(f"207 MB GeoJSON refused in {r['s']:.3f} s, peak {r['maxrss_mb']:.0f} MB")
    assert r["msg"] == f"{p}: file is {size / 1e6:.1f} MB; boundaries are limited to 64 MB (simplify them)"
    assert r["maxrss_mb"] < 300  # the seconds: tools/bench_bounds.py


def test_a_60_mb_file_of_points_is_refused_before_parsing_within_300_mb(tmp_path):
    p = tmp_path / "points.geojson"
    n = 60_000_000 // 6
    with open(p, "w") as f:
        f.write('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"ac_no": 1}, '
                '"geometry": {"type": "Polygon", "coordinates": [[')
        f.write("[0,0]," * n)
        f.write("[0,0]]]}}]}")
    r = probe(p)
    print(f"60 MB GeoJSON of 10 M points refused in {r['s']:.3f} s, peak {r['maxrss_mb']:.0f} MB")
    assert r["msg"] == f"{p}: more than 1,000,000 points; simplify the boundaries"
    assert r["maxrss_mb"] < 300  # the seconds: tools/bench_bounds.py



# -- a data set folder's own boundaries.json is checked the same way ----------------------------
def embedded(seats_polys, **kw):
    return {"format": geometry.BOUNDARIES_FORMAT, "schema_version": 1, "seats": seats_polys, **kw}


def embedded_problems(doc) -> list[str]:
    with pytest.raises(DataError) as e:
        geometry.boundaries_from_embedded(doc, DS.seats, "hr/boundaries.json")
    return [str(p) for p in e.value.problems]


def test_a_data_sets_boundaries_with_faults_give_located_errors():
    mixed = [[76.0, 29.0], [76.1, 29.0, 3.0], 76.1, [76.0, 29.1], [76.0, 29.0]]
    assert embedded_problems(embedded({"1": [[square()]], "²": [[square()]], "95": [[square()]], "01": [[square()]],
                                       "2": [[mixed]], "3": [[square()[:-1] + [[76.0, 29.05]]]], "4": 7})) == [
        "hr/boundaries.json, seats.²: unknown seat '²'",
        "hr/boundaries.json, seats.95: unknown seat '95'",
        "hr/boundaries.json, seats.01: seat 1 already drawn by seats.1",
        "hr/boundaries.json, seats.2[0][0][2]: expected a [longitude, latitude] point, found a number",
        "hr/boundaries.json, seats.3[0][0]: the ring is not closed: it ends at [76.0, 29.05], not at its first "
        "point [76.0, 29.0] (GeoJSON rings end where they start)",
        "hr/boundaries.json, seats.4: expected a non-empty list of polygons",
    ]
    assert embedded_problems({"seats": []}) == [
        "hr/boundaries.json: expected an object with the seats' polygons under 'seats'"]
    assert embedded_problems(embedded({"1": [[square()]]}, attribution=5)) == [
        "hr/boundaries.json, attribution: expected text, found a number"]


def test_a_data_sets_boundaries_may_mix_points_with_altitude():
    mixed = [p + [212.0] if i % 2 else p for i, p in enumerate(square())]
    b = geometry.boundaries_from_embedded(embedded({"1": [[mixed]]}, attribution="x"), DS.seats)
    assert b.shapes[1].rings[0].shape == (5, 2) and b.attribution == "x"


def test_a_geojson_becomes_a_data_sets_boundaries_bounded_checked_and_flat(tmp_path):
    mixed = [p + [212.0] if i % 2 else p for i, p in enumerate(square())]
    zero = square(y=29.5)
    zero[2] = [0, 0]
    p = write_doc(tmp_path / "in.geojson", fc(feature("7", [mixed]), feature(8, [zero])))
    doc, warnings = geometry.geojson_to_embedded(p, DS.seats)
    assert doc["seats"] == {"7": [[square()]], "8": [[zero]]}
    assert doc["attribution"] == "Boundaries from in.geojson" and doc["format"] == geometry.BOUNDARIES_FORMAT
    assert [w.column for w in warnings] == [None, "features[1].geometry.coordinates"]
    b = geometry.boundaries_from_embedded(doc, DS.seats)  # and it reads back
    assert sorted(b.shapes) == [7, 8]
    assert np.array_equal(b.shapes[7].rings[0], load_geojson(p, DS.seats).shapes[7].rings[0])


def test_long_values_are_cut_in_messages():
    ring = square()
    ring[1] = [10 ** 400, 29.0]
    msgs = problems(fc(feature("A" * 5000, [square()]), feature(2, [ring])))
    assert msgs == [
        "g.json, features[0].properties.ac_no: expected a seat number, found '" + "A" * 58 + "…",
        "g.json, features[1].geometry.coordinates[0][1][0]: longitude " + "1" + "0" * 58 + "… is outside -180 to 180",
    ]
    assert embedded_problems(embedded({"9" * 80: [[square()]]})) == [
        "hr/boundaries.json, seats." + "9" * 59 + "…: unknown seat '" + "9" * 58 + "…"]


def test_selection_outline_is_the_selected_region_border():
    """Two unit squares sharing an edge, and a third apart: counted by hand."""
    import numpy as np
    from explorer.core.geometry import Boundaries, SeatShape, selection_outline

    def square(x0, y0, closed=False):
        r = [(x0, y0), (x0 + 1, y0), (x0 + 1, y0 + 1), (x0, y0 + 1)] + ([(x0, y0)] if closed else [])
        return np.array(r, dtype=float)
    b = Boundaries({1: SeatShape(1, (square(0, 0),), (0.5, 0.5)),
                    2: SeatShape(2, (square(1, 0, closed=True)[::-1],), (1.5, 0.5)),   # the other way round
                    3: SeatShape(3, (square(5, 5),), (5.5, 5.5))}, cos_lat0=1.0)

    def segments(lines):
        return sorted(tuple(sorted((tuple(p), tuple(q)))) for pts in lines for p, q in zip(pts[:-1], pts[1:]))
    one = selection_outline(b, [1])
    assert len(one) == 1 and len(one[0]) == 5 and (one[0][0] == one[0][-1]).all()    # a closed square
    both = segments(selection_outline(b, [1, 2]))
    assert len(both) == 6                              # the 2 x 1 rectangle: the shared edge is gone
    assert ((1.0, 0.0), (1.0, 1.0)) not in both
    assert len(segments(selection_outline(b, [1, 3]))) == 8    # apart: both squares whole
    assert selection_outline(b, []) == [] and selection_outline(b, [99]) == []
