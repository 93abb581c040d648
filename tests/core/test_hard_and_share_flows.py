"""/hard and /share use cases on a real database, no Telegram: presser checks (logged by ids),
quiet hours and "send anyway" (silent), one draft per "write it now", no "let my partner know"
without a partner, a kind reply for a person tend no longer knows, danger words held back."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import actions, awaiting, hard_flow, pairing, people, share, share_flow, words
from core import hard_moments as hm
from core.awaiting import Asks
from core.hard_moments import MAX_TEXT as HARD_MAX
from core.outcome import STALE, Outcome
from db.models import HardMoment, ShareEntry, SharePlan, User
from tests.core.conftest import ALICE, BOB, NIGHT, NOON, person

CAROL, NOBODY = 1003, 4242
DANGER = "I want to kill myself"
Sessions = async_sessionmaker[AsyncSession]

words.register(Asks.HARD_TRIGGER, HARD_MAX, hard_flow.take_trigger)
words.register(Asks.HARD_HELPED, HARD_MAX, hard_flow.take_helped)
words.register(Asks.SHARE_TIME, share.MAX_TEXT, share_flow.take_time)
words.register(Asks.SHARE_PART, share.MAX_TEXT, share_flow.take_part)
words.register(Asks.SHARE_NOTE, share.MAX_TEXT, share_flow.take_note)


async def press(sessions: Sessions, user_id: int, data: str, at=NOON) -> Outcome:
    pressed = actions.decode(data)
    assert pressed is not None, data
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        if pressed.flow == "hd":
            return await hard_flow.press(session, user, pressed, at)
        assert user is not None
        return await share_flow.press(session, user, pressed, at)


async def type_(sessions: Sessions, user_id: int, text: str, at=NOON) -> Outcome:
    return await words.take(sessions.begin, user_id, text, at)


async def noted(sessions: Sessions, user_id: int, at=NOON) -> int:
    """A hard moment the person noted (intensity 4); its id."""
    moment = (await press(sessions, user_id, "hd:log:0", at)).replies[0].ref
    assert moment is not None
    assert (await press(sessions, user_id, f"hd:i:{moment}:4", at)).say == hard_flow.TRIGGER
    return moment


async def test_another_persons_moment_is_refused_and_logged_by_ids_only(
    couple: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    await person(couple, CAROL)
    moment = await noted(couple, ALICE)
    trigger = await type_(couple, ALICE, f"Saw the receipt. {DANGER}")
    assert (trigger.say, trigger.crisis, trigger.notes) == (hard_flow.HELPED, True, ())
    caplog.set_level(logging.INFO)
    for data in ("i:{m}:1", "log:{m}", "tell:{m}", "any:{m}", "ts:{m}", "h:{m}:0", "a:{m}:here"):
        refused = await press(couple, CAROL, "hd:" + data.format(m=moment))
        assert (refused.toast, refused.replies, refused.notes) == (STALE, (), ())
    assert (await press(couple, BOB, f"hd:a:{moment}:here")).toast == STALE  # not told of it
    assert f"hard.refused user={CAROL} moment={moment} action=i" in caplog.text
    assert "receipt" not in caplog.text.lower()
    async with couple.begin() as session:
        row = await session.get(HardMoment, moment)
        assert row is not None and (row.intensity, row.told_at) == (4, None)


async def test_quiet_hours_ask_first_and_send_anyway_goes_silently_with_no_words(
    couple: Sessions,
) -> None:
    moment = await noted(couple, ALICE, NIGHT - timedelta(minutes=10))
    await type_(couple, ALICE, "The old hotel", NIGHT - timedelta(minutes=5))
    assert (await press(couple, ALICE, f"hd:tell:{moment}", NIGHT)).say == hard_flow.PARTNER_QUIET
    sent = await press(couple, ALICE, f"hd:any:{moment}", NIGHT)
    (notice,) = sent.notes
    assert (sent.say, notice.to, notice.say, notice.silent) == (
        hard_flow.TOLD,
        BOB,
        hard_flow.NOTICE,
        True,
    )
    assert notice.words is None and sent.replies[0].data.silent
    assert notice.data == "hurt"  # the reader's side (how to be with it), nothing of hers
    answered = await press(couple, BOB, f"hd:a:{moment}:here", NIGHT + timedelta(minutes=5))
    assert [(n.to, n.say, n.data) for n in answered.notes] == [(ALICE, hard_flow.ANSWER, "here")]
    assert answered.notes[0].silent  # her quiet hours too: the one rule for partner messages
    assert (await press(couple, BOB, f"hd:a:{moment}:talk", NIGHT)).toast == hard_flow.ALREADY


async def test_send_anyway_into_a_pause_is_silent_by_day(couple: Sessions) -> None:
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        bob.paused_until = NOON + timedelta(days=2)
    assert (await press(couple, ALICE, "hd:tell:0")).say == hard_flow.PARTNER_QUIET
    sent = await press(couple, ALICE, "hd:any:0")
    assert [(n.to, n.silent) for n in sent.notes] == [(BOB, True)]
    assert sent.replies[0].data.noted is False  # not noted: "note it for me" is offered


async def test_without_a_partner_no_tell_is_offered_and_an_old_one_answers_kindly(
    couple: Sessions,
) -> None:
    await person(couple, CAROL)
    closing = await press(couple, CAROL, "hd:s:99")
    assert closing.say == hard_flow.GROUNDING and closing.replies[0].data.paired is False
    assert (await press(couple, ALICE, "hd:s:99")).replies[0].data.paired is True
    for user_id, offered in ((CAROL, False), (ALICE, True)):
        # The private note names a partner only to someone who has one.
        opened = await press(couple, user_id, "hd:log:0", NOON - timedelta(hours=3))
        assert (opened.say, opened.replies[0].data) == (hard_flow.INTENSITY, offered)
        moment = await noted(couple, user_id)
        await press(couple, user_id, f"hd:ts:{moment}")
        saved = await press(couple, user_id, f"hd:hs:{moment}")
        assert (saved.say, saved.replies[0].data) == (hard_flow.SAVED, offered)
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None and alice.couple_id is not None
        await pairing.unlink(session, alice, alice.couple_id, NOON)
    old = await press(couple, ALICE, f"hd:tell:{moment}")
    assert (old.say, old.notes, old.replies[0].below) == (hard_flow.UNPAIRED, (), True)


async def test_a_person_tend_no_longer_knows_is_told_how_to_start_in_the_chat(
    couple: Sessions,
) -> None:
    for data in ("hd:log:7", "hd:tell:7", "hd:i:7:3", "hd:a:7:here"):
        gone = await press(couple, NOBODY, data)
        assert (gone.say, gone.toast, gone.replies[0].below) == (hard_flow.NEEDS_START, None, True)
    assert (await press(couple, NOBODY, "hd:s:1")).say == hard_flow.GROUNDING  # breathing: any


async def _plan(sessions: Sessions, user_id: int) -> int:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        plan = await share.set_up(session, user, "daily", 19 * 60, NOON)
        assert isinstance(plan, SharePlan)
        return plan.id


async def _drafts(sessions: Sessions) -> int:
    async with sessions() as session:
        return int((await session.execute(select(func.count(ShareEntry.id)))).scalar_one())


async def test_write_it_now_twice_opens_one_draft_and_only_the_sharer_acts(
    couple: Sessions, caplog: pytest.LogCaptureFixture
) -> None:
    plan = await _plan(couple, BOB)
    first = await press(couple, BOB, f"sh:go:{plan}")
    entry = first.replies[0].ref
    assert first.say == share_flow.PART and first.replies[0].data == share_flow.Part(0)
    again = await press(couple, BOB, f"sh:go:{plan}")
    assert (again.replies[0].ref, again.replies[0].data) == (entry, share_flow.Part(0, True))
    assert (await type_(couple, BOB, "Tired but hopeful")).replies[0].data.index == 1
    later = await press(couple, BOB, f"sh:go:{plan}", NOON + timedelta(minutes=3))
    assert (later.replies[0].ref, later.replies[0].data) == (entry, share_flow.Part(1, True))
    assert await _drafts(couple) == 1
    caplog.set_level(logging.INFO)
    for data in (f"sh:go:{plan}", f"sh:pause:{plan}", f"sh:len:{plan}:4"):
        assert (await press(couple, ALICE, data)).toast == share_flow.NOT_THEIRS
    assert (await press(couple, ALICE, f"sh:send:{entry}")).toast == STALE
    assert f"share.refused user={ALICE} ref={plan} action=go" in caplog.text
    assert "hopeful" not in caplog.text.lower() and await _drafts(couple) == 1


async def test_danger_in_a_share_and_in_the_receivers_note_is_held_for_a_choice(
    couple: Sessions,
) -> None:
    await person(couple, CAROL)
    plan = await _plan(couple, BOB)
    entry = (await press(couple, BOB, f"sh:go:{plan}")).replies[0].ref
    for words_ in ("Tired", "A slow evening", DANGER, "A walk"):
        await type_(couple, BOB, words_)
    review = await press(couple, BOB, f"sh:k:{entry}:4")
    assert review.say == share_flow.REVIEW and review.replies[0].data[1] is True
    assert review.notes == ()
    sent = await press(couple, BOB, f"sh:send:{entry}", NIGHT)
    assert [(n.to, n.say, n.silent) for n in sent.notes] == [(ALICE, share_flow.RECEIVED, True)]
    assert (await press(couple, CAROL, f"sh:t:{entry}")).toast == STALE
    ask = await press(couple, ALICE, f"sh:l:{entry}")
    reply_id = ask.replies[0].ref
    held = await type_(couple, ALICE, f"Tonight? {DANGER}")
    assert (held.say, held.crisis, held.held_back, held.notes) == (
        share_flow.NOTE_HELD,
        True,
        True,
        (),
    )
    assert (await press(couple, CAROL, f"sh:na:{reply_id}")).toast == STALE
    anyway = await press(couple, ALICE, f"sh:na:{reply_id}")
    assert [(n.to, n.say, n.words) for n in anyway.notes] == [
        (BOB, share_flow.TALK, f"Tonight? {DANGER}")
    ]
    assert (await press(couple, ALICE, f"sh:na:{reply_id}")).say == share_flow.ANSWERED_ALREADY


async def test_danger_words_for_the_time_add_no_scolding_and_keep_the_question(
    couple: Sessions,
) -> None:
    assert (await press(couple, BOB, "sh:r:daily")).say == share_flow.TIME
    crisis = await type_(couple, BOB, DANGER)
    assert (crisis.crisis, crisis.replies) == (True, ())
    assert (await type_(couple, BOB, "noon-ish please")).say == share_flow.BAD_TIME
    set_up = await type_(couple, BOB, "19:00")
    assert set_up.say == share_flow.CONFIRM
    async with couple() as session:
        bob = await session.get(User, BOB)
        assert bob is not None and awaiting.current(bob) is None


async def test_second_taps_are_answered_quietly_and_change_nothing(couple: Sessions) -> None:
    moment = await noted(couple, ALICE)
    await press(couple, ALICE, f"hd:ts:{moment}")
    assert len((await press(couple, ALICE, f"hd:tell:{moment}")).notes) == 1
    again = await press(couple, ALICE, f"hd:tell:{moment}")
    assert (again.toast, again.replies, again.notes) == (hard_flow.TOLD_ALREADY, (), ())
    plan = await _plan(couple, BOB)
    entry = (await press(couple, BOB, f"sh:go:{plan}")).replies[0].ref
    await type_(couple, BOB, "Tired")
    assert (await press(couple, BOB, f"sh:k:{entry}:1")).replies[0].data.index == 2
    for stale in (f"sh:k:{entry}:1", f"sh:k:{entry}:0"):  # a double tap; an older part's skip
        assert (await press(couple, BOB, stale)).toast == share_flow.DONE_ALREADY
    async with couple() as session:
        row = await session.get(ShareEntry, entry)
        assert row is not None and row.feelings == "Tired"  # the old skip erased nothing
    for index in (2, 3, 4):
        await press(couple, BOB, f"sh:k:{entry}:{index}")
    assert len((await press(couple, BOB, f"sh:send:{entry}")).notes) == 1
    twice = await press(couple, BOB, f"sh:send:{entry}")
    assert (twice.toast, twice.notes) == (share_flow.DONE_ALREADY, ())


def test_a_sticker_is_told_the_question_is_still_open_until_it_expires() -> None:
    user = User(id=ALICE, awaiting="hd:t:3", awaiting_since=NOON)
    assert awaiting.waiting(user, NOON + timedelta(hours=1)) == awaiting.Asked(
        Asks.HARD_TRIGGER, ref=3
    )
    assert awaiting.waiting(user, NOON + timedelta(hours=3)) is None
    assert user.awaiting == "hd:t:3"  # only looked at, not closed


async def test_an_old_moments_tell_button_tells_nobody_now(couple: Sessions) -> None:
    moment = await noted(couple, ALICE)
    old = await press(couple, ALICE, f"hd:tell:{moment}", NOON + timedelta(days=7))
    assert (old.say, old.notes) == (hard_flow.TOO_LONG_AGO, ())
    fresh = await press(couple, ALICE, f"hd:tell:{moment}", NOON + timedelta(hours=1))
    assert [n.to for n in fresh.notes] == [BOB]
    async with couple() as session:
        alice = await session.get(User, ALICE)
        pressed = actions.decode("hd:tell:0")
        assert alice is not None and pressed is not None
        days_old = await hard_flow.press(session, alice, pressed, NOON, days_old=True)
    assert (days_old.say, days_old.notes) == (hard_flow.TOO_LONG_AGO, ())


async def test_change_something_shows_each_part_and_a_skip_keeps_it(couple: Sessions) -> None:
    plan = await _plan(couple, BOB)
    entry = (await press(couple, BOB, f"sh:go:{plan}")).replies[0].ref
    await type_(couple, BOB, "Tired <b>but</b> hopeful")
    for index in (1, 2, 3, 4):
        await press(couple, BOB, f"sh:k:{entry}:{index}")
    edit = await press(couple, BOB, f"sh:edit:{entry}")
    assert edit.replies[0].data == share_flow.Part(0, False, "Tired <b>but</b> hopeful")
    for index in range(5):
        shown = await press(couple, BOB, f"sh:k:{entry}:{index}")
    assert shown.say == share_flow.REVIEW
    async with couple() as session:
        row = await session.get(ShareEntry, entry)
        assert row is not None and row.feelings == "Tired <b>but</b> hopeful"


async def test_note_it_tapped_twice_opens_one_moment(couple: Sessions) -> None:
    first = await press(couple, ALICE, "hd:log:0")
    second = await press(couple, ALICE, "hd:log:0", NOON + timedelta(seconds=2))
    assert first.replies[0].ref == second.replies[0].ref is not None
    await press(couple, ALICE, f"hd:i:{first.replies[0].ref}:2")
    third = await press(couple, ALICE, "hd:log:0", NOON + timedelta(minutes=5))
    assert third.replies[0].ref != first.replies[0].ref  # that one holds something now
    async with couple() as session:
        count = select(func.count(HardMoment.id))
        assert (await session.execute(count)).scalar_one() == 2


async def test_a_late_skip_or_pick_keeps_the_words_already_written(couple: Sessions) -> None:
    moment = await noted(couple, ALICE)
    assert (await type_(couple, ALICE, "His phone buzzing")).say == hard_flow.HELPED
    late = await press(couple, ALICE, f"hd:ts:{moment}")  # the trigger message's old "skip"
    assert (late.toast, late.replies) == (hard_flow.NOTED_ALREADY, ())
    assert (await type_(couple, ALICE, "A warm drink")).say == hard_flow.SAVED
    for data in (f"hd:hs:{moment}", f"hd:h:{moment}:0", f"hd:ts:{moment}"):
        assert (await press(couple, ALICE, data)).toast == hard_flow.NOTED_ALREADY
    async with couple() as session:
        row = await session.get(HardMoment, moment)
        assert row is not None
        assert (row.trigger, row.helped) == ("His phone buzzing", "A warm drink")


async def test_danger_words_are_never_named_as_what_helped(couple: Sessions) -> None:
    for helped in ("Going outside", "Nothing helps, I want to end it all"):
        await noted(couple, ALICE)
        await press(couple, ALICE, f"hd:ts:{await _newest(couple)}")
        assert (await type_(couple, ALICE, helped)).say == hard_flow.SAVED
    async with couple() as session:
        found = await hm.pattern(session, ALICE, NOON)
    assert (found.this_week, found.helped_most) == (2, "Going outside")


async def _newest(sessions: Sessions) -> int:
    async with sessions() as session:
        return (await session.execute(select(func.max(HardMoment.id)))).scalar_one()


async def test_an_answer_to_a_notice_days_old_is_not_sent(couple: Sessions) -> None:
    moment = await noted(couple, ALICE)
    assert [n.to for n in (await press(couple, ALICE, f"hd:tell:{moment}")).notes] == [BOB]
    late = await press(couple, BOB, f"hd:a:{moment}:talk", NOON + timedelta(days=2))
    assert (late.say, late.notes) == (hard_flow.ANSWER_TOO_LATE, ())
    async with couple() as session:
        row = await session.get(HardMoment, moment)
        assert row is not None and row.answer is None
    other = await noted(couple, ALICE, NOON + timedelta(hours=3))
    await press(couple, ALICE, f"hd:tell:{other}", NOON + timedelta(hours=3))
    in_time = await press(couple, BOB, f"hd:a:{other}:here", NOON + timedelta(hours=20))
    assert (in_time.say, [n.to for n in in_time.notes]) == (hard_flow.ANSWERED, [ALICE])


async def test_the_notice_and_the_share_are_worded_for_their_readers_side(
    couple: Sessions,
) -> None:
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        people.set_role(bob, people.Role.BROKE)
    moment = await noted(couple, ALICE)
    (notice,) = (await press(couple, ALICE, f"hd:tell:{moment}")).notes
    assert (notice.to, notice.data) == (BOB, "broke")
    assert (await press(couple, BOB, f"hd:a:{moment}:here")).replies[0].data == "broke"
    told = await noted(couple, BOB, NOON + timedelta(hours=2))
    (back,) = (await press(couple, BOB, f"hd:tell:{told}", NOON + timedelta(hours=2))).notes
    assert (back.to, back.data) == (ALICE, "hurt")
    for sharer, side in ((BOB, "broke"), (ALICE, "hurt")):
        plan = await _plan(couple, sharer)
        assert (await press(couple, sharer, f"sh:go:{plan}")).replies[0].data.role == side
