"""Recognise IANA time zone names and suggest close ones for a typo or a city name (the zone's
own English name, or its city as each language tend speaks writes it: "Ciudad de México",
"Москва", from Babel's CLDR data)."""

from __future__ import annotations

import difflib
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.core import negotiate_locale

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

# Offered as buttons (setting up, /timezone), by the region of Telegram's language_code: the
# tag itself ("pt-br"), else its language ("pt"), else English. Anything else can be typed.
ZONES_BY_TAG: dict[str, tuple[str, ...]] = {
    "en": (
        "Europe/London",
        "Europe/Berlin",
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "Australia/Sydney",
        "Asia/Kolkata",
        "UTC",
    ),
    "es": (
        "Europe/Madrid",
        "America/Mexico_City",
        "America/Bogota",
        "America/Argentina/Buenos_Aires",
        "America/Lima",
        "America/Santiago",
        "America/Caracas",
        "Atlantic/Canary",
    ),
    "es-mx": (
        "America/Mexico_City",
        "America/Cancun",
        "America/Tijuana",
        "America/Monterrey",
        "America/Merida",
        "America/Chihuahua",
        "America/Hermosillo",
        "America/Mazatlan",
    ),
    "pt": (
        "Europe/Lisbon",
        "America/Sao_Paulo",
        "Atlantic/Azores",
        "Atlantic/Madeira",
        "America/Manaus",
        "America/Fortaleza",
        "Africa/Luanda",
        "Africa/Maputo",
    ),
    "pt-br": (
        "America/Sao_Paulo",
        "America/Manaus",
        "America/Recife",
        "America/Fortaleza",
        "America/Belem",
        "America/Cuiaba",
        "America/Rio_Branco",
        "America/Noronha",
    ),
    "ru": (
        "Europe/Moscow",
        "Europe/Kaliningrad",
        "Europe/Samara",
        "Asia/Yekaterinburg",
        "Asia/Omsk",
        "Asia/Novosibirsk",
        "Asia/Krasnoyarsk",
        "Asia/Irkutsk",
        "Asia/Yakutsk",
        "Asia/Vladivostok",
    ),
}
ZONES_BY_TAG["pt-pt"] = ZONES_BY_TAG["pt"]
COMMON_ZONES = ZONES_BY_TAG["en"]


def offered(language_code: str | None, language: str = "en") -> tuple[str, ...]:
    """The zones to offer as buttons: those of the region Telegram's `language_code` names
    ("pt-BR" -> São Paulo, Manaus, ...; "es-MX" -> Mexico City, Cancún, ...), falling back to its
    language's and then English's (Babel's negotiation, as for the language itself). A tag in
    another language than the one the person reads (`language`) says little about where they
    live: then the zones of the language they read."""
    tag = (language_code or "").strip().replace("_", "-")
    if not tag or local_words.fold(tag).split("-")[0] != language:
        tag = language
    chosen = negotiate_locale([tag], list(ZONES_BY_TAG), sep="-", aliases={})
    return ZONES_BY_TAG[chosen.lower() if chosen else "en"]


def label(name: str, language: str) -> str:
    """A zone as its button shows it: the IANA name in English ("Europe/Berlin", as typed), the
    city in the reader's own spelling elsewhere ("Ciudad de México", "Москва", from Babel)."""
    if language == "en" or not name.startswith(REGIONS):
        return name.replace("_", " ")
    city = Locale.parse(language).time_zones.get(name, {}).get("city")
    return str(city) if city else name.rsplit("/", 1)[-1].replace("_", " ")


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


def _place_query(text: str) -> str:
    """Typed words as `_by_place` keys them (folded, one space), or "" when empty or too long."""
    query = local_words.fold(" ".join(text.strip().replace("_", " ").split()))
    return query if len(query) <= 64 else ""


def place(text: str) -> str | None:
    """The one zone named after the place `text` names exactly ("new york", "Ciudad de México",
    "москва": case, spaces and accents forgiven), or None when no place or several zones bear
    that name (then `suggest` offers them)."""
    zones = _by_place().get(_place_query(text), [])
    return zones[0] if len(zones) == 1 else None


def suggest(text: str, limit: int = 5) -> list[str]:
    """Zones a person probably meant: by city name first, then by similar spelling."""
    query = _place_query(text)
    if not query:
        return []
    found: list[str] = []

    def add(names: list[str]) -> None:
        for name in names:
            if name not in found:
                found.append(name)

    places = _by_place()
    place_query = query.rsplit("/", 1)[-1]
    add(places.get(place_query, []))
    for close in difflib.get_close_matches(place_query, list(places), n=limit, cutoff=0.75):
        add(places[close])
    if len(place_query) >= 3:
        add(
            [
                zone
                for named, zones in places.items()
                if named.startswith(place_query)
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
