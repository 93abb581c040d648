"""What the bot says in check-ins, the journal, appreciations and summaries.

Messages that reach a partner or arrive on their own open neutrally (a locked phone shows the
first lines). People's own words are always escaped by the caller.
"""

from __future__ import annotations

from content.i18n import Msg, Plural

QUESTION_TEXT = {
    "safety": Msg("How safe did you feel with your partner today?"),
    "connection": Msg("How connected did you feel to each other today?"),
    "agreements": Msg("How well were the agreements between you kept today?"),
}
SOLO_QUESTION_TEXT = {
    "safety": Msg("How safe and steady did you feel today?"),
    "connection": Msg("How connected did you feel to the people who matter to you today?"),
    "agreements": Msg("How well did you keep the promises you made to yourself today?"),
}
SHORT_NAMES = {
    "safety": Msg("Felt safe"),
    "connection": Msg("Felt connected"),
    "agreements": Msg("Agreements kept"),
}
SCALE = Msg("<i>1 = not at all · 5 = completely</i>")
STEP = Msg("🤝 <b>Check-in · {n} of 4</b>")
NOW_VALUE = Msg("Your answer so far: <b>{value}</b>. Tap a number to change it.")
OPEN_QUESTION = Msg(
    "{prompt}\n\n<i>Write your answer as a message, or skip it. A few words are plenty.</i>"
)
OPEN_QUESTION_HAS = Msg("\n\nYour answer so far: “{text}”. Send a new message to replace it.")
OPEN_QUESTION_HAS_TIDIED = Msg(
    "\n\nYour answer is saved (tidy chat keeps it out of this chat). "
    "Send a new message to replace it."
)
BUTTON_PRIVATE_OFF = Msg("🔓 Shared with partner · tap to keep private")
BUTTON_PRIVATE_ON = Msg("🔒 Kept private · tap to share")
BUTTON_SKIP = Msg("Skip this one")
BUTTON_KEEP = Msg("Keep my answer")
BUTTON_EDIT = Msg("Change my answers")
BUTTON_SHOW = Msg("Show me now")
BUTTON_NOT_YET = Msg("Not yet")
BUTTON_APPRECIATE = Msg("Send an appreciation 💛")
BUTTON_SHARE_ANYWAY = Msg("Share it with my partner anyway")
BUTTON_SEND_ANYWAY = Msg("Send it anyway")

PRIVATE_NOTE = Msg(
    "<i>“Keep private” means only you see that answer; it counts in your own summary only.</i>"
)
SAVED = Msg("✓ Saved.")
RECAP_HEAD = Msg("<b>Your answers today</b>")
RECAP_PRIVATE = " 🔒"
# Sits under the heading, before any answer, so it reads as a key and not as one answer's note.
RECAP_LEGEND = Msg("<i>(🔒 marks what you kept private: only you see those.)</i>")
RECAP_SKIPPED = Msg("(skipped)")
RECAP_WORDS_TIDIED = Msg("your words are saved (not repeated here: tidy chat is on)")
WAITING = Msg(
    "I'll show you each other's answers once your partner has checked in too. "
    "You can change yours until then."
)
SAVED_BOTH = Msg("You've both checked in 🌿 Your partner's answers are just below.")
SOLO_DONE = Msg("That's today's check-in, kept just for you. /summary shows how your weeks go.")
EDIT_DONE = Msg("✓ Updated.")
ALREADY_REVEALED = Msg(
    "These answers have already been shared with each other, so they stay as they are. "
    "Tomorrow's check-in is a fresh start."
)
ROUND_CLOSED = Msg(
    "That check-in has closed (each one stays open for a day). "
    "/checkin starts today's whenever you like."
)
ROUND_UNKNOWN = Msg("That check-in isn't available any more. /checkin starts today's.")
ANSWERED_WAITING = Msg(
    "You've answered today's check-in. I'll show you both your answers once your partner "
    "has answered too."
)
ALL_DONE = Msg("You've both checked in today 🌿 The next check-in opens with your next prompt.")
TOO_LONG = Msg(
    "That's a little long for one answer (up to {limit} characters). "
    "Could you shorten it and send it again? Nothing was saved."
)
NOT_SAVED = Msg("Sorry, I couldn't save that just now. Please send it again in a moment.")
NOT_TEXT = Msg(
    "I can only keep written words here. Please type your answer, or tap “Skip this one”."
)

READY = Msg(
    "🤝 <b>Your check-ins are in</b>\n\n"
    "You've both answered today. Would you like to see your partner's answers now?"
)
NOT_YET_REPLY = Msg("Of course. Whenever you're ready, tap “Show me now” or send /checkin.")
REVEAL_HEAD = Msg("🤝 <b>Your check-ins are in</b>")
REVEAL_QUESTION = Msg("Today's question: <i>{prompt}</i>")
REVEAL_PARTNER = Msg("<b>Your partner</b>")
REVEAL_YOU = Msg("<b>You</b>")
REVEAL_PRIVATE = Msg("kept private")
REVEAL_NO_TEXT = Msg("(no words today)")
REVEAL_FOOT = Msg(
    "<i>Read gently. These are feelings from one day, not a verdict. "
    "If something stings, it may be worth talking about together, when you're both ready.</i>"
)
REMINDER = Msg(
    "🤝 <b>Your check-in is still open</b>\n\n"
    "If you have a quiet minute, it's here for you. If today isn't the day, that's all right too."
)

