"""Inline keyboards. Callback data is `flow:action[:arg]`, always under Telegram's 64 bytes."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import moment_texts as mt
from bot import texts
from content import i18n
from core import actions, timezones
from core.people import Role


def _rows(
    buttons: Iterable[InlineKeyboardButton], per_row: int
) -> list[list[InlineKeyboardButton]]:
    items = list(buttons)
    return [items[i : i + per_row] for i in range(0, len(items), per_row)]


def consent(code: str | None) -> InlineKeyboardMarkup:
    """Agree / not now. A pending invite code rides along, so nothing is stored before consent."""
    yes = actions.encode("consent", "yes", *([code] if code else []))
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(str(texts.CONSENT_YES), callback_data=yes),
                InlineKeyboardButton(
                    str(texts.CONSENT_NO), callback_data=actions.encode("consent", "no")
                ),
            ]
        ]
    )


def roles() -> InlineKeyboardMarkup:
    """The three sides, one per row."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    str(texts.ROLE_LABELS[role]),
                    callback_data=actions.encode("role", "set", role.value),
                )
            ]
            for role in Role
        ]
    )


def zones(names: Iterable[str] | None = None) -> InlineKeyboardMarkup:
    """Time zone choices, two per row: `names`, or those of the reader's region (Telegram's
    language_code), each named as the reader writes it (core.timezones.label)."""
    language = i18n.current()
    if names is None:
        names = timezones.offered(i18n.region(), language)
    buttons = (
        InlineKeyboardButton(
            timezones.label(name, language), callback_data=actions.encode("tz", "set", name)
        )
        for name in names
    )
    return InlineKeyboardMarkup(_rows(buttons, 2))


def settings(
    discreet: bool,
    ask_first: bool = False,
    share_review: bool = False,
    tidy: bool = False,
    *,
    hard: bool = False,
) -> InlineKeyboardMarkup:
    """Shortcuts under /settings."""
    state = texts.on_off(discreet)
    ask_state = texts.on_off(ask_first)
    review_state = texts.on_off(share_review)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    str(texts.BUTTON_CHANGE_TIMEZONE),
                    callback_data=actions.encode("settings", "tz"),
                ),
                InlineKeyboardButton(
                    str(texts.BUTTON_CHANGE_ROLE), callback_data=actions.encode("settings", "role")
                ),
            ],
            [
                InlineKeyboardButton(
                    texts.SETTINGS_DISCREET.format(state=state),
                    callback_data=actions.encode("settings", "discreet"),
                )
            ],
            [
                InlineKeyboardButton(
                    texts.SETTINGS_ASK_FIRST.format(state=ask_state),
                    callback_data=actions.encode("settings", "askfirst"),
                )
            ],
            [
                InlineKeyboardButton(
                    texts.SETTINGS_SHARE_REVIEW.format(state=review_state),
                    callback_data=actions.encode("settings", "review"),
                )
            ],
            [
                InlineKeyboardButton(
                    texts.SETTINGS_TIDY.format(state=texts.on_off(tidy)),
                    callback_data=actions.encode("settings", "tidy"),
                )
            ],
            [
                InlineKeyboardButton(
                    str(mt.SETTINGS_HARD_ON if hard else mt.SETTINGS_HARD_OFF),
                    callback_data=actions.encode("settings", "hard"),
                )
            ],
        ]
    )


def help_buttons() -> InlineKeyboardMarkup:
    """Under /help: the support resources, one tap away."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(str(mt.BUTTON_HARD), callback_data="hd:go")],
            [InlineKeyboardButton(str(texts.BUTTON_SAFETY), callback_data="safety:show")],
        ]
    )
