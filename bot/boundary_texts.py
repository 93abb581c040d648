"""What the bot says about boundaries. People's own words are always escaped by the caller.

Messages that reach the partner open neutrally (a locked phone shows their first line).
"""

from __future__ import annotations

from content.i18n import Msg, Plural

HEAD = Msg("🧭 <b>Boundaries</b>")
EMPTY = Msg(
    "You haven't set any boundaries yet.\n\n"
    "{intro}\n\n"
    "Add one when you're ready, or let me walk you through four areas to help you find yours."
)
YOURS = Msg("<b>Yours</b>")
THEIRS = Msg("<b>Shared with you by your partner</b>")
NONE_YET = Msg("<i>none yet</i>")
ITEM = Msg("{n}. {emoji} “{statement}”\n    <i>{status}</i>")
PICK_ONE = Msg("Tap a number to open it.")
REVIEW_LINE = Msg("Weekly review: {day}s, inside that day's check-in.")
REVIEW_OFF_LINE = Msg("Weekly review: off (/boundaries review sunday turns it on).")
REVIEW_STATS = Msg(
    "Reviews so far: {kept} of {total} answers said “kept” ({percent}%). "
    "This week: {week}.\n<i>Only you see these numbers here.</i>"
)
REVIEW_WEEK = Msg("{kept} of {total}")
REVIEW_WEEK_NONE = Msg("no review yet")
SOLO_LINE = Msg(
    "<i>These stay private. Once you pair with your partner (/invite), "
    "you can choose to share any of them.</i>"
)

STATUS_MINE = {
    "private": Msg("🔒 private: only you see it"),
    "shared": Msg("⏳ shared: waiting for your partner's answer"),
    "acknowledged": Msg("✅ your partner acknowledged it"),
    "talk": Msg("💬 your partner would like to talk about it"),
}
STATUS_THEIRS = {
    "shared": Msg("❓ waiting for your answer"),
    "acknowledged": Msg("✅ you acknowledged it"),
    "talk": Msg("💬 you asked to talk about it"),
}

BUTTON_ADD = Msg("➕ Add a boundary")
BUTTON_GUIDE = Msg("🧭 Help me find mine")
BUTTON_RETIRED = Msg("🗄 Retired ({count})")
BUTTON_LIST = Msg("« All boundaries")
BUTTON_BACK = Msg("« Back")
BUTTON_SHARE = Msg("📤 Share with my partner")
BUTTON_EDIT = Msg("✏️ Change the wording")
BUTTON_ADD_CONSEQUENCE = Msg("⚖️ Add what I'll do if it's not kept")
BUTTON_CHANGE_CONSEQUENCE = Msg("⚖️ Change what I'll do")
BUTTON_DROP_CONSEQUENCE = Msg("Remove it")
BUTTON_HISTORY = Msg("🕰 History")
BUTTON_RETIRE = Msg("🗄 Retire")
BUTTON_RETIRE_YES = Msg("Yes, retire it")
BUTTON_RETIRE_NO = Msg("Keep it")
BUTTON_ACK = Msg("🤝 I acknowledge it")
BUTTON_TALK = Msg("💬 Let's talk about it")
BUTTON_NO_NOTE = Msg("No note")
BUTTON_NOT_NOW = Msg("Not now")
BUTTON_WRITE_HERE = Msg("✍️ Write one for this")
BUTTON_NEXT_AREA = Msg("Next area ›")
BUTTON_GUIDE_DONE = Msg("That's enough for now")
BUTTON_SEND_ANYWAY = Msg("Send it anyway")
BUTTON_SHARE_ANYWAY = Msg("Share it anyway")
SHARE_HELD = Msg(
    "I haven't shared this yet. Some of what it says sounds like you may be going through "
    "something hard, and your safety matters more. If you still want your partner to see it, "
    "tap below."
)
CHANGE_HELD = Msg(
    "Saved, and kept private for now: some of the new words sound like you may be going "
    "through something hard, and your safety matters more. Your partner doesn't see this "
    "boundary until you share it again."
)
BUTTON_KEPT = Msg("Kept")
BUTTON_NOT_KEPT = Msg("Not kept")
BUTTON_UNSURE = Msg("Not sure")

