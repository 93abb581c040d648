"""Every sentence the bot says in chat, in one place. HTML parse mode: escape what people typed.

Messages the bot sends on its own (to a partner, on a schedule) open discreetly: a locked phone
shows their first lines, so those lines never name anything sensitive.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from content import i18n
from content.i18n import Msg
from core import timezones
from core.dates import day_text
from core.pairing import RedeemRefusal
from core.people import PRIVACY_VERSION, Role

ROLE_LABELS = {
    Role.HURT: Msg("I was the one who was hurt"),
    Role.BROKE: Msg("I broke the trust"),
    Role.UNSAID: Msg("I'd rather not say"),
}

CRISIS_LINES = Msg(
    "If you or anyone else is in danger right now, call your local emergency number.\n"
    "To find a crisis or support line in your country: https://findahelpline.com"
)

WELCOME = Msg(
    "Hello, I'm <b>tend</b> 🌱\n\n"
    "I'm a quiet companion for two people finding their way back to trust: small reminders "
    "to look after yourself, the same check-in questions for you both, and a calm place to "
    "agree on what each of you needs.\n\n"
    "I'm not therapy and I can't replace a counsellor. I'm meant for adults (18+).\n\n"
    "<b>What I keep:</b> your Telegram id, your settings, and what you choose to write to me, "
    "stored encrypted. Your private notes are seen by you alone. Nothing reaches your partner "
    "unless a step clearly says it will.\n\n"
    "/privacy has the details, /export gives you a copy of everything, /delete erases it.\n\n"
    "Is it all right for me to keep this? Nothing is saved until you say yes."
)
CONSENT_YES = Msg("Yes, I agree")
CONSENT_NO = Msg("Not now")
CONSENT_DECLINED = Msg(
    "That's completely fine. I haven't saved anything. If you change your mind, send /start."
)
CONSENT_THANKS = Msg("Thank you. You agreed on {date} (privacy notice {version}).")
NEEDS_CONSENT = Msg(
    "Before anything else I need your okay to keep your settings. Send /start to begin."
)
NEEDS_SETUP = Msg("Let's finish setting up first: /start picks up where you left off.")

ASK_ROLE = Msg(
    "One question, so I can choose fitting words for you. Which is closest?\n\n"
    "<i>This stays between us: your partner never sees your answer.</i>"
)
ROLE_SAVED = Msg("Noted: <i>{label}</i>. You can change this any time in /settings.")

ASK_TIMEZONE = Msg(
    "Which time zone are you in? Reminders follow your local time, so nothing arrives at night.\n\n"
    "Tap one below, or type your city or zone (for example <code>Europe/Berlin</code>)."
)
TIMEZONE_SET = Msg("Time zone set to <b>{zone}</b>. It's {time} there now.")
TIMEZONE_UNKNOWN = Msg("I don't know a time zone called “{text}”.")
TIMEZONE_SUGGEST = Msg(
    "For “{text}”, did you mean one of these? Tap one to set it, or type another name."
)
TIMEZONE_HOW = Msg(
    "Try a zone like <code>Europe/Berlin</code> or <code>America/New_York</code>, "
    "or the biggest city near you."
)
TIMEZONE_CURRENT = Msg(
    "Your time zone is <b>{zone}</b>. To change it, tap one below or type a name."
)

REMINDERS_INTRO = Msg(
    "I'll send a small self-care nudge at 09:00, a thought to carry at 13:00 and the day's "
    "check-in question at 20:30, your time, and nothing between 22:00 and 08:00. "
    "/schedule changes any of it; /pause gives you a break whenever you need one."
)
PHONE_TIP = Msg(
    "<i>If anyone else can pick up your phone: Telegram's Settings → Privacy and Security → "
    "Passcode Lock keeps your chats behind a code, and “Tidy chat” in /settings removes what "
    "you type to me from this chat once I've saved it.</i>"
)
# The last step of setting up; `all_set` fills in the reminders and the phone tip.
ONBOARDING_DONE = Msg(
    "You're all set 🌿\n\n{reminders}\n\n"
    "Next, /invite makes a private link for your partner so you can check in together. "
    "If they already sent you theirs, tap “Yes, pair us” under it instead.\n\n"
    "/help lists everything.\n\n{phone_tip}"
)
ONBOARDING_DONE_PAIRED = Msg(
    "You're all set 🌿 and you're paired with your partner.\n\n{reminders}\n\n"
    "/help lists everything.\n\n{phone_tip}"
)


def all_set(done: Msg) -> str:
    """A last step of setting up (`ONBOARDING_DONE`…) with the reminders and the phone tip."""
    return done.format(reminders=REMINDERS_INTRO, phone_tip=PHONE_TIP)


WELCOME_BACK = Msg("Welcome back 🌱 Nothing has been reset. /help shows what you can do.")

INVITE_LINK = Msg(
    "Here is your invite link:\n{link}\n\n"
    "Send it to your partner however you like. It works once and expires on {expires}. "
    "Asking for a new one with /invite cancels this one."
)
INVITE_ALREADY_PAIRED = Msg(
    "You're already paired with your partner. A pairing is for two people only; "
    "/unlink ends it if you need to."
)

PAIRED_INVITEE = Msg(
    "You're now paired with your partner 🤝\n"
    "You'll both get the same check-in questions, and nothing private is shared without your say."
)
PAIRED_INVITER = Msg(
    "That's settled: you're now paired 🤝\n"
    "You'll both get the same check-in questions, and nothing private is shared without your say."
)

REDEEM_REFUSALS = {
    RedeemRefusal.UNKNOWN: Msg(
        "I couldn't find that invite. It may have been mistyped or replaced by a newer link. "
        "Your partner can make a fresh one with /invite."
    ),
    RedeemRefusal.USED: Msg(
        "That invite has already been used. Each link works once; "
        "your partner can make a new one with /invite."
    ),
    RedeemRefusal.EXPIRED: Msg(
        "That invite has expired (links last 48 hours). "
        "Your partner can make a new one with /invite."
    ),
    RedeemRefusal.OWN: Msg("That's your own invite link. It's for your partner to open."),
    RedeemRefusal.SELF_PAIRED: Msg(
        "You're already paired, so I didn't use this link. "
        "To pair with someone else, end the current pairing with /unlink first."
    ),
    RedeemRefusal.INVITER_PAIRED: Msg(
        "This invite isn't open any more. Your partner can make a new one with /invite."
    ),
}

UNLINK_NOT_PAIRED = Msg(
    "You're not paired with anyone right now. /invite makes a link if you'd like to."
)
UNLINK_CONFIRM = Msg(
    "Do you want to end the pairing with your partner?\n\n"
    "They'll only be told that the pairing ended. Your own settings and notes stay with you."
)
UNLINK_YES = Msg("Yes, end it")
UNLINK_NO = Msg("No, keep it")
UNLINK_DONE = Msg(
    "The pairing has ended. Please be gentle with yourself today.\n"
    "If you want to pair again later, /invite makes a new link."
)
UNLINK_KEPT = Msg("Okay, nothing has changed.")
UNLINK_STALE = Msg("That button belongs to an earlier pairing, so I left things as they are.")
PARTNER_UNLINKED = Msg(
    "A note from tend: your pairing has ended. Your own settings and notes are still here; "
    "/help shows what you can do."
)

HELP = Msg(
    "<b>What I can do</b>\n"
    "/start – begin, or pick up where you left off\n"
    "/checkin – today's check-in (three taps and a question)\n"
    "/journal – a private note, only for you (/journal list shows them)\n"
    "/path – ten weeks, one small step a week, together or on your own\n"
    "/summary – your week, with a chart\n"
    "/boundaries – what you need, and what you'll do; shared only when you choose\n"
    "/hard – a minute of grounding for a hard moment, any hour\n"
    "/share – a fuller check-in you offer your partner, on your own rhythm\n"
    "/invite – a one-time link for your partner\n"
    "/unlink – end the pairing\n"
    "/schedule – your reminders and their times\n"
    "/quiet – hours when nothing arrives\n"
    "/pause – a break from reminders (/resume to continue)\n"
    "/timezone – set your time zone\n"
    "/language – the language I write to you in\n"
    "/settings – see what's set\n"
    "/privacy – what I keep and who sees it\n"
    "/export – a copy of everything I hold about you\n"
    "/delete – erase everything about you\n"
    "/safety – crisis and support lines, any time\n"
    "/cancel – stop what I'm waiting for\n"
    "/help – this list\n\n"
    "<b>More support</b>\n"
    "I'm not a therapist. A couples therapist or counsellor who specialises in betrayal trauma "
    "can help in ways I can't, and many offer a first call to see if it fits.\n\n"
    "{crisis_lines}"
)


def help_text() -> str:
    """/help: every command, then where to find more support and crisis lines."""
    return HELP.format(crisis_lines=CRISIS_LINES)


PRIVACY = Msg(
    "<b>What I keep</b>\n"
    "• Your Telegram id, and when you agreed to this notice (version {version}).\n"
    "• Your settings: time zone, and which side you chose (only to pick fitting words).\n"
    "• Whether you're paired, and with whom.\n"
    "• What you write to me (answers, notes, boundaries), encrypted before it's stored.\n\n"
    "<b>Who sees what</b>\n"
    "• Your private notes and answers you mark private: only you.\n"
    "• Your side and settings: only you.\n"
    "• Anything meant for your partner is clearly marked before it's sent.\n"
    "• My logs hold ids and times, never what you write.\n"
    "• Telegram carries our messages; like every bot chat, they aren't end-to-end encrypted.\n\n"
    "<b>How long</b>\n"
    "Until you delete it. If I don't hear from you for {days} days, I erase everything about "
    "you; two weeks before, I send you the date, and any message from you keeps it all.\n\n"
    "<b>Your choices</b>\n"
    "/export sends you a copy of everything. /delete erases it all for good. "
    "/unlink ends a pairing and tells your partner only that it ended.\n\n"
    "<b>Questions?</b> {contact}"
)
NO_CONTACT = Msg("The person running this bot hasn't added a contact address yet.")

SETTINGS = Msg(
    "<b>Your settings</b>\n"
    "Time zone: {zone}\n"
    "Your side: {role} <i>(private, never shown to your partner)</i>\n"
    "Partner: {partner}\n"
    "Discreet previews: {discreet}\n"
    "Ask before showing answers: {ask_first}\n"
    "Boundary review in our summary: {share_review} <i>(shown only when you both turn it on)</i>\n"
    "Tidy chat: {tidy} <i>(what you type leaves the chat once it's saved)</i>\n"
    "Hard moments in our summary: {hard} <i>(how many and how strong, never your words)</i>"
)
SETTINGS_NOT_SET = Msg("not set yet")
SETTINGS_PAIRED = Msg("paired since {date}")
SETTINGS_UNPAIRED = Msg("not paired (/invite makes a link)")
BUTTON_CHANGE_TIMEZONE = Msg("Change time zone")
BUTTON_CHANGE_ROLE = Msg("Change my side")
SETTINGS_DISCREET = Msg("Discreet previews: {state}")
SETTINGS_ASK_FIRST = Msg("Ask before showing answers: {state}")
ASK_FIRST_ON = Msg(
    "Ask before showing: on. When you've both checked in, I'll ask first, and you choose "
    "when to see your partner's answers. Yours are still shown to them as usual."
)
ASK_FIRST_OFF = Msg(
    "Ask before showing: off. You'll see your partner's answers as soon as you've both checked in."
)
SETTINGS_SHARE_REVIEW = Msg("Boundary review in our summary: {state}")
SETTINGS_TIDY = Msg("Tidy chat: {state}")
TIDY_ON = Msg(
    "Tidy chat: on. Once I've saved what you type (check-in answers, journal entries, notes, "
    "boundaries), I'll remove your message from this chat, so the words aren't left on a shared "
    "phone. They stay safe with me: /journal list and /export show them. Messages you sent "
    "earlier stay as they are."
)
TIDY_OFF = Msg("Tidy chat: off. Your messages stay in the chat as you sent them.")
SHARE_REVIEW_ON = Msg(
    "Boundary review in our summary: on. Once your partner turns it on too, the weekly summary "
    "shows how your boundary reviews went. Until then it stays out, and /boundaries shows the "
    "numbers to you alone."
)
SHARE_REVIEW_OFF = Msg(
    "Boundary review in our summary: off. The review numbers stay out of the summary; "
    "/boundaries still shows them to you."
)
BUTTON_SAFETY = Msg("Support and safety")
# A switch's state inside the settings' sentences ("Tidy chat: on").
SWITCH_ON = Msg("on")
SWITCH_OFF = Msg("off")
ZONE_WITH_TIME = Msg("{zone} (it's {time} there now)")


def on_off(on: bool) -> str:
    """ "on" or "off" in the reader's language, for a switch in /settings."""
    return str(SWITCH_ON if on else SWITCH_OFF)


