"""core.hard_moments and core.share on a real database: the hourly limit, quiet hours and "send
anyway" (silent), presser checks, the pattern's numbers; a share's rhythm, end date and renewal
through the dispatcher, and that only the sharer can start or change it."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import hard_moments, share, share_rights
from core.clock import ManualClock
from core.hard_moments import AnswerStatus, TellStatus
from db.models import HardMoment, SharePlan, User
from scheduler.dispatch import Dispatcher
from tests.integration.conftest import RecordingNotifier, make_couple, make_person

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


async def _three(sessions: async_sessionmaker[AsyncSession], now: datetime) -> None:
    """1 (hurt) and 2 (broke) paired; 3 a stranger, paired with nobody."""
    await make_person(sessions, 1, "Europe/Berlin", now)
    await make_person(sessions, 2, "Europe/Berlin", now, role="broke")
    await make_person(sessions, 3, "Europe/Berlin", now)
    await make_couple(sessions, 1, 2, now)


async def _tell(sessions, user_id: int, now: datetime, moment: int = 0, anyway: bool = False):
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        return await hard_moments.tell_partner(session, user, moment, now, send_anyway=anyway)


async def test_tell_waits_for_quiet_hours_unless_sent_anyway_silently_and_once_an_hour(sessions):
    night = at(1, 3)  # 03:00 in Berlin: the partner's quiet hours (22:00-08:00)
    await _three(sessions, night)
    asked = await _tell(sessions, 1, night)
    assert asked.status is TellStatus.PARTNER_QUIET and asked.moment_id is None
    sent = await _tell(sessions, 1, night, anyway=True)
    assert (sent.status, sent.partner_id, sent.silent) == (TellStatus.SENT, 2, True)
    again = await _tell(sessions, 1, night + timedelta(minutes=59), anyway=True)
    assert again.status is TellStatus.HELD_WITHIN_HOUR
    later = await _tell(sessions, 1, at(1, 12, 1))  # daytime, over an hour later: not silent
    assert (later.status, later.silent) == (TellStatus.SENT, False)
    assert (await _tell(sessions, 3, night)).status is TellStatus.UNPAIRED
    # Someone else's moment id is refused, and nothing is made.
    assert (await _tell(sessions, 3, night, moment=sent.moment_id or 0)).status is (
        TellStatus.REFUSED
    )
    async with sessions.begin() as session:
        stranger = await session.get(User, 3)
        partner = await session.get(User, 2)
        moment_id = sent.moment_id or 0
        assert await hard_moments.set_intensity(session, stranger, moment_id, 3) is None
        refused = await hard_moments.answer(session, stranger, moment_id, "here", night)
        assert refused.status is AnswerStatus.REFUSED
        forged = await hard_moments.answer(session, partner, moment_id, "hug", night)
        assert forged.status is AnswerStatus.REFUSED
        answered = await hard_moments.answer(session, partner, moment_id, "here", night)
        assert (answered.status, answered.to_user_id) == (AnswerStatus.SENT, 1)
        twice = await hard_moments.answer(session, partner, moment_id, "talk", night)
        assert twice.status is AnswerStatus.ALREADY
        assert len((await hard_moments.export(session, stranger))["hard_moments"]) == 0


async def test_the_pattern_counts_two_weeks_and_what_helped_most(sessions):
    now = at(20, 12)
    await _three(sessions, now)
    rows = [
        (now - timedelta(days=1), 4, "Going outside"),
        (now - timedelta(days=3), 2, "going outside "),
        (now - timedelta(days=5), None, None),
        (now - timedelta(days=9), 5, "Breathing slowly"),
        (now - timedelta(days=20), 5, "Breathing slowly"),  # older than two weeks
    ]
    async with sessions.begin() as session:
        for created, intensity, helped in rows:
            session.add(
                HardMoment(user_id=1, created_at=created, intensity=intensity, helped=helped)
            )
    async with sessions.begin() as session:
        found = await hard_moments.pattern(session, 1, now)
        assert (found.this_week, found.last_week, found.average) == (3, 1, 3.0)
        assert found.helped_most == "Going outside"
        assert (await hard_moments.pattern(session, 2, now)).empty


async def _plan(sessions, user_id: int) -> SharePlan | None:
    async with sessions() as session:
        return await share.plan_of(session, user_id)


async def test_a_share_comes_on_its_rhythm_stops_at_its_end_and_only_the_sharer_acts(
    sessions, notifier: RecordingNotifier
):
    clock = ManualClock(at(1, 12))  # a Tuesday
    await _three(sessions, clock.now())
    assert share.days_mask("few_days", 1) == 0b10010 and share.days_mask("weekly", 6) == 1 << 6
    async with sessions.begin() as session:
        sharer, receiver, stranger = [await session.get(User, i) for i in (1, 2, 3)]
        assert await share.suggestion_for(session, receiver, clock.now()) is not None
        assert await share.suggestion_for(session, sharer, clock.now()) is None  # not "broke"
        assert await share.set_up(session, stranger, "daily", 19 * 60, clock.now()) is (
            share.SetUpRefusal.UNPAIRED
        )
        assert await share.set_up(session, receiver, "daily", 23 * 60, clock.now()) is (
            share.SetUpRefusal.IN_QUIET_HOURS
        )
        plan = await share.set_up(session, receiver, "few_days", 19 * 60, clock.now())
        assert isinstance(plan, SharePlan)
        assert await share.suggestion_for(session, receiver, clock.now()) is None
        # The other partner can neither start, pause nor end it.
        assert await share.start_entry(session, sharer, plan.id, clock.now()) is None
        for what in share.Change:
            assert await share.change(session, sharer, plan.id, what, clock.now()) is None
    work = Dispatcher(sessions, notifier, clock, "w1", rng=random.Random(1))
    for day in range(1, 15):
        clock.set(at(day, 19, 1))
        await work.run_once()
    invites = [m for m in notifier.to(2) if m.kind == "share"]
    # Tuesdays and Fridays: 1, 4, 8, 11 December (the 15th is not yet reached).
    assert [(m.item_id, m.ref) for m in invites] == [("invite", plan.id)] * 4
    async with sessions.begin() as session:
        row = await session.get(SharePlan, plan.id)
        assert row is not None
        row.ends_at = at(16, 12)  # as if eight weeks had passed
    for day in range(15, 30):
        clock.set(at(day, 19, 1))
        await work.run_once()
    invites = [m for m in notifier.to(2) if m.kind == "share"]
    assert [m.item_id for m in invites] == ["invite"] * 5 + ["renew"]  # the 15th, then the offer
    ended = await _plan(sessions, 2)
    assert ended is not None and ended.ended_at is not None
    async with sessions.begin() as session:
        receiver = await session.get(User, 2)
        renewed = await share.change(session, receiver, plan.id, share.Change.RENEW, clock.now())
        assert renewed is not None and renewed.ended_at is None
    clock.set(at(30, 19, 1))  # a Wednesday: not a share day
    await work.run_once()
    assert len([m for m in notifier.to(2) if m.kind == "share"]) == 6


async def test_only_the_receiver_answers_once_and_a_note_of_danger_is_held(sessions):
    now = at(2, 12)
    await _three(sessions, now)
    async with sessions.begin() as session:
        hurt, broke, stranger = [await session.get(User, i) for i in (1, 2, 3)]
        entry = await share.start_entry(session, broke, None, now)
        assert entry is not None
        assert await share.write_part(session, hurt, entry.id, 0, "forged") is None
        assert await share.write_part(session, broke, entry.id, 0, "Tired, hopeful") is not None
        assert await share.reply(session, hurt, entry.id, "thanks", now) == share.Replied(
            share.ReplyStatus.REFUSED
        )  # not sent yet
        assert await share.send(session, hurt, entry.id, now, quiet=False) is (
            share.SendRefusal.NOT_YOURS
        )
        sent = await share.send(session, broke, entry.id, now, quiet=False)
        assert isinstance(sent, share.Sent) and sent.to_user_id == 1
        assert (await share.reply(session, stranger, entry.id, "talk", now)).status is (
            share.ReplyStatus.REFUSED
        )
        talk = await share.reply(session, hurt, entry.id, "talk", now)
        assert talk.status is share.ReplyStatus.ASK_NOTE and talk.reply_id is not None
        assert (await share.reply(session, hurt, entry.id, "thanks", now)).status is (
            share.ReplyStatus.ALREADY
        )
        held = await share.talk_note(session, hurt, talk.reply_id, "x", now, unsafe=True)
        assert held.status is share.ReplyStatus.HELD
        anyway = await share.talk_note(session, hurt, talk.reply_id, None, now, send_anyway=True)
        assert (anyway.status, anyway.to_user_id) == (share.ReplyStatus.RELAY, 2)
        mine = await share_rights.export(session, broke)
        theirs = await share_rights.export(session, hurt)
    assert mine["shares_written"][0]["feelings"] == "Tired, hopeful"
    assert mine["shares_written"][0]["partner_answer"] == "talk"
    assert "Tired, hopeful" not in repr(theirs)
    assert theirs["share_answers_given"][0]["note"] == "x"
