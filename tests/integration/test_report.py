"""The report's visibility rules and the monthly look, in core, on a real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.path import path as path_content
from core import measure, pairing, path, people, report, report_hard, rights
from core.export_markdown import to_markdown
from core.report import Choice
from db import migrate
from db.models import CheckinAnswer, CheckinRound, MonthlyCheck, User
from db.session import create_engine
from db.types import install_keyring
from tests import report_seed as s

NOW = datetime(2026, 11, 26, 19, 0, tzinfo=UTC)
END = date(2026, 11, 26)
ME, PARTNER = 11, 12


async def _couple(session: AsyncSession) -> tuple[User, User]:
    setup = NOW - timedelta(days=90)
    for user_id, role in ((ME, people.Role.HURT), (PARTNER, people.Role.BROKE)):
        user, _ = await people.give_consent(session, user_id, setup)
        people.set_role(user, role)
        people.set_timezone(user, "Europe/Berlin")
    me = await session.get(User, ME)
    assert me is not None
    invite = await pairing.create_invite(session, me, setup)
    assert isinstance(invite, pairing.NewInvite)
    await pairing.join(session, PARTNER, invite.code, setup)
    assert isinstance(await pairing.confirm(session, ME, PARTNER, setup), pairing.Paired)
    partner = await session.get(User, PARTNER)
    assert partner is not None and me.couple_id is not None
    return me, partner


@pytest.fixture
async def session(database_url: str):
    install_keyring([Fernet.generate_key().decode()])
    engine = create_engine(database_url)
    await migrate.upgrade(engine)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            yield session
    finally:
        await engine.dispose()


async def test_report_holds_only_what_the_reader_may_see(session: AsyncSession):
    me, partner = await _couple(session)
    assert me.couple_id is not None
    await s.seed(session, me.couple_id, ME, PARTNER, END, 56)
    everything = Choice("8w", frozenset(report.SECTIONS))
    data = await report.gather(session, me, partner, everything, NOW, "Zoë")
    assert (data.start, data.end, len(data.week_ends)) == (END - timedelta(days=55), END, 8)
    assert data.partner is not None and data.me is not None
    theirs = data.partner.averages
    # The partner's private safety 5 and the unrevealed 5,5,5 are left out.
    assert (theirs.safety, theirs.connection, theirs.agreements, theirs.count) == (
        2.0,
        3.0,
        4.0,
        55,
    )
    assert (data.me.averages.safety, data.me.averages.count, data.me.days) == (4.0, 55, 55)
    words = " ".join(w.text for w in data.answers)
    assert s.MY_PRIVATE in words and s.MY_SHARED in words  # my own private words: ticked
    assert [w.private for w in data.answers if w.text == s.MY_PRIVATE] == [True]
    assert s.PARTNER_PRIVATE not in repr(data) and s.PARTNER_SHARED not in repr(data)
    assert s.UNREVEALED not in repr(data)
    october, november = date(2026, 10, 1), date(2026, 11, 1)
    assert data.monthly_mine == {october: 12, november: 14}
    assert data.monthly_partner == {november: 17}  # October's 9 was not shared
    # Without ticking, no words at all; the partner's view never has my private 14 either.
    plain = await report.gather(session, me, partner, Choice("8w", report.DEFAULT), NOW)
    assert plain.answers == () and plain.journal == ()
    theirs_view = await report.gather(session, partner, me, Choice("8w", report.DEFAULT), NOW)
    assert theirs_view.monthly_partner == {}
    # A couple report: only shared answers count, for both, and never anyone's words.
    couple = await report.gather(
        session, me, partner, Choice("8w", everything.sections, couple=True), NOW
    )
    assert couple.answers == () and couple.journal == ()
    assert couple.monthly_mine == {}  # my looks were private
    assert couple.me is not None and couple.me.averages.count == 55


async def test_hard_moments_only_the_readers_own_words_only_when_ticked(session: AsyncSession):
    me, partner = await _couple(session)
    await s.seed_hard(session, ME, PARTNER, END)
    plain = await report.gather(session, me, partner, Choice("8w", report.DEFAULT), NOW)
    assert plain.hard == report_hard.Hard(report_hard.Tally(3, 3.0, s.MY_HELPED))
    assert s.MY_TRIGGER not in repr(plain) and "LONGAGOWORDS" not in repr(plain)
    for hidden in (s.PARTNER_TRIGGER, s.PARTNER_HELPED):
        assert hidden not in repr(plain)
    partner.hard_in_summary = True  # sharing with the summary never reaches my own report
    ticked = Choice("8w", report.DEFAULT | {"hard_words"})
    mine = await report.gather(session, me, partner, ticked, NOW)
    noted = [(n.intensity, n.trigger) for n in mine.hard.noted]
    assert noted == [(None, None), (4, None), (2, s.MY_TRIGGER)]  # oldest first
    assert mine.hard.partner is None and s.PARTNER_TRIGGER not in repr(mine)
    words_only = await report.gather(
        session, me, partner, Choice("8w", frozenset({"hard_words"})), NOW
    )
    assert words_only.hard.mine is None and len(words_only.hard.noted) == 3
    # A couple report: the count and average of whoever shows them in the summary, no words.
    couple = Choice("8w", frozenset(report.SECTIONS), couple=True)
    both = await report.gather(session, me, partner, couple, NOW)
    assert both.hard == report_hard.Hard(None, report_hard.Tally(2, 5.0))
    me.hard_in_summary = True
    both = await report.gather(session, partner, me, couple, NOW)
    assert both.hard == report_hard.Hard(report_hard.Tally(2, 5.0), report_hard.Tally(3, 3.0))
    assert s.MY_HELPED not in repr(both) and s.PARTNER_HELPED not in repr(both)


async def test_path_stage_only_while_walking(session: AsyncSession):
    me, partner = await _couple(session)
    choice = Choice("4w", frozenset({"path"}))
    assert (await report.gather(session, me, partner, choice, NOW)).path is None
    invited = await path.start(session, me, NOW)
    assert (await report.gather(session, me, partner, choice, NOW)).path is None  # only invited
    assert (await path.accept(session, partner, invited.path_id or 0, NOW)).outcome == "started"
    title = path_content().stages[0].title
    for reader, other in ((me, partner), (partner, me)):
        stage = (await report.gather(session, reader, other, choice, NOW)).path
        assert stage == report_hard.PathStage(1, 10, title, paused=False)


async def _rounds(session: AsyncSession, me: User, days: list[date]) -> list[CheckinRound]:
    made = []
    for day in days:
        opened = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        round_ = CheckinRound(
            solo_user_id=me.id,
            local_date=day,
            prompt_id="ci-001",
            opened_at=opened,
            closes_at=opened + timedelta(days=1),
        )
        session.add(round_)
        await session.flush()
        session.add(
            CheckinAnswer(
                round_id=round_.id,
                user_id=me.id,
                safety=3,
                connection=3,
                agreements=3,
                text_skipped=True,
                private_mask=0,
                started_at=opened,
                updated_at=opened,
                completed_at=opened,
            )
        )
        made.append(round_)
    await session.flush()
    return made


async def test_monthly_look_once_a_month_skippable_and_scored(session: AsyncSession):
    me, _ = await _couple(session)
    assert me.couple_id is not None
    await pairing.unlink(session, me, me.couple_id, NOW - timedelta(days=60))  # solo rounds
    days = [date(2026, 10, 20) + timedelta(days=i) for i in range(16)]  # Oct 20 .. Nov 4
    rounds = await _rounds(session, me, days)
    # Six earlier days are not enough; the seventh round after them asks.
    assert await measure.pending(session, me, rounds[6], NOW) is None
    check = await measure.pending(session, me, rounds[7], NOW)
    assert check is not None and check.month == date(2026, 10, 1) and not check.shared
    with pytest.raises(ValueError):
        measure.answer(check, "warm", 6, NOW)  # 0..5
    assert [
        measure.answer(check, q, v, NOW)
        for q, v in zip(measure.QUESTIONS, (6, 4, 2, 1), strict=True)
    ] == [None, None, None, 13]
    assert measure.is_low(13) and not measure.is_low(14)
    assert await measure.pending(session, me, rounds[8], NOW) is None  # once a month
    november = await measure.pending(session, me, rounds[12], NOW)  # Nov 1: a new month
    assert november is not None and november.month == date(2026, 11, 1)
    measure.skip(november, NOW)
    await session.flush()
    assert measure.score(november) is None
    assert await measure.pending(session, me, rounds[13], NOW) is None  # a skip counts
    trend = await measure.trend(session, me.id, date(2026, 11, 20))
    assert (trend.this_month, trend.last_month) == (None, 13)
    rows = (await session.execute(select(MonthlyCheck).order_by(MonthlyCheck.month))).scalars()
    assert [(r.month.month, measure.score(r), r.skipped) for r in rows] == [
        (10, 13, False),
        (11, None, True),
    ]
    exported = (await rights.export_person(session, me, NOW))["monthly_looks"]
    assert [(e["month"], e["score"], e["skipped"], e["happy"]) for e in exported] == [
        ("2026-10", 13, False, 6),
        ("2026-11", None, True, None),
    ]
    assert "## Your monthly looks at the relationship" in to_markdown(
        await rights.export_person(session, me, NOW)
    )
    await rights.erase_person(session, ME, NOW)
    assert (await session.execute(select(MonthlyCheck))).scalars().all() == []
