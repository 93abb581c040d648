"""Words for /hard and /share beyond the content files (content/hard_moments.toml, share.toml):
short replies, button labels, summary lines. Warm, plain, short."""

from __future__ import annotations

from content.i18n import Msg, Plural

# -- hard moments --------------------------------------------------------------------------
BUTTON_HARD = Msg("A hard moment")
BUTTON_HARD_SHORT = Msg("Hard moment")
OKAY_FOR_NOW = Msg("Good. Come back whenever you need to: /hard works at any hour.")
NOT_NOW = Msg("Okay, I haven't sent anything. You can ask again whenever you like.")
TELL_FAILED = Msg("I couldn't reach your partner just now, so nothing was sent. I'm sorry.")
ANSWER_ALREADY = Msg("You've already answered this one.")
TOLD_ALREADY = Msg("Your partner already knows about this one.")
NOTED_ALREADY = Msg("That's noted already, as you wrote it.")
TOO_LONG_AGO = Msg(
    "That moment was a while ago, so I haven't told your partner now. If it's hard again, "
    "/hard is here, and you can let them know from there."
)
LOG_INTRO_ALONE = Msg("This stays with you: only you see it.")
AFTER_ALONE = Msg("If it helps, you can note this moment just for yourself. That's optional.")
ANSWER_FAILED = Msg("I couldn't pass that on just now. I'm sorry.")
ANSWER_TOO_LATE = Msg(
    "That was a while ago, so I haven't sent it. If you'd like to reach out, "
    "a few words of your own may mean more now."
)
MOMENT_GONE = Msg("That moment isn't one I can find any more.")
NEEDS_START = Msg(
    "To note this or tell your partner, tap /start first. The breathing is here any time."
)

# The private pattern in /summary, and what the partner sees if the person chose to share it.
PATTERN_MINE = Msg(
    "<i>Just for you:</i> hard moments this week: {this} (the week before: {last}){average}."
    "{helped}"
)
PATTERN_AVERAGE = Msg(", average strength {value} of 5")
PATTERN_HELPED = Msg(" What helped most often: {helped}.")
PATTERN_PARTNER = Msg("Your partner's hard moments this week: {this}{average}.")
SETTINGS_HARD_ON = Msg("Hard moments in our summary: on")
SETTINGS_HARD_OFF = Msg("Hard moments in our summary: off")
HARD_SHARED_ON = Msg(
    "Your partner will see how many hard moments you had each week, and how strong they were. "
    "Your words stay with you."
)
HARD_SHARED_OFF = Msg("Your hard moments stay just for you again.")

# -- the fuller check-in -------------------------------------------------------------------
SHARE_UNPAIRED = Msg(
    "A fuller check-in goes to your partner, and you aren't linked with one in tend yet. "
    "/invite makes a link when you're ready."
)
SHARE_IN_QUIET = Msg(
    "That time is inside your quiet hours, so it could never reach you. Could you pick another?"
)
# Under a share or note that reads like danger and was sent anyway: where help is, for the reader.
PARTNER_IN_PAIN = Msg(
    "If you're worried about your partner's safety right now, /safety has people to call."
)
# TRANSLATORS: {days} are weekday names ("Thursdays and Sundays"), plural in English only.
RHYTHM_DAYS = Msg("{rhythm}, on {days}")  # "Once a week, on Thursdays"
SHARE_STATUS = Msg("<b>Your fuller check-in</b>\n{rhythm}, at {time}, until {end}.{paused}")
SHARE_STATUS_PAUSED = Msg(" Paused for now.")
SHARE_STATUS_ENDED = Msg(
    "<b>Your fuller check-in</b>\nIt has ended. You can set one up again any time."
)
BUTTON_WRITE_NOW = Msg("Write one now")
BUTTON_PAUSE = Msg("Pause")
BUTTON_RESUME = Msg("Pick it up again")
BUTTON_END = Msg("End it")
BUTTON_CHANGE = Msg("Change rhythm or time")
BUTTON_WEEKS = Plural("{count} week", "{count} weeks")
LENGTH_SET = Msg("It now runs until {end}.")
NOT_TODAY = Msg("That's fine. Nothing is counted, and nobody is told.")
SKIP_PART = Msg("Skip this one")
KEEP_PART = Msg("Keep it as it is")
PART_WRITTEN = Msg("<i>Right now it says:</i> {words}")
STILL_WRITING = Msg("You already have one open, so let's carry on with that one.")
EMPTY = Msg("There's nothing written yet, so there's nothing to send. /share lets you start again.")
HELD_NOTE = Msg(
    "Some of what you wrote sounds like you may be in pain. Please look after yourself first: "
    "/safety lists people to call. If you still want your partner to read it, tap send."
)
BUTTON_SEND_ANYWAY = Msg("Send it anyway")
SEND_FAILED = Msg(
    "I couldn't reach your partner just now. Your words are kept; try Send again later."
)
NOT_FOUND = Msg("That isn't something I can open any more.")
ANSWERED_ALREADY = Msg("You've already answered this one.")
NOTE_HELD = Msg(
    "Your note sounds like you may be hurting a lot right now. /safety lists people to call. "
    "Your partner hasn't seen it; tap below if you still want to send it."
)
SKIP_NOTE = Msg("No note")
PART_PROMPT = Msg("<b>{number} of 5 · {title}</b>\n{prompt}\n<i>For example: {example}</i>")
