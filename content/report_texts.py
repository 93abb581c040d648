"""Every word of the monthly look and of /report, in one place (to be translated by issue 17).

Chat texts are HTML (the bot's parse mode); PDF texts are plain. Dates are never written here:
`core.report_pdf` formats them with Babel in the reader's locale. Written for tend; the four
monthly questions are tend's own words, not any published questionnaire's, and the score is
never called a diagnosis or "validated".
"""

from __future__ import annotations

from typing import Final

# -- the monthly look (inside the first check-in of the month) ---------------------------------

MEASURE_QUESTIONS: Final = {
    "happy": "Taking everything together, how happy are you in your relationship these days?",
    "warm": "How much warmth and ease do you feel between the two of you?",
    "rewarding": "How much does being together give you something good back?",
    "satisfied": "All in all, how content are you with where your relationship is?",
}
MEASURE_SCALES: Final = {
    "happy": "<i>0 = not at all · 6 = completely</i>",
    "warm": "<i>0 = not at all · 5 = very much</i>",
    "rewarding": "<i>0 = not at all · 5 = very much</i>",
    "satisfied": "<i>0 = not at all · 5 = completely</i>",
}
MEASURE_STEP = "🌿 <b>Once a month · {n} of 4</b>"
MEASURE_INTRO = (
    "Once a month I ask four short questions about your relationship as a whole, not just "
    "today. It takes a minute, and you can skip it."
)
MEASURE_PRIVATE_OFF = "🔒 Just for you · tap to share with your partner"
MEASURE_PRIVATE_ON = "🔓 Shared once you've both checked in · tap to keep it"
MEASURE_SKIP = "Skip this month"
MEASURE_THANKS = "Thank you for stopping to look at the whole of it."
MEASURE_DONE = "Your monthly look: <b>{score} of 21</b>{before}."
MEASURE_BEFORE = " (last month {score})"
MEASURE_SKIPPED = "No problem, I'll ask again next month."
MEASURE_LOW = (
    "Your answers say the relationship as a whole feels hard right now. That's a painful place "
    "to be, and an honest answer is a good start. It is not a verdict on the two of you. If "
    "you're not seeing one already, a counsellor who knows betrayal recovery, on your own or "
    "together, can help you carry it; /report makes a summary you could take along."
)
MEASURE_PARTNER = "🌿 Your partner shared their monthly look this time: <b>{score} of 21</b>."
SUMMARY_MONTH = "Monthly look: <b>{now} of 21</b> this month, {before} last month."
SUMMARY_MONTH_FIRST = "Monthly look: <b>{now} of 21</b> this month (the first one)."
SUMMARY_MONTH_NONE = "–"

# -- /report in the chat -------------------------------------------------------------------------

REPORT_PERIOD = (
    "📄 <b>A report to take along</b>\n\n"
    "I can put your numbers from tend into a short PDF, for example for a counsellor. "
    "Which stretch of time should it cover?"
)
PERIODS: Final = {
    "4w": "Last 4 weeks",
    "8w": "Last 8 weeks",
    "12w": "Last 12 weeks",
    "all": "Since I started",
}
REPORT_CHOOSE = (
    "📄 <b>{period}</b>\n\nTap to choose what goes in. Ticked items go in; what you wrote "
    "yourself (answers, journal, what set off a hard moment) goes in only if you tick it. "
    "Nothing your partner kept private is ever included."
)
SECTION_NAMES: Final = {
    "mine": "My check-in ratings",
    "partner": "My partner's shared ratings",
    "monthly": "Monthly look",
    "days": "Days checked in",
    "bounds": "Boundaries",
    "hard": "My hard moments: how many, how strong, what helped",
    "path": "Where I am on the path",
    "answers": "My check-in answers (my words)",
    "journal": "My journal (my words)",
    "hard_words": "What set off my hard moments (my words)",
}
TICK_ON = "☑️ "
TICK_OFF = "⬜ "
BUTTON_MAKE = "Make my report"
BUTTON_COUPLE = "Make it a couple report (asks my partner)"
REPORT_WORKING = "Putting your report together…"
REPORT_CAPTION = "Your tend report, {start} to {end}. It holds only what you chose."
REPORT_CAPTION_COUPLE = (
    "Your couple report from tend, {start} to {end}. You both said yes to it, and it holds only "
    "what you share with each other."
)
REPORT_FAILED = "Sorry, I couldn't make the report just now. Nothing was kept; please try again."
REPORT_NOTHING = "Please tick at least one thing to put in the report."
REPORT_FILE = "tend-notes-{day}.pdf"
REPORT_REFUSED = "That button isn't available any more. /report starts again."
COUPLE_NEEDS_PARTNER = "A couple report needs a partner paired with you in tend."
COUPLE_ASKED = (
    "I've asked your partner. When they say yes, the report comes to both of you; if they "
    "say no, nothing is made."
)
COUPLE_ASK = (
    "📄 <b>A question from tend</b>\n\n"
    "Your partner would like a couple report to share with a counsellor (<b>{period}</b>). "
    "It would hold, for both of you, only what you already share with each other:\n"
    "{items}\n\n"
    "Nothing either of you kept private goes in, and no one's own words. It is made only if you "
    "say yes, and both of you get a copy."
)
COUPLE_ITEM = "• {name}"
# What the partner who is asked reads for each section (from their side).
COUPLE_NAMES: Final = {
    "mine": "Your partner's check-in ratings, as shared with you",
    "partner": "Your check-in ratings, as shared with your partner",
    "monthly": "Monthly looks each of you chose to share",
    "days": "How many days each of you checked in",
    "bounds": "Boundaries you've shared with each other (and the weekly review, if you both "
    "share it)",
    "hard": "How many hard moments each of you noted and how strong, only for whoever shows "
    "them in the summary (no words)",
    "path": "Which stage of the path you're on",
}
BUTTON_YES = "Yes, make it"
BUTTON_NO = "Not this time"
COUPLE_YES_DONE = "Thank you. The report is on its way to both of you."
COUPLE_NO_DONE = "Understood, no report is made. Your partner will hear that it's not for now."
COUPLE_NO_TOLD = "Your partner would rather not make a couple report right now. Nothing was made."
COUPLE_ANSWERED = "You've already answered this request."
COUPLE_ON_ITS_WAY = "Already on its way to you both."
COUPLE_SECTIONS: Final = ("mine", "partner", "monthly", "days", "bounds", "hard", "path")

