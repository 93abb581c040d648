"""What the bot says about boundaries. People's own words are always escaped by the caller.

Messages that reach the partner open neutrally (a locked phone shows their first line).
"""

from __future__ import annotations

HEAD = "🧭 <b>Boundaries</b>"
EMPTY = (
    "You haven't set any boundaries yet.\n\n"
    "{intro}\n\n"
    "Add one when you're ready, or let me walk you through four areas to help you find yours."
)
YOURS = "<b>Yours</b>"
THEIRS = "<b>Shared with you by your partner</b>"
NONE_YET = "<i>none yet</i>"
ITEM = "{n}. {emoji} “{statement}”\n    <i>{status}</i>"
PICK_ONE = "Tap a number to open it."
REVIEW_LINE = "Weekly review: {day}s, inside that day's check-in."
REVIEW_OFF_LINE = "Weekly review: off (/boundaries review sunday turns it on)."
REVIEW_STATS = (
    "Reviews so far: {kept} of {total} answers said “kept” ({percent}%). "
    "This week: {week}.\n<i>Only you see these numbers here.</i>"
)
REVIEW_WEEK = "{kept} of {total}"
REVIEW_WEEK_NONE = "no review yet"
SOLO_LINE = (
    "<i>These stay private. Once you pair with your partner (/invite), "
    "you can choose to share any of them.</i>"
)

STATUS_MINE = {
    "private": "🔒 private: only you see it",
    "shared": "⏳ shared: waiting for your partner's answer",
    "acknowledged": "✅ your partner acknowledged it",
    "talk": "💬 your partner would like to talk about it",
}
STATUS_THEIRS = {
    "shared": "❓ waiting for your answer",
    "acknowledged": "✅ you acknowledged it",
    "talk": "💬 you asked to talk about it",
}

BUTTON_ADD = "➕ Add a boundary"
BUTTON_GUIDE = "🧭 Help me find mine"
BUTTON_RETIRED = "🗄 Retired ({count})"
BUTTON_LIST = "« All boundaries"
BUTTON_BACK = "« Back"
BUTTON_SHARE = "📤 Share with my partner"
BUTTON_EDIT = "✏️ Change the wording"
BUTTON_ADD_CONSEQUENCE = "⚖️ Add what I'll do if it's not kept"
BUTTON_CHANGE_CONSEQUENCE = "⚖️ Change what I'll do"
BUTTON_DROP_CONSEQUENCE = "Remove it"
BUTTON_HISTORY = "🕰 History"
BUTTON_RETIRE = "🗄 Retire"
BUTTON_RETIRE_YES = "Yes, retire it"
BUTTON_RETIRE_NO = "Keep it"
BUTTON_ACK = "🤝 I acknowledge it"
BUTTON_TALK = "💬 Let's talk about it"
BUTTON_NO_NOTE = "No note"
BUTTON_NOT_NOW = "Not now"
BUTTON_WRITE_HERE = "✍️ Write one for this"
BUTTON_NEXT_AREA = "Next area ›"
BUTTON_GUIDE_DONE = "That's enough for now"
BUTTON_SEND_ANYWAY = "Send it anyway"
BUTTON_SHARE_ANYWAY = "Share it anyway"
SHARE_HELD = (
    "I haven't shared this yet. Some of what it says sounds like you may be going through "
    "something hard, and your safety matters more. If you still want your partner to see it, "
    "tap below."
)
CHANGE_HELD = (
    "Saved, and kept private for now: some of the new words sound like you may be going "
    "through something hard, and your safety matters more. Your partner doesn't see this "
    "boundary until you share it again."
)
BUTTON_KEPT = "Kept"
BUTTON_NOT_KEPT = "Not kept"
BUTTON_UNSURE = "Not sure"

