"""Each person in their own language: picked at consent, changed with /language, and the content
(nudges) in it, with the rotation carrying on across a change; the command menu per language."""

from __future__ import annotations

import re

from bot import checkin_texts as ct
from bot import texts
from content import i18n, library, translations
from db.models import CheckinRound, Delivery, Reminder, User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import answer, berlin, onboard, pair, rows, settle


async def _newest_nudge(bot, user: FakeUser) -> tuple[Delivery, library.Item]:
    deliveries = [d for d in await rows(bot, Delivery, user_id=user.id) if d.kind == "selfcare"]
    newest = max(deliveries, key=lambda d: d.id)
    return newest, library.by_id()[newest.item_id]


async def test_pt_br_onboarded_in_portuguese_switches_to_spanish_and_the_rotation_goes_on(
    bot, carol: FakeUser, clock, telegram: FakeTelegram
):
    carol.info["language_code"] = "pt-BR"
    await onboard(carol)
    (person,) = await rows(bot, User, id=carol.id)
    assert person.language == "pt"
    # The welcome, the receipt and everything after it are in Portuguese.
    receipt = next(m for m in carol.bot_messages() if "/language" in (m.text or ""))
    assert "português" in (receipt.text or "") and "you agreed" not in (receipt.text or "").lower()

    clock.set(berlin(27, 9))
    first = await carol.expect()  # the nudge, its discreet header in Portuguese too
    _, item = await _newest_nudge(bot, carol)
    assert translations.text(item, "pt") != item.text
    assert translations.text(item, "pt") in (first.text or "")
    assert item.text not in (first.text or "")
    query = await carol.press(first, "Feito")  # "Done": the folded nudge keeps its words
    await carol.answer_of(query)
    await settle(telegram)
    assert first.buttons() == [] and translations.text(item, "pt") in (first.text or "")

    await carol.send("/language")
    menu = await carol.expect_text("em que idioma")
    assert [b["text"] for b in menu.buttons()] == [
        "English",
        "Español",
        "✓ Português (Brasil)",
        "Русский",
    ]
    query = await carol.press(menu, "Español")
    await carol.answer_of(query)
    await settle(telegram)
    assert "te escribo en español" in (menu.text or "")
    (person,) = await rows(bot, User, id=carol.id)
    assert person.language == "es"

    clock.set(berlin(28, 9))
    second = await carol.expect()  # the next nudge, now in Spanish
    _, next_item = await _newest_nudge(bot, carol)
    assert next_item.id != item.id  # the rotation went on, whatever the language
    assert translations.text(next_item, "es") in (second.text or "")
    selfcare = next(r for r in await rows(bot, Reminder, user_id=carol.id) if r.kind == "selfcare")
    assert {item.id, next_item.id} <= set(selfcare.seen_items.split(","))


async def test_a_forged_language_button_changes_nothing(bot, alice: FakeUser, telegram):
    await onboard(alice)
    await alice.send("/language")
    menu = await alice.expect_text("which language")
    query = await alice.press(menu, data="lg:set:de")
    assert "expired" in ((await alice.answer_of(query))["answer_text"] or "").lower()
    (person,) = await rows(bot, User, id=alice.id)
    assert person.language == "en"


async def test_command_menu_in_every_language(bot, telegram: FakeTelegram):
    default = telegram.commands["all_private_chats"]
    names = [c["command"] for c in default]
    assert "language" in names
    for code, word in (("es", "Elegir tu idioma"), ("pt", "Escolher seu idioma"), ("ru", "язык")):
        menu = telegram.commands[f"all_private_chats:{code}"]
        assert [c["command"] for c in menu] == names
        described = {c["command"]: c["description"] for c in menu}
        assert word in described["language"]
        # Every command is described in the language itself, none left in English.
        english = {c["command"]: c["description"] for c in default}
        assert not [n for n in names if described[n] == english[n]]
    calls = telegram.calls_of("setMyCommands")
    assert sorted(c.params.get("language_code") or "" for c in calls) == ["", "es", "pt", "ru"]


