"""/schedule, /quiet and /resume as use cases: a real database, a manual clock, no Telegram.
Bad input changes nothing; a reminder is never moved into quiet hours."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import reminders, schedule_flow, settings_flow
from core.outcome import Outcome
from db.models import User
from tests.core.conftest import ALICE, NOON, person

Sessions = async_sessionmaker[AsyncSession]


async def schedule(sessions: Sessions, *args: str) -> Outcome:
    async with sessions.begin() as session:
        user = await session.get(User, ALICE)
        assert user is not None
        return await schedule_flow.schedule(session, user, list(args), NOON)


async def quiet(sessions: Sessions, *args: str) -> Outcome:
    async with sessions.begin() as session:
        return await schedule_flow.quiet(session, ALICE, list(args))


async def test_a_time_inside_quiet_hours_is_refused_and_changes_nothing(
    sessions: Sessions,
) -> None:
    await person(sessions, ALICE)
    overview = await schedule(sessions)
    before = {r.kind: r.minute_of_day for r in overview.replies[0].data[1]}
    refused = await schedule(sessions, "nudge", "23:30")
    assert (refused.say, refused.replies[0].data) == (schedule_flow.IN_QUIET, (1410, 1320, 480))
    assert (await schedule(sessions, "nudge", "whenever")).say == schedule_flow.BAD_TIME
    assert (await schedule(sessions, "unicorns", "9:00")).say == schedule_flow.BAD_KIND
    moved = await schedule(sessions, "nudge", "9:15")
    reminder, how = moved.replies[0].data
    assert (moved.say, how, reminder.minute_of_day) == (schedule_flow.CHANGED, "time", 555)
    async with sessions.begin() as session:
        after = {r.kind: r.minute_of_day for r in await reminders.reminders_of(session, ALICE)}
    assert after == {**before, reminders.Kind.SELFCARE.value: 555}


async def test_quiet_hours_read_set_and_name_what_falls_inside(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    await schedule(sessions)  # the default reminders exist
    assert (await quiet(sessions, "23:00", "23:00")).say == schedule_flow.QUIET_SAME
    assert (await quiet(sessions, "soon")).say == schedule_flow.QUIET_BAD
    set_ = await quiet(sessions, "6:00", "10:00")
    start, end, inside = set_.replies[0].data
    assert (set_.say, start, end) == (schedule_flow.QUIET_SET, 360, 600)
    assert all(360 <= r.minute_of_day < 600 for r in inside)
    assert (await quiet(sessions, "off")).say == schedule_flow.QUIET_OFF
    async with sessions.begin() as session:
        stranger = await schedule_flow.quiet(session, 4242, [])
    assert stranger.say == settings_flow.NEEDS_CONSENT


async def test_resume_says_whether_anything_was_paused(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        await settings_flow.pause(session, ALICE, "3d", NOON)
        user = await session.get(User, ALICE)
        assert user is not None
        assert (await schedule_flow.resume(session, user, NOON)).say == schedule_flow.RESUMED
        assert (await schedule_flow.resume(session, user, NOON)).say == schedule_flow.NOT_PAUSED
