"""Recognise IANA time zone names and suggest close ones for a typo or a city name (the zone's
own English name, or its city as each language tend speaks writes it: "Ciudad de México",
"Москва", from Babel's CLDR data)."""

from __future__ import annotations

import difflib
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale

from core import local_words
from core.languages import SUPPORTED

REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)

# Offered as buttons during onboarding; anything else can be typed.
COMMON_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Kolkata",
    "UTC",
)


@cache
def _zones() -> dict[str, str]:
    """Lower-case name → canonical spelling, for every zone this system knows."""
    return {name.lower(): name for name in available_timezones()}


@cache
def _by_place() -> dict[str, list[str]]:
    """Place without accents ("berlin", "new york", "ciudad de mexico", "москва") → the regional
    zones named after it."""
    places: dict[str, list[str]] = {}
    zones = sorted(z for z in available_timezones() if z.startswith(REGIONS))
    for name in zones:
        place = local_words.fold(name.rsplit("/", 1)[-1].replace("_", " "))
        places.setdefault(place, []).append(name)
    for language in SUPPORTED:
        cities = Locale.parse(language).time_zones
        for name in zones:
            city = cities.get(name, {}).get("city")
            if city:
                named = places.setdefault(local_words.fold(str(city)), [])
                if name not in named:
                    named.append(name)
    return places


def _normalise(text: str) -> str:
    return "_".join(text.strip().split()).lower()


def resolve(text: str) -> str | None:
    """The canonical zone name if `text` names one exactly (case and spaces forgiven)."""
    key = _normalise(text)
    if not key or len(key) > 64:
        return None
    return _zones().get(key)


def suggest(text: str, limit: int = 5) -> list[str]:
    """Zones a person probably meant: by city name first, then by similar spelling."""
    query = local_words.fold(" ".join(text.strip().replace("_", " ").split()))
    if not query or len(query) > 64:
        return []
    found: list[str] = []

    def add(names: list[str]) -> None:
        for name in names:
            if name not in found:
                found.append(name)

    places = _by_place()
    place_query = query.rsplit("/", 1)[-1]
    add(places.get(place_query, []))
    for place in difflib.get_close_matches(place_query, list(places), n=limit, cutoff=0.75):
        add(places[place])
    if len(place_query) >= 3:
        add(
            [
                zone
                for place, zones in places.items()
                if place.startswith(place_query)
                for zone in zones
            ]
        )
    regional = [name for name in _zones().values() if name.startswith(REGIONS)]
    lowered = {name.lower(): name for name in regional}
    for match in difflib.get_close_matches(_normalise(text), list(lowered), n=limit, cutoff=0.7):
        add([lowered[match]])
    return found[:limit]


@cache
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for a stored name (cached: ZoneInfo keeps only a few zones strongly)."""
    return ZoneInfo(name)
