"""Every word of the monthly look and of /report, in one place, as gettext `Msg`s (rendered in
the reader's language; the PDF's by `core.report_pdf.render`).

Chat texts are HTML (the bot's parse mode); PDF texts are plain. Dates are never written here:
`core.report_pdf` formats them with Babel in the reader's locale. Written for tend; the four
monthly questions are tend's own words, not any published questionnaire's, and the score is
never called a diagnosis or "validated".
"""

from __future__ import annotations

from typing import Final

from content.i18n import Msg, Plural

# -- the monthly look (inside the first check-in of the month) ---------------------------------

MEASURE_QUESTIONS: Final = {
    "happy": Msg("Taking everything together, how happy are you in your relationship these days?"),
    "warm": Msg("How much warmth and ease do you feel between the two of you?"),
    "rewarding": Msg("How much does being together give you something good back?"),
    "satisfied": Msg("All in all, how content are you with where your relationship is?"),
}
MEASURE_SCALES: Final = {
    "happy": Msg("<i>0 = not at all · 6 = completely</i>"),
    "warm": Msg("<i>0 = not at all · 5 = very much</i>"),
    "rewarding": Msg("<i>0 = not at all · 5 = very much</i>"),
    "satisfied": Msg("<i>0 = not at all · 5 = completely</i>"),
}
MEASURE_STEP = Msg("🌿 <b>Once a month · {n} of 4</b>")
MEASURE_INTRO = Msg(
    "Once a month I ask four short questions about your relationship as a whole, not just "
    "today. It takes a minute, and you can skip it."
)
MEASURE_PRIVATE_OFF = Msg("🔒 Just for you · tap to share with your partner")
MEASURE_PRIVATE_ON = Msg("🔓 Shared once you've both checked in · tap to keep it")
MEASURE_SKIP = Msg("Skip this month")
MEASURE_THANKS = Msg("Thank you for stopping to look at the whole of it.")
MEASURE_DONE = Msg("Your monthly look: <b>{score} of 21</b>{before}.")
MEASURE_BEFORE = Msg(" (last month {score})")
MEASURE_SKIPPED = Msg("No problem, I'll ask again next month.")
MEASURE_LOW = Msg(
    "Your answers say the relationship as a whole feels hard right now. That's a painful place "
    "to be, and an honest answer is a good start. It is not a verdict on the two of you. If "
    "you're not seeing one already, a counsellor who knows betrayal recovery, on your own or "
    "together, can help you carry it; /report makes a summary you could take along."
)
MEASURE_PARTNER = Msg("🌿 Your partner shared their monthly look this time: <b>{score} of 21</b>.")
SUMMARY_MONTH = Msg("Monthly look: <b>{now} of 21</b> this month, {before} last month.")
SUMMARY_MONTH_FIRST = Msg("Monthly look: <b>{now} of 21</b> this month (the first one).")
SUMMARY_MONTH_NONE = "–"

# -- /report in the chat -------------------------------------------------------------------------

REPORT_PERIOD = Msg(
    "📄 <b>A report to take along</b>\n\n"
    "I can put your numbers from tend into a short PDF, for example for a counsellor. "
    "Which stretch of time should it cover?"
)
PERIODS: Final = {
    "4w": Msg("Last 4 weeks"),
    "8w": Msg("Last 8 weeks"),
    "12w": Msg("Last 12 weeks"),
    "all": Msg("Since I started"),
}
REPORT_CHOOSE = Msg(
    "📄 <b>{period}</b>\n\nTap to choose what goes in. Ticked items go in; what you wrote "
    "yourself (answers, journal, what set off a hard moment) goes in only if you tick it. "
    "Nothing your partner kept private is ever included."
)
SECTION_NAMES: Final = {
    "mine": Msg("My check-in ratings"),
    "partner": Msg("My partner's shared ratings"),
    "monthly": Msg("Monthly look"),
    "days": Msg("Days checked in"),
    "bounds": Msg("Boundaries"),
    "hard": Msg("My hard moments: how many, how strong, what helped"),
    "path": Msg("Where I am on the path"),
    "answers": Msg("My check-in answers (my words)"),
    "journal": Msg("My journal (my words)"),
    "hard_words": Msg("What set off my hard moments (my words)"),
}
TICK_ON = "☑️ "
TICK_OFF = "⬜ "
BUTTON_MAKE = Msg("Make my report")
BUTTON_COUPLE = Msg("Make it a couple report (asks my partner)")
REPORT_WORKING = Msg("Putting your report together…")
REPORT_CAPTION = Msg("Your tend report, {start} to {end}. It holds only what you chose.")
REPORT_CAPTION_COUPLE = Msg(
    "Your couple report from tend, {start} to {end}. You both said yes to it, and it holds only "
    "what you share with each other."
)
REPORT_FAILED = Msg(
    "Sorry, I couldn't make the report just now. Nothing was kept; please try again."
)
REPORT_NOTHING = Msg("Please tick at least one thing to put in the report.")
REPORT_FILE = "tend-notes-{day}.pdf"
REPORT_REFUSED = Msg("That button isn't available any more. /report starts again.")
COUPLE_NEEDS_PARTNER = Msg("A couple report needs a partner paired with you in tend.")
COUPLE_ASKED = Msg(
    "I've asked your partner. When they say yes, the report comes to both of you; if they "
    "say no, nothing is made."
)
COUPLE_ASK = Msg(
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
    "mine": Msg("Your partner's check-in ratings, as shared with you"),
    "partner": Msg("Your check-in ratings, as shared with your partner"),
    "monthly": Msg("Monthly looks each of you chose to share"),
    "days": Msg("How many days each of you checked in"),
    "bounds": Msg(
        "Boundaries you've shared with each other (and the weekly review, if you both share it)"
    ),
    "hard": Msg(
        "How many hard moments each of you noted and how strong, only for whoever shows "
        "them in the summary (no words)"
    ),
    "path": Msg("Which stage of the path you're on"),
}
BUTTON_YES = Msg("Yes, make it")
BUTTON_NO = Msg("Not this time")
COUPLE_YES_DONE = Msg("Thank you. The report is on its way to both of you.")
COUPLE_NO_DONE = Msg("Understood, no report is made. Your partner will hear that it's not for now.")
COUPLE_NO_TOLD = Msg(
    "Your partner would rather not make a couple report right now. Nothing was made."
)
COUPLE_ANSWERED = Msg("You've already answered this request.")
COUPLE_ON_ITS_WAY = Msg("Already on its way to you both.")
COUPLE_SECTIONS: Final = ("mine", "partner", "monthly", "days", "bounds", "hard", "path")