CHOOSE_CATEGORY = Msg("What is this boundary about?")
TOO_MANY = Plural(
    "You have {count} boundary at the moment, which is a lot to hold at once. "
    "Could you retire or reword one before adding another? /boundaries lists them.",
    "You have {count} boundaries at the moment, which is a lot to hold at once. "
    "Could you retire or reword one before adding another? /boundaries lists them.",
)
ASK_STATEMENT = Msg(
    "{emoji} <b>{label}</b>\n{question}\n\n"
    "<i>For example:</i>\n{examples}\n\n"
    "Write your boundary in your own words as a message, starting from what you need. "
    "It stays private until you choose to share it. (/cancel to stop.)"
)
EXAMPLE = Msg("• {text}")
SAVED_PRIVATE = Msg("✓ Saved, privately.")
REFRAME_OFFER = Msg(
    "<i>If it's useful: some people find it helps to add what they will do, in their own "
    "words (“I need…”, “If…, I will…”). Yours is kept just as you wrote it.</i>"
)
ASK_ADD_CONSEQUENCE = Msg("Would you like to add what you'll do if it isn't kept?")
ASK_CONSEQUENCE = Msg(
    "What will you do to look after yourself if this boundary isn't kept? "
    "For example: “If…, I will take some time apart to think.”\n\n"
    "Send it as a message. If you share the boundary, your partner sees this too, so you can "
    "agree on it together. (/cancel to stop.)"
)
ASK_EDIT = Msg(
    "Send the new wording as a message. The old one stays in the history.{again} (/cancel to stop.)"
)
ASK_EDIT_AGAIN = Msg(" Your partner will be asked to acknowledge the new version.")
CHANGED = Msg("✓ Updated.")
CHANGED_ASKED = Msg("✓ Updated. I've sent the new version to your partner to acknowledge.")
CONSEQUENCE_REMOVED = Msg("✓ Removed.")
TOO_LONG = Msg(
    "That's a little long (up to {limit} characters). Could you shorten it and send it again? "
    "Nothing was changed."
)

CARD_MINE = Msg("🧭 <b>Your boundary</b> · {emoji} {label}")
CARD_THEIRS = Msg("🧭 <b>Your partner's boundary</b> · {emoji} {label}")
CARD_STATEMENT = Msg("“{statement}”")
CARD_CONSEQUENCE_MINE = Msg("<i>What I'll do if it isn't kept:</i> “{consequence}”")
CARD_CONSEQUENCE_THEIRS = Msg("<i>What they'll do if it isn't kept:</i> “{consequence}”")
CARD_NO_CONSEQUENCE = Msg("<i>No consequence set.</i>")
CARD_STATUS = Msg("Status: {status}")
CARD_RETIRED = Msg("Status: 🗄 retired on {date}")
CARD_UNPAIRED = Msg("<i>Pair with your partner (/invite) to share it.</i>")

SHARED_WITH = Msg("📤 Shared. Your partner can now acknowledge it or ask to talk about it.")
ALREADY_SHARED = Msg("This one is already shared with your partner.")
NOT_PAIRED = Msg(
    "You're not paired with a partner right now, so this stays private. "
    "/invite makes a link when you're ready."
)
PARTNER_NEW = Msg(
    "🧭 <b>A boundary from {name}</b>\n\n"
    "{name} has shared something they need. You can acknowledge it, or say you'd like to talk "
    "about it first. Either answer is okay."
)
PARTNER_UPDATED = Msg(
    "🧭 <b>An updated boundary from {name}</b>\n\n"
    "{name} has changed a boundary they shared. Would you look at the new version?"
)
ACKNOWLEDGED = Msg("🤝 Acknowledged. I've let your partner know.")
ALREADY_ACKNOWLEDGED = Msg("You've already acknowledged this version.")
ALREADY_TALK = Msg("You've already said you'd like to talk about this one.")
VERSION_CHANGED = Msg("This boundary has changed since that message. Here is the current version:")
ASK_NOTE = Msg(
    "I'll let your partner know you'd like to talk about it. If you want, add a short note for "
    "them (type it as a message), or tap “No note”."
)
TALK_SENT = Msg("💬 I've let your partner know. Go gently with each other.")
NOTE_SENT = Msg("✓ I've passed your note on.")
NOTE_HELD = Msg(
    "I haven't passed that note on yet. Your safety matters more. If you still want your "
    "partner to read it, tap below."
)
OWNER_ACKNOWLEDGED = Msg("🤝 {name} acknowledged your boundary:\n“{statement}”")
OWNER_TALK = Msg(
    "💬 {name} would like to talk about your boundary:\n“{statement}”\n\n"
    "<i>That's an invitation, not a no. A calm moment that suits you both is best.</i>"
)
OWNER_NOTE = Msg("💬 {name} added a note about your boundary “{statement}”:\n\n“{note}”")
PARTNER_RETIRED = Msg("🗄 {name} has retired a boundary they'd shared:\n“{statement}”")
UNKNOWN = Msg("That boundary isn't available. /boundaries shows the ones you can see.")

CONFIRM_RETIRE = Msg(
    "Retire this boundary? It leaves your list and the weekly review, and stays in its history."
)
RETIRED = Msg("🗄 Retired. It stays in the history.")
RETIRED_HEAD = Msg("🗄 <b>Retired boundaries</b>")
RETIRED_NONE = Msg("No retired boundaries.")

