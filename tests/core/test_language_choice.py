"""/language and content in each reader's language, on a real database (no Telegram)."""

from __future__ import annotations

import random

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from content import library, translations
from core import checkin_outcomes as co
from core import journal, language_choice
from core.outcome import STALE
from db.models import CheckinRound, User
from tests.core.conftest import ALICE, BOB, NOON, person, todays_round
from tests.core.test_use_cases import rate_all, type_

Sessions = async_sessionmaker[AsyncSession]


async def test_choose_keeps_the_language_and_a_forged_one_changes_nothing(sessions: Sessions):
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        user = await session.get(User, ALICE)
        assert user is not None
        assert language_choice.show(user).replies[0].data == "en"  # none kept yet: English
        chosen = language_choice.choose(user, "ru")
        assert (chosen.say, chosen.replies[0].data) == (language_choice.CHOSEN, "ru")
        refused = language_choice.choose(user, "de")
        assert refused.toast == STALE and not refused.replies
    async with sessions.begin() as session:
        user = await session.get(User, ALICE)
        assert user is not None and user.language == "ru"
        assert language_choice.show(user).replies[0].data == "ru"


async def test_each_partner_reads_the_same_question_in_their_own_language(couple: Sessions):
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        alice.language = "pt"
    round_id = await todays_round(couple, ALICE)
    async with couple.begin() as session:
        alice, bob = await session.get(User, ALICE), await session.get(User, BOB)
        round_ = await session.get(CheckinRound, round_id)
        assert alice is not None and bob is not None and round_ is not None
        item = library.by_id()[round_.prompt_id]
        assert co.prompt_text(round_, bob, alice) == item.text
        in_portuguese = co.prompt_text(round_, alice, bob)
        assert in_portuguese == translations.text(item, "pt") != item.text


async def test_a_journal_prompt_in_the_writers_language(sessions: Sessions):
    await person(sessions, ALICE)
    async with sessions.begin() as session:
        user = await session.get(User, ALICE)
        assert user is not None
        user.language = "es"
        item = journal.prompt_for(user, random.Random(3))
        shown = journal.ask_entry(user, NOON, item).replies[0].data
        assert (shown.id, shown.section) == (item.id, item.section)
        assert shown.text == translations.text(item, "es") != item.text


async def test_the_reveal_shows_each_the_question_in_their_own_language(couple: Sessions):
    async with couple.begin() as session:
        alice = await session.get(User, ALICE)
        assert alice is not None
        alice.language = "pt"
    round_id = await todays_round(couple, ALICE)
    await rate_all(couple, ALICE, round_id)
    await type_(couple, ALICE, "Um dia melhor")
    await rate_all(couple, BOB, round_id)
    done = await type_(couple, BOB, "Me too")  # Bob, in English, finishes: both see the reveal
    async with couple.begin() as session:
        round_ = await session.get(CheckinRound, round_id)
        assert round_ is not None
        item = library.by_id()[round_.prompt_id]
    shown = {n.to: n.data.prompt for n in done.notes if n.say == co.REVEAL}
    assert shown == {ALICE: translations.text(item, "pt"), BOB: item.text}
    words = {n.to: (n.data.mine.text, n.data.theirs.text) for n in done.notes}
    assert words[ALICE] == ("Um dia melhor", "Me too")  # typed words as typed
