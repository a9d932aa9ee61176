"""Benchmark: hostile JSON and GeoJSON files are refused within seconds (the timing moved here
from tests/test_json_bounds.py and tests/test_geometry_hostile.py, which keep checking that each
file is refused, with its message, in bounded memory). Each file is read in a fresh process by the
tests' own probes. Prints, with bench_csv's fixed reference workload timed in the same run:
    reference_ms …
    bounds scenario_19.9MB refused_s=… peak_mb=… (target 5 s, 300 MB)
    bounds rules_19.9MB refused_s=… peak_mb=… (target 5 s, 300 MB)
    bounds geojson_60MB_points refused_s=… peak_mb=… (target 5 s, 300 MB)
Linux only (peak RSS from /proc)."""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from bench_csv import reference_ms  # noqa: E402
from tests import test_geometry_hostile as geo  # noqa: E402
from tests import test_json_bounds as jb  # noqa: E402


def main() -> int:
    print(f"reference_ms {reference_ms():.0f}")
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cases = []
        p = tmp / "zeros.json"
        jb.write_list_file(p, json.dumps(jb.scenario_doc(assignments={"AAP": []}))[:-3], "]}}")
        cases.append(("scenario_19.9MB", jb.probe(p, "scenario"), "peak_mb"))
        p = tmp / "rules.json"
        jb.write_list_file(p, '{"rules": [{"id": "r", "kind": "must_have", "partner": "AAP", "severity": "error", '
                              '"seats": [', "]}]}")
        cases.append(("rules_19.9MB", jb.probe(p, "rules"), "peak_mb"))
        p = tmp / "points.geojson"
        with open(p, "w") as f:
            f.write('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"ac_no": 1}, '
                    '"geometry": {"type": "Polygon", "coordinates": [[')
            f.write("[0,0]," * (60_000_000 // 6))
            f.write("[0,0]]]}}]}")
        cases.append(("geojson_60MB_points", geo.probe(p), "maxrss_mb"))
        for name, r, mem in cases:
            ok = r["s"] < 5 and r[mem] < 300
            missed += not ok
            print(f"bounds {name} refused_s={r['s']:.2f} peak_mb={r[mem]:.0f} (target 5 s, 300 MB)"
                  + ("" if ok else " MISSED"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