async def test_schedule_and_pause_read_spanish_days_and_lengths(bot, alice: FakeUser):
    alice.info["language_code"] = "es"
    await onboard(alice)
    await alice.send("/schedule checkin days lunes, Miércoles y viernes")
    await alice.expect_text("check-in del día: lun, mié, vie, a las 20:30")
    checkin = next(r for r in await rows(bot, Reminder, user_id=alice.id) if r.kind == "checkin")
    assert checkin.days == 0b10101
    await alice.send("/schedule checkin days lunes banana")
    await alice.expect_text("“lunes banana”")  # not read as days, said in Spanish
    await alice.send("/pause 3 días")
    await alice.expect_text("29", "13:00")  # paused until Sunday, in Spanish
    await alice.send("/schedule resumen desactivar")  # the command's own words, in Spanish
    await alice.expect_text("resumen semanal: desactivado", "/schedule resumen activar")
    await alice.send("/schedule autocuidado días sábado y domingo")
    await alice.expect_text("autocuidado: fines de semana")
    await alice.send("/pause una semana")
    await alice.expect_text("3 dic")  # a week from Thursday 26 November, 13:00
    await alice.send("/schedule banana 9:00")
    await alice.expect_text("“banana”", "autocuidado", "resumen")  # the kinds, as she types them


async def test_schedule_and_pause_read_portuguese_and_russian_words(bot, alice: FakeUser, bob):
    alice.info["language_code"] = "pt-BR"
    await onboard(alice)
    await alice.send("/schedule afirmação desativar")
    await alice.expect_text("desativado", "/schedule afirmação ativar")
    await alice.send("/pause duas semanas")
    await alice.expect_text("10 dez")
    bob.info["language_code"] = "ru"
    await onboard(bob)
    await bob.send("/schedule чекин дни пн, ср и пт")
    await bob.expect_text("пн, ср, пт")
    checkin = next(r for r in await rows(bot, Reminder, user_id=bob.id) if r.kind == "checkin")
    assert checkin.days == 0b10101
    await bob.send("/pause на неделю")
    await bob.expect_text("3 дек")


async def test_partners_get_the_same_question_each_in_their_own_language(
    bot, alice: FakeUser, bob: FakeUser, clock, telegram: FakeTelegram
):
    alice.info["language_code"] = "pt-BR"
    await pair(alice, bob)
    clock.set(berlin(26, 20, 30))
    one = await alice.expect_text("o check-in de hoje")
    two = await bob.expect_text("today's check-in")
    (round_,) = await rows(bot, CheckinRound)
    item = library.by_id()[round_.prompt_id]
    assert translations.text(item, "pt") in (one.text or "")
    assert item.text in (two.text or "") and item.text not in (one.text or "")
    ids = {d.item_id for d in await rows(bot, Delivery) if d.kind == "checkin"}
    assert ids == {item.id}  # one question id for both

    # Each answers in their own language; the reveal is in the reader's, the words as typed.
    await alice.send("/checkin")
    flow = await alice.expect_text(_in("pt", ct.STEP, n=1))
    for value in ("4", "3", "5"):
        await alice.press(flow, value)
        await settle(telegram)
    await alice.send("Fomos caminhar juntos, foi bom")
    await alice.expect()  # her answers saved, in Portuguese
    await answer(bob, telegram, (2, 2, 3), "We cooked dinner together")
    await settle(telegram)
    theirs = await alice.expect_text(_in("pt", ct.REVEAL_HEAD), "We cooked dinner together")
    assert translations.text(item, "pt") in (theirs.text or "")
    assert item.text not in (theirs.text or "")
    mine = next(m for m in bob.bot_messages() if "your check-ins are in" in (m.text or "").lower())
    assert "Fomos caminhar juntos, foi bom" in (mine.text or "")
    assert item.text in (mine.text or "") and translations.text(item, "pt") not in (mine.text or "")


def _in(language: str, words: i18n.Msg, **values: object) -> str:
    """The bot's words as `language` reads them, without markup (to find them in a message)."""
    with i18n.speaking(language):
        return re.sub(r"<[^>]+>", "", words.format(**values)).strip()


async def test_what_the_guard_says_is_in_the_persons_own_language(
    bot, telegram: FakeTelegram, bob: FakeUser
):
    """An edit and a flood are answered before the visit is read, in the person's language too
    (not English, nor whoever's update came before): his stored one, not Telegram's."""
    bob.info["language_code"] = "ru"
    await onboard(bob)
    bob.info["language_code"] = "en"  # the app's language changed; he still reads Russian
    bot.bot_data.deps.visits.forget(bob.id)
    await bob.send_raw({"text": "исправлено", "edit_date": 1}, kind="edited_message")
    await bob.expect_text(_in("ru", texts.EDITS_NOT_READ))
    bob.mark_read()
    telegram.latency = 0.08  # Telegram's round trip: the flood outruns the replies
    for number in range(120):
        await bob.send(f"сообщение {number}")
    await settle(telegram)
    slow = [m for m in bob.new_messages() if _in("ru", texts.SLOW_DOWN) in (m.text or "")]
    assert len(slow) == 1
