"""/report through the fake Telegram: a couple with 8 weeks of rounds (seeded through the
models), the period and sections chosen by buttons, the PDF read back and drawn, and the
couple report that waits for the other partner's yes."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdfium2 as pdfium
from pypdf import PdfReader

from content import report_texts as rt
from content.i18n import Msg, speaking
from db.models import Path, User
from demo.fake_telegram import FakeTelegram, FakeUser
from demo.fake_telegram.server import SentMessage
from tests import report_seed as s
from tests.helpers import answer, pair, settle
from tests.report_seed import seed_days

END = date(2026, 11, 26)  # the test clock's day in Berlin


def _in(language: str, sentence: Msg) -> str:
    """`sentence` as a reader of `language` gets it."""
    with speaking(language):
        return str(sentence)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _coloured(image) -> int:
    """Pixels clearly not grey: chart lines and bars (the text is all grey)."""
    raw = image.tobytes()
    pixels = (raw[i : i + 3] for i in range(0, len(raw), 3))
    return sum(1 for p in pixels if max(p) - min(p) > 60)


async def _choose(person: FakeUser, telegram: FakeTelegram, *ticks: str) -> SentMessage:
    await person.send("/report")
    step = await person.expect_text("which stretch of time")
    await person.press(step, "last 8 weeks")
    await telegram.wait_for(lambda: "tap to choose" in (step.text or "").lower())
    for tick in ticks:
        await person.press(step, tick)

        def ticked(tick: str = tick) -> bool:
            return any(b["text"].startswith(rt.TICK_ON + tick) for b in step.buttons())

        await telegram.wait_for(ticked)
    return step


async def test_report_by_buttons_holds_what_may_be_seen_and_the_couple_one_waits_for_a_yes(
    bot, telegram: FakeTelegram
):
    zoe = FakeUser(telegram, 1001, "Zoë Ангелова", "zoe_t")
    dima = FakeUser(telegram, 1002, "Дмитрий", "dima_t")
    await pair(zoe, dima)
    async with bot.bot_data.deps.transaction() as session:
        couple_id = (await session.get(User, zoe.id)).couple_id
        await s.seed(session, couple_id, zoe.id, dima.id, END, 56)
        await s.seed_hard(session, zoe.id, dima.id, END)
        (await session.get(User, dima.id)).hard_in_summary = True
        (await session.get(User, dima.id)).language = "ru"  # his copy is drawn in Russian
        session.add(Path(couple_id=couple_id, status="active", stage=3, created_at=s.AT))
    bot.bot_data.deps.visits.forget(dima.id)  # as /language does: his next update reads it

    step = await _choose(
        zoe, telegram, *(str(rt.SECTION_NAMES[k]) for k in ("answers", "hard_words"))
    )
    await zoe.press(step, str(rt.BUTTON_MAKE))
    sent = await zoe.expect(timeout=60)
    assert sent.document is not None and sent.file_name == "tend-notes-2026-11-26.pdf"
    assert "2 Oct 2026 to 26 Nov 2026" in (sent.caption or "")  # the chat's one date style
    for word in ("betray", "sex", "affair"):
        assert word not in sent.file_name and word not in (sent.caption or "").lower()
    text = _text(sent.document)
    assert "2 October 2026 to 26 November 2026" in text and "Prepared for Zoë Ангелова" in text
    assert re.search(r"Me\s+4\.0\s+3\.0\s+5\.0\s+55", text)
    assert re.search(r"My partner\s+2\.0\s+3\.0\s+4\.0\s+55", text)  # no private 5, no unrevealed
    assert re.search(r"Nov 2026\s+14\s+17", text) and "Oct 2026" in text
    assert s.MY_PRIVATE in text and s.MY_SHARED in text  # ticked: my own words, private ones too
    for hidden in (s.PARTNER_PRIVATE, s.PARTNER_SHARED, s.UNREVEALED):
        assert hidden not in text
    assert "Noted: 3" in text and "What helped most often: a slow walk" in text
    assert s.MY_TRIGGER in text and "Stage 3 of 10: Small promises, kept" in text  # ticked
    assert s.PARTNER_TRIGGER not in text and s.PARTNER_HELPED not in text  # never Dima's
    document = pdfium.PdfDocument(sent.document)
    pages = [document[i].render(scale=0.5).to_pil().convert("RGB") for i in range(len(document))]
    document.close()
    assert 3 <= len(pages) <= 8
    assert _coloured(pages[0]) == 0  # the cover: words only
    assert _coloured(pages[1]) > 500 and _coloured(pages[2]) > 50  # weekly and monthly charts

    await zoe.send("/summary")
    summary = await zoe.expect_text("monthly look: 14 of 21 this month, 12 last month", timeout=30)
    assert summary.text
    await zoe.expect(timeout=30)  # the chart

    # The couple report: Dima is asked, with exactly what would go in; only his yes counts.
    step = await _choose(zoe, telegram)
    await zoe.press(step, "couple report")
    await zoe.server.wait_for(lambda: "i've asked your partner" in (step.text or "").lower())
    question = await dima.expect_text("вопрос от tend", "последние 8 недель")  # in his language
    for name in rt.COUPLE_SECTIONS:
        assert _in("ru", rt.COUPLE_NAMES[name]) in (question.text or "")
    yes_label = _in("ru", rt.BUTTON_YES)
    yes = next(b["callback_data"] for b in question.buttons() if b["text"] == yes_label)
    zoe.mark_read()
    await zoe.press(step, data=yes)  # a forged yes from the person who asked
    await zoe.expect_text("isn't available")
    await dima.press(question, data=f"rp:ok:{int(yes.split(':')[2]) + 1}")  # no such request
    await dima.expect_text(_in("ru", rt.REPORT_REFUSED))
    await settle(telegram)
    assert not [m for m in zoe.bot_messages() + dima.bot_messages() if m.document and m is not sent]
    await dima.press(question, yes_label)
    copies = [
        await zoe.expect_among("couple report", timeout=60),
        await dima.expect_among("общий отчёт", timeout=60),
    ]
    for copy in copies:
        assert copy.document is not None
        couple_text = _text(copy.document)
        assert s.MY_PRIVATE not in couple_text
        assert s.PARTNER_PRIVATE not in couple_text and s.UNREVEALED not in couple_text
        for words in (s.MY_TRIGGER, s.MY_HELPED, s.PARTNER_TRIGGER, s.PARTNER_HELPED):
            assert words not in couple_text
    assert copies[0].document is not None and copies[1].document is not None
    mine, his = _text(copies[0].document), _text(copies[1].document)
    assert "for both of us" in mine and "for both of us" not in his  # each in their language
    assert "Заметки из tend, для нас обоих" in his and "Страница 1" in his
    assert re.search(r"My partner\s+2\.0\s+3\.0\s+4\.0\s+55", mine)
    assert re.search(r"Me\s+not shown\s+–\s+My partner\s+2\s+5\.0", mine)  # he shows his
    tapped = await dima.press(question, data=yes)  # a second tap: a quiet toast, no message
    assert (await dima.answer_of(tapped))["answer_text"] == _in("ru", rt.COUPLE_ON_ITS_WAY)
    await settle(telegram)
    assert dima.new_messages() == [] and zoe.new_messages() == []


async def test_monthly_look_comes_inside_the_check_in_and_is_shared_only_if_chosen(
    bot, alice: FakeUser, bob: FakeUser, telegram: FakeTelegram
):
    await pair(alice, bob)
    async with bot.bot_data.deps.transaction() as session:
        couple_id = (await session.get(User, alice.id)).couple_id
        await seed_days(
            session, couple_id, (alice.id, bob.id), [date(2026, 11, d) for d in range(19, 26)]
        )
    flow = await answer(alice, telegram, (4, 3, 5), None)
    assert "once a month · 1 of 4" in (flow.text or "").lower()
    await alice.press(flow, "tap to share")
    await telegram.wait_for(lambda: "shared once you've both" in str(flow.buttons()).lower())
    for n, value in enumerate(("5", "4", "4", "4")):
        await alice.press(flow, value)
        after = f"{n + 2} of 4" if n < 3 else "17 of 21"

        def moved_on(after: str = after) -> bool:
            return after in (flow.text or "")

        await telegram.wait_for(moved_on)
    assert "your monthly look: 17 of 21" in (flow.text or "").lower()
    flow = await answer(bob, telegram, (2, 2, 3), None)
    assert "once a month · 1 of 4" in (flow.text or "").lower()
    await bob.press(flow, str(rt.MEASURE_SKIP))
    await bob.expect_among("your partner shared their monthly look this time: 17 of 21")
    await settle(telegram)
    assert "ask again next month" in (flow.text or "").lower()
    assert not any("monthly look this time" in (m.text or "") for m in alice.bot_messages())