HISTORY_HEAD = Msg("🕰 <b>History</b>")
HISTORY_VERSION = Msg("<b>Version {version}</b> · {date}\n“{statement}”{consequence}")
HISTORY_CONSEQUENCE = Msg("\n<i>Consequence:</i> “{consequence}”")
HISTORY_RESPONSE = {
    "acknowledged": Msg("    🤝 acknowledged on {date}"),
    "talk": Msg("    💬 “let's talk” on {date}"),
}
HISTORY_NOTE = Msg(" · note: “{note}”")
HISTORY_MORE = Plural(
    "<i>{count} older version doesn't fit here; /export has them all.</i>",
    "<i>{count} older versions don't fit here; /export has them all.</i>",
)

GUIDE_HEAD = Msg("🧭 <b>Finding your boundaries · {n} of {total}</b>")
GUIDE_INTRO = Msg(
    "{intro}\n\n<i>Take what helps and leave the rest. Nothing here is saved unless you write "
    "it.</i>"
)
GUIDE_AREA = Msg("{emoji} <b>{label}</b>\n{question}\n\n<i>Some examples:</i>\n{examples}")
GUIDE_DONE = Msg(
    "That's the four areas. Come back to them whenever you like; boundaries can change as "
    "trust grows. /boundaries shows what you've written."
)

REVIEW_USAGE = Msg(
    "The weekly review happens inside one day's check-in: you each say whether every "
    "acknowledged boundary was kept, and see each other's answers once you've both answered.\n\n"
    "{current}\n\nTo change it: <code>/boundaries review sunday</code> (any day), "
    "or <code>/boundaries review off</code>."
)
REVIEW_CURRENT = Msg("It's on {day}s.")
REVIEW_CURRENT_OFF = Msg("It's off.")
REVIEW_SET = Msg("✓ The weekly boundary review is now on {day}s, inside that day's check-in.")
REVIEW_SET_OFF = Msg(
    "✓ The weekly boundary review is off. /boundaries review sunday turns it back on."
)
REVIEW_BAD_DAY = Msg(
    "I didn't recognise “{text}” as a day. Try a day name like <code>sunday</code> or "
    "<code>wed</code>, or <code>off</code>."
)
REVIEW_SOLO = Msg(
    "The weekly review is for boundaries shared between partners. Once you've paired "
    "(/invite), either of you can choose its day."
)
PARTNER_REVIEW_DAY = Msg("🧭 Your partner moved the weekly boundary review to {day}s.")
PARTNER_REVIEW_OFF = Msg("🧭 Your partner turned the weekly boundary review off.")
USAGE = Msg(
    "/boundaries – your boundaries and your partner's shared ones\n"
    "/boundaries add – add one\n"
    "/boundaries guide – help finding yours\n"
    "/boundaries review &lt;day&gt; – choose the weekly review day"
)

# -- the review inside the check-in -------------------------------------------------------------

REVIEW_STEP = Msg("🧭 <b>Weekly boundary review · {n} of {total}</b>")
REVIEW_OF_MINE = Msg("Your boundary:")
REVIEW_OF_THEIRS = Msg("Your partner's boundary:")
REVIEW_QUESTION = Msg("Over the past week, was it kept?")
REVIEW_NOTE = Msg(
    "<i>Your answer is shown to your partner only once you've both answered, "
    "like the rest of the check-in.</i>"
)
REVIEW_NOW = Msg("Your answer so far: <b>{verdict}</b>. Tap to change it.")
VERDICT = {"kept": Msg("kept"), "not_kept": Msg("not kept"), "unsure": Msg("not sure")}
REVEAL_REVIEW_HEAD = Msg("<b>Boundary review</b>")
REVEAL_REVIEW_ITEM = Msg("“{statement}” ({whose})\n    partner: {theirs} · you: {mine}")
WHOSE_MINE = Msg("yours")
WHOSE_THEIRS = Msg("your partner's")
NOT_KEPT_OWNER = Msg(
    "🔒 <i>Only you see this.</i>\n\n"
    "Your boundary “{statement}” was marked as not kept this week.\n\n"
    "{consequence}\n\n"
    "You decide what happens next. It may help to talk it through when you both feel calm, "
    "or with a counsellor who knows betrayal recovery. Your feelings about it make sense."
)
NOT_KEPT_CONSEQUENCE = Msg("What you said you would do: “{consequence}”")
NOT_KEPT_NO_CONSEQUENCE = Msg("You didn't set a consequence for it, and you don't have to.")

# -- summary ----------------------------------------------------------------------------------

SUMMARY_REVIEW = Plural(
    "Boundary review: {kept} of {total} answers said “kept” this week; {overall} over "
    "{count} review.",
    "Boundary review: {kept} of {total} answers said “kept” this week; {overall} over "
    "{count} reviews.",
)
SUMMARY_REVIEW_NONE_THIS_WEEK = Plural(
    "Boundary review: none this week; {overall} “kept” over {count} review.",
    "Boundary review: none this week; {overall} “kept” over {count} reviews.",
)