CHOOSE_CATEGORY = "What is this boundary about?"
TOO_MANY = (
    "You have {count} boundaries at the moment, which is a lot to hold at once. "
    "Could you retire or reword one before adding another? /boundaries lists them."
)
ASK_STATEMENT = (
    "{emoji} <b>{label}</b>\n{question}\n\n"
    "<i>For example:</i>\n{examples}\n\n"
    "Write your boundary in your own words as a message, starting from what you need. "
    "It stays private until you choose to share it. (/cancel to stop.)"
)
EXAMPLE = "• {text}"
SAVED_PRIVATE = "✓ Saved, privately."
REFRAME_OFFER = (
    "<i>If it's useful: some people find it helps to add what they will do, in their own "
    "words (“I need…”, “If…, I will…”). Yours is kept just as you wrote it.</i>"
)
ASK_ADD_CONSEQUENCE = "Would you like to add what you'll do if it isn't kept?"
ASK_CONSEQUENCE = (
    "What will you do to look after yourself if this boundary isn't kept? "
    "For example: “If…, I will take some time apart to think.”\n\n"
    "Send it as a message. If you share the boundary, your partner sees this too, so you can "
    "agree on it together. (/cancel to stop.)"
)
ASK_EDIT = (
    "Send the new wording as a message. The old one stays in the history.{again} (/cancel to stop.)"
)
ASK_EDIT_AGAIN = " Your partner will be asked to acknowledge the new version."
CHANGED = "✓ Updated."
CHANGED_ASKED = "✓ Updated. I've sent the new version to your partner to acknowledge."
CONSEQUENCE_REMOVED = "✓ Removed."
TOO_LONG = (
    "That's a little long (up to {limit} characters). Could you shorten it and send it again? "
    "Nothing was changed."
)

CARD_MINE = "🧭 <b>Your boundary</b> · {emoji} {label}"
CARD_THEIRS = "🧭 <b>Your partner's boundary</b> · {emoji} {label}"
CARD_STATEMENT = "“{statement}”"
CARD_CONSEQUENCE_MINE = "<i>What I'll do if it isn't kept:</i> “{consequence}”"
CARD_CONSEQUENCE_THEIRS = "<i>What they'll do if it isn't kept:</i> “{consequence}”"
CARD_NO_CONSEQUENCE = "<i>No consequence set.</i>"
CARD_STATUS = "Status: {status}"
CARD_RETIRED = "Status: 🗄 retired on {date}"
CARD_UNPAIRED = "<i>Pair with your partner (/invite) to share it.</i>"

SHARED_WITH = "📤 Shared. Your partner can now acknowledge it or ask to talk about it."
ALREADY_SHARED = "This one is already shared with your partner."
NOT_PAIRED = (
    "You're not paired with a partner right now, so this stays private. "
    "/invite makes a link when you're ready."
)
PARTNER_NEW = (
    "🧭 <b>A boundary from {name}</b>\n\n"
    "{name} has shared something they need. You can acknowledge it, or say you'd like to talk "
    "about it first. Either answer is okay."
)
PARTNER_UPDATED = (
    "🧭 <b>An updated boundary from {name}</b>\n\n"
    "{name} has changed a boundary they shared. Would you look at the new version?"
)
ACKNOWLEDGED = "🤝 Acknowledged. I've let your partner know."
ALREADY_ACKNOWLEDGED = "You've already acknowledged this version."
ALREADY_TALK = "You've already said you'd like to talk about this one."
VERSION_CHANGED = "This boundary has changed since that message. Here is the current version:"
ASK_NOTE = (
    "I'll let your partner know you'd like to talk about it. If you want, add a short note for "
    "them (type it as a message), or tap “No note”."
)
TALK_SENT = "💬 I've let your partner know. Go gently with each other."
NOTE_SENT = "✓ I've passed your note on."
NOTE_HELD = (
    "I haven't passed that note on yet. Your safety matters more. If you still want your "
    "partner to read it, tap below."
)
OWNER_ACKNOWLEDGED = "🤝 {name} acknowledged your boundary:\n“{statement}”"
OWNER_TALK = (
    "💬 {name} would like to talk about your boundary:\n“{statement}”\n\n"
    "<i>That's an invitation, not a no. A calm moment that suits you both is best.</i>"
)
OWNER_NOTE = "💬 {name} added a note about your boundary “{statement}”:\n\n“{note}”"
PARTNER_RETIRED = "🗄 {name} has retired a boundary they'd shared:\n“{statement}”"
UNKNOWN = "That boundary isn't available. /boundaries shows the ones you can see."

CONFIRM_RETIRE = (
    "Retire this boundary? It leaves your list and the weekly review, and stays in its history."
)
RETIRED = "🗄 Retired. It stays in the history."
RETIRED_HEAD = "🗄 <b>Retired boundaries</b>"
RETIRED_NONE = "No retired boundaries."

