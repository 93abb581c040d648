"""The path's use cases on a real database, no Telegram: both pressing "start", double taps,
the fuller check-in offered in the "establish trust" stage, the closing reflection through the
words pipeline (crisis hold-back, quiet hours), forged and stale buttons, the wire format."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from content.path import path as content
from core import actions, awaiting, path_flow, path_messages, path_reflection, people, words
from core import path as path_core
from core.awaiting import Asked, Asks
from core.outcome import Outcome
from db.models import Path, PathStep, User
from tests.core.conftest import ALICE, BOB, NIGHT, NOON, person

Sessions = async_sessionmaker[AsyncSession]
DANGER = "I want to kill myself"
CAROL = 1003

words.register(Asks.PATH, path_reflection.MAX_TEXT, path_flow.take_answer)


async def press(sessions: Sessions, user_id: int, data: str, at=NOON) -> Outcome:
    tap = actions.decode(data, "path")
    assert tap is not None, data
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return await path_flow.press(session, user, tap, at)


async def path_row(sessions: Sessions) -> Path:
    async with sessions.begin() as session:
        (found,) = (await session.execute(select(Path))).scalars()
        return found


async def walking(couple: Sessions) -> int:
    """Alice invites, Bob (who broke trust) says yes: stage 1 runs for both."""
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        people.set_role(bob, people.Role.BROKE)
    invited = await press(couple, ALICE, "path:go:0")
    path_id = invited.notes[0].ref
    assert path_id is not None
    assert (await press(couple, BOB, f"path:yes:{path_id}")).say == path_flow.OPENING
    return path_id


async def test_both_pressing_start_make_one_path_and_old_invitations_answer_kindly(
    couple: Sessions,
) -> None:
    asked = await press(couple, ALICE, "path:go:0")
    assert asked.say == path_flow.INVITED
    assert [(n.to, n.say) for n in asked.notes] == [(BOB, path_flow.N_INVITE)]
    path_id = asked.notes[0].ref
    both = await press(couple, BOB, "path:go:0")  # Bob had /path open too: it counts as a yes
    assert [r.say for r in both.replies] == [path_flow.OPENING, path_flow.JOINED]
    assert not both.notes  # Alice's opening comes through the due queue
    assert (await path_row(couple)).status == "active"
    # The invitation that reached Bob meanwhile, and Alice's double tap: kind, nothing changes.
    for who, data in ((BOB, f"path:yes:{path_id}"), (BOB, f"path:no:{path_id}")):
        late = await press(couple, who, data)
        assert (late.say, late.replies[0].below, late.notes) == (path_flow.UNDER_WAY, True, ())
    again = await press(couple, ALICE, "path:go:0")
    assert again.say == path_flow.UNDER_WAY and again.replies[0].below
    assert (await path_row(couple)).status == "active"


async def test_ready_twice_tells_the_partner_once(couple: Sessions) -> None:
    path_id = await walking(couple)
    await press(couple, ALICE, f"path:rf:{path_id}:1")
    await words.take(couple.begin, ALICE, "A walk", NOON)
    await words.take(couple.begin, ALICE, "Talking", NOON)
    first = await press(couple, ALICE, f"path:rdy:{path_id}:1")
    second = await press(couple, ALICE, f"path:rdy:{path_id}:1")
    assert [n.say for n in first.notes] == [path_flow.N_READY]
    assert second.say == path_flow.MOVED_WAITING and not second.notes


async def reflect(sessions: Sessions, user_id: int, path_id: int, stage: int, at=NOON) -> None:
    await press(sessions, user_id, f"path:rf:{path_id}:{stage}", at)
    await words.take(sessions.begin, user_id, "helped", at)
    await words.take(sessions.begin, user_id, "hard", at)


async def test_the_trust_stage_offers_the_fuller_checkin_to_the_side_who_broke_trust_once(
    couple: Sessions,
) -> None:
    path_id = await walking(couple)
    for stage in (1, 2):
        await reflect(couple, ALICE, path_id, stage)
        await reflect(couple, BOB, path_id, stage)
        await press(couple, BOB, f"path:rdy:{path_id}:{stage}")
        moved = await press(couple, ALICE, f"path:rdy:{path_id}:{stage}")
        assert moved.say == path_flow.OPENING
    assert path_core.section(moved.replies[0].data.stage) == "trust"
    assert moved.replies[0].data.offer_share is False  # Alice was hurt
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        due = await path_messages.due(session, bob, NOON)
        assert due is not None and due.kind == "open" and due.offer_share
        assert due.item_id == "path:open:3:share"
        assert await path_messages.due(session, bob, NOON) is None  # an opening comes once


async def test_a_reflection_goes_through_the_words_pipeline_and_reveals_once(
    couple: Sessions,
) -> None:
    path_id = await walking(couple)
    asked = await press(couple, ALICE, f"path:rf:{path_id}:1")
    assert asked.say == path_flow.QUESTION and asked.replies[0].below
    assert not (await press(couple, ALICE, f"path:rf:{path_id}:1")).replies  # a double tap
    later = await press(couple, ALICE, f"path:rf:{path_id}:1", NOON + timedelta(minutes=5))
    assert later.say == path_flow.QUESTION  # asked again when they come back to it
    first = await words.take(couple.begin, ALICE, "The walk", NOON)
    assert first.say == path_flow.QUESTION and first.replies[0].data[1] == 2
    done = await words.take(couple.begin, ALICE, "Evenings", NOON)
    assert done.say == path_flow.SAVED_WAITING and done.saved is not None
    assert [(n.to, n.say, n.words) for n in done.notes] == [(BOB, path_flow.N_WAITING, None)]
    await press(couple, BOB, f"path:rf:{path_id}:1", NIGHT)
    await words.take(couple.begin, BOB, "Listening", NIGHT)
    shown = await words.take(couple.begin, BOB, "Waiting", NIGHT)
    assert shown.say == path_flow.REVEAL
    _, mine, theirs, _ = shown.replies[0].data
    assert (mine.helped, theirs.helped, theirs.hard) == ("Listening", "The walk", "Evenings")
    (note,) = shown.notes
    assert (note.to, note.say, note.silent) == (ALICE, path_flow.N_REVEAL, True)  # 00:30 Berlin
    assert note.data[1].helped == "The walk" and note.data[2].helped == "Listening"


async def test_danger_words_are_held_back_from_the_reveal_until_shared(couple: Sessions) -> None:
    path_id = await walking(couple)
    await press(couple, ALICE, f"path:rf:{path_id}:1")
    await words.take(couple.begin, ALICE, DANGER, NOON)
    held = await words.take(couple.begin, ALICE, "Evenings", NOON)
    assert held.held_back and held.crisis is False  # the crisis words came in the first answer
    assert [r.say for r in held.replies] == [path_flow.KEPT_PRIVATE, path_flow.SAVED_WAITING]
    await reflect(couple, BOB, path_id, 1)
    async with couple.begin() as session:
        bob = await session.get(User, BOB)
        assert bob is not None
        pair = await path_reflection.revealed_pair(session, bob, path_id, 1)
        assert pair is not None and pair[1].held and pair[1].helped is None
    later = await press(couple, ALICE, f"path:share:{path_id}:1")
    assert later.say == path_flow.SHARED_LATE
    assert [(n.to, n.data.helped) for n in later.notes] == [(BOB, DANGER)]
    assert (await press(couple, ALICE, f"path:share:{path_id}:1")).say == path_flow.STALE


async def test_crisis_words_are_flagged_by_the_pipeline(couple: Sessions) -> None:
    path_id = await walking(couple)
    await press(couple, BOB, f"path:rf:{path_id}:1")
    outcome = await words.take(couple.begin, BOB, DANGER, NOON)
    assert outcome.crisis and outcome.say == path_flow.QUESTION


async def test_a_stranger_and_a_stale_question_change_nothing(couple: Sessions) -> None:
    path_id = await walking(couple)
    await person(couple, CAROL)
    for data in (f"path:rdy:{path_id}:1", f"path:left:{path_id}", f"path:rf:{path_id}:1"):
        assert (await press(couple, CAROL, data)).say == path_flow.STALE
    assert (await path_row(couple)).status == "active"
    # An answer for a stage that is no longer open: "earlier step", nothing written.
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        awaiting.ask(alice, path_flow.asked_for(path_id, 4, "helped"), NOON)
    late = await words.take(couple.begin, ALICE, "words", NOON + timedelta(minutes=1))
    assert late.say == path_flow.MOVED_ON and late.saved is None
    async with couple.begin() as session:
        steps = (await session.execute(select(PathStep))).scalars()
        assert all(s.helped is None for s in steps)


@pytest.mark.parametrize(
    "data",
    ["path:go:0", "path:yes:7", "path:show:7", "path:rf:7:3", "path:rs:7:3:helped", "path:left:7"],
)
def test_the_wire_format_of_earlier_buttons_still_decodes(data: str) -> None:
    tap = actions.decode(data)
    assert tap is not None and tap.data == data


@pytest.mark.parametrize("data", ["path:rdy:7", "path:go", "path:rf:x:1", "path:rs:7:3:a:b"])
def test_malformed_path_data_is_refused(data: str) -> None:
    assert actions.decode(data) is None


def test_the_path_question_is_stored_as_before() -> None:
    asked = path_flow.asked_for(12, 3, "hard")
    assert asked.encode() == "path:12:3:hard"
    assert awaiting.parse("path:12:3:hard") == asked == Asked(Asks.PATH, 12, "3.hard")
    assert awaiting.parse("path:x:3:hard") is None


async def test_a_role_changed_in_settings_counts_from_the_next_message(couple: Sessions) -> None:
    path_id = await walking(couple)  # Alice's opening waits in the queue
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        people.set_role(alice, people.Role.BROKE)
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        due = await path_messages.due(session, alice, NOON)
        assert due is not None and content().stages[0].opening.broke in due.text
    shown = await press(couple, ALICE, f"path:show:{path_id}")
    assert shown.say == path_flow.STATUS and shown.replies[0].data[1] == "broke"
    assert shown.replies[0].below  # "Open my path" leaves the week's opening there to reread


async def test_not_now_is_told_to_the_one_who_asked_quietly_at_night(couple: Sessions) -> None:
    asked = await press(couple, ALICE, "path:go:0")
    path_id = asked.notes[0].ref
    declined = await press(couple, BOB, f"path:no:{path_id}", NIGHT)
    assert declined.say == path_flow.DECLINED
    assert [(n.to, n.say, n.silent) for n in declined.notes] == [
        (ALICE, path_flow.N_DECLINED, True)
    ]
    again = await press(couple, BOB, f"path:no:{path_id}", NIGHT)  # a double tap
    assert again.say == path_flow.STALE and not again.notes


async def test_both_pressing_start_at_the_same_moment_make_one_path(couple: Sessions) -> None:
    both = await asyncio.gather(press(couple, ALICE, "path:go:0"), press(couple, BOB, "path:go:0"))
    says = sorted(tuple(r.say for r in outcome.replies) for outcome in both)
    assert says == [(path_flow.INVITED,), (path_flow.OPENING, path_flow.JOINED)]
    assert sum(len(outcome.notes) for outcome in both) == 1  # one invitation, then a yes
    assert (await path_row(couple)).status == "active"
