"""Invites and pairing: two people pair, everyone else is refused, nothing changes on refusal."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.context import TendApp
from core.pairing import hash_code
from db.models import Couple, Invite, User
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage
from tests.helpers import accept_join, invite_code, onboard, settle


async def snapshot(bot: TendApp) -> tuple[list[tuple[object, ...]], ...]:
    """Everything pairing touches, to prove a refusal changed nothing."""
    async with bot.bot_data.deps.transaction() as session:  # type: ignore[union-attr]
        users = (
            await session.execute(
                select(User.id, User.couple_id, User.couple_slot).order_by(User.id)
            )
        ).all()
        couples = (await session.execute(select(Couple.id).order_by(Couple.id))).all()
        invites = (
            await session.execute(
                select(Invite.code_hash, Invite.inviter_id, Invite.used_at).order_by(
                    Invite.inviter_id
                )
            )
        ).all()
    return [tuple(r) for r in users], [tuple(r) for r in couples], [tuple(r) for r in invites]


async def make_invite(user: FakeUser) -> str:
    await user.send("/invite")
    message = await user.expect_text("https://t.me/tend_test_bot?start=", "works once")
    return invite_code(message.text or "")


async def pair(alice: FakeUser, bob: FakeUser) -> str:
    await onboard(alice)
    code = await make_invite(alice)
    await onboard(bob, zone="Europe/London", role="broke", code=code)
    await accept_join(alice, bob)
    return code


async def open_link(joiner: FakeUser, code: str) -> SentMessage:
    """A consented person opens the link and says yes to whose it is."""
    await joiner.send(f"/start {code}")
    offer = await joiner.expect_text("this invite link was made by")
    await joiner.press(offer, "yes, pair us")
    await joiner.server.wait_for(lambda: "asked" in (offer.text or ""))
    return offer


async def test_invite_code_is_long_random_and_only_hashed(bot, alice: FakeUser):
    await onboard(alice)
    code = await make_invite(alice)
    assert len(code) >= 22 and len(code) <= 64  # ≥128 bits in base64url, ≤ Telegram's limit
    assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
    _, _, invites = await snapshot(bot)
    assert invites == [(hash_code(code), alice.id, None)]  # the code itself is not stored


async def test_two_people_pair_and_both_are_told(bot, alice: FakeUser, bob: FakeUser):
    await pair(alice, bob)
    offer = next(m for m in bob.bot_messages() if "to confirm" in (m.text or ""))
    assert "asked Alice to confirm" in (offer.text or "")  # whose invite, read from Telegram
    paired_note = [m for m in bob.bot_messages() if "now paired" in (m.text or "")]
    assert len(paired_note) == 1
    users, couples, _ = await snapshot(bot)
    assert len(couples) == 1
    assert {(uid, slot) for uid, _, slot in users} == {(alice.id, 0), (bob.id, 1)}
    await bob.send("/settings")
    await bob.expect_text("paired since 26 Nov 2026")


async def test_consented_person_pairs_with_link_directly(bot, alice: FakeUser, bob: FakeUser):
    await onboard(alice)
    await onboard(bob)
    code = await make_invite(alice)
    await open_link(bob, code)
    await accept_join(alice, bob)


async def test_a_third_person_can_never_join(bot, alice, bob, carol, telegram: FakeTelegram):
    code = await pair(alice, bob)
    await onboard(carol)
    before = await snapshot(bot)
    await carol.send(f"/start {code}")
    await carol.expect_text("already been used")
    # Alice is paired, so she cannot even make a new invite for Carol.
    await alice.send("/invite")
    await alice.expect_text("already paired")
    await settle(telegram)
    assert await snapshot(bot) == before
    assert not alice.new_messages() and not bob.new_messages()


async def test_bad_codes_get_clear_replies_and_change_nothing(
    bot, alice, bob, clock, telegram: FakeTelegram
):
    await onboard(alice)
    await onboard(bob)
    code = await make_invite(alice)
    before = await snapshot(bot)
    await bob.send("/start AAAAAAAAAAAAAAAAAAAAAAAA")
    await bob.expect_text("couldn't find that invite")
    await bob.send("/start not-a-code")
    await bob.expect_text("couldn't find that invite")
    await alice.send(f"/start {code}")
    await alice.expect_text("your own invite link")
    clock.advance(timedelta(hours=48, seconds=1))
    await bob.send(f"/start {code}")
    await bob.expect_text("expired")
    await settle(telegram)
    users, couples, invites = await snapshot(bot)
    assert (users, couples) == before[:2]
    assert invites == before[2]  # an expired invite stays a day, so the reply says "expired"
    assert not alice.new_messages()


async def test_code_still_works_just_before_48_hours(bot, alice, bob, clock):
    await onboard(alice)
    await onboard(bob)
    code = await make_invite(alice)
    clock.advance(timedelta(hours=47, minutes=59))
    await open_link(bob, code)
    await accept_join(alice, bob)


async def test_new_invite_replaces_the_old_one(bot, alice, bob):
    await onboard(alice)
    await onboard(bob)
    old = await make_invite(alice)
    new = await make_invite(alice)
    assert old != new
    await bob.send(f"/start {old}")
    await bob.expect_text("couldn't find that invite")
    await open_link(bob, new)
    await accept_join(alice, bob)


async def test_already_paired_person_cannot_use_another_invite(
    bot, alice, bob, carol, telegram: FakeTelegram
):
    await pair(alice, bob)
    await onboard(carol)
    carol_code = await make_invite(carol)
    before = await snapshot(bot)
    await bob.send(f"/start {carol_code}")
    await bob.expect_text("already paired", "/unlink")
    await settle(telegram)
    assert await snapshot(bot) == before
    assert not carol.new_messages()


async def test_invite_of_someone_who_paired_elsewhere_is_closed(bot, alice, bob, carol):
    await onboard(alice)
    await onboard(bob)
    await onboard(carol)
    alice_code = await make_invite(alice)
    bob_code = await make_invite(bob)
    await open_link(alice, bob_code)  # Alice pairs with Bob through Bob's link
    await accept_join(bob, alice)
    await carol.send(f"/start {alice_code}")  # Alice's own old link must not pull Carol in
    await carol.expect_text("couldn't find")
    users, couples, _ = await snapshot(bot)
    assert len(couples) == 1
    assert dict((u, c) for u, c, _ in users)[carol.id] is None


async def test_unlink_asks_then_ends_and_tells_partner_only_that(
    bot, alice, bob, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/unlink")
    confirm = await alice.expect_text("end the pairing")
    await alice.press(confirm, "no, keep")
    await settle(telegram)
    assert "nothing has changed" in (confirm.text or "").lower()
    assert len((await snapshot(bot))[1]) == 1
    await alice.send("/unlink")
    confirm = await alice.expect_text("end the pairing")
    await alice.press(confirm, "yes, end")
    note = await bob.expect_text("pairing has ended")
    assert "alice" not in (note.text or "").lower()
    users, couples, _ = await snapshot(bot)
    assert couples == [] and all(c is None for _, c, _ in users)
    await alice.send("/unlink")
    await alice.expect_text("not paired")


async def test_old_unlink_button_does_not_end_a_new_pairing(
    bot, alice, bob, carol, telegram: FakeTelegram
):
    await pair(alice, bob)
    await alice.send("/unlink")
    stale = await alice.expect_text("end the pairing")
    await bob.send("/unlink")
    await bob.press(await bob.expect_text("end the pairing"), "yes, end")
    await alice.expect_text("pairing has ended")
    await onboard(carol)
    code = await make_invite(carol)
    await open_link(alice, code)
    await accept_join(carol, alice)
    await alice.press(stale, "yes, end")
    await settle(telegram)
    assert "earlier pairing" in (stale.text or "")
    assert len((await snapshot(bot))[1]) == 1
    assert not carol.new_messages()


async def test_after_unlink_a_new_invite_works(bot, alice, bob, carol):
    await pair(alice, bob)
    await alice.send("/unlink")
    await alice.press(await alice.expect(), "yes, end")
    await bob.expect_text("pairing has ended")
    code = await make_invite(alice)
    await onboard(carol, code=code)
    await accept_join(alice, carol)


async def test_a_third_person_holding_the_link_is_turned_away_and_sees_nothing(
    bot, alice, bob, carol, telegram: FakeTelegram
):
    await onboard(alice)
    await onboard(carol)
    await onboard(bob)
    code = await make_invite(alice)
    offer = await open_link(carol, code)  # a forwarded link, a shared phone
    assert "asked Alice to confirm" in (offer.text or "")
    request = await alice.expect_text("carol", "asked to pair")
    await open_link(carol, code)  # asking twice does not ask Alice twice
    await settle(telegram)
    assert not alice.new_messages()
    assert not (request.text or "").lower().startswith(("sex", "affair"))
    # Before Alice answers, nobody is paired and nothing can be shared.
    users, couples, _ = await snapshot(bot)
    assert couples == [] and all(c is None for _, c, _ in users)
    await carol.send("/settings")
    await carol.expect_text("not paired")
    await bob.send(f"/start {code}")  # the link is held for whoever asked first
    await bob.expect_text("already been used")
    await alice.press(request, "this isn't my partner")
    ended = await carol.expect_text("pairing has ended")
    assert "alice" not in (ended.text or "").lower()
    await settle(telegram)
    assert "no longer works" in (request.text or "") and request.buttons() == []
    users, couples, invites = await snapshot(bot)
    assert couples == [] and invites == [] and all(c is None for _, c, _ in users)
    await bob.send(f"/start {code}")  # the link that leaked is dead
    await bob.expect_text("couldn't find that invite")
    # Alice sends a fresh link to Bob, and only Bob.
    await open_link(bob, await make_invite(alice))
    await accept_join(alice, bob)
    users, couples, _ = await snapshot(bot)
    paired = {uid for uid, c, _ in users if c is not None}
    assert paired == {alice.id, bob.id} and len(couples) == 1
    assert not carol.new_messages()


async def test_opener_who_says_no_changes_nothing(bot, alice, bob, telegram: FakeTelegram):
    await onboard(alice)
    await onboard(bob)
    code = await make_invite(alice)
    before = await snapshot(bot)
    await bob.send(f"/start {code}")
    offer = await bob.expect_text("made by")
    await bob.press(offer, "no")
    await settle(telegram)
    assert "nothing has changed" in (offer.text or "").lower()
    assert await snapshot(bot) == before
    assert not alice.new_messages()
    await open_link(bob, code)  # the link still works for the right person
    await accept_join(alice, bob)


async def test_old_request_buttons_and_forged_answers_pair_nobody(
    bot, alice, bob, carol, telegram: FakeTelegram
):
    await onboard(alice)
    await onboard(carol)
    await onboard(bob)
    await open_link(carol, await make_invite(alice))
    request = await alice.expect_text("asked to pair")
    await make_invite(alice)  # a new link replaces the one Carol holds
    await alice.press(request, "that's my partner")
    await settle(telegram)
    assert "isn't open any more" in (request.text or "")
    # Carol forges the inviter's answer in her own chat: she is nobody's inviter.
    await carol.send("/help")
    own = await carol.expect()
    for data in (f"pair:ok:{carol.id}", f"pair:ok:{alice.id}", "pair:ok:99999999999999999999"):
        await carol.answer_of(await carol.press(own, data=data))
    await settle(telegram)
    _, couples, _ = await snapshot(bot)
    assert couples == []
    assert not bob.new_messages()


async def test_person_opening_the_link_before_consent_confirms_after(
    bot, alice, bob, telegram: FakeTelegram
):
    await onboard(alice)
    code = await make_invite(alice)
    await bob.send(f"/start {code}")
    welcome = await bob.expect_text("not therapy")
    await bob.press(welcome, "agree")
    offer = await bob.expect_text("made by", "alice")
    assert "<b>Alice</b>" in (offer.html or "")
    assert not alice.new_messages()  # opening and agreeing tell the inviter nothing yet
    await bob.press(offer, "yes, pair us")
    await bob.expect_text("which is closest")  # onboarding goes on meanwhile
    await accept_join(alice, bob)


async def test_a_link_opener_who_sets_up_first_is_pointed_to_the_offer(
    bot, alice: FakeUser, bob: FakeUser
):
    await onboard(alice)
    await onboard(bob, code=await make_invite(alice))  # taps "yes, pair us" only after setup
    done = next(m for m in bob.bot_messages() if "all set" in (m.text or ""))
    assert "“Yes, pair us”" in (done.text or "")  # not just "make your own link"
    await accept_join(alice, bob)
    _, couples, _ = await snapshot(bot)
    assert len(couples) == 1
