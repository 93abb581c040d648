"""Setting up, pairing, settings, nudges and unprompted words as use cases: a real database, a
manual clock, no Telegram. Who is told what, and whether their phone buzzes, is decided here."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import (
    actions,
    awaiting,
    notices,
    pairing,
    pairing_flow,
    settings_flow,
    setup_flow,
    unprompted_flow,
    words,
)
from core.awaiting import Asked, Asks
from core.outcome import STALE, Outcome
from db.models import User
from tests.core.conftest import ALICE, BOB, NIGHT, NOON, person

Sessions = async_sessionmaker[AsyncSession]
CAROL = 1003


async def invite_code(sessions: Sessions, user_id: int = ALICE) -> str:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        made = await pairing.create_invite(session, user, NOON)
        assert isinstance(made, pairing.NewInvite)
        return made.code


async def row(sessions: Sessions, user_id: int) -> User:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return user


def keys(outcome: Outcome) -> list[str]:
    return [reply.say for reply in outcome.replies]


async def test_a_link_opener_consents_then_sees_whose_invite_then_sets_up(
    sessions: Sessions,
) -> None:
    await person(sessions, ALICE)
    code = await invite_code(sessions)
    async with sessions.begin() as session:
        welcome = await setup_flow.start(session, BOB, code, NOON)
    assert (welcome.say, welcome.replies[0].data) == (setup_flow.WELCOME, code)
    async with sessions.begin() as session:
        assert await session.get(User, BOB) is None  # nothing stored before consent
        agreed = await setup_flow.consent(session, BOB, code, "es-ES", NOON)
    assert keys(agreed) == [setup_flow.CONSENTED, pairing_flow.OFFER, setup_flow.ASK_ROLE]
    assert agreed.replies[1].ref == ALICE and agreed.replies[1].below
    assert (await row(sessions, BOB)).language == "es"
    async with sessions.begin() as session:
        role = await setup_flow.choose_role(session, BOB, "broke", NOON)
    assert keys(role) == [setup_flow.ROLE_SAVED, setup_flow.ASK_TIMEZONE]
    unknown = await words.take(sessions.begin, BOB, "Atlantis", NOON)
    assert unknown.say == setup_flow.TIMEZONE_UNKNOWN
    assert awaiting.current(await row(sessions, BOB)) == Asked(Asks.TIMEZONE)  # still open
    done = await words.take(sessions.begin, BOB, "Europe/Paris", NOON + timedelta(days=1))
    assert keys(done) == [setup_flow.TIMEZONE_SET, setup_flow.DONE]  # has not said yes yet
    bob = await row(sessions, BOB)
    assert (bob.timezone, bob.awaiting) == ("Europe/Paris", None)


async def test_a_joiner_who_asked_hears_they_wait_for_the_inviter(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    code = await invite_code(sessions)
    async with sessions.begin() as session:
        await setup_flow.consent(session, BOB, code, None, NOON)
        await pairing_flow.join(session, BOB, code, NOON)
        await setup_flow.choose_role(session, BOB, "hurt", NOON)
    done = await words.take(sessions.begin, BOB, "Europe/Berlin", NOON)
    assert keys(done) == [setup_flow.TIMEZONE_SET, setup_flow.DONE_WAITING]


async def test_a_forged_side_or_zone_is_stale_and_changes_nothing(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        assert (await setup_flow.choose_role(session, ALICE, "queen", NOON)).toast == STALE
        assert (await setup_flow.press_zone(session, ALICE, "Mars/Base", NOON)).toast == STALE
        stranger = await setup_flow.choose_role(session, 4242, "hurt", NOON)
    assert stranger.say == setup_flow.NEEDS_CONSENT
    async with sessions.begin() as session:
        zone = await setup_flow.press_zone(session, 4242, "Europe/Berlin", NOON)
        assert keys(zone) == [setup_flow.TIMEZONE_FOLDED, setup_flow.NEEDS_CONSENT]
        assert await session.get(User, 4242) is None
    alice = await row(sessions, ALICE)
    assert (alice.role, alice.timezone) == ("hurt", "Europe/Berlin")


async def test_the_join_request_reaches_the_inviter_silently_at_night(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    await person(sessions, BOB)
    code = await invite_code(sessions)
    async with sessions.begin() as session:
        asked = await pairing_flow.join(session, BOB, code, NIGHT)
    (request,) = asked.notes
    assert (asked.say, asked.replies[0].ref) == (pairing_flow.JOIN_ASKED, ALICE)
    assert (request.to, request.say, request.ref, request.silent) == (
        ALICE,
        notices.JOIN_REQUEST,
        BOB,
        True,
    )
    assert request.unsent == pairing_flow.JOIN_ASKED_SHORT
    async with sessions.begin() as session:
        again = await pairing_flow.join(session, BOB, code, NIGHT)
    assert again.say == pairing_flow.JOIN_ASKED_SHORT and not again.notes


async def test_only_the_inviter_confirms_and_the_invitee_hears_silently_at_night(
    sessions: Sessions,
) -> None:
    for who in (ALICE, BOB, CAROL):
        await person(sessions, who)
    code = await invite_code(sessions)
    async with sessions.begin() as session:
        await pairing_flow.join(session, BOB, code, NOON)
        forged = await pairing_flow.answer_request(session, CAROL, BOB, True, NIGHT)
    assert forged.say == pairing_flow.REQUEST_CLOSED and not forged.notes
    async with sessions.begin() as session:
        paired = await pairing_flow.answer_request(session, ALICE, BOB, True, NIGHT)
    assert keys(paired) == [pairing_flow.CONFIRMED, pairing_flow.PAIRED]
    (told,) = paired.notes
    assert (told.to, told.say, told.silent) == (BOB, notices.PAIRED, True)
    assert (await row(sessions, BOB)).couple_id is not None


async def test_a_turned_away_joiner_hears_only_that_it_ended(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    await person(sessions, BOB)
    code = await invite_code(sessions)
    async with sessions.begin() as session:
        await pairing_flow.join(session, BOB, code, NOON)
        away = await pairing_flow.answer_request(session, ALICE, BOB, False, NOON)
        twice = await pairing_flow.answer_request(session, ALICE, BOB, False, NOON)
    (ended,) = away.notes
    assert away.say == pairing_flow.TURNED_AWAY
    assert (ended.to, ended.say, ended.silent) == (BOB, notices.PAIRING_ENDED, False)
    assert twice.say == pairing_flow.REQUEST_CLOSED and not twice.notes


async def test_settings_switches_flip_and_the_zone_button_asks(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    before = (await row(sessions, ALICE)).tidy_chat
    async with sessions.begin() as session:
        switched = await settings_flow.press(session, ALICE, "tidy", NOON)
        asked = await settings_flow.press(session, ALICE, "tz", NOON)
    assert (switched.say, switched.replies[0].data) == (
        settings_flow.SWITCHED,
        ("tidy", not before),
    )
    assert asked.say == setup_flow.ASK_TIMEZONE
    alice = await row(sessions, ALICE)
    assert alice.tidy_chat is not before and awaiting.current(alice) == Asked(Asks.TIMEZONE)


async def test_pause_reads_its_length_and_a_strangers_nudge_is_stale(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        bad = await settings_flow.pause(session, ALICE, "forever and ever", NOON)
        paused = await settings_flow.pause(session, ALICE, "24h", NOON)
        nudge = actions.decode("nudge:done:12345", "nudge")
        assert nudge is not None
        stale = await settings_flow.answer_nudge(session, ALICE, nudge, NOON)
    assert bad.say == settings_flow.PAUSE_BAD
    assert paused.replies[0].data == (NOON + timedelta(hours=24), "Europe/Berlin")
    assert stale.toast == settings_flow.NUDGE_STALE and not stale.replies


async def test_held_words_are_kept_only_by_their_writer_and_once(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    await person(sessions, BOB)
    unasked = await words.take(sessions.begin, ALICE, "A long day", NOON)
    held_id = unasked.replies[0].ref

    async def tap(who: int, verb: str) -> Outcome:
        pressed = actions.decode(f"un:{verb}:{held_id}", "un")
        assert pressed is not None
        async with sessions.begin() as session:
            return await unprompted_flow.press(session, who, pressed, NOON)

    assert (await tap(BOB, "keep")).say == unprompted_flow.EXPIRED  # not his: nothing there
    hard = await tap(ALICE, "hard")
    assert keys(hard) == [unprompted_flow.STILL_HELD, unprompted_flow.HARD_HELP]
    kept = await tap(ALICE, "keep")
    assert kept.say == unprompted_flow.KEPT and kept.saved is not None
    assert (await tap(ALICE, "drop")).toast == unprompted_flow.DONE_ALREADY


async def test_a_sticker_names_the_open_question_while_it_is_open(sessions: Sessions) -> None:
    await person(sessions, ALICE)
    assert (await words.not_text(sessions.begin, ALICE, NOON)).replies[0].data is None
    async with sessions.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        awaiting.ask(alice, Asked(Asks.JOURNAL), NOON)
    waiting = await words.not_text(sessions.begin, ALICE, NOON)
    assert (waiting.say, waiting.replies[0].data) == (words.NOT_TEXT, "journal")
    late = NOON + awaiting.ANSWER_WITHIN + timedelta(minutes=1)
    assert (await words.not_text(sessions.begin, ALICE, late)).replies[0].data is None
    assert awaiting.current(await row(sessions, ALICE)) == Asked(Asks.JOURNAL)  # unchanged
