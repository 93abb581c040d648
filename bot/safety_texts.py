"""What the bot says when someone may be in danger, and where to find help. HTML parse mode.

The crisis reply goes only to the person who wrote; the partner is never told. It and /safety
are written in the person's language (content/crisis_texts.toml) with the help of their country
(core.resources); the two notes after low weekly averages may arrive unasked, so their first
lines name nothing sensitive (through the gettext catalogues, content/i18n.py: `low_safety_note` and
`low_connection_note` render them in the reader's language).
"""

from __future__ import annotations

import tomllib
from functools import cache
from html import escape
from importlib.resources import files

from babel import Locale

from content.i18n import Msg
from core import languages
from core.resources import Help, Line, help_for

HELPLINES_URL = "https://findahelpline.com"
VIOLENCE_HELP_URL = "https://www.hotpeachpages.net"


@cache
def _texts(language: str) -> dict[str, str]:
    """The crisis texts in one language (English for a language with none)."""
    raw = files("content").joinpath("crisis_texts.toml").read_text(encoding="utf-8")
    texts: dict[str, dict[str, str]] = tomllib.loads(raw)
    return texts.get(languages.known(language), texts[languages.ENGLISH])


def _country(language: str, code: str | None) -> str:
    """The country's name in the reader's language, from Babel's CLDR data."""
    if code is None:
        return ""
    return str(Locale.parse(languages.known(language)).territories.get(code, code))


def _call(words: dict[str, str], help_: Help, country: str) -> str:
    """Who to call in an emergency: the number where it is known, the country named when it was
    only guessed from the person's language."""
    if help_.emergency is None:
        return words["call_any"]
    if help_.from_zone:
        return words["call_here"].format(number=help_.emergency)
    return words["call_there"].format(number=help_.emergency, country=country)


def _label(line: Line, country: str = "") -> str:
    """A line as shown: its name with the number in bold ("Línea <b>024</b>", "CVV, <b>188</b>"),
    then the country and the line's note in brackets ("(Brasil)", "(Россия; с мобильного …)")."""
    name, number = escape(line.name), escape(line.number)
    shown = (
        name.replace(number, f"<b>{number}</b>") if number in name else f"{name}, <b>{number}</b>"
    )
    notes = "; ".join(part for part in (escape(country), escape(line.note)) if part)
    return f"{shown} ({notes})" if notes else shown


def _capital(line: str) -> str:
    """ "• to talk now…" -> "• To talk now…" (the /safety list starts each item with a capital)."""
    return line[:2] + line[2:3].upper() + line[3:]


def _lines(words: dict[str, str], help_: Help, country: str, capital: bool) -> list[str]:
    """The crisis line and the help with violence at home: the country's own where checked,
    else the international directories (named again for other countries)."""
    crisis_any = words["safety_crisis_any" if capital else "crisis_any"]
    violence_any = words["safety_violence_any" if capital else "violence_any"]
    lines = []
    if help_.crisis is not None:
        lines.append(words["crisis_line"].format(line=_label(help_.crisis, country)))
    else:
        lines.append(crisis_any.format(url=HELPLINES_URL))
    if help_.violence is not None:
        lines.append(words["violence_line"].format(line=_label(help_.violence)))
    else:
        lines.append(violence_any.format(url=VIOLENCE_HELP_URL))
    if help_.crisis is not None:
        lines.append(words["other_countries"].format(url=HELPLINES_URL))
    return [_capital(line) for line in lines] if capital else lines


def crisis_reply(
    timezone: str | None, language: str = languages.ENGLISH, language_code: str | None = None
) -> str:
    """Sent at once, privately, when something a person wrote suggests danger; in `language`,
    with help for the country of `timezone` (else guessed from Telegram's `language_code`)."""
    words = _texts(language)
    help_ = help_for(timezone, language_code)
    country = _country(language, help_.country)
    lines = "\n".join(_lines(words, help_, country, capital=False))
    return (
        f"{words['crisis_opening']}\n\n"
        f"{words['crisis_call'].format(call=_call(words, help_, country))}\n\n"
        f"{words['crisis_talk']}\n{lines}\n\n"
        f"{words['crisis_not_passed']}\n\n"
        f"{words['crisis_footer']}"
    )


def safety_resources(
    timezone: str | None, language: str = languages.ENGLISH, language_code: str | None = None
) -> str:
    """The same help for /safety, for any moment someone wants it."""
    words = _texts(language)
    help_ = help_for(timezone, language_code)
    country = _country(language, help_.country)
    lines = "\n".join(_lines(words, help_, country, capital=True))
    return (
        f"{words['safety_opening']}\n\n"
        f"{words['safety_call'].format(call=_call(words, help_, country))}\n{lines}\n\n"
        f"{words['safety_not_told']}\n\n"
        f"{words['safety_footer']}"
    )


LOW_SAFETY_NOTE = Msg(
    "A quiet note, just for you.\n\n"
    "For a while now, your answers about how safe you feel with your partner have stayed low. "
    "You deserve to feel safe, and that matters more than any progress here.\n\n"
    "Talking with a counsellor of your own, someone who is only on your side, can help you sort "
    "out what you need. When safety is in question, that is a better first step than "
    "seeing someone together.\n\n"
    "If you ever feel afraid of your partner, these can help, privately:\n"
    "• support with violence or abuse at home: {violence_url}\n"
    "• a free, confidential support line in your country: {helplines_url}\n\n"
    "If you are in danger right now, call your local emergency number.\n\n"
    "<i>Nothing of this goes to your partner.</i>"
)

LOW_CONNECTION_NOTE = Msg(
    "A gentle thought, just for you.\n\n"
    "For a couple of weeks now, feeling close has been hard. That happens to many couples on "
    "this road, and it doesn't mean you're failing.\n\n"
    "If it would help, a couples therapist who specialises in betrayal trauma or affair "
    "recovery can give you both a steady place to talk things through. Many people find one "
    "through their doctor or a national directory of counsellors.\n\n"
    "<i>Only an idea, with no pressure. You know best what fits you both.</i>"
)


def low_safety_note() -> str:
    """`LOW_SAFETY_NOTE` in the current reader's language, its links filled in."""
    return LOW_SAFETY_NOTE.format(violence_url=VIOLENCE_HELP_URL, helplines_url=HELPLINES_URL)


def low_connection_note() -> str:
    """`LOW_CONNECTION_NOTE` in the current reader's language."""
    return str(LOW_CONNECTION_NOTE)
