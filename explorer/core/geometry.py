"""Constituency boundaries for the map, in the app's own planar projection.

Coordinates are WGS84 longitude/latitude; the map uses x = lon·cos(φ0), y = −lat (screen y
grows downward), with φ0 the data set's mean latitude: an equal-area-looking projection
that is exact enough at a state's scale. Boundaries are optional: a data set without them
still works, and a GeoJSON whose features carry ``ac_no`` gives another state its map."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .dataset import SeatTable
from .errors import DataError, Problem
from .jsonio import read_json

BOUNDARIES_FORMAT = "seat-share-explorer/boundaries"
MAX_VERTICES = 2_000_000


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

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.cos_lat0, -lat

    def bounds(self) -> tuple[float, float, float, float]:
        pts = np.concatenate([r for s in self.shapes.values() for r in s.rings])
        return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


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


def boundaries_from_embedded(doc: dict, seats: SeatTable) -> Boundaries:
    polys = {int(k): v for k, v in doc["seats"].items()}
    return _build(polys, seats, doc.get("attribution", ""))


def _valid_ring(ring) -> bool:
    if not isinstance(ring, list) or len(ring) < 4:
        return False
    for pt in ring:
        if not (isinstance(pt, list) and len(pt) >= 2 and all(isinstance(c, (int, float)) and not isinstance(c, bool)
                                                               for c in pt[:2])):
            return False
        if not (-180 <= pt[0] <= 180 and -90 <= pt[1] <= 90):
            return False
    return True


def boundaries_from_geojson(doc, seats: SeatTable, name: str) -> Boundaries:
    """A FeatureCollection whose features carry ``ac_no`` (Polygon or MultiPolygon, WGS84).
    Every problem is reported with its path; nothing partial is loaded."""
    problems: list[Problem] = []

    def bad(path, msg):
        if len(problems) < 200:
            problems.append(Problem(name, None, path, msg))

    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise DataError(Problem(name, None, None, "not a GeoJSON FeatureCollection"))
    polys_by_seat: dict[int, list] = {}
    first_at: dict[int, int] = {}
    vertices = 0
    for k, feat in enumerate(doc["features"]):
        path = f"features[{k}]"
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict) or "ac_no" not in props:
            bad(f"{path}.properties", "no ac_no property")
            continue
        ac = props["ac_no"]
        if isinstance(ac, str) and ac.strip().isdigit():
            ac = int(ac)
        if isinstance(ac, bool) or not isinstance(ac, int):
            bad(f"{path}.properties.ac_no", f"expected a seat number, found {ac!r}")
            continue
        if not seats.has(ac):
            bad(f"{path}.properties.ac_no", f"unknown seat {ac}")
            continue
        if ac in first_at:
            bad(f"{path}.properties.ac_no", f"seat {ac} already drawn by features[{first_at[ac]}]")
            continue
        geom = feat.get("geometry")
        gtype = geom.get("type") if isinstance(geom, dict) else None
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if gtype == "Polygon":
            polys = [coords]
        elif gtype == "MultiPolygon":
            polys = coords
        else:
            bad(f"{path}.geometry", f"expected a Polygon or MultiPolygon, found {gtype!r}")
            continue
        if not isinstance(polys, list) or not polys or not all(
                isinstance(p, list) and p and all(_valid_ring(r) for r in p) for p in polys):
            bad(f"{path}.geometry.coordinates", "rings must be lists of at least 4 [longitude, latitude] points")
            continue
        vertices += sum(len(r) for p in polys for r in p)
        if vertices > MAX_VERTICES:
            raise DataError(Problem(name, None, path, f"more than {MAX_VERTICES:,} vertices; simplify the boundaries"))
        first_at[ac] = k
        polys_by_seat[ac] = polys
    if not problems and not polys_by_seat:
        bad("features", "no features")
    if problems:
        raise DataError(problems)
    return _build(polys_by_seat, seats, f"Boundaries from {name}")


def load_geojson(path, seats: SeatTable) -> Boundaries:
    return boundaries_from_geojson(read_json(path, max_bytes=200 * 1024 * 1024), seats, str(path))
