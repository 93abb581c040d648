"""What the bot says about the path (stage texts themselves are in content/path.toml).

Every message the bot starts opens with a discreet line: nothing about what the couple is
recovering from shows on a locked screen.
"""

from __future__ import annotations

from importlib.util import find_spec

from content.i18n import Msg

HEAD = Msg("🧭 <b>Your path · stage {n} of 10</b>")
NO_PATH = Msg(
    "🧭 <b>Your path</b>\n\n"
    "Ten weeks, one small step a week, in the order of the guide tend follows. Each week "
    "brings a short practice to share, one just for you, and two questions at the end."
)
NO_PATH_PAIRED = Msg(
    "You'd walk it together: I'll ask your partner, and it begins when they say yes."
)
NO_PATH_SOLO = Msg("You can walk it on your own, at your own pace.")
BUTTON_START = Msg("Start the path")
INVITED = Msg(
    "I've asked your partner. The path begins once they say yes; nothing changes until then."
)
ALREADY_INVITED = Msg("I've asked your partner already. There's no rush for either of you.")
INVITE_WAITING = Msg("Waiting for your partner to say yes.")
BUTTON_YES = Msg("Yes, let's start")
BUTTON_NOT_NOW = Msg("Not now")
DECLINED = Msg("That's fine. /path is here if you'd like to start another time.")
UNDER_WAY = Msg("Your path is already under way, so there's nothing more to press here.")
JOINED = Msg(
    "Your partner had just asked you too, so this counts as your yes: you're starting "
    "together. If their invitation turns up, there's nothing more to press."
)

DAY = Msg("{title}\nDay {day} of this stage.")
PAUSED = Msg("{title}\nThe path is paused. Your usual reminders carry on.")
NEXT = Msg("Next: {title}")
LAST = Msg("This is the last stage.")
REFLECT_OPEN = Msg("This week's two questions are open for you.")
REFLECT_DONE_WAITING = Msg(
    "You've answered this week's questions. They'll open once your partner has too."
)
READY_WAITING = Msg("You're ready to move on. You'll go on together once your partner is too.")
PARTNER_READY = Msg("Your partner feels ready for the next stage, whenever you are.")

BUTTON_REFLECT = Msg("Answer this week's questions")
BUTTON_READY = Msg("Ready for the next stage")
BUTTON_STAY = Msg("Stay a little longer")
BUTTON_GUIDE = Msg("Open the boundary guide")
BUTTON_COUNSELLOR = Msg("Finding a counsellor")
BUTTON_PAUSE = Msg("Pause the path")
BUTTON_RESUME = Msg("Pick the path up again")
BUTTON_LEAVE = Msg("Leave the path")
BUTTON_LEAVE_SURE = Msg("Yes, leave it")
BUTTON_KEEP_GOING = Msg("Keep going")
BUTTON_SKIP = Msg("Skip")
BUTTON_SHARE = Msg("Share it anyway")
BUTTON_OPEN = Msg("Open my path")
BUTTON_ANSWER = Msg("Answer now")

QUESTION = Msg(
    "🧭 <b>Closing the week · {n} of 2</b>\n\n{question}\n\n<i>Write a line or two, or skip.</i>"
)
SAVED_SOLO = Msg(
    "Saved, just for you. Move on when you feel ready, or stay with this stage a while."
)
SAVED_WAITING = Msg("Saved. I'll show you both once your partner has answered too.")
NOT_YET = Msg("Answer this week's two questions first; then you can move on.")
MOVED_WAITING = Msg("Noted. You'll move on together once your partner is ready too.")
STAYING = Msg("Stay as long as it helps. The practices are still here in /path.")
LEAVE_SURE = Msg(
    "Leave the path? It stops for both of you. Your reminders and check-ins carry on, and "
    "you can start again with /path."
)
LEFT = Msg("You've left the path. Everything else carries on as usual.")
KEPT_GOING = Msg("Good. The path carries on.")
RESUMED = Msg("Welcome back to your path. The stage's week carries on from where it paused.")
STALE = Msg(
    "That's from an earlier step of the path, so I left things as they are. "
    "/path shows where you are."
)
MOVED_ON = Msg(
    "The path has moved on since I asked that, so I haven't saved this as an answer. "
    "/path shows where you are now."
)
KEPT_PRIVATE = Msg(
    "I've kept this week's answers private: your partner won't see them unless you choose "
    "to share them."
)
SHARED = Msg("Okay. Your answers will be shown to your partner with theirs.")
SHARED_LATE = Msg("Okay, I've passed them on to your partner.")

PARTNER_PAUSED = Msg(
    "🧭 A note from tend: the path is paused for now. Your usual reminders carry on, and "
    "/path picks it up again whenever you like."
)
PARTNER_RESUMED = Msg(
    "🧭 A note from tend: the path is back on. /path shows this week's practices."
)
PARTNER_NOT_NOW = Msg(
    "🧭 A note from tend: your partner would rather wait with the path for now. That's okay; "
    "/path is here whenever you'd both like to begin."
)
PARTNER_LEFT = Msg("🧭 A note from tend: the path has stopped for now. /path can start it again.")
ALONE = Msg(
    "🧭 A note from tend about your path\n\n"
    "The path you walked together has ended on your partner's side. What you wrote stays "
    "yours. If you'd like, you can carry on alone from stage {n} of 10: it's paused for now, "
    "and /path picks it up again whenever you're ready, or lets you leave it there."
)

SUMMARY_STAGE = Msg("🧭 Your path: stage {n} of 10, {title}.")
SUMMARY_PAUSED = Msg("🧭 Your path is paused at stage {n} of 10, {title}.")

REVEAL_HEAD = Msg("🧭 <b>Your week's reflections are in</b>")
REVEAL_YOU = Msg("You: {text}")
REVEAL_PARTNER = Msg("Your partner: {text}")
REVEAL_SKIPPED = Msg("<i>skipped</i>")
REVEAL_KEPT = Msg("<i>kept private for now</i>")
ADDITION = Msg("🧭 <b>An addition to this week's reflection</b>")

# /report is another flow's: named here only when it exists in this build.
REPORT_LINE: Msg | str = (
    Msg("\n\n/report puts your recent weeks on one page, if you'd like to bring it along.")
    if find_spec("bot.handlers.report") is not None
    else ""
)
