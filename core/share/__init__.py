"""The fuller check-in offered freely (/share): a sharer's plan, each share and its answer.

Given, never demanded: only the sharer starts, pauses, renews or ends their plan; the receiver
sees a share only once it is sent, can answer it, and never sees a skipped one (nothing is
stored for a skip, and there are no streaks). Rules only, no Telegram: typed outcomes out.
The schedule is a reminder of kind "share" (core.reminders, scheduler.dispatch).

Split by idea: `plan` (the sharer's plan and its reminder), `entries` (writing and sending a
share), `replies` (the receiver's answer). Every public name is re-exported here.
"""

from core.share.entries import *  # noqa: F403
from core.share.plan import *  # noqa: F403
from core.share.replies import *  # noqa: F403
