"""The tables, one module per area, every name re-exported here (`from db.models import User`).

Free text goes through EncryptedText; ids, choices and times stay plain.
"""

from __future__ import annotations

from db.models.base import NAMING, Base
from db.models.boundaries import Boundary, BoundaryResponse, BoundaryReview, BoundaryVersion
from db.models.checkins import CheckinAnswer, CheckinRound, MonthlyCheck, ReportRequest
from db.models.moments import HardMoment, ShareEntry, SharePlan, ShareReply
from db.models.path import Path, PathStep
from db.models.people import Couple, Invite, User
from db.models.schedule import Delivery, Reminder, Worker
from db.models.writing import Appreciation, HeldMessage, JournalEntry

__all__ = [
    "NAMING",
    "Appreciation",
    "Base",
    "Boundary",
    "BoundaryResponse",
    "BoundaryReview",
    "BoundaryVersion",
    "CheckinAnswer",
    "CheckinRound",
    "Couple",
    "Delivery",
    "HardMoment",
    "HeldMessage",
    "Invite",
    "JournalEntry",
    "MonthlyCheck",
    "Path",
    "PathStep",
    "Reminder",
    "ReportRequest",
    "ShareEntry",
    "SharePlan",
    "ShareReply",
    "User",
    "Worker",
]

# Sealing and opening EncryptedText columns with each person's data key (ORM events).
from db import envelope as _envelope  # noqa: F401
