"""The monthly look inside the check-in: its question steps, the note after it, the partner's
line in a reveal, and its line in /summary. Rules are in core.measure; words in
content.report_texts.

core.measure_flow decides when a question shows (inside the check-in, before the review day or
the finish); bot.handlers.measure words its keys with these views.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content import report_texts as rt
from core import measure
from db.models import MonthlyCheck

Button = InlineKeyboardButton
Reply = tuple[str, InlineKeyboardMarkup | None]


def step(round_id: int, check: MonthlyCheck, question: str, *, paired: bool) -> Reply:
    """One of the four questions with its 0..top buttons, the share toggle and "skip"."""
    number = measure.QUESTIONS.index(question) + 1
    lines = [rt.MEASURE_STEP.format(n=number), ""]
    if number == 1:
        lines += [str(rt.MEASURE_INTRO), ""]
    lines += [str(rt.MEASURE_QUESTIONS[question]), str(rt.MEASURE_SCALES[question])]
    values = range(measure.TOP[question] + 1)
    rows = [[Button(str(v), callback_data=f"mm:a:{round_id}:{question}:{v}") for v in values]]
    if paired:
        label = rt.MEASURE_PRIVATE_ON if check.shared else rt.MEASURE_PRIVATE_OFF
        rows.append([Button(str(label), callback_data=f"mm:p:{round_id}:{question}")])
    rows.append([Button(str(rt.MEASURE_SKIP), callback_data=f"mm:x:{round_id}")])
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def done_note(total: int | None, before: int | None) -> str:
    """What the person reads after the fourth answer (or after skipping, `total` None): warm
    words first, then the score out of 21 (and last month's, when there is one)."""
    if total is None:
        return str(rt.MEASURE_SKIPPED)
    earlier = rt.MEASURE_BEFORE.format(score=before) if before is not None else ""
    score = rt.MEASURE_DONE.format(score=total, before=earlier)
    # Warm words first: a low score is named kindly before the number, never as a bare grade.
    if measure.is_low(total):
        return f"{rt.MEASURE_LOW}\n\n{score}"
    return f"{rt.MEASURE_THANKS} {score}"


def summary_lines(trend: measure.Trend | None, *, low_safety: bool = False) -> list[str]:
    """/summary's "this month vs last" line (nothing before the first monthly look); the kind
    note for a low score, unless the safety note (which comes first) is already there."""
    if trend is None or trend.this_month is None:
        return []
    if trend.last_month is None:
        line = rt.SUMMARY_MONTH_FIRST.format(now=trend.this_month)
    else:
        line = rt.SUMMARY_MONTH.format(now=trend.this_month, before=trend.last_month)
    if measure.is_low(trend.this_month) and not low_safety:
        return [line, "", str(rt.MEASURE_LOW)]
    return [line]