SLOW_DOWN = Msg(
    "That's a lot of messages at once, so I'm taking a short pause: what arrives in the next "
    "few seconds won't be read. If something mattered, please send it again in a moment."
)
EDITS_NOT_READ = Msg(
    "I saw you edited a message. I keep what you sent first, so if you'd like to change "
    "something, please send it again as a new message."
)
FORWARDS_NOT_READ = Msg(
    "I only keep words you type to me yourself, so I haven't read that forwarded message. "
    "If you want to keep something from it, write it in your own words."
)
GROUP_REFUSAL = Msg("I only work in a private chat, so please message me directly.")
UNKNOWN_COMMAND = Msg("I don't know that command. /help lists what I can do.")
# Words that arrive when no question is open: a warm reply and a choice (bot/handlers/unprompted).
UNPROMPTED = Msg(
    "I'm here, and I'm glad you wrote.\n\n"
    "Would you like me to keep this in your journal, where only you can read it? "
    "If not, I'll let it go.\n\n"
    "<i>/help shows what else I can do.</i>"
)
BUTTON_KEEP_IT = Msg("📓 Keep it in my journal")
BUTTON_HARD_TIME = Msg("I'm having a hard time")
BUTTON_LET_IT_GO = Msg("Nothing, thanks")
UNPROMPTED_KEPT = Msg("📓 Kept in your journal, just for you. /journal list shows it.")
UNPROMPTED_LET_GO = Msg("Okay, I've let it go. I'm here whenever you want to write.")
UNPROMPTED_DONE_ALREADY = Msg("That's already taken care of.")
UNPROMPTED_EXPIRED = Msg(
    "It's been a while since you wrote that, so I've already let it go. "
    "If you'd like to keep something, /journal is always there."
)
CHECKIN_WAITS_FOR_A_TAP = Msg(
    "Your check-in is still open above: tap a number there to answer, so I haven't kept this "
    "message. /checkin brings the question back down here."
)
# A question left open longer than core.people.ANSWER_WITHIN: the message is not used for it.
QUESTION_EXPIRED = {
    "checkin": Msg(
        "I asked that check-in question a while ago, so I haven't saved this as your answer. "
        "If it was meant for your check-in, /checkin opens today's."
    ),
    "journal": Msg(
        "It's been a while since you opened your journal, so I haven't saved this yet. "
        "Would you like me to keep it there, where only you can read it? If not, I'll let it go."
    ),
    "appreciation": Msg(
        "It's been a while since you started that appreciation, so I haven't sent this "
        "to your partner. If it was meant for them, tap the appreciation button again."
    ),
    "path": Msg(
        "I asked this week's path question a while ago, so I haven't saved this as your answer. "
        "/path opens the questions again whenever you like."
    ),
    "hard": Msg(
        "It's been a while since you noted that hard moment, so I haven't added this to it. "
        "/hard is here whenever you need it."
    ),
    "share": Msg(
        "It's been a while since you started that, so I haven't saved or sent this. "
        "/share picks it up again."
    ),
    "boundary": Msg(
        "I asked about your boundary a while ago, so I haven't saved or sent this. "
        "/boundaries opens your list, where you can start that step again."
    ),
}
ERASURE_WARNING = Msg(
    "Hello, it's tend. We haven't heard from you in a long while. To keep what you wrote private, "
    "I erase everything about a person who has been away for {days} days.\n\n"
    "Unless you send me a message before <b>{date}</b>, all of yours will be erased then. "
    "Any message at all keeps it.\n\n"
    "Would you like a copy first? /export. Rather it went now? /delete."
)
ERASURE_CANCELLED = Msg(
    "Good to see you again. Nothing will be erased: everything stays as it was."
)
NOT_TEXT = Msg("I can only read text messages, sorry. /help lists what I can do.")
# The same, while a question waits for typed words: what it waits for, and the way out.
NOT_TEXT_WAITING = {
    "timezone": Msg(
        "I can only read typed words here. Type your city or time zone, "
        "or tap one of the places above."
    ),
    "checkin": Msg(
        "I can only keep typed words here. Type your answer, "
        "or /cancel to leave the question for now."
    ),
    "journal": Msg("I can only keep typed words here. Type your entry, or /cancel to leave it."),
    "appreciation": Msg(
        "I can only pass on typed words. Type what you'd like your partner to read, "
        "or /cancel to leave it."
    ),
    "boundary": Msg(
        "I can only keep typed words here. Type it in your own words, or /cancel to leave it."
    ),
    "hard": Msg("I can only keep typed words here. Type a few words, or /cancel to leave it."),
    "share": Msg("I can only keep typed words here. Type your answer, or /cancel to leave it."),
    "path": Msg("I can only keep typed words here. Type your answer, or /cancel to leave it."),
}
# Stands in for the sender's first name in a note to the partner when Telegram gives none.
NAMELESS_PARTNER = Msg("Your partner")
STALE_BUTTON = Msg("That button has expired. /help lists what you can do.")
SOMETHING_WRONG = Msg("Sorry, something went wrong on my side. Please try again in a moment.")


