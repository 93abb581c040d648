"""Who reads what in which language, decided in core: a reply is marked with the presser's
language, a note with its reader's (the partner's), for /hard, /share and the path; a tapped
"what helped" suggestion is kept in the words the person read it in."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from content.moments import hard_moments
from core import actions, hard_flow, path_flow, path_messages, share_flow, words
from core.outcome import Outcome
from db.models import HardMoment, User
from tests.core.conftest import ALICE, BOB, NOON
from tests.core.test_hard_and_share_flows import noted, press

Sessions = async_sessionmaker[AsyncSession]


async def speaks(sessions: Sessions, user_id: int, language: str) -> None:
    async with sessions.begin() as session:
        user = await session.get(User, user_id)
        assert user is not None
        user.language = language


def languages_of(outcome: Outcome) -> tuple[list[str], list[tuple[int, str]]]:
    """The replies' languages, and each note's reader with its language."""
    return [r.language for r in outcome.replies], [(n.to, n.language) for n in outcome.notes]


async def test_hard_replies_in_the_pressers_language_notes_in_the_readers(couple: Sessions):
    await speaks(couple, ALICE, "es")
    grounding = await press(couple, ALICE, "hd:go")
    assert languages_of(grounding) == (["es"], [])
    told = await press(couple, ALICE, "hd:tell:0")
    assert told.say == hard_flow.TOLD
    assert languages_of(told) == (["es"], [(BOB, "en")])
    notice = told.notes[0]
    answered = await press(couple, BOB, f"hd:a:{notice.ref}:here")
    assert languages_of(answered) == (["en"], [(ALICE, "es")])


async def test_a_tapped_suggestion_is_kept_in_the_words_it_was_read_in(couple: Sessions):
    await speaks(couple, ALICE, "pt")
    moment = await noted(couple, ALICE)
    trigger_skipped = await press(couple, ALICE, f"hd:ts:{moment}")
    assert languages_of(trigger_skipped) == (["pt"], [])
    await press(couple, ALICE, f"hd:h:{moment}:0")
    async with couple() as session:
        row = await session.get(HardMoment, moment)
        assert row is not None
        suggestion = hard_moments("pt").log.helped_suggestions[0]
        assert row.helped == suggestion != hard_moments().log.helped_suggestions[0]


async def test_typed_words_are_answered_in_the_writers_language(couple: Sessions):
    await speaks(couple, ALICE, "ru")
    moment = await noted(couple, ALICE)
    typed = await words.take(couple.begin, ALICE, "A song on the radio", NOON)
    assert typed.say == hard_flow.HELPED and typed.replies[0].ref == moment
    assert languages_of(typed) == (["ru"], [])


async def test_path_and_share_reply_in_the_readers_language(couple: Sessions):
    await speaks(couple, BOB, "es")
    async with couple.begin() as session:
        alice, bob = await session.get(User, ALICE), await session.get(User, BOB)
        assert alice is not None and bob is not None
        go = actions.decode("path:go:0")
        assert go is not None
        invited = await path_flow.press(session, alice, go, NOON)
        assert invited.say == path_flow.INVITED
        assert languages_of(invited) == (["en"], [(BOB, "es")])
        status = await path_flow.status(session, bob, NOON)
        assert languages_of(status) == (["es"], [])
        shared = await share_flow.open_share(session, bob, NOON)
        assert languages_of(shared) == (["es"], [])


def test_scheduled_path_texts_in_the_readers_language():
    spanish = path_messages.opening(1, "hurt", False, "es")
    assert spanish.startswith("Semana 1 de 10") and "Week" not in spanish
    assert path_messages.opening(1, "hurt", False, "xx") == path_messages.opening(1, "hurt", False)
    helped, _ = path_messages.reflection_questions(3, "ru")
    assert helped != path_messages.reflection_questions(3)[0]
