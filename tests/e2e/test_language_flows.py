"""The path and /hard in each partner's own language: a Spanish-speaking person reads the stage's
opening and the grounding in Spanish, while the English-speaking partner gets the invitation and
the hard-moment notice in English (and the answer comes back in Spanish). The bot's own sentences
(content.i18n: headings, buttons, short replies, a button's toast) follow each reader too."""

from __future__ import annotations

from bot import moment_texts as mt
from bot import path_texts as pt
from content.i18n import Msg, speaking
from content.moments import hard_moments
from content.path import path
from db.models import User
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage
from tests.helpers import pair, rows, settle


def _in(language: str, sentence: Msg) -> str:
    """`sentence` as a reader of `language` gets it."""
    with speaking(language):
        return str(sentence)


def _labels(message: SentMessage) -> list[str]:
    return [b["text"] for b in message.buttons()]


async def test_each_partner_reads_the_path_and_hard_moments_in_their_own_language(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    alice.info["language_code"] = "es"  # alice was hurt, bob broke the trust
    await pair(alice, bob)
    assert [p.language for p in await rows(bot, User, id=alice.id)] == ["es"]
    es, en = path("es").stages[0], path().stages[0]
    assert es.opening.hurt != en.opening.hurt

    await alice.send("/path")
    intro = await alice.expect_among("Diez semanas", "ustedes dos")  # tend's words, in Spanish
    assert _labels(intro) == ["Empezar el camino"] == [_in("es", pt.BUTTON_START)]
    await alice.press(intro, "empezar el camino")
    invitation = await bob.expect_among("ten-week path")  # the partner's notice, in English
    assert (invitation.text or "").startswith("🧭 " + path().notices.partner_invites)
    assert _labels(invitation) == [str(pt.BUTTON_YES), str(pt.BUTTON_NOT_NOW)]  # English
    await bob.press(invitation, "yes")
    await settle(telegram)
    assert en.opening.broke in (invitation.text or "")  # his opening, in English
    opening = await alice.expect_among(es.title)  # hers through the due queue, in Spanish
    text = opening.text or ""
    assert text.startswith(path("es").notices.week_begins.format(n=1, title=es.title))
    assert es.opening.hurt in text and es.shared.title in text and es.personal.hurt in text
    assert en.opening.hurt not in text and en.title not in text
    assert "Abrir mi camino" in _labels(opening)

    await alice.send("/path")
    status = await alice.expect_among("Tu camino · etapa 1 de 10", "Día 1 de esta etapa")
    assert "Your path" not in (status.text or "")
    assert {"Pausar el camino", "Dejar el camino"} <= set(_labels(status))
    await bob.send("/path")
    await bob.expect_among("Your path · stage 1 of 10", "Day 1 of this stage")

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


async def test_the_bots_own_words_in_hard_moments_follow_each_reader(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    """Bob (English) has a hard moment and lets Alice (Spanish) know: her notice, the toast on a
    second tap of her answer and her "I'm okay for now" come in Spanish."""
    alice.info["language_code"] = "es"
    await pair(alice, bob)
    his, hers = hard_moments(), hard_moments("es")
    wave = his.grounding.broke
    bob.mark_read()
    await bob.send("/hard")
    grounding = await bob.expect_text(wave.opening, wave.steps[0].text)
    for step in wave.steps:
        await bob.press(grounding, step.button)
        await settle(telegram)
    alice.mark_read()
    await bob.press(grounding, his.after.tell_button)
    notice = await alice.expect_text(hers.notice.first_line)  # her notice, in Spanish
    answer = notice.buttons()[0]["callback_data"]
    await alice.press(notice, data=answer)
    await bob.expect_among(his.presets[0].text)  # her answer, in his language
    toast = await alice.answer_of(await alice.press(notice, data=answer))
    assert toast.get("answer_text") == _in("es", mt.ANSWER_ALREADY) == "Ya respondiste a esto."

    alice.mark_read()
    await alice.send("/hard")
    mine = hers.grounding.hurt
    calm = await alice.expect_text(mine.opening)
    for step in mine.steps:
        await alice.press(calm, step.button)
        await settle(telegram)
    await alice.press(calm, hers.after.done_button)
    await settle(telegram)
    assert (calm.text or "").startswith("Bien. Vuelve cuando lo necesites")
    assert str(mt.OKAY_FOR_NOW) not in (calm.text or "")