def date_text(moment: datetime) -> str:
    """A date people read easily: 26 Nov 2026 (core.dates, the one style of every date), its
    month named in the reader's language."""
    return day_text(moment.date(), locale=i18n.current())


def datetime_text(moment: datetime) -> str:
    """A local date and time: 28 Nov 2026, 14:05."""
    return f"{date_text(moment)}, {moment:%H:%M}"


def erasure_warning(days: int, erase_on: datetime, zone: str | None) -> str:
    """The notice two weeks before a silent person's data is erased (the date in their zone)."""
    local = erase_on.astimezone(timezones.zone(zone)) if zone else erase_on
    return ERASURE_WARNING.format(days=days, date=date_text(local))


def consent_thanks(moment: datetime) -> str:
    """Shown in place of the consent buttons once agreed."""
    return CONSENT_THANKS.format(date=date_text(moment), version=PRIVACY_VERSION)


def privacy(contact: str | None, retention_days: int = 365) -> str:
    """The privacy notice with the operator's contact and how long silence keeps data."""
    shown = escape(contact) if contact else str(NO_CONTACT)
    return PRIVACY.format(version=PRIVACY_VERSION, contact=shown, days=retention_days)


def timezone_unknown(text: str, has_suggestions: bool) -> str:
    """The reply to a zone name that isn't one: suggestions if there are any, else an example."""
    shown = escape(" ".join(text.split())[:64])
    if has_suggestions:
        return TIMEZONE_SUGGEST.format(text=shown)
    return f"{TIMEZONE_UNKNOWN.format(text=shown)} {TIMEZONE_HOW}"


EXPORT_CAPTION = Msg(
    "Everything I hold about you, as a file for other programs. Keep it somewhere safe: "
    "it holds what you wrote."
)
# Added to EXPORT_CAPTION for a reader in another language than English.
EXPORT_KEYS_ENGLISH = Msg(
    "Its field names and stored values stay in English, so any program can read it; the "
    "second file has everything in your language."
)
EXPORT_MARKDOWN_CAPTION = Msg("The same, easier to read.")
EXPORT_NOTHING = Msg("Nothing about you is stored here, so there's nothing to export.")
DELETE_CONFIRM = Msg(
    "Erase everything I hold about you? This can't be undone.\n\n"
    "If you're paired, the pairing ends and your partner is told only that it ended."
)
DELETE_YES = Msg("Yes, erase everything")
DELETE_NO = Msg("No, keep it")
DELETE_DONE = Msg(
    "Done. Everything about you has been erased. "
    "If you ever come back, /start begins afresh. Take good care of yourself."
)
DELETE_KEPT = Msg("Okay, nothing was erased.")
DELETE_NOTHING = Msg("I don't hold anything about you, so there's nothing to erase.")
