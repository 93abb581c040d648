"""Erasure you can check: after /delete no row anywhere refers to the person; the partner keeps
their own answers; a later partner sees nothing of the old couple."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from db.envelope import open_stored
from db.models import Base, CheckinAnswer, CheckinRound, Couple
from db.types import EncryptedText, KeyringMissingError
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import (
    ALICE_WORDS,
    BOB_BOUNDARY,
    BOB_HELD,
    BOB_JOURNAL,
    BOB_THANKS,
    BOB_WORDS,
    CONSEQUENCE,
    NEED,
    accept_join,
    bob_everywhere,
    invite_code,
    onboard,
    rows,
    settle,
)


def person_columns() -> list[tuple[Any, Any]]:
    """Every (table, column) that names a person: users.id and each foreign key to it."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            points_at_users = any(fk.column.table.name == "users" for fk in column.foreign_keys)
            if points_at_users or (table.name == "users" and column.name == "id"):
                found.append((table, column))
    return found


async def stored_tokens(bot: Any) -> list[str]:
    """Every encrypted value in the database, as stored."""
    tokens = []
    async with bot.bot_data.deps.transaction() as session:
        for table in Base.metadata.sorted_tables:
            encrypted = [c for c in table.columns if isinstance(c.type, EncryptedText)]
            for column in encrypted:
                values = (await session.execute(select(column))).scalars()
                tokens += [v for v in values if v]
    return tokens


async def all_texts(bot: Any) -> list[str]:
    """Every encrypted text in the database, decrypted."""
    tokens = await stored_tokens(bot)
    async with bot.bot_data.deps.transaction() as session:
        return [await open_stored(session, token) for token in tokens]


