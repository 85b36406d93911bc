"""The /cities/ map, drawn on the server as SVG from the coordinates the portal holds: no
tile server, no script, no image from elsewhere.

Equirectangular projection (longitude and latitude as x and y, one scale for both) of the
part of the world the cities are in, rounded out to whole graticule steps, so that a
portal whose cities are all in Canada and Europe does not spend most of its map on the
Pacific."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

WIDTH = 960
GRID_STEP = 15  # degrees between graticule lines
PADDING = 5  # degrees kept around the outermost cities
MIN_LONGITUDES = 60  # the narrowest view, in degrees, so one city is not a lone dot
MIN_LATITUDES = 30
NORTH_LIMIT, SOUTH_LIMIT = 90, -90


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    url: str
    label: str


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    # Where the label is written: at the left end (parallels) or the bottom (meridians).
    label_x: float
    label_y: float


@dataclass(frozen=True)
class CityMap:
    width: int
    height: int
    dots: list
    parallels: list
    meridians: list

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _placed(city):
    lat, lon = city.latitude, city.longitude
    return lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180


def _span(low, high, minimum, floor, ceiling):
    """[low, high] padded, widened to ``minimum`` around its middle and rounded out to
    whole grid steps, within [floor, ceiling]."""
    low, high = low - PADDING, high + PADDING
    if high - low < minimum:
        middle = (low + high) / 2
        low, high = middle - minimum / 2, middle + minimum / 2
    low = max(floor, math.floor(low / GRID_STEP) * GRID_STEP)
    high = min(ceiling, math.ceil(high / GRID_STEP) * GRID_STEP)
    return low, high


def _degrees(value, axis):
    """A graticule label, as the page's language writes it: "60°W" / "60° O"."""
    if value == 0:
        return "0°"
    if axis == "latitude":
        point = pgettext("compass point", "N") if value > 0 else pgettext("compass point", "S")
    else:
        point = pgettext("compass point", "E") if value > 0 else pgettext("compass point", "W")
    # Translators: a latitude or longitude on the map's grid, e.g. "60°W".
    return _("%(degrees)s°%(point)s") % {"degrees": abs(value), "point": point}


def draw(cities, label_of=str):
    """A CityMap of the cities that have coordinates, or None when none has. Each city
    becomes a dot linking to its page, named ``label_of(city)``."""
    placed = [city for city in cities if _placed(city)]
    if not placed:
        return None
    west, east = _span(
        min(c.longitude for c in placed),
        max(c.longitude for c in placed),
        MIN_LONGITUDES,
        -180,
        180,
    )
    south, north = _span(
        min(c.latitude for c in placed),
        max(c.latitude for c in placed),
        MIN_LATITUDES,
        SOUTH_LIMIT,
        NORTH_LIMIT,
    )
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def x(longitude):
        return round((longitude - west) * scale, 1)

    def y(latitude):
        return round((north - latitude) * scale, 1)

    dots = [
        Dot(x(city.longitude), y(city.latitude), city.get_absolute_url(), label_of(city))
        for city in placed
    ]
    parallels = [
        Line(0, y(lat), WIDTH, y(lat), _degrees(lat, "latitude"), 4, y(lat) - 4)
        for lat in range(south + GRID_STEP, north, GRID_STEP)
    ]
    meridians = [
        Line(x(lon), 0, x(lon), height, _degrees(lon, "longitude"), x(lon) + 4, height - 6)
        for lon in range(west + GRID_STEP, east, GRID_STEP)
    ]
    return CityMap(WIDTH, height, dots, parallels, meridians)
