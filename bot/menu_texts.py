"""What /language says and the command menu's descriptions (setMyCommands, one menu per
language_code: bot.handlers.language.publish_menus renders these in each language)."""

from __future__ import annotations

from content.i18n import Msg

# {name} is the own name of the language the person is written to in now ("Español").
LANGUAGE_CHOOSE = Msg("Which language should I write to you in? Now: {name}.")
# TRANSLATORS: said in the language just chosen: name this catalogue's own language.
LANGUAGE_CHOSEN = Msg("Done: from now on I'll write to you in English.")
# TRANSLATORS: the one line after consent; name this catalogue's own language.
LANGUAGE_HINT = Msg("I'll write to you in English; /language changes that.")

# The command menu, in its order. Telegram allows 1 to 256 characters per description.
COMMANDS: tuple[tuple[str, Msg], ...] = (
    ("start", Msg("Begin or pick up where you left off")),
    ("invite", Msg("A one-time link for your partner")),
    ("checkin", Msg("Today's check-in")),
    ("journal", Msg("A private note, only for you")),
    ("path", Msg("Ten weeks, one small step a week")),
    ("summary", Msg("Your week, with a chart")),
    ("report", Msg("A PDF to take to a counsellor")),
    ("boundaries", Msg("What you need, shared when you choose")),
    ("hard", Msg("Help for a hard moment, any hour")),
    ("safety", Msg("Crisis and support lines")),
    ("share", Msg("A fuller check-in you offer your partner")),
    ("schedule", Msg("Your reminders and their times")),
    ("pause", Msg("A break from reminders")),
    ("resume", Msg("Continue after a pause")),
    ("quiet", Msg("Hours when nothing arrives")),
    ("settings", Msg("See what's set")),
    ("timezone", Msg("Set your time zone")),
    ("language", Msg("Choose your language")),
    ("unlink", Msg("End the pairing")),
    ("privacy", Msg("What I keep and who sees it")),
    ("export", Msg("A copy of everything about you")),
    ("delete", Msg("Erase everything about you")),
    ("help", Msg("Commands and support")),
)
