"""What the bot says about reminders, and the scheduled messages themselves.

The opening of every scheduled message shows on a locked phone: it stays neutral.
"""

from __future__ import annotations

from content.i18n import Msg
from core import local_words

KIND_NAMES = {
    "selfcare": Msg("Self-care nudge"),
    "affirmation": Msg("Affirmation"),
    "checkin": Msg("Check-in"),
    "summary": Msg("Weekly summary"),
    "path": Msg("Path step"),
    "share": Msg("Fuller check-in"),
}

HEADERS = {
    "selfcare": Msg("🌿 <b>A small moment for you</b>"),
    "affirmation": Msg("🕊 <b>A thought to carry today</b>"),
    "checkin": Msg("🤝 <b>Today's check-in</b>"),
    "summary": Msg("🌿 <b>Your week with tend</b>"),
}
SNOOZED_HEADER = Msg("🌿 <b>Here it is again, as you asked</b>")
CHECKIN_FOOTER = Msg(
    "<i>You both get this question today. Three quick ratings, then the question; "
    "each of you sees the other's answers once you've both checked in.</i>"
)
BUTTON_CHECKIN = Msg("Check in now (under a minute)")
CHECKIN_SOLO_FOOTER = Msg("<i>A question just for you today. Take a quiet moment with it.</i>")
CHECKIN_PAUSED_NOTICE = Msg(
    "🤝 A note from tend: the joint check-in is paused for now. "
    "Your own reminders carry on as usual."
)

# Defined where /schedule reads them back in every language.
EVERY_DAY, WEEKDAYS, WEEKENDS = local_words.EVERY_DAY, local_words.WEEKDAYS, local_words.WEEKENDS

BUTTON_DONE = Msg("Done")
BUTTON_LATER = Msg("Later")
BUTTON_NOT_TODAY = Msg("Not today")
BUTTON_PAUSE = Msg("Pause reminders")

NUDGE_DONE = Msg("✓ Done. Thank you for looking after yourself.")
NUDGE_LATER = Msg("I'll bring it back in about an hour{quiet}.")
NUDGE_LATER_QUIET = Msg(", once your quiet hours are over")
NUDGE_LATER_LIMIT = Msg("That's all the snoozes for this one today. It's fine to let it go.")
NUDGE_NOT_TODAY = Msg("That's okay. Rest counts as care too.")
NUDGE_STALE = Msg("That reminder has passed. A new one will come at its usual time.")

PAUSED_FOR = Msg(
    "Paused. Nothing scheduled will reach you until {until}. "
    "Send /resume whenever you want it back sooner. Take the time you need."
)
PAUSED_OPEN = Msg(
    "Paused. Nothing scheduled will reach you until you send /resume. Take the time you need."
)
PAUSE_BAD = Msg(
    "I couldn't read “{text}” as a length. Try <code>/pause 12h</code>, "
    "<code>/pause 3d</code> (up to 90 days), or just <code>/pause</code> to pause until /resume."
)
RESUMED = Msg(
    "Welcome back. Reminders continue from their next usual time; nothing missed will pile up."
)
RESUMED_NOT_PAUSED = Msg("You're not paused, so everything carries on as it was.")

SCHEDULE_HEAD = Msg("<b>Your reminders</b> (your local time, {zone})")
SCHEDULE_LINE = Msg("• {name}: {time}, {days}")
SCHEDULE_LINE_OFF = Msg("• {name}: off")
SCHEDULE_QUIET = Msg("Quiet hours: {start}–{end}. Nothing scheduled arrives then.")
SCHEDULE_QUIET_OFF = Msg("Quiet hours: off.")
SCHEDULE_PAUSED = Msg("Paused until {until}. /resume brings reminders back.")
SCHEDULE_PAUSED_OPEN = Msg("Paused until you send /resume.")
SCHEDULE_HOW = Msg(
    "To change one: <code>/schedule selfcare 08:30</code>, <code>/schedule affirmation off</code>, "
    "<code>/schedule checkin days mon,wed,fri</code>, <code>/schedule summary sun 18:00</code>. "
    "Quiet hours: <code>/quiet 23:00 07:30</code>."
)
SCHEDULE_NEEDS_ZONE = Msg(
    "First, tell me your time zone with /timezone, so reminders arrive at your local time."
)
SCHEDULE_SET_TIME = Msg("{name}: now at {time}, {days}.")
SCHEDULE_SET_OFF = Msg("{name}: off. <code>/schedule {kind} on</code> brings it back.")
SCHEDULE_SET_ON = Msg("{name}: on, at {time}, {days}.")
SCHEDULE_SET_DAYS = Msg("{name}: {days}, at {time}.")
SCHEDULE_BAD_KIND = Msg(
    "I don't have a reminder called “{text}”. The kinds are <code>selfcare</code>, "
    "<code>affirmation</code>, <code>checkin</code> and <code>summary</code>, for example "
    "<code>/schedule selfcare 08:30</code>."
)
SCHEDULE_BAD_TIME = Msg(
    "I couldn't read “{text}” as a time. Try it like "
    "<code>/schedule {kind} 08:30</code>, <code>/schedule {kind} 9pm</code> or "
    "<code>/schedule {kind} 19:45</code>."
)
SCHEDULE_BAD_DAYS = Msg(
    "I couldn't read “{text}” as days. Use short day names, for example "
    "<code>/schedule {kind} days mon,wed,fri</code>, or <code>weekdays</code>, "
    "<code>weekends</code>, <code>every day</code>."
)
SCHEDULE_BAD_FORM = Msg(
    "I didn't catch that. For example: <code>/schedule selfcare 08:30</code>, "
    "<code>/schedule affirmation off</code>, <code>/schedule checkin days mon,wed,fri</code>."
)
SCHEDULE_BAD_SUMMARY = Msg(
    "I couldn't read “{text}” as a day and a time. For example "
    "<code>/schedule summary sun 19:00</code>, or <code>/schedule summary off</code>."
)
SCHEDULE_IN_QUIET = Msg(
    "{time} is inside your quiet hours ({start}–{end}), so it would never arrive. "
    "Pick a time outside them, or change them with <code>/quiet</code>."
)
QUIET_SET = Msg("Quiet hours: {start}–{end}. Nothing scheduled will arrive then.")
QUIET_COVERS = Msg(
    "Your {name} at {time} falls inside them, so it will wait until {end}. "
    "<code>/schedule {kind} 7pm</code> (or another time) moves it."
)
QUIET_OFF = Msg("Quiet hours are off. Reminders arrive at whatever times you set.")
QUIET_BAD = Msg(
    "I couldn't read that as two times. Try it like <code>/quiet 23:00 07:30</code> or "
    "<code>/quiet 11pm 7am</code>, or <code>/quiet off</code>."
)
QUIET_SAME = Msg(
    "Those two times are the same. Use two different times, or <code>/quiet off</code>."
)

DISCREET_ON = Msg("Discreet previews: on. Message openings stay neutral on a locked screen.")
DISCREET_OFF = Msg(
    "Discreet previews: off. Check-in questions may now name closeness plainly, "
    "and could show on a locked screen."
)
