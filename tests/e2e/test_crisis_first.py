"""Danger words are always answered and never relayed: the crisis reply comes first whatever else
is wrong with the message, and words held back never reach the partner on their own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from db.models import Boundary
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import add, answer, onboard, pair, rows, settle, share

DANGER = "I want to kill myself"


def long_words(limit: int) -> str:
    """Danger words inside a message one character over a flow's limit."""
    return (DANGER + ". " + "x" * limit)[: limit + 1]


async def everything(user: FakeUser) -> str:
    return "\n".join((m.text or "") + (m.caption or "") for m in user.bot_messages()).lower()


async def to_checkin(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    await alice.send("/checkin")
    flow = await alice.expect_text("1 of 4")
    for value in ("3", "3", "3"):
        await alice.press(flow, value)
        await settle(telegram)
    return 1500


async def to_journal(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    await alice.send("/journal")
    await alice.expect_text("just for you")
    return 4000


async def to_appreciation(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    await answer(alice, telegram, (3, 3, 3), "A quiet day for us")
    await answer(bob, telegram, (3, 3, 3), "We walked together")
    await settle(telegram)
    reveal = next(m for m in alice.bot_messages() if "check-ins are in" in (m.text or "").lower())
    await alice.press(reveal, "appreciation")
    await alice.expect_among("words of appreciation")
    return 1000


async def to_boundary(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    await alice.send("/boundaries add")
    await alice.press(await alice.expect_text("what is this boundary about"), "transparency")
    await alice.expect_text("write your boundary")
    return 600


async def to_boundary_edit(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    card = await add(alice, telegram, "I need honest answers when I ask", "I will take a walk")
    await share(alice, telegram, card)
    await bob.expect_text("a boundary from alice")
    await alice.press(card, "change the wording")
    await alice.expect_text("new wording")
    return 600


async def to_boundary_note(alice: FakeUser, bob: FakeUser, telegram: FakeTelegram) -> int:
    card = await add(bob, telegram, "I need an evening to myself each week", None)
    await share(bob, telegram, card)
    offer = await alice.expect_text("a boundary from bob")
    await alice.press(offer, "let's talk")
    await alice.expect_text("add a short note")
    return 1000


FLOWS: dict[str, Callable[[FakeUser, FakeUser, FakeTelegram], Awaitable[int]]] = {
    "checkin": to_checkin,
    "journal": to_journal,
    "appreciation": to_appreciation,
    "boundary": to_boundary,
    "boundary_edit": to_boundary_edit,
    "boundary_note": to_boundary_note,
}


@pytest.mark.parametrize("flow", sorted(FLOWS))
async def test_danger_words_in_over_long_text_get_help_first_in_every_flow(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram, flow: str
):
    await pair(alice, bob)
    limit = await FLOWS[flow](alice, bob, telegram)
    await settle(telegram)
    alice.mark_read()
    bob.mark_read()
    await alice.send(long_words(limit))
    crisis = await alice.expect_text("findahelpline.com")
    assert "112" in (crisis.text or "")
    await alice.expect_text("long")  # and then what is wrong with it
    await settle(telegram)
    assert DANGER.lower() not in await everything(bob)
    assert not bob.new_messages()


async def test_help_first_before_consent_after_an_expired_question_in_edits_and_captions(
    bot, alice: FakeUser, carol: FakeUser, telegram: FakeTelegram, clock
):
    await carol.send(long_words(5000))  # before consent, and far too long for anything
    await carol.expect_text("findahelpline.com")
    await onboard(alice)
    await alice.send("/journal")
    await alice.expect_text("just for you")
    clock.advance(timedelta(hours=3))  # the question expired
    await alice.send(DANGER)
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("been a while")
    await alice.send_raw({"text": f"edited: {DANGER}"}, kind="edited_message")
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("edited a message")
    photo = [{"file_id": "p", "file_unique_id": "up", "width": 9, "height": 9}]
    await alice.send_raw({"photo": photo, "caption": DANGER})
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("only read text")
    forwarded = {"type": "hidden_user", "sender_user_name": "Someone", "date": 1}
    await alice.send_raw({"text": DANGER, "forward_origin": forwarded})
    await alice.expect_text("findahelpline.com")
    await alice.expect_text("forwarded")


async def test_danger_words_in_a_shared_boundary_edit_are_held(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    card = await add(alice, telegram, "I need honest answers when I ask", "I will take a walk")
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice")
    await bob.press(offer, "i acknowledge it")
    await alice.expect_text("acknowledged your boundary")
    bob.mark_read()
    for button, words in (("change the wording", DANGER), ("what i'll do", f"{DANGER} tonight")):
        await alice.send("/boundaries")
        listing = await alice.expect()
        await alice.press(listing, "1")
        await settle(telegram)
        await alice.press(listing, button)
        await alice.expect()
        await alice.send(words)
        await alice.expect_text("findahelpline.com")
        held = await alice.expect_text("kept private for now")
        assert any("share" in b["text"].lower() for b in held.buttons())
        await settle(telegram)
        assert not bob.new_messages()
        await bob.send("/boundaries")
        listing = await bob.expect_text("you haven't set any boundaries yet")
        assert DANGER.lower() not in (listing.text or "").lower()
        bob.mark_read()
        if button == "change the wording":  # sharing again is a deliberate second step
            await alice.press(held, "share with my partner")
            await settle(telegram)
            assert "haven't shared this yet" in (held.text or "").lower()
            assert not bob.new_messages()
            await alice.press(held, "share it anyway")  # her choice, made twice
            again = await bob.expect_text("a boundary from alice", DANGER)
            await bob.press(again, "i acknowledge it")
            await alice.expect_text("acknowledged your boundary")
            bob.mark_read()
    (boundary,) = await rows(bot, Boundary)
    assert boundary.status == "private" and boundary.couple_id is None


async def test_danger_words_in_a_draft_are_held_until_share_anyway(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/boundaries add")
    await alice.press(await alice.expect_text("what is this boundary about"), "transparency")
    await alice.expect_text("write your boundary")
    await alice.send(f"{DANGER} when you lie to me")
    await alice.expect_text("findahelpline.com")
    card = await alice.expect_text("saved, privately")
    await alice.press(card, "not now")
    await settle(telegram)
    await alice.press(card, "share with my partner")
    await settle(telegram)
    assert "haven't shared this yet" in (card.text or "").lower()
    assert not bob.new_messages()
    await alice.press(card, "share it anyway")
    offer = await bob.expect_text("a boundary from alice")
    assert DANGER in (offer.text or "")


async def test_partner_caused_words_stay_off_a_discreet_lock_screen(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)  # discreet previews are on by default
    statement = "I need honest answers about the evenings"
    card = await add(alice, telegram, statement, None)
    await share(alice, telegram, card)
    offer = await bob.expect_text("a boundary from alice")
    assert f"<tg-spoiler>“{statement}”" in (offer.html or "")
    await bob.press(offer, "let's talk")
    await bob.expect_text("add a short note")
    talk = await alice.expect_text("would like to talk")
    assert f"“<tg-spoiler>{statement}</tg-spoiler>”" in (talk.html or "")
    await bob.send("Can we find a calm time for it")
    note = await alice.expect_text("added a note")
    first_line = (note.text or "").split("\n")[0]
    assert "calm time" not in first_line and "<tg-spoiler>Can we find" in (note.html or "")
    # Discreet previews off: the words are shown plainly, as the reader chose.
    await alice.send("/settings")
    await alice.press(await alice.expect_text("discreet"), "discreet")
    await alice.expect_text("discreet previews: off")
    bob.mark_read()
    card = await add(bob, telegram, "I need a quiet hour after work", None)
    await share(bob, telegram, card)
    plain = await alice.expect_text("a boundary from bob")
    assert "tg-spoiler" not in (plain.html or "")


async def test_tidy_chat_recap_does_not_quote_the_deleted_answer(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/settings")
    await alice.press(await alice.expect_text("tidy chat: off"), "tidy chat")
    await alice.expect_text("tidy chat: on")
    words = "Words I typed on a shared phone"
    flow = await answer(alice, telegram, (3, 3, 3), words)
    await settle(telegram)
    assert [m.deleted for m in alice.chat.messages if m.text == words] == [True]
    assert words not in (flow.text or "")
    assert words.lower() not in await everything(alice)
