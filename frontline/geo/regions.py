"""The part of a region a direction names: "phía Nam tỉnh Idlib" is Southern Idlib.

News places much of a war in halves of provinces ("miền Bắc Hama", "phía Đông
tỉnh Homs"). ACLED codes such an event at a point in that part, geo_precision 2.
The province's own centroid can lie 50-90 km from it. The part's point here is
the mean of the province's GeoNames towns on that side of their mean: where
people live in that part, with no boundary data needed.
"""
from __future__ import annotations

from dataclasses import replace

from frontline.geo.model import Place

MIN_TOWNS = 6   # fewer towns than this say too little about where a part lies
_NAMES = {(1, 0): "Northern", (-1, 0): "Southern", (0, 1): "Eastern", (0, -1): "Western",
          (1, 1): "Northeastern", (-1, 1): "Southeastern", (1, -1): "Northwestern", (-1, -1): "Southwestern"}


def part_of(place: Place, compass: tuple[int, int], towns: list[tuple[float, float]]) -> Place | None:
    """A point for the `compass` part of the province or country `place`, from its `towns` (lat, lon);
    None when too few towns are known."""
    if len(towns) < MIN_TOWNS or compass not in _NAMES:
        return None
    lat0 = sum(lat for lat, _ in towns) / len(towns)
    lon0 = sum(lon for _, lon in towns) / len(towns)
    north, east = compass
    side = [(lat, lon) for lat, lon in towns if north * (lat - lat0) + east * (lon - lon0) > 0]
    if not side:
        return None
    region = place.admin1 if place.kind != "country" and place.admin1 else place.name
    return replace(place, geonameid=None, name=f"{_NAMES[compass]} {region}", kind="city", population=0,
                   seat=False, latitude=round(sum(lat for lat, _ in side) / len(side), 4),
                   longitude=round(sum(lon for _, lon in side) / len(side), 4))
