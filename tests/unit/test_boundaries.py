"""Boundary words and rules that need no database."""

from __future__ import annotations

import pytest

from bot import boundary_views as views
from content.i18n import speaking
from core import boundaries
from db.models import Boundary


@pytest.mark.parametrize(
    "statement",
    [
        "You must never text her again",
        "you can't go out without telling me",
        "Don't lie to me",
        "You’re not allowed to see him",
        "you are not allowed to see him",
        "Never again",
        "YOU WILL tell me everything",
    ],
)
def test_rules_for_the_partner_get_the_gentle_hint(statement: str):
    assert boundaries.sounds_controlling(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "I need honest answers",
        "If contact happens, I will take a week apart",
        "I'd like us to talk before plans change",
        "Youth groups are fine with me",  # "you" only as part of another word
        "When you're late, I need a message",
    ],
)
def test_needs_and_own_actions_do_not(statement: str):
    assert not boundaries.sounds_controlling(statement)


@pytest.mark.parametrize(
    ("statement", "category", "offered"),
    [
        ("You must never text her again", "contact", False),
        ("You must never text her again", "other", False),
        ("Don't ever see him again", "time", False),
        ("You will block her everywhere", "transparency", False),
        ("You must show me your phone whenever I ask", "transparency", True),
        ("You must message me when you're late", "time", True),
        ("Don't lie to me", "transparency", True),
        ("I need to know if she gets in touch", "contact", False),
        ("I need honest answers", "transparency", False),
    ],
)
def test_the_reframing_offer_is_not_made_for_ending_contact(
    statement: str, category: str, offered: bool
):
    assert boundaries.offer_reframing(statement, category) is offered


def test_guide_has_the_four_areas_and_other_with_examples():
    guide = boundaries.guide()
    assert [c.id for c in guide.categories] == [
        "intimacy",
        "contact",
        "transparency",
        "time",
        "other",
    ]
    assert all(len(c.examples) >= 2 and c.question.endswith("?") for c in guide.categories)
    assert "rule" in guide.intro and "I need" in guide.intro
    assert guide.category("nonsense") is None


def test_weekday_words():
    assert boundaries.parse_weekday("Sunday") == 6
    assert boundaries.parse_weekday(" thu ") == 3
    assert boundaries.parse_weekday("someday") is None
    assert views.day_name(0) == "Monday"


def test_review_stats_ratio():
    stats = boundaries.ReviewStats(week_kept=1, week_total=2, all_kept=3, all_total=4, weeks=2)
    assert stats.ratio(week=True) == 0.5 and stats.ratio(week=False) == 0.75
    assert boundaries.ReviewStats(0, 0, 0, 0, 0).ratio(week=True) is None


def test_long_statements_are_cut_in_lists_and_escaped():
    text = "I need <b>space</b> " * 20
    shown = views.short(text)
    assert shown.endswith("…") and "<b>" not in shown and "&lt;b&gt;" in shown


def test_markdown_export_keeps_every_value_and_nests_lists():
    from core.export_markdown import to_markdown

    data = {
        "format": 1,
        "exported_at": "2026-11-27T10:00:00+00:00",
        "profile": {
            "telegram_id": 7,
            "role": None,
            "timezone": "America/New_York",
            # Fields added later are rendered kindly without being listed anywhere.
            "reminded_at": "2026-11-27T15:04:05.123456+00:00",
            "mood_choice": "rather_not_say",
        },
        "journal": [{"written_at": "2026-11-26", "text": "two\nlines"}],
        "boundaries": [
            {
                "statement": "I need rest",
                "versions": [{"version": 1, "statement": "I need rest"}],
                "retired_at": None,
            }
        ],
        "invite": None,
        "checkins": [],
    }
    markdown = to_markdown(data)
    assert "## About you" in markdown and "- **Telegram id**: 7" in markdown
    assert "- **Reminded**: Friday 27 November 2026, 10:04" in markdown  # New York time
    assert "- **Mood choice**: rather not say" in markdown
    assert "Exported on Friday 27 November 2026, 05:00." in markdown
    assert "- **Written**: Thursday 26 November 2026" in markdown
    assert "- **Your side**: –" in markdown
    assert "two\n  lines" in markdown  # a line break stays inside its bullet
    assert "- **Versions**:" in markdown and "    - **Version**: 1" in markdown
    assert markdown.count("Nothing here.") == 2  # no invite, no check-ins


@pytest.mark.parametrize("language", ["es", "pt", "ru"])
def test_a_card_names_its_area_in_the_readers_language(language: str):
    """The card's heading once named the area in English ("Seu limite · Sexual intimacy")."""
    boundary = Boundary(
        id=7, owner_id=1, category="intimacy", statement="x", consequence=None, version=1
    )
    boundary.status, boundary.retired_at = boundaries.Status.SHARED, None
    label = boundaries.guide(language).category("intimacy")
    english = boundaries.guide().category("intimacy")
    assert label is not None and english is not None and label.label != english.label
    for viewer in (1, 2):  # the owner's card and the partner's
        with speaking(language):
            text, _ = views.card(boundary, viewer_id=viewer, paired=True, zone=None)
        heading = text.splitlines()[0]
        assert label.label in heading and english.label not in heading
