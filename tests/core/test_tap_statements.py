"""What one check-in rating tap asks of the database, pinned so that it cannot silently grow back.

A rating tap is the update people send most (three per check-in, often all at the same hour).
`tap` runs what bot.handlers.checkin.on_button runs in its one transaction
(core.checkin_flow.tap); the handler itself reads nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from content import library
from core import actions, awaiting, checkin_flow, checkins
from core import checkin_outcomes as co
from core.awaiting import Asked, Asks
from core.outcome import Outcome
from db.models import CheckinRound, User
from tests.core.conftest import ALICE, NOON, person, todays_round

Sessions = async_sessionmaker[AsyncSession]
CAROL = 1003


@contextmanager
def statements(sessions: Sessions) -> Iterator[list[str]]:
    """Every statement sent to the database meanwhile, its first words (e.g. "SELECT users")."""
    engine = sessions.kw["bind"].sync_engine
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split()
        if words[0] == "SELECT":
            table = words[words.index("FROM") + 1]
        else:  # UPDATE users, INSERT INTO users, DELETE FROM users
            table = words[2] if words[1] in ("INTO", "FROM") else words[1]
        seen.append(f"{words[0]} {table}")

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


async def tap(sessions: Sessions, user_id: int, data: str, minute: int) -> Outcome:
    """One button press as bot.handlers.checkin.on_button runs it (a minute apart, as people
    tap)."""
    pressed = actions.decode(data, "ci")
    assert pressed is not None
    async with sessions.begin() as session:
        at = NOON + timedelta(minutes=minute)
        outcome = await checkin_flow.tap(session, user_id, pressed, at)
    assert outcome is not None
    return outcome


async def rate(sessions: Sessions, round_id: int, question: str, value: int, minute: int) -> Any:
    """A rating tap; the step it shows next, with the statements it ran."""
    with statements(sessions) as seen:
        outcome = await tap(sessions, ALICE, f"ci:r:{round_id}:{question}:{value}", minute)
    (step,) = outcome.replies
    assert step.say == co.STEP
    return step.data, seen


# The person, the round and their answer so far (one read); the rating written.
ONE_RATING = ["SELECT users", "UPDATE checkin_answers"]


async def test_a_rating_tap_in_a_couples_round(couple: Sessions) -> None:
    round_id = await todays_round(couple, ALICE)
    await tap(couple, ALICE, f"ci:go:{round_id}", 0)  # the answer row exists from here on
    shown, seen = await rate(couple, round_id, "safety", 4, 1)
    assert (shown.question, shown.answer.safety) == ("connection", 4)
    assert seen == ONE_RATING
    shown, seen = await rate(couple, round_id, "connection", 2, 2)
    assert (shown.question, shown.answer.connection) == ("agreements", 2)
    assert seen == ONE_RATING
    # The last rating opens the typed question: the person's row says so (one more write).
    shown, seen = await rate(couple, round_id, "agreements", 5, 3)
    assert (shown.question, shown.answer.agreements) == ("text", 5)
    assert shown.prompt == library.by_id()[shown.round.prompt_id].text
    assert seen == [*ONE_RATING, "UPDATE users"]


async def test_a_rating_tap_in_a_solo_round(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    round_id = await todays_round(sessions, ALICE)
    await tap(sessions, ALICE, f"ci:go:{round_id}", 0)
    shown, seen = await rate(sessions, round_id, "safety", 3, 1)
    assert (shown.question, shown.answer.safety) == ("connection", 3)
    assert seen == ONE_RATING


async def test_the_partner_is_read_only_for_a_question_gone_from_the_library(
    couple: Sessions,
) -> None:
    round_id = await todays_round(couple, ALICE)
    async with couple.begin() as session:
        round_ = await session.get(CheckinRound, round_id)
        assert round_ is not None
        round_.prompt_id = "ci-withdrawn"  # no longer in the content
    await tap(couple, ALICE, f"ci:go:{round_id}", 0)
    shown, seen = await rate(couple, round_id, "safety", 4, 1)
    # A fitting question then depends on both sides: the partner's row is read for it.
    assert seen == ["SELECT users", "SELECT users", "UPDATE checkin_answers"]
    await rate(couple, round_id, "connection", 4, 2)
    shown, _ = await rate(couple, round_id, "agreements", 4, 3)
    assert shown.question == "text"
    assert shown.prompt == library.pool("checkin", ["hurt", "hurt"])[0].text


async def test_a_tap_in_a_round_it_may_not_answer_is_refused_and_writes_nothing(
    couple: Sessions,
) -> None:
    await person(couple, CAROL)
    round_id = await todays_round(couple, ALICE)
    await tap(couple, ALICE, f"ci:r:{round_id}:safety:4", 0)
    refusals = {
        (ALICE, round_id + 1, 1): checkins.Refusal.UNKNOWN,  # no such round
        (CAROL, round_id, 1): checkins.Refusal.UNKNOWN,  # not hers
        (ALICE, round_id, 24 * 60): checkins.Refusal.CLOSED,  # its 24 hours are over
    }
    for (who, number, minute), why in refusals.items():
        with statements(couple) as seen:
            refused = await tap(couple, who, f"ci:r:{number}:connection:2", minute)
        assert [r.say for r in refused.replies] == [co.REFUSED[why]]
        assert seen == ["SELECT users"]
    async with couple.begin() as session:
        round_ = await session.get(CheckinRound, round_id)
        assert round_ is not None
        round_.revealed_at = NOON
    refused = await tap(couple, ALICE, f"ci:r:{round_id}:connection:2", 2)
    assert [r.say for r in refused.replies] == [co.REFUSED[checkins.Refusal.REVEALED]]
    async with couple.begin() as session:
        answer = await checkins.answer_of(session, round_id, ALICE)
        assert answer is not None and (answer.safety, answer.connection) == (4, None)


async def test_a_step_that_asks_for_nothing_leaves_the_persons_row_clean(
    sessions: Sessions,
) -> None:
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        user = await session.get(User, ALICE)
        assert user is not None and awaiting.current(user) is None
        awaiting.ask(user, None, NOON)  # a rating step: nothing typed is awaited, as before
        assert user not in session.dirty  # nothing for the commit to look at
        awaiting.ask(user, Asked(Asks.CHECKIN, ref=7), NOON)
        assert user in session.dirty and user.awaiting_since == NOON
        assert awaiting.current(user) == Asked(Asks.CHECKIN, ref=7)
