"""Make the web page's world outline from Natural Earth land polygons (1:110m).

Input: ``land-110m.json`` from the npm package ``world-atlas`` 2.x (TopoJSON of
Natural Earth's public-domain land polygons; the package is ISC-licensed):

    npm pack world-atlas@2 && tar xzf world-atlas-*.tgz
    python scripts/make_world_outline.py package/land-110m.json \
        src/newsweave/serve/static/world-110m.json

Output: a small JSON file with one SVG path (``d``) in an equirectangular
projection where x = longitude and y = -latitude (degrees, one decimal), plus
the source and licence. The web page draws it under the place markers, so the
map needs no tile server and works offline.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc (undo quantization and delta coding)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def path_of(points: list[tuple[float, float]]) -> str:
    """One ring as SVG path data; a ring that crosses the antimeridian is cut there
    (and each piece closed along the map's edge) so no stripe runs across the map."""
    pieces: list[list[tuple[float, float]]] = [[]]
    last = None
    for lon, lat in points:
        p = (round(lon, 1), round(-lat, 1))
        if p == last:
            continue
        if last is not None and abs(p[0] - last[0]) > 180:
            edge = 180.0 if last[0] > 0 else -180.0
            y = round((last[1] + p[1]) / 2, 1)
            pieces[-1].append((edge, y))
            pieces.append([(-edge, y)])
        pieces[-1].append(p)
        last = p
    if len(pieces) > 1 and pieces[0] and pieces[-1][-1][0] * pieces[0][0][0] >= 0:
        pieces[0] = pieces.pop() + pieces[0]  # the ring started mid-piece: rejoin it
    out = []
    for piece in pieces:
        if len(piece) >= 3:
            out.append("M" + "L".join(f"{x:g},{y:g}" for x, y in piece) + "Z")
    return "".join(out)


def main(src: str, dst: str) -> None:
    topo = json.loads(Path(src).read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    parts = []
    for geom in topo["objects"]["land"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for polygon in polygons:
            for indices in polygon:
                d = path_of(ring(indices, arcs))
                if d:
                    parts.append(d)
    out = {
        "source": "Natural Earth 1:110m land (public domain), via the npm package "
        "world-atlas 2.0.2 (ISC licence, (c) Michael Bostock); simplified by "
        "scripts/make_world_outline.py",
        "projection": "equirectangular: x = longitude, y = -latitude, degrees",
        "d": "".join(parts),
    }
    Path(dst).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(parts)} rings, {len(out['d']):,} characters -> {dst}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
