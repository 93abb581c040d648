"""Boundaries: what a person needs and what they will do, shared, acknowledged and reviewed.

A boundary starts private. Its owner may share it with their couple; the partner acknowledges it
or asks to talk. Every edit is a new version (kept as history) and needs a new answer. On the
couple's review day each partner says, inside that day's check-in, whether each acknowledged
boundary was kept; the verdicts are revealed with the check-in answers.

Split by idea: `status` (limits, states), `guide` (the areas), `wording` (what a statement
suggests), `queries` (reading), `lifecycle` (changing), `review` (the review day), `stats`
(review numbers), `weekdays` (a typed day). Every public name is re-exported here.
"""

from core.boundaries.guide import *  # noqa: F403
from core.boundaries.lifecycle import *  # noqa: F403
from core.boundaries.queries import *  # noqa: F403
from core.boundaries.review import *  # noqa: F403
from core.boundaries.stats import *  # noqa: F403
from core.boundaries.status import *  # noqa: F403
from core.boundaries.weekdays import *  # noqa: F403
from core.boundaries.wording import *  # noqa: F403
