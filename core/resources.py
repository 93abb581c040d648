"""Crisis and domestic-violence help by country, from content/resources.toml.

The country comes from the person's time zone (Babel's zone -> territory data, the zone's
aliases resolved first); without a zone, from the region in their Telegram language code
("pt-BR" -> Brazil), and without a region from Babel's likely country for the language ("es" ->
Spain). A guessed country is always named in the reply, so a reader elsewhere knows the numbers
are not theirs; the international directories are named beside them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from core.emergency import emergency_number

RESOURCES = "resources.toml"  # in the content package, beside the other data files


@dataclass(frozen=True)
class Line:
    """One checked number: what people call it, the number as dialled, a short note (where it
    works, another way to dial it; "" for none), and where and when it was checked."""

    name: str
    number: str
    note: str
    source: str
    checked: str


@dataclass(frozen=True)
class Help:
    """Where to send someone: the country (ISO 3166, None when unknown), whether it came from
    their time zone (else guessed from their language), and what is known for it."""

    country: str | None
    from_zone: bool
    emergency: str | None
    crisis: Line | None
    violence: Line | None


@dataclass(frozen=True)
class Directory:
    """The whole data file: lines by country and the international fallback URLs."""

    countries: dict[str, dict[str, Line]]
    crisis_url: str
    violence_url: str


@cache
def directory() -> Directory:
    """content/resources.toml, read once. Raises KeyError/TypeError on a malformed entry."""
    data = tomllib.loads(files("content").joinpath(RESOURCES).read_text(encoding="utf-8"))
    countries = {
        code: {
            kind: Line(
                name=entry.get("name", entry["number"]),
                number=entry["number"],
                note=entry.get("note", ""),
                source=entry["source"],
                checked=entry["checked"],
            )
            for kind, entry in kinds.items()
        }
        for code, kinds in data["countries"].items()
    }
    fallback = data["fallback"]
    return Directory(countries, fallback["crisis"], fallback["violence"])


def zone_country(timezone: str | None) -> str | None:
    """The ISO country of an IANA zone by Babel's CLDR data ("Asia/Calcutta" -> "IN"), None for
    zones of no country (UTC) or unknown names."""
    if not timezone:
        return None
    zone = get_global("zone_aliases").get(timezone, timezone)
    territory = get_global("zone_territories").get(zone)
    return territory if territory and territory.isalpha() and territory != "ZZ" else None


def language_country(language_code: str | None) -> str | None:
    """The country a Telegram language code suggests: its region ("pt-BR" -> "BR"), else Babel's
    likely territory for the language ("es" -> "ES"); None for no code or an unknown one."""
    if not language_code:
        return None
    try:
        locale = Locale.parse(language_code.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags").get(locale.language, "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return territory if territory.isalpha() and territory.isupper() else None


def help_for(timezone: str | None, language_code: str | None = None) -> Help:
    """What to offer someone with this time zone and Telegram language code (either may be
    missing). The emergency number comes from the data file, else from
    `core.emergency.emergency_number` for the zone."""
    country = zone_country(timezone)
    from_zone = country is not None
    if country is None:
        country = language_country(language_code)
    lines = directory().countries.get(country or "", {})
    emergency = lines["emergency"].number if "emergency" in lines else None
    if emergency is None and from_zone:
        emergency = emergency_number(timezone)
    return Help(country, from_zone, emergency, lines.get("crisis"), lines.get("violence"))
