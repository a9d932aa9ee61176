"""Constituency boundaries for the map, in the app's own planar projection.

Coordinates are WGS84 longitude/latitude; the map uses x = lon·cos(φ0), y = −lat (screen y
grows downward), with φ0 the data set's mean latitude: an equal-area-looking projection
that is exact enough at a state's scale. Boundaries are optional: a data set without them
still works, and a GeoJSON whose features carry ``ac_no`` gives another state its map.

A GeoJSON file is bounded before it is parsed: at most MAX_GEOJSON_BYTES (checked on the file's
size, unread) and MAX_VERTICES points (its '[' are counted first, then the points exactly).
Rings must be closed (refused otherwise, never closed silently); every fault names its JSON
path. Seats far outside the data set's label points (a 0 or -1 coordinate, swapped latitude
and longitude) load with ``Boundaries.warnings``, which the window shows before using them."""
from __future__ import annotations

import itertools
import math
import os
from dataclasses import dataclass, field

import numpy as np

from .dataset import SeatTable
from .errors import DataError, Problem, ProblemList
from .jsonio import _json_type, loads

BOUNDARIES_FORMAT = "seat-share-explorer/boundaries"
MAX_VERTICES = 1_000_000                # points in one GeoJSON (Haryana's 90 seats have 8,410)
MAX_GEOJSON_BYTES = 64 * 1024 * 1024    # a GeoJSON file larger than this is refused unread
FAR_DEGREES = 1.0                       # seats further than this outside the label points' box warn


@dataclass(frozen=True)
class SeatShape:
    ac_no: int
    rings: tuple[np.ndarray, ...]   # each (n, 2) planar x, y; outer rings and holes alike
    label: tuple[float, float]      # planar label point


@dataclass
class Boundaries:
    shapes: dict[int, SeatShape]
    cos_lat0: float
    attribution: str = ""
    warnings: list[Problem] = field(default_factory=list)  # shown before the map is replaced
    checked: dict = field(default_factory=dict, repr=False)  # a GeoJSON's (n, 2) lon/lat rings per seat
    _adjacent: tuple | None = field(default=None, repr=False, compare=False)  # adjacent_seats' answer
    _edges: tuple | None = field(default=None, repr=False, compare=False)     # _edge_neighbours' answer

    def warning_text(self, limit: int = 8) -> str:
        lines = [str(p) for p in self.warnings[:limit]]
        if len(self.warnings) > limit:
            lines.append(f"... and {len(self.warnings) - limit} more")
        return "\n".join(lines)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.cos_lat0, -lat

    def bounds(self) -> tuple[float, float, float, float]:
        pts = np.concatenate([r for s in self.shapes.values() for r in s.rings])
        return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def adjacent_seats(b: Boundaries) -> tuple[tuple[int, int], ...]:
    """Pairs of seats (ac_no, ac_no; smaller first) whose boundaries touch: they share a vertex
    (to 1e-4 of a degree, about 10 m). Boundaries digitised seat by seat share few vertices:
    when fewer pairs than seats are found, seats sharing two cells of a grid 1/250 of the map
    wide count as touching. Computed once per Boundaries."""
    if b._adjacent is not None:
        return b._adjacent
    acs = list(b.shapes)

    def pairs_on(grid: float, least: int) -> set[tuple[int, int]]:
        owners: dict[tuple[int, int], set[int]] = {}
        for ac in acs:
            cells = set()
            for r in b.shapes[ac].rings:
                cells.update(map(tuple, np.floor(r / grid).astype(np.int64).tolist()))
            for c in cells:
                owners.setdefault(c, set()).add(ac)
        shared: dict[tuple[int, int], int] = {}
        for o in owners.values():
            if len(o) > 1:
                for a, c in itertools.combinations(sorted(o), 2):
                    shared[(a, c)] = shared.get((a, c), 0) + 1
        return {k for k, v in shared.items() if v >= least}

    found = pairs_on(1e-4, 1) if acs else set()
    if len(acs) > 1 and len(found) < len(acs) - 1:
        x0, y0, x1, y1 = b.bounds()
        found |= pairs_on(max(x1 - x0, y1 - y0, 1e-6) / 250, 2)
    b._adjacent = tuple(sorted(found))
    return b._adjacent


