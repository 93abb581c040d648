"""A best guess of the local emergency number from a person's IANA time zone, for the crisis
reply when content/resources.toml names none for their country (core.resources)."""

from __future__ import annotations

# Well-known national numbers only; where a country has several, the one for police or a
# general emergency is given, since the reply says "if you are in danger right now".
_UK = "999"
_NANP = "911"  # the United States and Canada
_BY_ZONE = {
    "Europe/London": _UK,
    "Europe/Belfast": _UK,
    "Europe/Guernsey": _UK,
    "Europe/Jersey": _UK,
    "Europe/Isle_of_Man": _UK,
    "GB": _UK,
    "GB-Eire": _UK,
    "Europe/Dublin": "112",
    "Eire": "112",
    "Atlantic/Reykjavik": "112",
    "Atlantic/Canary": "112",
    "Atlantic/Madeira": "112",
    "Atlantic/Azores": "112",
    "Atlantic/Faroe": "112",
    "Atlantic/Faeroe": "112",
    "Arctic/Longyearbyen": "112",
    "Asia/Nicosia": "112",
    "Asia/Tbilisi": "112",
    "Pacific/Honolulu": _NANP,
    "Pacific/Guam": _NANP,
    "America/Puerto_Rico": _NANP,
    "America/Mexico_City": "911",
    "America/Monterrey": "911",
    "America/Tijuana": "911",
    "America/Cancun": "911",
    "America/Merida": "911",
    "America/Chihuahua": "911",
    "America/Hermosillo": "911",
    "America/Mazatlan": "911",
    "America/Matamoros": "911",
    "America/Bahia_Banderas": "911",
    "America/Costa_Rica": "911",
    "America/Panama": "911",
    "America/El_Salvador": "911",
    "America/Santo_Domingo": "911",
    "America/Bogota": "123",
    "Australia/Lord_Howe": "000",
    "Pacific/Auckland": "111",
    "Pacific/Chatham": "111",
    "NZ": "111",
    "Asia/Kolkata": "112",
    "Asia/Calcutta": "112",
    "Asia/Tokyo": "110",
    "Japan": "110",
    "Asia/Shanghai": "110",
    "Asia/Taipei": "110",
    "Asia/Seoul": "112",
    "Asia/Singapore": "999",
    "Singapore": "999",
    "Asia/Hong_Kong": "999",
    "Hongkong": "999",
    "Asia/Kuala_Lumpur": "999",
    "Asia/Dhaka": "999",
    "Asia/Dubai": "999",
    "Asia/Manila": "911",
    "Asia/Jerusalem": "100",
    "Asia/Tel_Aviv": "100",
    "Israel": "100",
    "Africa/Johannesburg": "10111",
    "Africa/Nairobi": "999",
}
# Zones in the United States and Canada (Nunavut's far north is left out: coverage has gaps).
_NANP_ZONES = frozenset(
    {
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "America/Phoenix",
        "America/Anchorage",
        "America/Juneau",
        "America/Sitka",
        "America/Yakutat",
        "America/Nome",
        "America/Metlakatla",
        "America/Adak",
        "America/Detroit",
        "America/Boise",
        "America/Menominee",
        "America/Toronto",
        "America/Montreal",
        "America/Vancouver",
        "America/Edmonton",
        "America/Winnipeg",
        "America/Regina",
        "America/Swift_Current",
        "America/Halifax",
        "America/Moncton",
        "America/Glace_Bay",
        "America/Goose_Bay",
        "America/St_Johns",
        "America/Whitehorse",
        "America/Dawson",
        "America/Dawson_Creek",
        "America/Fort_Nelson",
        "America/Creston",
        "America/Yellowknife",
        "America/Thunder_Bay",
        "America/Nipigon",
        "America/Rainy_River",
    }
)
_NANP_PREFIXES = (
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
    "US/",
    "Canada/",
)
_NO_112_IN_EUROPE = frozenset({"Europe/Minsk"})  # not sure enough of Belarus: say nothing


def emergency_number(timezone: str | None) -> str | None:
    """A best guess of the local emergency number from an IANA zone name; None when unsure."""
    if not timezone:
        return None
    if timezone in _BY_ZONE:
        return _BY_ZONE[timezone]
    if timezone in _NANP_ZONES or timezone.startswith(_NANP_PREFIXES):
        return _NANP
    if timezone.startswith("Australia/"):
        return "000"
    if timezone.startswith("Europe/") and timezone not in _NO_112_IN_EUROPE:
        return "112"
    return None
