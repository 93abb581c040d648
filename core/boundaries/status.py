"""Boundaries' limits and the states a boundary passes through."""

from __future__ import annotations

from enum import StrEnum

MAX_STATEMENT = 600
MAX_CONSEQUENCE = 600
MAX_NOTE = 1000
# A handful is easier to live by (and a list of both partners' still fits one message).
MAX_ACTIVE = 12
VERDICTS = ("kept", "not_kept", "unsure")


class Status(StrEnum):
    """Where a boundary stands between its owner and the partner."""

    PRIVATE = "private"  # only the owner sees it
    SHARED = "shared"  # the partner sees it and has not answered this version yet
    ACKNOWLEDGED = "acknowledged"
    TALK = "talk"  # the partner asked to talk about this version