def _edge_neighbours(b: Boundaries) -> tuple[list[int], list[list[np.ndarray]]]:
    """The seats (ac_no, in ``b.shapes`` order) and, per seat and ring, for each segment from
    vertex i to the next the index of the seat whose boundary has the same segment (-1: none;
    to 1e-9 of a unit: boundaries cut from one map share their vertices exactly)."""
    if b._edges is not None:
        return b._edges
    acs = list(b.shapes)
    rings: list[list[np.ndarray]] = []
    keys, owner, where = [], [], []
    for si, ac in enumerate(acs):
        rs = []
        for r in b.shapes[ac].rings:
            r = np.asarray(r, dtype=float)
            if len(r) > 1 and np.array_equal(r[0], r[-1]):
                r = r[:-1]                 # a closed ring: its last vertex is its first
            rs.append(r)
            if len(r) < 2:
                continue
            a, c = np.round(r, 9), np.round(np.roll(r, -1, axis=0), 9)
            swap = (a[:, 0] > c[:, 0]) | ((a[:, 0] == c[:, 0]) & (a[:, 1] > c[:, 1]))
            lo, hi = np.where(swap[:, None], c, a), np.where(swap[:, None], a, c)
            keys.append(np.hstack([lo, hi]))
            owner.append(np.full(len(r), si))
            where.append((si, len(rs) - 1, len(r)))
        rings.append(rs)
    nbr = [[np.full(len(r), -1, dtype=np.int32) for r in rs] for rs in rings]
    if keys:
        K = np.vstack(keys)
        O = np.concatenate(owner)
        order = np.lexsort((K[:, 3], K[:, 2], K[:, 1], K[:, 0]))
        Ks, Os = K[order], O[order]
        same = np.all(Ks[1:] == Ks[:-1], axis=1) & (Os[1:] != Os[:-1])
        flat = np.full(len(K), -1, dtype=np.int32)
        i = np.flatnonzero(same)
        flat[order[i]] = Os[i + 1]
        flat[order[i + 1]] = Os[i]
        pos = 0
        for si, ri, n in where:
            nbr[si][ri] = flat[pos:pos + n]
            pos += n
    b._edges = (acs, [list(zip(rs, ns)) for rs, ns in zip(rings, nbr)])
    return b._edges


def selection_outline(b: Boundaries, selected) -> list[np.ndarray]:
    """The outline of the region the ``selected`` seats (ac_no) make together: their boundary
    segments not shared with another selected seat, as polylines of (k, 2) points (a ring
    wholly on the outline comes back closed: its first point repeated at the end)."""
    acs, seats = _edge_neighbours(b)
    index = {ac: i for i, ac in enumerate(acs)}
    chosen = np.zeros(len(acs) + 1, dtype=bool)      # the last: "no neighbour" (-1), never chosen
    for ac in selected:
        if ac in index:
            chosen[index[ac]] = True
    out: list[np.ndarray] = []
    for ac in selected:
        si = index.get(ac)
        if si is None:
            continue
        for r, nb in seats[si]:
            n = len(r)
            if n < 2:
                continue
            on = ~chosen[nb]                          # segment i: vertex i to i + 1
            if on.all():
                out.append(np.vstack([r, r[:1]]))
                continue
            if not on.any():
                continue
            start = int(np.flatnonzero(~on)[0]) + 1   # begin after a shared segment: runs never wrap
            k = 0
            while k < n:
                i = (start + k) % n
                if not on[i]:
                    k += 1
                    continue
                run = [i]
                k += 1
                while k < n and on[(start + k) % n]:
                    run.append((start + k) % n)
                    k += 1
                idx = run + [(run[-1] + 1) % n]
                out.append(r[idx])
    return out


def _ring_area_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    x, y = ring[:, 0], ring[:, 1]
    x1, y1 = np.roll(x, -1), np.roll(y, -1)
    cross = x * y1 - x1 * y
    a = cross.sum() / 2
    if abs(a) < 1e-15:
        return 0.0, float(x.mean()), float(y.mean())
    return float(a), float(((x + x1) * cross).sum() / (6 * a)), float(((y + y1) * cross).sum() / (6 * a))