# -- the PDF -------------------------------------------------------------------------------------

PDF_TITLE = "Notes from tend"
PDF_TITLE_COUPLE = "Notes from tend, for both of us"
PDF_FOR = "Prepared for {name}"
PDF_PERIOD = "{start} to {end}"
PDF_MADE = "Made on {day}"
PDF_HOLDS = "What this holds"
PDF_NOT = "What this is not"
PDF_NOT_TEXT = (
    "These are self-reported numbers from a daily check-in app, chosen by the person who made "
    "this report. They are not a diagnosis, not an assessment and not a clinical measure. "
    "They can help a conversation with a counsellor; they cannot replace it."
)
PDF_SCALES = (
    "Daily ratings run from 1 (not at all) to 5 (completely). The monthly look adds four "
    "answers about the relationship as a whole, from 0 to 21 in all."
)
PDF_RATINGS = "Daily check-in ratings"
PDF_RATINGS_NOTE = "Weekly averages. Only answers shared between partners count for the partner."
PDF_YOU = "Me"
PDF_PARTNER = "My partner"
PDF_YOU_COUPLE = "{name}"
PDF_AVERAGE_HEAD = ("", "Felt safe", "Felt connected", "Agreements kept", "Check-ins")
PDF_DIMENSIONS: Final = {
    "safety": "Felt safe",
    "connection": "Felt connected",
    "agreements": "Agreements kept",
}
PDF_NO_RATINGS = "No ratings in this period."
PDF_DAYS = "Days checked in"
PDF_DAYS_LINE = "{who}: {days} of {total} days"
PDF_MONTHLY = "Monthly look at the relationship"
PDF_MONTHLY_NOTE = "0 to 21; higher means the relationship as a whole feels better."
PDF_MONTH_HEAD = ("Month", "Me", "My partner")
PDF_MONTHLY_NONE = "No monthly look in this period."
PDF_BOUNDS = "Boundaries"
PDF_BOUNDS_HEAD = ("Boundary", "Status", "Kept in reviews")
PDF_BOUNDS_MINE = "Mine"
PDF_BOUNDS_PARTNER = "My partner's, as shared with me"
PDF_BOUNDS_NONE = "None in this period."
PDF_REVIEW_CHART = "Weekly review: share of answers saying 'kept'"
PDF_REVIEW_OFF = "The weekly review is included only when both partners chose to share it."
STATUS: Final = {
    "private": "Not shared",
    "shared": "Shared, no answer yet",
    "acknowledged": "Acknowledged",
    "talk": "Asked to talk",
    "retired": "Retired",
}
PDF_HARD = "Hard moments"
PDF_HARD_NOTE = (
    "Moments noted in tend when things felt hard. Strength runs from 1 (mild) to 5 (overwhelming)."
)
PDF_HARD_OWN = "Only my own moments are here; my partner's are never part of my report."
PDF_HARD_COUPLE = "Only for a partner who chose to show hard moments in the weekly summary."
PDF_HARD_COUNT = "Noted: {count}"
PDF_HARD_AVERAGE = "Average strength: {value} of 5"
PDF_HARD_HELPED = "What helped most often: {helped}"
PDF_HARD_NONE = "None noted in this period."
PDF_HARD_HEAD = ("", "Noted", "Average strength")
PDF_HARD_PRIVATE = "not shown"
PDF_HARD_WORDS = "My hard moments, in my words"
PDF_HARD_STRENGTH = "strength {value} of 5"
PDF_HARD_TRIGGER = "What set it off: {words}"
PDF_HARD_HELPED_ONE = "What helped: {words}"
PDF_PATH = "The path"
PDF_PATH_LINE = "Stage {n} of {of}: {title}"
PDF_PATH_PAUSED = "Paused for now."
PDF_ANSWERS = "My check-in answers"
PDF_JOURNAL = "My journal"
PDF_WORDS_NONE = "Nothing written in this period."
PDF_PRIVATE_MARK = "(kept private)"
PDF_PAGE = "Page {n}"
PDF_EMOJI = "·"
