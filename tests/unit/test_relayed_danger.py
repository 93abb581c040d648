"""Words that read like danger and were sent to the partner anyway (a check-in answer, a path
reflection, a boundary note, an appreciation, a share) arrive with one calm line saying where
help is (/safety); ordinary words, and words still held back, arrive without it."""

from __future__ import annotations

from bot import boundary_replies, boundary_views, checkin_views, path_views
from bot import moment_texts as mt
from bot.handlers import appreciate
from bot.handlers import checkin as checkin_handler
from core import boundary_act as ba
from core import checkin_outcomes as co
from core import checkins, path_flow
from core.boundaries import Status
from core.outcome import Note
from core.path_reflection import Words
from db.models import Boundary, CheckinAnswer, CheckinRound

DANGER = "I want to kill myself"
HELP = "/safety"


def test_the_help_line_is_calm_and_names_nothing_of_the_writer() -> None:
    line = str(mt.PARTNER_IN_PAIN)
    assert HELP in line
    for word in ("suicid", "kill", "crisis", "danger"):
        assert word not in line.lower()


def _answer(text: str, *, private: bool = False) -> CheckinAnswer:
    mask = checkins.PRIVATE_BIT["text"] if private else 0
    return CheckinAnswer(text=text, private_mask=mask)


def test_a_checkin_answer_shared_anyway_shows_where_help_is() -> None:
    round_ = CheckinRound(id=3)
    mine = _answer("A calm day")
    shown, _ = checkin_views.reveal(round_, mine, _answer(DANGER), "How?", can_appreciate=False)
    assert HELP in shown
    kept, _ = checkin_views.reveal(
        round_, mine, _answer(DANGER, private=True), "How?", can_appreciate=False
    )
    assert HELP not in kept and DANGER not in kept
    calm, _ = checkin_views.reveal(round_, mine, _answer("Tired"), "How?", can_appreciate=False)
    assert HELP not in calm
    # The writer's own danger words in their own view: no line about "your partner".
    own, _ = checkin_views.reveal(round_, _answer(DANGER), mine, "How?", can_appreciate=False)
    assert HELP not in own
    late = Note(to=1, say=co.SHARED_AFTER, kind=co.KIND, words=DANGER)
    assert HELP in checkin_handler.note_view(late, "Sam")[0]


def test_a_path_reflection_shared_anyway_shows_where_help_is() -> None:
    mine = Words("A walk", None, held=False)
    shared = path_views.reveal(1, mine, Words(None, DANGER, held=False), discreet=False)
    assert HELP in shared
    held = path_views.reveal(1, mine, Words(None, DANGER, held=True), discreet=False)
    assert HELP not in held and DANGER not in held
    assert HELP not in path_views.reveal(1, mine, Words("Talking", None, False), False)
    later = Note(to=1, say=path_flow.N_ADDITION, kind="path", data=Words(DANGER, None, False))
    assert HELP in path_views.addition(later.data, discreet=True)


def test_a_boundary_note_and_an_appreciation_sent_anyway_show_where_help_is() -> None:
    note = Note(to=1, say=ba.OWNER_NOTE, kind="boundary", data=("No phones at dinner", DANGER))
    assert HELP in boundary_replies.note_view(note, "Sam")[0]
    calm = Note(to=1, say=ba.OWNER_NOTE, kind="boundary", data=("No phones", "Fair enough"))
    assert HELP not in boundary_replies.note_view(calm, "Sam")[0]
    thanks = Note(to=1, say="appreciation.relay", kind="appreciation", words=DANGER)
    assert HELP in appreciate.note_view(thanks, "Sam")[0]


def test_a_boundary_shared_anyway_shows_where_help_is() -> None:
    def shown(statement: str) -> str:
        boundary = Boundary(
            id=5,
            owner_id=1,
            statement=statement,
            consequence=None,
            category="other",
            status=Status.SHARED,
        )
        return boundary_views.for_partner(boundary, "Sam", updated=False)[0]

    assert HELP in shown(f"No calls late at night. {DANGER}")
    assert HELP not in shown("No calls late at night")