def _build(polys_by_seat: dict[int, list], seats: SeatTable, attribution: str) -> Boundaries:
    lats = [pt[1] for polys in polys_by_seat.values() for poly in polys for ring in poly for pt in ring]
    cos0 = math.cos(math.radians(float(np.mean(lats)))) if lats else 1.0
    shapes = {}
    for ac, polys in polys_by_seat.items():
        rings = []
        best = (0.0, 0.0, 0.0)
        for poly in polys:
            for k, ring in enumerate(poly):
                arr = np.asarray(ring, dtype=float)[:, :2] * np.array([cos0, -1.0])
                rings.append(arr)
                if k == 0:
                    a, cx, cy = _ring_area_centroid(arr)
                    if abs(a) > abs(best[0]):
                        best = (a, cx, cy)
        i = seats.index_of(ac)
        lat, lon = seats.frame["label_lat"].iat[i], seats.frame["label_lon"].iat[i]
        # the data set's label point lies inside the seat; else the centroid of its largest part
        label = (float(lon) * cos0, -float(lat)) if np.isfinite(lat) and np.isfinite(lon) else (best[1], best[2])
        shapes[ac] = SeatShape(ac, tuple(rings), label)
    return Boundaries(shapes, cos0, attribution)


def boundaries_from_embedded(doc: dict, seats: SeatTable, name: str = "the data set's boundaries") -> Boundaries:
    """A data set's own boundaries, ``{"seats": {"<ac_no>": [polygon, ...]}, "attribution": ...}``:
    a data set folder may come from anyone, so they are checked as a GeoJSON is (DataError
    with the JSON path of every fault)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("seats"), dict):
        raise DataError(Problem(name, None, None, "expected an object with the seats' polygons under 'seats'"))
    attribution = doc.get("attribution", "")
    if not isinstance(attribution, str):
        raise DataError(Problem(name, None, "attribution", f"expected text, found {_kind(attribution)}"))
    problems = ProblemList()
    polys_by_seat: dict[int, list] = {}
    first_at: dict[int, str] = {}
    vertices = 0
    for key, coords in doc["seats"].items():
        path = f"seats.{_short(key, str)}"
        ac = _seat_number(key)
        if ac is None or not seats.has(ac):
            problems.add(Problem(name, None, path, f"unknown seat {_short(key)}"))
            continue
        if ac in first_at:
            problems.add(Problem(name, None, path, f"seat {ac} already drawn by {first_at[ac]}"))
            continue
        polys, where, msg = _polygons("MultiPolygon", coords, path)
        if polys is None:
            problems.add(Problem(name, None, where, msg))
            continue
        vertices += sum(len(r) for p in polys for r in p)
        if vertices > MAX_VERTICES:
            raise DataError(Problem(name, None, path, f"more than {MAX_VERTICES:,} points; simplify the boundaries"))
        first_at[ac] = path
        polys_by_seat[ac] = polys
    problems.raise_if_any()
    return _build(polys_by_seat, seats, attribution)


def _short(v, show=repr, limit: int = 60) -> str:
    """A value for a message, cut to ``limit`` characters: a hostile file's 5,000-character
    seat number or 4,000-digit longitude must not make the message unreadable."""
    text = show(v)
    return text if len(text) <= limit else f"{text[:limit - 1]}…"


def _kind(v) -> str:
    return _json_type(v) if not isinstance(v, list) else "a list"


def _is_num(c) -> bool:
    return isinstance(c, (int, float)) and not isinstance(c, bool)


def _fast_ring(ring: list) -> np.ndarray | None:
    """The common case at C speed: closed, in range, every point two numbers; else None
    (and the point-by-point check below finds and names what is wrong)."""
    try:
        if set(map(len, ring)) != {2} or not set(map(type, itertools.chain.from_iterable(ring))) <= {int, float}:
            return None
        arr = np.array(ring, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    if arr.shape != (len(ring), 2) or not (np.all(np.abs(arr[:, 0]) <= 180) and np.all(np.abs(arr[:, 1]) <= 90)):
        return None
    return arr if len(arr) >= 4 and np.array_equal(arr[0], arr[-1]) else None


def _ring(ring, path: str) -> tuple[np.ndarray | None, str, str]:
    """A ring as an (n, 2) array of longitude, latitude, or None and the path and message of
    the first thing wrong with it."""
    if isinstance(ring, list) and (arr := _fast_ring(ring)) is not None:
        return arr, "", ""
    if not isinstance(ring, list):
        return None, path, f"expected a ring (a list of [longitude, latitude] points), found {_kind(ring)}"
    if len(ring) < 4:
        return None, path, f"a ring needs at least 4 points (the last one repeating the first), found {len(ring)}"
    for j, pt in enumerate(ring):
        if not isinstance(pt, list):
            return None, f"{path}[{j}]", f"expected a [longitude, latitude] point, found {_kind(pt)}"
        if len(pt) not in (2, 3):
            return None, f"{path}[{j}]", f"a point is [longitude, latitude] or [longitude, latitude, altitude], " \
                                         f"found {len(pt)} value{'s' if len(pt) != 1 else ''}"
        if not (_is_num(pt[0]) and _is_num(pt[1]) and (len(pt) == 2 or _is_num(pt[2]))):
            return None, f"{path}[{j}]", f"expected numbers, found {', '.join(_kind(c) for c in pt)}"
        if not -180 <= pt[0] <= 180:
            return None, f"{path}[{j}][0]", f"longitude {_short(pt[0], str)} is outside -180 to 180"
        if not -90 <= pt[1] <= 90:
            return None, f"{path}[{j}][1]", f"latitude {_short(pt[1], str)} is outside -90 to 90"
    if ring[0][0] != ring[-1][0] or ring[0][1] != ring[-1][1]:
        return None, path, (f"the ring is not closed: it ends at {_short(ring[-1][:2], str)}, not at its first point "
                            f"{_short(ring[0][:2], str)} (GeoJSON rings end where they start)")
    return np.array([(pt[0], pt[1]) for pt in ring], dtype=float), "", ""


def _polygons(gtype, coords, path: str) -> tuple[list | None, str, str]:
    """The polygons (lists of rings) of a Polygon or MultiPolygon, or None, path and message."""
    if gtype == "Polygon":
        polys, paths = [coords], [path]
    elif not isinstance(coords, list) or not coords:
        return None, path, "expected a non-empty list of polygons"
    else:
        polys, paths = coords, [f"{path}[{i}]" for i in range(len(coords))]
    out = []
    for poly, pp in zip(polys, paths):
        if not isinstance(poly, list) or not poly:
            found = "an empty list" if poly == [] else _kind(poly)
            return None, pp, f"expected a non-empty list of rings, found {found}"
        rings = []
        for k, r in enumerate(poly):
            arr, where, msg = _ring(r, f"{pp}[{k}]")
            if arr is None:
                return None, where, msg
            rings.append(arr)
        out.append(rings)
    return out, "", ""


def _seat_number(ac):
    """``ac_no`` as an int: a JSON whole number, or text of ASCII digits 0-9 ("²" is not one)."""
    if isinstance(ac, str) and ac.strip().isascii() and ac.strip().isdigit() and len(ac.strip()) <= 9:
        return int(ac.strip())
    if isinstance(ac, int) and not isinstance(ac, bool):
        return ac
    return None


def _placement_warnings(polys_by_seat: dict[int, list], first_at: dict[int, int], seats: SeatTable,
                        name: str) -> list[Problem]:
    """Features lying far outside the box of the data set's seats' label points: drawn, they
    would squash the state to a dot or put it elsewhere (a coordinate of 0, swapped latitude
    and longitude). Warnings, not errors: the strategist decides."""
    lat = seats.frame["label_lat"].to_numpy(dtype=float)
    lon = seats.frame["label_lon"].to_numpy(dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if not ok.any():
        return []
    lo_lon, hi_lon, lo_lat, hi_lat = lon[ok].min(), lon[ok].max(), lat[ok].min(), lat[ok].max()
    m = max(FAR_DEGREES, 0.25 * max(hi_lon - lo_lon, hi_lat - lo_lat))
    box = (lo_lon - m, hi_lon + m, lo_lat - m, hi_lat + m)

    def inside(x0, x1, y0, y1):
        return box[0] <= x0 and x1 <= box[1] and box[2] <= y0 and y1 <= box[3]

    out, swapped = [], 0
    for ac, polys in polys_by_seat.items():
        pts = np.concatenate([r for poly in polys for r in poly])
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        if inside(x0, x1, y0, y1):
            continue
        hint = ""
        if inside(y0, y1, x0, x1):
            swapped += 1
            hint = "; latitude and longitude look swapped"
        out.append(Problem(name, None, f"features[{first_at[ac]}].geometry.coordinates",
                           f"seat {ac} lies at longitude {x0:g} to {x1:g}, latitude {y0:g} to {y1:g}: far outside "
                           f"the data set's seats (longitude {lo_lon:.2f} to {hi_lon:.2f}, latitude {lo_lat:.2f} to "
                           f"{hi_lat:.2f}){hint}"))
    if out:
        head = (f"{len(out)} of {len(polys_by_seat)} seats lie far outside the data set's seats"
                + ("; latitude and longitude look swapped" if swapped == len(out) else ""))
        out.insert(0, Problem(name, None, None, head))
    return out


def boundaries_from_geojson(doc, seats: SeatTable, name: str) -> Boundaries:
    """A FeatureCollection whose features carry ``ac_no`` (Polygon or MultiPolygon, WGS84).

    Every problem is reported with its JSON path; nothing partial is loaded. Points are
    [longitude, latitude] with an optional altitude (ignored); rings must be closed, as
    RFC 7946 requires (an unclosed ring is refused rather than closed: it is more often a
    damaged file than a careless one); at most MAX_VERTICES points in all. Seats lying far
    outside the data set's label points are loaded but listed in ``Boundaries.warnings``."""
    problems = ProblemList()

    def bad(path, msg):
        problems.add(Problem(name, None, path, msg))

    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise DataError(Problem(name, None, None, "not a GeoJSON FeatureCollection"))
    polys_by_seat: dict[int, list] = {}
    first_at: dict[int, int] = {}
    vertices = 0
    for k, feat in enumerate(doc["features"]):
        path = f"features[{k}]"
        if not isinstance(feat, dict):
            bad(path, f"expected a Feature object, found {_kind(feat)}")
            continue
        props = feat.get("properties")
        if not isinstance(props, dict) or "ac_no" not in props:
            bad(f"{path}.properties", "no ac_no property")
            continue
        ac = _seat_number(props["ac_no"])
        if ac is None:
            bad(f"{path}.properties.ac_no", f"expected a seat number, found {_short(props['ac_no'])}")
            continue
        if not seats.has(ac):
            bad(f"{path}.properties.ac_no", f"unknown seat {ac}")
            continue
        if ac in first_at:
            bad(f"{path}.properties.ac_no", f"seat {ac} already drawn by features[{first_at[ac]}]")
            continue
        geom = feat.get("geometry")
        gtype = geom.get("type") if isinstance(geom, dict) else None
        if gtype not in ("Polygon", "MultiPolygon"):
            bad(f"{path}.geometry", f"expected a Polygon or MultiPolygon, found {_short(gtype)}")
            continue
        polys, where, msg = _polygons(gtype, geom.get("coordinates"), f"{path}.geometry.coordinates")
        if polys is None:
            bad(where, msg)
            continue
        vertices += sum(len(r) for p in polys for r in p)
        if vertices > MAX_VERTICES:
            raise DataError(Problem(name, None, path, f"more than {MAX_VERTICES:,} points; simplify the boundaries"))
        first_at[ac] = k
        polys_by_seat[ac] = polys
    if not problems and not polys_by_seat:
        bad("features", "no features")
    problems.raise_if_any()
    b = _build(polys_by_seat, seats, f"Boundaries from {name}")
    b.warnings = _placement_warnings(polys_by_seat, first_at, seats, name)
    b.checked = polys_by_seat
    return b


