"""What the bot says in check-ins, the journal, appreciations and summaries.

Messages that reach a partner or arrive on their own open neutrally (a locked phone shows the
first lines). People's own words are always escaped by the caller.
"""

from __future__ import annotations

QUESTION_TEXT = {
    "safety": "How safe did you feel with your partner today?",
    "connection": "How connected did you feel to each other today?",
    "agreements": "How well were the agreements between you kept today?",
}
SOLO_QUESTION_TEXT = {
    "safety": "How safe and steady did you feel today?",
    "connection": "How connected did you feel to the people who matter to you today?",
    "agreements": "How well did you keep the promises you made to yourself today?",
}
SHORT_NAMES = {
    "safety": "Felt safe",
    "connection": "Felt connected",
    "agreements": "Agreements kept",
}
SCALE = "<i>1 = not at all · 5 = completely</i>"
STEP = "🤝 <b>Check-in · {n} of 4</b>"
NOW_VALUE = "Your answer so far: <b>{value}</b>. Tap a number to change it."
OPEN_QUESTION = (
    "{prompt}\n\n<i>Write your answer as a message, or skip it. A few words are plenty.</i>"
)
OPEN_QUESTION_HAS = "\n\nYour answer so far: “{text}”. Send a new message to replace it."
OPEN_QUESTION_HAS_TIDIED = (
    "\n\nYour answer is saved (tidy chat keeps it out of this chat). "
    "Send a new message to replace it."
)
BUTTON_PRIVATE_OFF = "🔓 Shared with partner · tap to keep private"
BUTTON_PRIVATE_ON = "🔒 Kept private · tap to share"
BUTTON_SKIP = "Skip this one"
BUTTON_KEEP = "Keep my answer"
BUTTON_EDIT = "Change my answers"
BUTTON_SHOW = "Show me now"
BUTTON_NOT_YET = "Not yet"
BUTTON_APPRECIATE = "Send an appreciation 💛"
BUTTON_SHARE_ANYWAY = "Share it with my partner anyway"
BUTTON_SEND_ANYWAY = "Send it anyway"

PRIVATE_NOTE = (
    "<i>“Keep private” means only you see that answer; it counts in your own summary only.</i>"
)
SAVED = "✓ Saved."
RECAP_HEAD = "<b>Your answers today</b>"
RECAP_PRIVATE = " 🔒"
# Sits under the heading, before any answer, so it reads as a key and not as one answer's note.
RECAP_LEGEND = "<i>(🔒 marks what you kept private: only you see those.)</i>"
RECAP_SKIPPED = "(skipped)"
RECAP_WORDS_TIDIED = "your words are saved (not repeated here: tidy chat is on)"
WAITING = (
    "I'll show you each other's answers once your partner has checked in too. "
    "You can change yours until then."
)
SAVED_BOTH = "You've both checked in 🌿 Your partner's answers are just below."
SOLO_DONE = "That's today's check-in, kept just for you. /summary shows how your weeks go."
EDIT_DONE = "✓ Updated."
ALREADY_REVEALED = (
    "These answers have already been shared with each other, so they stay as they are. "
    "Tomorrow's check-in is a fresh start."
)
ROUND_CLOSED = (
    "That check-in has closed (each one stays open for a day). "
    "/checkin starts today's whenever you like."
)
ROUND_UNKNOWN = "That check-in isn't available any more. /checkin starts today's."
ANSWERED_WAITING = (
    "You've answered today's check-in. I'll show you both your answers once your partner "
    "has answered too."
)
ALL_DONE = "You've both checked in today 🌿 The next check-in opens with your next prompt."
TOO_LONG = (
    "That's a little long for one answer (up to {limit} characters). "
    "Could you shorten it and send it again? Nothing was saved."
)
NOT_SAVED = "Sorry, I couldn't save that just now. Please send it again in a moment."
NOT_TEXT = "I can only keep written words here. Please type your answer, or tap “Skip this one”."

READY = (
    "🤝 <b>Your check-ins are in</b>\n\n"
    "You've both answered today. Would you like to see your partner's answers now?"
)
NOT_YET_REPLY = "Of course. Whenever you're ready, tap “Show me now” or send /checkin."
REVEAL_HEAD = "🤝 <b>Your check-ins are in</b>"
REVEAL_QUESTION = "Today's question: <i>{prompt}</i>"
REVEAL_PARTNER = "<b>Your partner</b>"
REVEAL_YOU = "<b>You</b>"
REVEAL_PRIVATE = "kept private"
REVEAL_NO_TEXT = "(no words today)"
REVEAL_FOOT = (
    "<i>Read gently. These are feelings from one day, not a verdict. "
    "If something stings, it may be worth talking about together, when you're both ready.</i>"
)
REMINDER = (
    "🤝 <b>Your check-in is still open</b>\n\n"
    "If you have a quiet minute, it's here for you. If today isn't the day, that's all right too."
)