# -- the PDF -------------------------------------------------------------------------------------

PDF_TITLE = Msg("Notes from tend")
PDF_TITLE_COUPLE = Msg("Notes from tend, for both of us")
PDF_FOR = Msg("Prepared for {name}")
PDF_PERIOD = Msg("{start} to {end}")
PDF_MADE = Msg("Made on {day}")
PDF_HOLDS = Msg("What this holds")
PDF_NOT = Msg("What this is not")
PDF_NOT_TEXT = Msg(
    "These are self-reported numbers from a daily check-in app, chosen by the person who made "
    "this report. They are not a diagnosis, not an assessment and not a clinical measure. "
    "They can help a conversation with a counsellor; they cannot replace it."
)
PDF_SCALES = Msg(
    "Daily ratings run from 1 (not at all) to 5 (completely). The monthly look adds four "
    "answers about the relationship as a whole, from 0 to 21 in all."
)
PDF_RATINGS = Msg("Daily check-in ratings")
PDF_RATINGS_NOTE = Msg(
    "Weekly averages. Only answers shared between partners count for the partner."
)
PDF_YOU = Msg("Me")
PDF_PARTNER = Msg("My partner")
PDF_YOU_COUPLE = "{name}"
PDF_AVERAGE_HEAD = (
    "",
    Msg("Felt safe"),
    Msg("Felt connected"),
    Msg("Agreements kept"),
    Msg("Check-ins"),
)
PDF_DIMENSIONS: Final = {
    "safety": Msg("Felt safe"),
    "connection": Msg("Felt connected"),
    "agreements": Msg("Agreements kept"),
}
PDF_NO_RATINGS = Msg("No ratings in this period.")
PDF_DAYS = Msg("Days checked in")
PDF_DAYS_LINE = Plural("{who}: {days} of {count} day", "{who}: {days} of {count} days")
PDF_MONTHLY = Msg("Monthly look at the relationship")
PDF_MONTHLY_NOTE = Msg("0 to 21; higher means the relationship as a whole feels better.")
PDF_MONTH_HEAD = (Msg("Month"), Msg("Me"), Msg("My partner"))
PDF_MONTHLY_NONE = Msg("No monthly look in this period.")
PDF_BOUNDS = Msg("Boundaries")
PDF_BOUNDS_HEAD = (Msg("Boundary"), Msg("Status"), Msg("Kept in reviews"))
PDF_BOUNDS_MINE = Msg("Mine")
PDF_BOUNDS_PARTNER = Msg("My partner's, as shared with me")
PDF_BOUNDS_NONE = Msg("None in this period.")
PDF_REVIEW_CHART = Msg("Weekly review: share of answers saying 'kept'")
PDF_REVIEW_OFF = Msg("The weekly review is included only when both partners chose to share it.")
STATUS: Final = {
    "private": Msg("Not shared"),
    "shared": Msg("Shared, no answer yet"),
    "acknowledged": Msg("Acknowledged"),
    "talk": Msg("Asked to talk"),
    "retired": Msg("Retired"),
}
PDF_HARD = Msg("Hard moments")
PDF_HARD_NOTE = Msg(
    "Moments noted in tend when things felt hard. Strength runs from 1 (mild) to 5 (overwhelming)."
)
PDF_HARD_OWN = Msg("Only my own moments are here; my partner's are never part of my report.")
PDF_HARD_COUPLE = Msg("Only for a partner who chose to show hard moments in the weekly summary.")
PDF_HARD_COUNT = Msg("Noted: {count}")
PDF_HARD_AVERAGE = Msg("Average strength: {value} of 5")
PDF_HARD_HELPED = Msg("What helped most often: {helped}")
PDF_HARD_NONE = Msg("None noted in this period.")
PDF_HARD_HEAD = ("", Msg("Noted"), Msg("Average strength"))
PDF_HARD_PRIVATE = Msg("not shown")
PDF_HARD_WORDS = Msg("My hard moments, in my words")
PDF_HARD_STRENGTH = Msg("strength {value} of 5")
PDF_HARD_TRIGGER = Msg("What set it off: {words}")
PDF_HARD_HELPED_ONE = Msg("What helped: {words}")
PDF_PATH = Msg("The path")
PDF_PATH_LINE = Msg("Stage {n} of {of}: {title}")
PDF_PATH_PAUSED = Msg("Paused for now.")
PDF_ANSWERS = Msg("My check-in answers")
PDF_JOURNAL = Msg("My journal")
PDF_WORDS_NONE = Msg("Nothing written in this period.")
PDF_PRIVATE_MARK = Msg("(kept private)")
PDF_PAGE = Msg("Page {n}")
PDF_EMOJI = "·"
