"""/report's conversation (use cases): the period, the checklist, making it, and the couple
report that waits for the other partner's yes.

Button data (`rp:`) carries the whole choice (a period key and a section mask), so no step is
kept anywhere. Each press returns an `Outcome`; a report to make is a `COPY` note per reader
(its `data` a `core.report.ReportData`, gathered in the press's one transaction), which bot/
draws in a worker thread and sends as a document after the commit. The rules of who may see
what are core.report's; who may answer a request, core.report_consent's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core import pairing, people, report, report_consent
from core.actions import Press
from core.languages import known
from core.outcome import STALE, Note, Outcome, note_to, say
from core.report import Choice
from db.models import ReportRequest, User

log = logging.getLogger(__name__)

PERIODS = "report.periods"  # the first step: which stretch of time
CHECKLIST = "report.checklist"  # data: Checklist
NOTHING = "report.nothing"  # nothing ticked; data: Checklist (the same buttons again)
WORKING = "report.working"  # the report is being made
NEEDS_PARTNER = "report.needs_partner"
ASKED = "report.asked"  # the partner has been asked
YES_DONE = "report.yes_done"  # the partner said yes
NO_DONE = "report.no_done"  # the partner said no
REFUSED = "report.refused"  # a request that is not (or no longer) the presser's to answer
ASK = "report.ask"  # note: the partner's question; data: Question
NO_TOLD = "report.no_told"  # note: the partner would rather not
COPY = "report.copy"  # note: a report to draw and send; data: ReportData
ON_ITS_WAY = "report.on_its_way"  # toast: a second yes; the copies are already made
ANSWERED = "report.answered"  # toast: this request was answered already


@dataclass(frozen=True)
class Checklist:
    """The checklist on screen: a period key, the ticked sections' mask, whether paired."""

    period: str
    mask: int
    paired: bool


@dataclass(frozen=True)
class Question:
    """What the partner is asked: the request to answer (its id goes on their buttons)."""

    request_id: int
    choice: Choice


def _choice(pressed: Press) -> Choice | None:
    period, mask = pressed.word(0), pressed.number(1)
    if period not in report.PERIODS or mask >= 1 << len(report.SECTIONS):
        return None
    return Choice(period, report.sections_of(mask))


def start() -> Outcome:
    """/report: ask for the period."""
    return say(PERIODS)


async def press(
    session: AsyncSession, user: User | None, pressed: Press, now: datetime, name: str = ""
) -> Outcome:
    """Every `rp:` press: p(eriod), t(ick), go (make), cp (ask the partner), ok/no (the
    partner's answer). `user` is None for someone not set up; `name`: the presser's first name
    for their own report's cover. Data that no button of ours carries is STALE."""
    paired = user is not None and user.couple_id is not None
    if pressed.verb == "p":
        if pressed.word(0) not in report.PERIODS:
            return _refused(user, pressed)
        mask = report.mask_of(report.DEFAULT)
        return say(CHECKLIST, data=Checklist(pressed.word(0), mask, paired))
    if pressed.verb in ("ok", "no"):
        return await answer(session, user, pressed.number(), pressed.verb == "ok", now)
    choice = _choice(pressed)
    if choice is None:
        return _refused(user, pressed)
    mask = report.mask_of(choice.sections)
    if pressed.verb == "t":
        return say(CHECKLIST, data=Checklist(choice.period, mask, paired))
    if not choice.sections:
        return say(NOTHING, data=Checklist(choice.period, 0, paired))
    if pressed.verb == "go":
        return await make(session, user, choice, now, name)
    return await ask(session, user, choice, now)


def _refused(user: User | None, pressed: Press) -> Outcome:
    log.info("report.refused user=%s action=%s", user.id if user else None, pressed.verb)
    return Outcome(toast=STALE)


async def make(
    session: AsyncSession, user: User | None, choice: Choice, now: datetime, name: str
) -> Outcome:
    """The person's own report: gathered now, drawn and sent once the transaction is over."""
    if user is None:
        return say(WORKING)
    partner = await pairing.partner_of(session, user)
    data = await report.gather(session, user, partner, choice, now, name)
    copy = Note(user.id, COPY, "report", data=data, language=known(user.language))
    return say(WORKING).plus(copy)


async def ask(session: AsyncSession, user: User | None, choice: Choice, now: datetime) -> Outcome:
    """Ask the partner for a couple report (a note to them, silent in their quiet hours)."""
    partner = await pairing.partner_of(session, user) if user is not None else None
    asked = (
        await report_consent.ask(session, user, partner, choice, now)
        if user is not None
        else report_consent.Refusal.NO_PARTNER
    )
    if not isinstance(asked, report_consent.Asked) or partner is None:
        return say(NEEDS_PARTNER)
    assert user is not None
    log.info("report.asked user=%s request=%s", user.id, asked.request_id)
    question = Question(asked.request_id, asked.choice)
    return say(ASKED).plus(note_to(partner, now, ASK, kind="report_ask", data=question))


async def answer(
    session: AsyncSession, user: User | None, request_id: int, yes: bool, now: datetime
) -> Outcome:
    """The partner's yes or no. Only the person asked may answer, once: a second tap on the
    answered request is a quiet toast (no new message); anything else is refused below the press.
    On yes both get a copy (the one who asked as a note caused by the partner)."""
    outcome = (
        await report_consent.answer(session, user, request_id, yes, now)
        if user is not None
        else report_consent.Refusal.UNKNOWN
    )
    if outcome is report_consent.Refusal.ANSWERED:
        request = await session.get(ReportRequest, request_id)
        said_yes = request is not None and request.answer == "yes"
        return Outcome(toast=ON_ITS_WAY if said_yes else ANSWERED)
    if isinstance(outcome, report_consent.Refusal):
        log.info(
            "report.refused user=%s request=%s reason=%s",
            user.id if user else None,
            request_id,
            outcome.value,
        )
        return say(REFUSED, below=True)
    asker = await people.get(session, outcome.requester_id)
    if isinstance(outcome, report_consent.Declined):
        return say(NO_DONE).plus(*_told(asker, now, NO_TOLD, "report"))
    assert user is not None
    notes = []
    if asker is not None:
        mine = await report.gather(session, asker, user, outcome.choice, now)
        notes.append(note_to(asker, now, COPY, kind="report", data=mine))
    theirs = await report.gather(session, user, asker, outcome.choice, now)
    notes.append(Note(user.id, COPY, "report", data=theirs, language=known(user.language)))
    return say(YES_DONE).plus(*notes)


def _told(reader: User | None, now: datetime, key: str, kind: str) -> tuple[Note, ...]:
    return () if reader is None else (note_to(reader, now, key, kind=kind),)
