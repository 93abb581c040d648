"""The path and /hard in each partner's own language: a Spanish-speaking person reads the stage's
opening and the grounding in Spanish, while the English-speaking partner gets the invitation and
the hard-moment notice in English (and the answer comes back in Spanish)."""

from __future__ import annotations

from content.moments import hard_moments
from content.path import path
from db.models import User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import pair, rows, settle


async def test_each_partner_reads_the_path_and_hard_moments_in_their_own_language(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    alice.info["language_code"] = "es"  # alice was hurt, bob broke the trust
    await pair(alice, bob)
    assert [p.language for p in await rows(bot, User, id=alice.id)] == ["es"]
    es, en = path("es").stages[0], path().stages[0]
    assert es.opening.hurt != en.opening.hurt

    await alice.send("/path")
    intro = await alice.expect_among("ten weeks", "together")
    await alice.press(intro, "start the path")
    invitation = await bob.expect_among("ten-week path")  # the partner's notice, in English
    assert (invitation.text or "").startswith("🧭 " + path().notices.partner_invites)
    await bob.press(invitation, "yes")
    await settle(telegram)
    assert en.opening.broke in (invitation.text or "")  # his opening, in English
    opening = await alice.expect_among(es.title)  # hers through the due queue, in Spanish
    text = opening.text or ""
    assert text.startswith(path("es").notices.week_begins.format(n=1, title=es.title))
    assert es.opening.hurt in text and es.shared.title in text and es.personal.hurt in text
    assert en.opening.hurt not in text and en.title not in text

    mine, theirs = hard_moments("es"), hard_moments()
    wave = mine.grounding.hurt
    assert wave.steps[0].text != theirs.grounding.hurt.steps[0].text
    alice.mark_read()
    await alice.send("/hard")
    grounding = await alice.expect_text(wave.opening, wave.steps[0].text)
    for step in wave.steps:
        await alice.press(grounding, step.button)
        await settle(telegram)
    assert wave.closing in (grounding.text or "")
    bob.mark_read()
    await alice.press(grounding, mine.after.tell_button)
    notice = await bob.expect_text(theirs.notice.first_line)  # his notice, in English
    assert theirs.notice.how_to_be[0] in (notice.text or "")
    assert mine.notice.first_line not in (notice.text or "")
    assert [b["text"] for b in notice.buttons()] == [p.label for p in theirs.presets]
    await bob.press(notice, theirs.presets[0].label)
    await alice.expect_among(mine.presets[0].text)  # the answer arrives in her language
