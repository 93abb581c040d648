"""The path's views: every button they draw decodes with core.actions; the boundaries stage
opens the boundary guide, the professional-help stage how to find a counsellor and /report;
the fuller check-in offered under the "establish trust" opening; each side's own words."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot import path_replies
from bot import path_texts as pt
from bot import path_views as views
from content.path import STAGE_IDS
from content.path import path as content
from core import actions, path_flow
from core.outcome import Reply
from core.path_messages import Where


def _data(markup: InlineKeyboardMarkup | None) -> list[str]:
    assert markup is not None
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row]


def test_every_button_of_every_stage_decodes() -> None:
    for stage in range(1, len(STAGE_IDS) + 1):
        where = Where(7, "active", stage, solo=False, paired=True, answered=True)
        for markup in (views.opening(7, stage, "hurt", False)[1], views.status(where, None)[1]):
            assert all(actions.decode(data) is not None for data in _data(markup))
    assert all(actions.decode(d) for d in _data(views.question(7, 3, 2)[1]))
    assert all(actions.decode(d) for d in _data(views.invitation(7)[1]))


def test_boundaries_open_the_guide_and_the_last_stage_the_counsellor_and_report() -> None:
    boundaries = STAGE_IDS.index("boundaries") + 1
    professional = STAGE_IDS.index("professional") + 1
    assert "bd:guide:0" in _data(views.opening(7, boundaries, "broke", False)[1])
    assert "path:help:7" in _data(views.opening(7, professional, "hurt", False)[1])
    text, markup = path_replies.view(Reply(path_flow.COUNSELLOR, 7, below=True))
    assert content().counsellor.title in text and "/report" in text and markup is None


def test_the_trust_opening_offers_the_fuller_checkin_only_when_told() -> None:
    trust = STAGE_IDS.index("trust") + 1
    offered = path_flow.Opening(trust, "broke", False, offer_share=True)
    text, markup = path_replies.view(Reply(path_flow.OPENING, 7, offered))
    assert text.startswith("Week ") and "sh:new" in _data(markup)
    assert "sh:no" not in _data(markup)  # it would edit the opening away
    plain = path_flow.Opening(trust, "broke", False)
    assert "sh:new" not in _data(path_replies.view(Reply(path_flow.OPENING, 7, plain))[1])


def test_each_side_reads_its_own_opening() -> None:
    stage = content().stages[0]
    for role, own in (("hurt", stage.opening.hurt), ("broke", stage.opening.broke)):
        text, _ = path_replies.view(Reply(path_flow.OPENING, 7, path_flow.Opening(1, role, False)))
        assert own[:40] in text.replace("&#x27;", "'")


def test_old_invitations_answer_kindly() -> None:
    text, markup = path_replies.view(Reply(path_flow.UNDER_WAY, 7, below=True))
    assert text == str(pt.UNDER_WAY) and _data(markup) == ["path:show:7"]