APPRECIATE_ASK = Msg(
    "Write a few words of appreciation for your partner: something they did, said or are. "
    "I'll pass it on with your first name. /cancel if you'd rather not."
)
APPRECIATE_SENT = Msg("💛 Sent. Thank you for saying it.")
APPRECIATE_ONCE = Msg(
    "You've already sent an appreciation for this check-in. One each keeps it special."
)
APPRECIATE_NOT_NOW = Msg("Appreciations open once you've both checked in that day.")
APPRECIATE_FAILED = Msg(
    "Saved, but I couldn't deliver it to your partner just now (they may have paused or "
    "stopped the bot). It's kept in your export."
)
APPRECIATE_HELD = Msg(
    "I've held it back for now. If you still want your partner to read it, tap below."
)
APPRECIATION_RELAY = Msg("💛 <b>A note from {name}</b>\n\n“{text}”")
CANCELLED = Msg("Okay, nothing more is waiting for an answer.")
NOTHING_TO_CANCEL = Msg("There's nothing to cancel right now.")

CRISIS_KEPT_PRIVATE = Msg(
    "I've kept what you wrote private: your partner won't see it unless you choose to share it."
)
SHARED_ANYWAY = Msg("Okay. Your answer will be shown to your partner with the rest.")
SHARED_ANYWAY_LATE = Msg("Okay, I've passed it on to your partner.")
SHARED_AFTER = Msg("🤝 <b>An addition to today's check-in</b>\n\nYour partner added: “{text}”")

JOURNAL_ASK = Msg(
    "📓 <b>Your journal</b>\n\nYour next message is saved here, just for you: never shown to "
    "your partner. /cancel if you change your mind."
)
JOURNAL_PROMPT = Msg("\n\nIf you'd like a starting point: <i>{prompt}</i>")
JOURNAL_SAVED = Msg("📓 Saved to your journal. Only you can see it: /journal list.")
JOURNAL_EMPTY = Msg("Your journal is empty so far. Send /journal to write your first entry.")
JOURNAL_LIST_HEAD = Msg("📓 <b>Your journal</b> (newest first, only you see this)")
JOURNAL_LIST_MORE = Plural(
    "<i>…and {count} older entry, all in /export.</i>",
    "<i>…and {count} older entries, all in /export.</i>",
)
BUTTON_JOURNAL_PROMPT = Msg("Give me a prompt")

SUMMARY_HEAD = Msg("🌿 <b>Your week together</b>")
SUMMARY_SOLO_HEAD = Msg("🌿 <b>Your week</b>")
SUMMARY_ROUNDS = Msg("Check-ins you both answered this week: <b>{count}</b>")
SUMMARY_PERSON = Msg("<b>{who}</b>: {values}")
SUMMARY_NO_DATA = Msg("no shared answers yet")
SUMMARY_DAYS = Plural(
    "Over the last four weeks you've checked in on {count} day{partner}.",
    "Over the last four weeks you've checked in on {count} days{partner}.",
)
SUMMARY_DAYS_PARTNER = Plural(", your partner on {count} day", ", your partner on {count} days")
SUMMARY_APPRECIATIONS = Msg("Appreciations this week: {sent} sent, {got} received.")
SUMMARY_UP = Msg("Things are looking up this week. That's worth noticing 🌱")
SUMMARY_DOWN = Msg(
    "This week dipped a little. Dips are a normal part of healing; they don't undo what you've "
    "built."
)
SUMMARY_STEADY = Msg("A steady week. Steady is good.")
SUMMARY_PRIVATE_VIEW = Msg("<i>Just for you, counting the answers you kept private:</i> {values}")
SUMMARY_CHART = Msg("Your ratings over the last 8 weeks (weekly averages)")
SUMMARY_CHART_SOLO = Msg("Your ratings over the last 8 weeks (weekly averages)")
SUMMARY_EMPTY_CHART = Msg("No check-ins in these weeks yet")
SUMMARY_FOOT = Msg(
    "<i>Only answers you've both seen are counted. /summary shows this any time.</i>"
)
SUMMARY_SOLO_FOOT = Msg("<i>Only you see this. /summary shows it any time.</i>")
# The weekly chart a couple shares has no legend (it is one picture for both); the caption says
# which line is whose.
SUMMARY_CHART_FIRST = Msg(
    "Your ratings and your partner's over the last 8 weeks (weekly averages): yours are the blue "
    "dots, your partner's the orange squares."
)
SUMMARY_CHART_SECOND = Msg(
    "Your ratings and your partner's over the last 8 weeks (weekly averages): yours are the "
    "orange squares, your partner's the blue dots."
)
CHART_YOU = Msg("You")
CHART_PARTNER = Msg("Your partner")