async def test_delete_leaves_no_row_about_the_person_and_keeps_the_partners_own(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await bob_everywhere(alice, bob, telegram)
    columns = person_columns()
    assert len(columns) >= 12
    async with bot.bot_data.deps.transaction() as session:
        tables_with_bob = {
            table.name
            for table, column in columns
            if (await session.execute(select(column).where(column == bob.id).limit(1))).first()
        }
    # The scenario really put Bob everywhere it checks afterwards.
    assert {"users", "reminders", "checkin_answers", "journal_entries", "appreciations"} <= (
        tables_with_bob
    )
    assert {"boundaries", "boundary_responses", "boundary_reviews"} <= tables_with_bob
    assert "held_messages" in tables_with_bob
    assert any(BOB_WORDS in t for t in await all_texts(bot))

    bob.mark_read()
    await bob.send("/delete")
    confirm = await bob.expect_text("erase everything")
    alice.mark_read()
    await bob.press(confirm, "yes, erase")
    await alice.expect_text("pairing has ended")
    await settle(telegram)

    async with bot.bot_data.deps.transaction() as session:
        for table, column in columns:
            left = (await session.execute(select(column).where(column == bob.id))).all()
            assert not left, f"{table.name}.{column.name} still refers to the erased person"
    remaining = await all_texts(bot)
    for words in (
        BOB_WORDS,
        BOB_THANKS,
        BOB_JOURNAL,
        BOB_BOUNDARY,
        "plan my own evening",
        BOB_HELD,
    ):
        assert all(words not in text for text in remaining)
    # Alice's own answer in their shared round is still hers, and so is her boundary.
    (alice_answer,) = await rows(bot, CheckinAnswer)
    assert alice_answer.user_id == alice.id and alice_answer.text == ALICE_WORDS
    (couple,) = await rows(bot, Couple)
    assert couple.ended_at is not None
    assert NEED in remaining and "Alice's own journal" in remaining
    alice.mark_read()
    await alice.send("/export")
    export = await alice.expect()
    assert export.document is not None and ALICE_WORDS.encode() in export.document
    assert BOB_WORDS.encode() not in export.document


async def test_a_new_partner_sees_nothing_of_the_old_couple(
    bot, alice: FakeUser, bob: FakeUser, carol: FakeUser, telegram: FakeTelegram
):
    await bob_everywhere(alice, bob, telegram)
    alice.mark_read()
    await alice.send("/unlink")
    confirm = await alice.expect_text("end the pairing")
    bob.mark_read()
    await alice.press(confirm, "yes, end")
    await bob.expect_text("pairing has ended")
    await settle(telegram)
    # Each keeps their own answers after an unlink.
    answers = {a.user_id: a.text for a in await rows(bot, CheckinAnswer)}
    assert answers == {alice.id: ALICE_WORDS, bob.id: BOB_WORDS}
    (old_round,) = await rows(bot, CheckinRound)
    alice.mark_read()
    await alice.send("/invite")
    code = invite_code((await alice.expect()).text or "")
    await onboard(carol, role="broke", code=code)
    await accept_join(alice, carol)
    for command in ("/summary", "/boundaries", "/checkin", "/export"):
        await carol.send(command)
        await settle(telegram)
    # An old round's buttons do not reach into the old couple either.
    await carol.send("/boundaries")
    own = await carol.expect()
    await carol.press(own, data=f"ci:show:{old_round.id}")
    await carol.press(own, data=f"ap:start:{old_round.id}")
    await settle(telegram)
    seen = " ".join(
        (m.text or "") + (m.caption or "") + (m.document or b"").decode(errors="ignore")
        for m in carol.bot_messages()
    )
    for words in (ALICE_WORDS, BOB_WORDS, NEED, BOB_BOUNDARY, "Alice's note", BOB_THANKS):
        assert words not in seen


async def test_no_written_words_are_stored_in_plain_text(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, database_url: str, backend: str
):
    await bob_everywhere(alice, bob, telegram)
    phrases = [BOB_WORDS, BOB_THANKS, BOB_JOURNAL, BOB_BOUNDARY, ALICE_WORDS, NEED, CONSEQUENCE]
    phrases += ["Alice's note on Bob's boundary", "plan my own evening"]
    texts = await all_texts(bot)
    assert all(any(p in t for t in texts) for p in phrases)  # all were stored (encrypted)
    if backend == "sqlite":
        path = Path(database_url.split("///", 1)[1])
        stored = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert len(stored) > 10_000
        for phrase in phrases:
            assert phrase.encode() not in stored
    else:
        dumped = []
        async with bot.bot_data.deps.transaction() as session:
            for table in Base.metadata.sorted_tables:
                query = text(f'SELECT CAST(t AS text) FROM "{table.name}" t')
                result = await session.execute(query)
                dumped += list(result.scalars())
        assert len(dumped) > 10
        whole = "\n".join(dumped)
        for phrase in phrases:
            assert phrase not in whole


TOKEN = re.compile(rb"t1\.(\d+)\.[A-Za-z0-9_=-]+")


async def test_erased_words_cannot_be_read_from_anything_left_behind(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, database_url: str, backend: str
):
    await bob_everywhere(alice, bob, telegram)
    # What a copy taken before the erasure holds (a backup, PostgreSQL's dead rows and WAL).
    bobs = [t for t in await stored_tokens(bot) if t.startswith(f"t1.{bob.id}.")]
    assert len(bobs) >= 6
    async with bot.bot_data.deps.transaction() as session:
        wrapped = (
            await session.execute(text("SELECT data_key FROM users WHERE id = :id"), {"id": bob.id})
        ).scalar_one()
        assert BOB_WORDS in [await open_stored(session, t) for t in bobs]

    bob.mark_read()
    await bob.send("/delete")
    confirm = await bob.expect_text("erase everything")
    alice.mark_read()
    await bob.press(confirm, "yes, erase")
    await alice.expect_text("pairing has ended")
    await settle(telegram)

    # The data key is gone, so none of Bob's old tokens opens, wherever a copy of them survived.
    async with bot.bot_data.deps.transaction() as session:
        for token in bobs:
            with pytest.raises(KeyringMissingError):
                await open_stored(session, token)
        keys = (await session.execute(text("SELECT data_key FROM users"))).scalars().all()
        assert wrapped not in keys and len(keys) == 1
    if backend == "sqlite":
        path = Path(database_url.split("///", 1)[1])
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
        on_disk = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert wrapped.encode() not in on_disk
        owners = {int(m.group(1)) for m in TOKEN.finditer(on_disk)}
        assert owners == {alice.id}  # secure_delete zeroed every page Bob's rows were on
    else:
        async with bot.bot_data.deps.transaction() as session:
            for table in Base.metadata.sorted_tables:
                rows = await session.execute(text(f'SELECT CAST(t AS text) FROM "{table.name}" t'))
                for row in rows.scalars():
                    assert f"t1.{bob.id}." not in row and wrapped not in row
