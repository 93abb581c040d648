"""The PDF's text cleaning: accents and Cyrillic kept, what the font cannot draw replaced."""

from __future__ import annotations

from content import report_texts as rt
from core.report_layout import clean


def test_accents_and_cyrillic_stay_and_undrawable_emoji_become_one_dot():
    assert clean("Zoë Ковальчук, ça va") == "Zoë Ковальчук, ça va"
    assert clean("we 🫶🫶 tried") == f"we {rt.PDF_EMOJI} tried"  # a run becomes one dot
    assert clean("e\u0301") == "é"  # combining accents are composed first
    assert clean("ok 👍🏽\u200d") in ("ok 👍", f"ok {rt.PDF_EMOJI}")  # skin tone and joiner go
    assert clean("line one\nline two") == "line one\nline two"
