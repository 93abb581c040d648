"""core.path on a real database: starting together or alone, moving on only when both are ready,
the reflection revealed once and only after both answered, the rotation's stage first, pause
and leave, path messages through the due queue, and buttons checked against the presser."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import summaries
from content import library
from content.path import path as content
from core import checkins, journal, path_messages, path_reflection
from core import path as path_core
from core.clock import ManualClock
from core.path import Outcome
from db.models import Path, PathStep, Reminder, User
from scheduler.dispatch import Dispatcher
from tests.integration.conftest import RecordingNotifier, make_couple, make_person

NOW = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # 12:00 in Berlin: outside quiet hours
T = TypeVar("T")
Sessions = async_sessionmaker[AsyncSession]


async def run(
    sessions: Sessions, user_id: int, act: Callable[[AsyncSession, User], Awaitable[T]]
) -> T:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return await act(session, user)


async def couple(sessions: Sessions) -> None:
    await make_person(sessions, 1, "Europe/Berlin", NOW, role="hurt")
    await make_person(sessions, 2, "Europe/Berlin", NOW, role="broke")
    await make_couple(sessions, 1, 2, NOW)


async def started(sessions: Sessions) -> int:
    await couple(sessions)
    invited = await run(sessions, 1, lambda s, u: path_core.start(s, u, NOW))
    assert invited.outcome is Outcome.INVITED and invited.partner_id == 2
    again = await run(sessions, 1, lambda s, u: path_core.start(s, u, NOW))
    assert again.outcome is Outcome.ALREADY_INVITED
    assert invited.path_id is not None
    path_id = invited.path_id
    yes = await run(sessions, 2, lambda s, u: path_core.accept(s, u, path_id, NOW))
    assert (yes.outcome, yes.stage, yes.partner_id) == (Outcome.STARTED, 1, 1)
    return path_id


async def reflect(sessions: Sessions, user_id: int, path_id: int, stage: int, at: datetime):
    async def act(session: AsyncSession, user: User) -> path_reflection.Reflected:
        found = await path_reflection.answerable(session, user, path_id, stage, at)
        assert not isinstance(found, path_reflection.Refusal)
        path, step = found
        path_reflection.write(step, "helped", f"walks {user_id}", unsafe=False)
        path_reflection.write(step, "hard", None, unsafe=False)
        return await path_reflection.finish(session, user, path, step, at)

    return await run(sessions, user_id, act)


async def test_start_together_alone_and_the_partners_opening_waits_in_the_queue(sessions):
    path_id = await started(sessions)
    await make_person(sessions, 3, "Europe/Berlin", NOW)
    alone = await run(sessions, 3, lambda s, u: path_core.start(s, u, NOW))
    assert alone.outcome is Outcome.STARTED_SOLO and alone.path_id != path_id
    notifier = RecordingNotifier()
    work = Dispatcher(sessions, notifier, ManualClock(NOW), "w1", rng=random.Random(1))
    await work.run_once()
    # Bob agreed and saw stage 1 at once; Alice's opening came through the due queue.
    assert [(m.user_id, m.kind, m.item_id) for m in notifier.sent] == [(1, "path", "path:open:1")]
    assert notifier.sent[0].text.startswith("Week 1 of 10 on your path")
    await work.run_once()
    assert len(notifier.sent) == 1  # once
    later = NOW + path_core.REFLECT_AFTER + timedelta(hours=6)  # 18:00 in Berlin, the path's hour
    late = Dispatcher(sessions, notifier, ManualClock(later), "w2")
    await late.run_once()  # the missed days are skipped first (nothing piles up)
    await late.run_once()
    asked = sorted((m.user_id, m.item_id) for m in notifier.sent[1:])
    assert asked == [(1, "path:reflect:1"), (2, "path:reflect:1"), (3, "path:reflect:1")]


async def test_moving_on_needs_both_and_the_reflection_first(sessions):
    path_id = await started(sessions)
    early = await run(sessions, 1, lambda s, u: path_core.ready(s, u, path_id, 1, NOW))
    assert early.outcome is Outcome.NOT_YET
    await reflect(sessions, 1, path_id, 1, NOW)
    waiting = await run(sessions, 1, lambda s, u: path_core.ready(s, u, path_id, 1, NOW))
    assert (waiting.outcome, waiting.partner_id) == (Outcome.WAITING, 2)
    stay = await run(sessions, 1, lambda s, u: path_core.stay(s, u, path_id, 1))
    assert stay.outcome is Outcome.STAYING
    await reflect(sessions, 2, path_id, 1, NOW)
    alone = await run(sessions, 2, lambda s, u: path_core.ready(s, u, path_id, 1, NOW))
    assert alone.outcome is Outcome.WAITING  # Alice chose to stay longer
    moved = await run(sessions, 1, lambda s, u: path_core.ready(s, u, path_id, 1, NOW))
    assert (moved.outcome, moved.stage) == (Outcome.MOVED, 2)
    old = await run(sessions, 2, lambda s, u: path_core.ready(s, u, path_id, 1, NOW))
    assert old.outcome is Outcome.STALE  # a button from stage 1 changes nothing now
    where = await run(sessions, 2, lambda s, u: path_messages.where(s, u, True, NOW))
    assert (where.stage, where.answered, where.ready) == (2, False, False)
    weekly = await run(sessions, 2, lambda s, u: summaries.build(s, u.id, NOW))
    assert weekly is not None and (weekly.path_stage, weekly.path_paused) == (2, False)
    title = content().stages[1].title
    assert f"Your path: stage 2 of 10, {title}." in summaries.text_of(weekly)


async def test_the_reflection_reveals_once_when_both_finish_at_the_same_moment(sessions):
    path_id = await started(sessions)
    mine = await run(sessions, 1, lambda s, u: path_reflection.revealed_pair(s, u, path_id, 1))
    assert mine is None
    outcomes = await asyncio.gather(
        reflect(sessions, 1, path_id, 1, NOW), reflect(sessions, 2, path_id, 1, NOW)
    )
    assert sorted(o.revealed for o in outcomes) == [False, True]
    shown = next(o for o in outcomes if o.revealed)
    assert shown.theirs is not None and shown.theirs.helped in ("walks 1", "walks 2")
    again = await run(sessions, 1, lambda s, u: path_reflection.answerable(s, u, path_id, 1, NOW))
    assert again is path_reflection.Refusal.REVEALED  # answers are final once shown
    pair = await run(sessions, 2, lambda s, u: path_reflection.revealed_pair(s, u, path_id, 1))
    assert pair is not None and pair[0].helped == "walks 2" and pair[1].helped == "walks 1"


async def test_one_answer_alone_is_never_shown_and_danger_words_are_held(sessions):
    path_id = await started(sessions)

    async def unsafe(session: AsyncSession, user: User) -> path_reflection.Reflected:
        found = await path_reflection.answerable(session, user, path_id, 1, NOW)
        assert not isinstance(found, path_reflection.Refusal)
        path_reflection.write(found[1], "hard", "words", unsafe=True)
        return await path_reflection.finish(session, user, *found, NOW)

    first = await run(sessions, 1, unsafe)
    assert not first.revealed and first.theirs is None
    second = await reflect(sessions, 2, path_id, 1, NOW)
    assert second.revealed and second.theirs is not None
    assert second.theirs.held and second.theirs.hard is None  # kept back from Bob
    shared = await run(sessions, 1, lambda s, u: path_reflection.share_held(s, u, path_id, 1))
    assert shared.taken and shared.partner_id == 2 and shared.relay and shared.relay.hard == "words"


async def test_rotation_draws_from_the_stage_first_then_the_rest_without_repeats(sessions):
    candidates = library.pool("selfcare", ["hurt"])
    section = "boundaries"
    ours = [item for item in candidates if item.section == section]
    assert ours and len(ours) < len(candidates)
    seen, picked = "", []
    rng = random.Random(3)
    for _ in range(len(candidates)):
        item, seen = library.choose(candidates, seen, rng, prefer=section)
        picked.append(item)
    assert {i.section for i in picked[: len(ours)]} == {section}
    assert len({i.id for i in picked}) == len(candidates)  # every item once, then afresh
    path_id = await started(sessions)
    async with sessions.begin() as session:
        path = await session.get(Path, path_id)
        assert path is not None
        path.stage = 4  # the boundaries stage
    notifier = RecordingNotifier()
    clock = ManualClock(datetime(2026, 12, 1, 8, 0, tzinfo=UTC))  # 09:00 Berlin: nudges
    await Dispatcher(sessions, notifier, clock, "w1", rng=random.Random(1)).run_once()
    nudges = [m for m in notifier.sent if m.kind == "selfcare"]
    assert len(nudges) == 2
    for message in nudges:
        item = next(i for i in library.library()["selfcare"] if i.text == message.text)
        assert item.section == section

    async def joint(session: AsyncSession, user: User) -> tuple[str, str]:
        partner = await session.get(User, 2)
        _, prompt = await checkins.todays_prompt(session, user, partner, clock.now(), rng)
        return prompt.section, journal.prompt_for(
            user, rng, await path_core.section_of(session, user)
        ).section

    assert await run(sessions, 1, joint) == (section, section)


async def test_pause_resume_and_leave(sessions):
    path_id = await started(sessions)
    paused = await run(sessions, 2, lambda s, u: path_core.pause(s, u, path_id, NOW))
    assert (paused.outcome, paused.partner_id) == (Outcome.PAUSED, 1)
    users = await run(sessions, 1, lambda s, u: path_core.sections_of(s, [u]))
    assert users == {}  # paused: the general rotation
    later = NOW + timedelta(days=3)
    assert await run(sessions, 1, lambda s, u: path_messages.due(s, u, later)) is None
    resumed = await run(sessions, 1, lambda s, u: path_core.resume(s, u, path_id, later))
    assert resumed.outcome is Outcome.RESUMED
    where = await run(sessions, 1, lambda s, u: path_messages.where(s, u, True, later))
    assert where.day == 1  # the paused days did not count
    assert await run(sessions, 1, lambda s, u: path_core.sections_of(s, [u])) == {1: "reflect"}
    left = await run(sessions, 1, lambda s, u: path_core.leave(s, u, path_id, later))
    assert (left.outcome, left.partner_id) == (Outcome.LEFT, 2)
    async with sessions() as session:
        rows = (await session.execute(select(Reminder).where(Reminder.kind == "path"))).scalars()
        assert [(r.enabled, r.next_fire_at) for r in rows] == [(False, None)] * 2
    gone = await run(sessions, 1, lambda s, u: path_messages.where(s, u, True, later))
    assert gone.path_id is None


async def test_buttons_naming_another_couples_path_are_refused_with_ids_only(sessions, caplog):
    path_id = await started(sessions)
    await make_person(sessions, 3, "Europe/Berlin", NOW)
    await make_person(sessions, 4, "Europe/Berlin", NOW)
    await make_couple(sessions, 3, 4, NOW)
    caplog.set_level(logging.INFO)
    for act in (
        lambda s, u: path_core.ready(s, u, path_id, 1, NOW),
        lambda s, u: path_core.pause(s, u, path_id, NOW),
        lambda s, u: path_core.leave(s, u, path_id, NOW),
        lambda s, u: path_core.accept(s, u, path_id, NOW),
    ):
        assert (await run(sessions, 3, act)).outcome is Outcome.STALE
    refused = await run(sessions, 3, lambda s, u: path_reflection.answerable(s, u, path_id, 1, NOW))
    assert refused is path_reflection.Refusal.STALE
    lines = [r.getMessage() for r in caplog.records if "path.refused" in r.getMessage()]
    assert len(lines) == 5 and all(line.startswith("path.refused user=3 path=") for line in lines)
    async with sessions() as session:
        steps = (await session.execute(select(PathStep))).scalars().all()
        assert {s.user_id for s in steps} == {1, 2}


async def test_both_pressing_start_at_once_make_one_path(sessions):
    await couple(sessions)
    results = await asyncio.gather(
        run(sessions, 1, lambda s, u: path_core.start(s, u, NOW)),
        run(sessions, 2, lambda s, u: path_core.start(s, u, NOW)),
    )
    assert sorted(r.outcome for r in results) == sorted([Outcome.INVITED, Outcome.STARTED])
    assert len({r.path_id for r in results}) == 1
