"""The crisis reply in the writer's language, at any point, with help for their country."""

from __future__ import annotations

from bot import texts
from content import i18n
from db.models import User
from demo.fake_telegram import FakeTelegram, FakeUser
from tests.helpers import onboard, rows, settle


def said(language: str, message: i18n.Msg) -> str:
    """The first line of one of the bot's sentences as `language` reads it (HTML-free)."""
    with i18n.speaking(language):
        return str(message).split("\n")[0].split("<")[0].strip()


async def test_portuguese_before_consent_then_kept_for_later(
    bot, carol: FakeUser, telegram: FakeTelegram
):
    carol.info["language_code"] = "pt-br"
    await carol.send("Não quero mais viver")  # before /start: nothing stored, nothing agreed
    reply = await carol.expect_text("pelo que você escreveu", "cvv, 188", "ligue 180", "(brasil")
    assert "what you wrote" not in (reply.text or "").lower()
    assert "findahelpline.com" in (reply.text or "")
    await carol.expect_text("/start")  # and then, in her language, what the bot needs first
    await carol.send("/start")
    await carol.press(
        await carol.expect_text(said("pt", texts.WELCOME)), said("pt", texts.CONSENT_YES)
    )
    await carol.expect_text(said("pt", texts.ASK_ROLE))
    (person,) = await rows(bot, User, id=carol.id)
    assert person.language == "pt"
    carol.info["language_code"] = "en"  # the kept language wins over a later client setting
    await carol.send("/safety")
    await carol.expect_text("onde encontrar ajuda", "cvv, 188", "nunca avisa")


async def test_spanish_during_onboarding_and_after_it_with_the_countrys_lines(
    bot, alice: FakeUser, telegram: FakeTelegram
):
    alice.info["language_code"] = "es"
    await alice.send("/start")
    welcome = await alice.expect_text(said("es", texts.WELCOME))
    await alice.press(welcome, said("es", texts.CONSENT_YES))
    ask_role = await alice.expect_text(said("es", texts.ASK_ROLE))
    await alice.send("me quiero morir")  # no time zone yet: the language names the country
    await alice.expect_text("por lo que escribiste", "línea 024", "(españa", "españa: 112")
    await settle(telegram)
    alice.mark_read()
    await alice.press(ask_role, data=ask_role.buttons()[0]["callback_data"])  # the hurt side
    await alice.expect_text(said("es", texts.ASK_TIMEZONE))
    await alice.send("America/Mexico_City")
    await alice.expect()  # the zone is set
    await alice.expect()  # all set
    await alice.send("Mi marido me pegó anoche")
    reply = await alice.expect_text("línea de la vida, 800 911 2000", "(méxico", "911 donde estás")
    assert "024" not in (reply.text or "")


async def test_russian_after_onboarding_any_case(bot, bob: FakeUser, telegram: FakeTelegram):
    bob.info["language_code"] = "ru"
    await onboard(bob, zone="Europe/Moscow")
    await bob.send("ЖИТЬ НЕ ХОЧУ")
    await bob.expect_text(
        "по вашим словам", "112 там, где вы находитесь", "8-800-7000-600", "не переданы партнёру"
    )