def load_geojson(path, seats: SeatTable) -> Boundaries:
    """Read a GeoJSON file, refusing one larger than MAX_GEOJSON_BYTES before reading it and
    one with more '[' than 1.5 × MAX_VERTICES before parsing it (every point has one)."""
    return boundaries_from_geojson(_read_geojson(path), seats, str(path))


def geojson_to_embedded(path, seats: SeatTable) -> tuple[dict, list[Problem]]:
    """A GeoJSON file in a data set's own form (for ``dataset build``), bounded and checked as
    load_geojson does, points reduced to [longitude, latitude]; with its placement warnings."""
    b = load_geojson(path, seats)
    doc = {"format": BOUNDARIES_FORMAT, "schema_version": 1, "crs": "EPSG:4326",
           "attribution": f"Boundaries from {os.path.basename(path)}",
           "seats": {str(ac): [[r.tolist() for r in poly] for poly in polys] for ac, polys in b.checked.items()}}
    return doc, b.warnings


def _read_geojson(path):
    name = str(path)
    try:
        size = os.stat(path).st_size
    except OSError as e:
        raise DataError(Problem(name, None, None, f"cannot read: {e.strerror or e}")) from None
    if size > MAX_GEOJSON_BYTES:
        raise DataError(Problem(name, None, None, f"file is {size / 1e6:.1f} MB; boundaries are limited to "
                                                  f"{MAX_GEOJSON_BYTES // 2**20} MB (simplify them)"))
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_GEOJSON_BYTES + 1)  # the file may have grown since
    except OSError as e:
        raise DataError(Problem(name, None, None, f"cannot read: {e.strerror or e}")) from None
    if raw.count(b"[") > MAX_VERTICES * 3 // 2:
        raise DataError(Problem(name, None, None, f"more than {MAX_VERTICES:,} points; simplify the boundaries"))
    return loads(raw, name, MAX_GEOJSON_BYTES)
