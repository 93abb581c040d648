"""What people read while joining: the opener confirms whose invite it is, the inviter confirms
who opened it. Names are read from Telegram at that moment and never stored."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.i18n import Msg
from core import actions

# To the person who opened a link.
JOIN_ASK = Msg(
    "This invite link was made by <b>{name}</b>.\n\n"
    "If {name} is your partner, tap below and I'll ask them to confirm it's really you. "
    "Nothing is shared between you until they do.\n"
    "If you don't know this person, or the link reached you by mistake, tap No."
)
SOMEONE = Msg("someone whose name I can't see right now")
BUTTON_JOIN = Msg("Yes, pair us")
BUTTON_NOT_JOIN = Msg("No")
JOIN_ASKED = Msg(
    "Thank you. I've asked {name} to confirm. I'll let you know as soon as they do; "
    "until then nothing is shared between you."
)
JOIN_ASKED_SHORT = Msg("Thank you. I've asked them to confirm, and I'll tell you when they do.")
JOIN_DECLINED = Msg("Okay, I've left that invite alone. Nothing has changed.")

ONBOARDING_DONE_WAITING = Msg(
    "You're all set 🌿 and you'll be paired as soon as your partner confirms it's you.\n\n"
    "{reminders}\n\n/help lists everything.\n\n{phone_tip}"
)

# To the inviter.
JOIN_REQUEST = Msg(
    "<b>{name}</b> opened your invite link and asked to pair with you.\n\n"
    "Is {name} your partner? Nothing of yours is shared until you say yes. "
    "If it isn't them, one tap ends it: they'll only hear that it ended."
)
BUTTON_CONFIRM = Msg("Yes, that's my partner")
BUTTON_NOT_PARTNER = Msg("This isn't my partner")
CONFIRMED = Msg("Confirmed.")
TURNED_AWAY = Msg(
    "Done: you're not paired with them, and they saw nothing of yours. "
    "That link no longer works. /invite makes a new one; send it only to your partner."
)
REQUEST_CLOSED = Msg("That request isn't open any more, so nothing has changed.")


def join_buttons(code: str) -> InlineKeyboardMarkup:
    """Yes or no under "this invite was made by …" (the code rides along, as in consent)."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    str(BUTTON_JOIN), callback_data=actions.encode("join", "yes", code)
                ),
                InlineKeyboardButton(
                    str(BUTTON_NOT_JOIN), callback_data=actions.encode("join", "no")
                ),
            ]
        ]
    )


def request_buttons(joiner_id: int) -> InlineKeyboardMarkup:
    """The inviter's answer; the joiner's id keeps an old button from confirming someone else."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    str(BUTTON_CONFIRM), callback_data=actions.encode("pair", "ok", joiner_id)
                )
            ],
            [
                InlineKeyboardButton(
                    str(BUTTON_NOT_PARTNER), callback_data=actions.encode("pair", "no", joiner_id)
                )
            ],
        ]
    )
