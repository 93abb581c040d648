"""The /hard and /share views say each thing once, and name no partner who is not there."""

from __future__ import annotations

from bot import hard_moment, share_views
from content import moments as content_moments


def test_what_helped_invites_own_words_once():
    text, _ = hard_moment.helped_view(1)
    # The prompt already says "pick one or write your own"; a second line saying it again read
    # as a stutter to someone in a hard moment.
    assert text.lower().count("your own") == 1


def test_without_a_partner_the_closing_step_names_no_partner():
    text, markup = hard_moment.grounding_view("hurt", 99, paired=False)
    labels = [b.text.lower() for row in markup.inline_keyboard for b in row]
    assert "partner" not in text.lower() and not any("partner" in label for label in labels)
    text, markup = hard_moment.grounding_view("hurt", 99, paired=True)
    assert any("partner" in b.text.lower() for row in markup.inline_keyboard for b in row)


def test_a_part_being_changed_shows_its_words_escaped_and_offers_to_keep_them():
    text, markup = share_views.part_prompt(4, 0, written="Tired <b>but</b> hopeful")
    assert "Tired &lt;b&gt;but&lt;/b&gt; hopeful" in text
    assert markup is not None and "keep" in markup.inline_keyboard[0][0].text.lower()


def test_the_notice_guides_each_reader_by_their_own_side():
    """A reader who was hurt is never asked to look after the one who hurt them: no "don't
    explain or defend", and permission to answer or simply look after themselves."""
    broke, _ = hard_moment.notice_view(1, role="broke")
    hurt, _ = hard_moment.notice_view(1, role="hurt")
    unsaid, _ = hard_moment.notice_view(1, role=None)
    assert "explain or defend" in broke
    assert "explain or defend" not in hurt and "explain or defend" not in unsaid
    assert "owe anything" in hurt and "take care of yourself" in hurt
    assert len({broke, hurt, unsaid}) == 3
    for language in ("es", "pt", "ru"):
        notice = content_moments.hard_moments(language).notice
        english = content_moments.hard_moments().notice
        assert len({notice.guidance("hurt"), notice.guidance("broke"), notice.guidance(None)}) == 3
        assert not set(notice.guidance("hurt")) & set(english.guidance("hurt"))  # translated


def test_the_responsibility_part_blames_no_one_for_the_partner_who_was_hurt():
    responsibility = content_moments.SHARE_PART_IDS.index("responsibility")
    broke, _ = share_views.part_prompt(4, responsibility, role="broke")
    assert "short with you" in broke
    for role in ("hurt", None):
        text, _ = share_views.part_prompt(4, responsibility, role=role)
        assert "short with you" not in text and "for yourself" in text
    feelings = [share_views.part_prompt(4, 0, role=r)[0] for r in ("broke", "hurt", None)]
    assert len(set(feelings)) == 1  # the other parts read the same on every side
    for language in ("es", "pt", "ru"):
        shared = content_moments.share(language)
        assert shared.wording(responsibility, "hurt") != shared.wording(responsibility, "broke")
        assert shared.responsibility_neutral != content_moments.share().responsibility_neutral