HISTORY_HEAD = "🕰 <b>History</b>"
HISTORY_VERSION = "<b>Version {version}</b> · {date}\n“{statement}”{consequence}"
HISTORY_CONSEQUENCE = "\n<i>Consequence:</i> “{consequence}”"
HISTORY_RESPONSE = {
    "acknowledged": "    🤝 acknowledged on {date}",
    "talk": "    💬 “let's talk” on {date}",
}
HISTORY_NOTE = " · note: “{note}”"
HISTORY_MORE = "<i>{count} older version(s) don't fit here; /export has them all.</i>"

GUIDE_HEAD = "🧭 <b>Finding your boundaries · {n} of {total}</b>"
GUIDE_INTRO = (
    "{intro}\n\n<i>Take what helps and leave the rest. Nothing here is saved unless you write "
    "it.</i>"
)
GUIDE_AREA = "{emoji} <b>{label}</b>\n{question}\n\n<i>Some examples:</i>\n{examples}"
GUIDE_DONE = (
    "That's the four areas. Come back to them whenever you like; boundaries can change as "
    "trust grows. /boundaries shows what you've written."
)

REVIEW_USAGE = (
    "The weekly review happens inside one day's check-in: you each say whether every "
    "acknowledged boundary was kept, and see each other's answers once you've both answered.\n\n"
    "{current}\n\nTo change it: <code>/boundaries review sunday</code> (any day), "
    "or <code>/boundaries review off</code>."
)
REVIEW_CURRENT = "It's on {day}s."
REVIEW_CURRENT_OFF = "It's off."
REVIEW_SET = "✓ The weekly boundary review is now on {day}s, inside that day's check-in."
REVIEW_SET_OFF = "✓ The weekly boundary review is off. /boundaries review sunday turns it back on."
REVIEW_BAD_DAY = (
    "I didn't recognise “{text}” as a day. Try a day name like <code>sunday</code> or "
    "<code>wed</code>, or <code>off</code>."
)
REVIEW_SOLO = (
    "The weekly review is for boundaries shared between partners. Once you've paired "
    "(/invite), either of you can choose its day."
)
PARTNER_REVIEW_DAY = "🧭 Your partner moved the weekly boundary review to {day}s."
PARTNER_REVIEW_OFF = "🧭 Your partner turned the weekly boundary review off."
USAGE = (
    "/boundaries – your boundaries and your partner's shared ones\n"
    "/boundaries add – add one\n"
    "/boundaries guide – help finding yours\n"
    "/boundaries review &lt;day&gt; – choose the weekly review day"
)

# -- the review inside the check-in -------------------------------------------------------------

REVIEW_STEP = "🧭 <b>Weekly boundary review · {n} of {total}</b>"
REVIEW_OF_MINE = "Your boundary:"
REVIEW_OF_THEIRS = "Your partner's boundary:"
REVIEW_QUESTION = "Over the past week, was it kept?"
REVIEW_NOTE = (
    "<i>Your answer is shown to your partner only once you've both answered, "
    "like the rest of the check-in.</i>"
)
REVIEW_NOW = "Your answer so far: <b>{verdict}</b>. Tap to change it."
VERDICT = {"kept": "kept", "not_kept": "not kept", "unsure": "not sure"}
REVEAL_REVIEW_HEAD = "<b>Boundary review</b>"
REVEAL_REVIEW_ITEM = "“{statement}” ({whose})\n    partner: {theirs} · you: {mine}"
WHOSE_MINE = "yours"
WHOSE_THEIRS = "your partner's"
NOT_KEPT_OWNER = (
    "🔒 <i>Only you see this.</i>\n\n"
    "Your boundary “{statement}” was marked as not kept this week.\n\n"
    "{consequence}\n\n"
    "You decide what happens next. It may help to talk it through when you both feel calm, "
    "or with a counsellor who knows betrayal recovery. Your feelings about it make sense."
)
NOT_KEPT_CONSEQUENCE = "What you said you would do: “{consequence}”"
NOT_KEPT_NO_CONSEQUENCE = "You didn't set a consequence for it, and you don't have to."

# -- summary ----------------------------------------------------------------------------------

SUMMARY_REVIEW = (
    "Boundary review: {kept} of {total} answers said “kept” this week; {all_percent}% over "
    "{weeks} review{s}."
)
SUMMARY_REVIEW_NONE_THIS_WEEK = (
    "Boundary review: none this week; {all_percent}% “kept” over {weeks} review{s}."
)
