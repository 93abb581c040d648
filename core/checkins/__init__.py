"""Check-in rounds: one a day per couple (the same prompt for both) or per unpaired person.

A person answers three ratings and the day's open question; any answer can be kept private.
A couple's answers are revealed to each other only at the second finished answer.

Split by idea: `rounds` (opening a day's round, whose it is, its prompt), `answers` (one
person's answer: the questions, privacy, whether it may still be given), `reveal` (finishing
and the reveal). Every public name is re-exported here.
"""

from core.checkins.answers import *  # noqa: F403
from core.checkins.reveal import *  # noqa: F403
from core.checkins.rounds import *  # noqa: F403