APPRECIATE_ASK = (
    "Write a few words of appreciation for your partner: something they did, said or are. "
    "I'll pass it on with your first name. /cancel if you'd rather not."
)
APPRECIATE_SENT = "💛 Sent. Thank you for saying it."
APPRECIATE_ONCE = (
    "You've already sent an appreciation for this check-in. One each keeps it special."
)
APPRECIATE_NOT_NOW = "Appreciations open once you've both checked in that day."
APPRECIATE_FAILED = (
    "Saved, but I couldn't deliver it to your partner just now (they may have paused or "
    "stopped the bot). It's kept in your export."
)
APPRECIATE_HELD = "I've held it back for now. If you still want your partner to read it, tap below."
APPRECIATION_RELAY = "💛 <b>A note from {name}</b>\n\n“{text}”"
CANCELLED = "Okay, nothing more is waiting for an answer."
NOTHING_TO_CANCEL = "There's nothing to cancel right now."

CRISIS_KEPT_PRIVATE = (
    "I've kept what you wrote private: your partner won't see it unless you choose to share it."
)
SHARED_ANYWAY = "Okay. Your answer will be shown to your partner with the rest."
SHARED_ANYWAY_LATE = "Okay, I've passed it on to your partner."
SHARED_AFTER = "🤝 <b>An addition to today's check-in</b>\n\nYour partner added: “{text}”"

JOURNAL_ASK = (
    "📓 <b>Your journal</b>\n\nYour next message is saved here, just for you: never shown to "
    "your partner. /cancel if you change your mind."
)
JOURNAL_PROMPT = "\n\nIf you'd like a starting point: <i>{prompt}</i>"
JOURNAL_SAVED = "📓 Saved to your journal. Only you can see it: /journal list."
JOURNAL_EMPTY = "Your journal is empty so far. Send /journal to write your first entry."
JOURNAL_LIST_HEAD = "📓 <b>Your journal</b> (newest first, only you see this)"
JOURNAL_LIST_MORE = "<i>…and {count} older entries, all in /export.</i>"
BUTTON_JOURNAL_PROMPT = "Give me a prompt"

SUMMARY_HEAD = "🌿 <b>Your week together</b>"
SUMMARY_SOLO_HEAD = "🌿 <b>Your week</b>"
SUMMARY_ROUNDS = "Check-ins you both answered this week: <b>{count}</b>"
SUMMARY_PERSON = "<b>{who}</b>: {values}"
SUMMARY_NO_DATA = "no shared answers yet"
SUMMARY_DAYS = "Over the last four weeks you've checked in on {mine} {mine_days}{partner}."
SUMMARY_DAYS_PARTNER = ", your partner on {count} {days}"
SUMMARY_APPRECIATIONS = "Appreciations this week: {sent} sent, {got} received."
SUMMARY_UP = "Things are looking up this week. That's worth noticing 🌱"
SUMMARY_DOWN = (
    "This week dipped a little. Dips are a normal part of healing; they don't undo what you've "
    "built."
)
SUMMARY_STEADY = "A steady week. Steady is good."
SUMMARY_PRIVATE_VIEW = "<i>Just for you, counting the answers you kept private:</i> {values}"
SUMMARY_CHART = "Your ratings over the last 8 weeks (weekly averages)"
SUMMARY_CHART_SOLO = "Your ratings over the last 8 weeks (weekly averages)"
SUMMARY_EMPTY_CHART = "No check-ins in these weeks yet"
SUMMARY_FOOT = "<i>Only answers you've both seen are counted. /summary shows this any time.</i>"
SUMMARY_SOLO_FOOT = "<i>Only you see this. /summary shows it any time.</i>"
# The weekly chart a couple shares has no legend (it is one picture for both); the caption says
# which line is whose.
SUMMARY_CHART_FIRST = (
    "Your ratings and your partner's over the last 8 weeks (weekly averages): yours are the blue "
    "dots, your partner's the orange squares."
)
SUMMARY_CHART_SECOND = (
    "Your ratings and your partner's over the last 8 weeks (weekly averages): yours are the "
    "orange squares, your partner's the blue dots."
)
CHART_YOU = "You"
CHART_PARTNER = "Your partner"
