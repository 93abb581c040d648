"""What the bot says about the path (stage texts themselves are in content/path.toml).

Every message the bot starts opens with a discreet line: nothing about what the couple is
recovering from shows on a locked screen.
"""

from __future__ import annotations

from importlib.util import find_spec

HEAD = "🧭 <b>Your path · stage {n} of 10</b>"
NO_PATH = (
    "🧭 <b>Your path</b>\n\n"
    "Ten weeks, one small step a week, in the order of the guide tend follows. Each week "
    "brings a short practice to share, one just for you, and two questions at the end."
)
NO_PATH_PAIRED = "You'd walk it together: I'll ask your partner, and it begins when they say yes."
NO_PATH_SOLO = "You can walk it on your own, at your own pace."
BUTTON_START = "Start the path"
INVITED = "I've asked your partner. The path begins once they say yes; nothing changes until then."
ALREADY_INVITED = "I've asked your partner already. There's no rush for either of you."
INVITE_WAITING = "Waiting for your partner to say yes."
BUTTON_YES = "Yes, let's start"
BUTTON_NOT_NOW = "Not now"
DECLINED = "That's fine. /path is here if you'd like to start another time."
UNDER_WAY = "Your path is already under way, so there's nothing more to press here."
JOINED = (
    "Your partner had just asked you too, so this counts as your yes: you're starting "
    "together. If their invitation turns up, there's nothing more to press."
)

DAY = "{title}\nDay {day} of this stage."
PAUSED = "{title}\nThe path is paused. Your usual reminders carry on."
NEXT = "Next: {title}"
LAST = "This is the last stage."
REFLECT_OPEN = "This week's two questions are open for you."
REFLECT_DONE_WAITING = (
    "You've answered this week's questions. They'll open once your partner has too."
)
READY_WAITING = "You're ready to move on. You'll go on together once your partner is too."
PARTNER_READY = "Your partner feels ready for the next stage, whenever you are."

BUTTON_REFLECT = "Answer this week's questions"
BUTTON_READY = "Ready for the next stage"
BUTTON_STAY = "Stay a little longer"
BUTTON_GUIDE = "Open the boundary guide"
BUTTON_COUNSELLOR = "Finding a counsellor"
BUTTON_PAUSE = "Pause the path"
BUTTON_RESUME = "Pick the path up again"
BUTTON_LEAVE = "Leave the path"
BUTTON_LEAVE_SURE = "Yes, leave it"
BUTTON_KEEP_GOING = "Keep going"
BUTTON_SKIP = "Skip"
BUTTON_SHARE = "Share it anyway"
BUTTON_OPEN = "Open my path"
BUTTON_ANSWER = "Answer now"

QUESTION = (
    "🧭 <b>Closing the week · {n} of 2</b>\n\n{question}\n\n<i>Write a line or two, or skip.</i>"
)
SAVED_SOLO = "Saved, just for you. Move on when you feel ready, or stay with this stage a while."
SAVED_WAITING = "Saved. I'll show you both once your partner has answered too."
NOT_YET = "Answer this week's two questions first; then you can move on."
MOVED_WAITING = "Noted. You'll move on together once your partner is ready too."
STAYING = "Stay as long as it helps. The practices are still here in /path."
LEAVE_SURE = (
    "Leave the path? It stops for both of you. Your reminders and check-ins carry on, and "
    "you can start again with /path."
)
LEFT = "You've left the path. Everything else carries on as usual."
KEPT_GOING = "Good. The path carries on."
RESUMED = "Welcome back to your path. The stage's week carries on from where it paused."
STALE = (
    "That's from an earlier step of the path, so I left things as they are. "
    "/path shows where you are."
)
MOVED_ON = (
    "The path has moved on since I asked that, so I haven't saved this as an answer. "
    "/path shows where you are now."
)
KEPT_PRIVATE = (
    "I've kept this week's answers private: your partner won't see them unless you choose "
    "to share them."
)
SHARED = "Okay. Your answers will be shown to your partner with theirs."
SHARED_LATE = "Okay, I've passed them on to your partner."

PARTNER_PAUSED = (
    "🧭 A note from tend: the path is paused for now. Your usual reminders carry on, and "
    "/path picks it up again whenever you like."
)
PARTNER_RESUMED = "🧭 A note from tend: the path is back on. /path shows this week's practices."
PARTNER_NOT_NOW = (
    "🧭 A note from tend: your partner would rather wait with the path for now. That's okay; "
    "/path is here whenever you'd both like to begin."
)
PARTNER_LEFT = "🧭 A note from tend: the path has stopped for now. /path can start it again."
ALONE = (
    "🧭 A note from tend about your path\n\n"
    "The path you walked together has ended on your partner's side. What you wrote stays "
    "yours. If you'd like, you can carry on alone from stage {n} of 10: it's paused for now, "
    "and /path picks it up again whenever you're ready, or lets you leave it there."
)

SUMMARY_STAGE = "🧭 Your path: stage {n} of 10, {title}."
SUMMARY_PAUSED = "🧭 Your path is paused at stage {n} of 10, {title}."

REVEAL_HEAD = "🧭 <b>Your week's reflections are in</b>"
REVEAL_YOU = "You: {text}"
REVEAL_PARTNER = "Your partner: {text}"
REVEAL_SKIPPED = "<i>skipped</i>"
REVEAL_KEPT = "<i>kept private for now</i>"
ADDITION = "🧭 <b>An addition to this week's reflection</b>"

# /report is another flow's: named here only when it exists in this build.
REPORT_LINE = (
    "\n\n/report puts your recent weeks on one page, if you'd like to bring it along."
    if find_spec("bot.handlers.report") is not None
    else ""
)
