"""The report's small charts (SVG, vector in the PDF; or PNG): monthly scores, the weekly review.

matplotlib's object-oriented API only (no pyplot, no global state): safe in a worker thread.
The weekly ratings chart is `core.chart.render_print`, the same drawing as the summary's.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Final

from matplotlib.axes import Axes
from matplotlib.figure import Figure

_COLOURS: Final = ("#4C78A8", "#E8A35C")
_MARKERS: Final = ("o", "s")
_INK: Final = "#444444"
_GRID: Final = "#E6E6E6"
_METADATA: Final = re.compile(rb"<metadata>.*?</metadata>", re.S)


def _axes(width: float, height: float) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width, height), facecolor="white")
    ax = figure.subplots()
    figure.subplots_adjust(left=0.08, right=0.98, top=0.85, bottom=0.18)
    ax.grid(axis="y", color=_GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(_GRID)
    ax.tick_params(colors=_INK, labelsize=8, length=0)
    return figure, ax


def _saved(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=150, facecolor="white", metadata={"Date": None})
    return _METADATA.sub(b"", buffer.getvalue()) if fmt == "svg" else buffer.getvalue()


def monthly(
    lines: Mapping[str, Sequence[int | None]], labels: Sequence[str], fmt: str = "svg"
) -> bytes:
    """Monthly scores (0–21), one line per person label, months oldest first; `fmt` "svg" or
    "png" bytes."""
    figure, ax = _axes(7.5, 2.6)
    x = list(range(len(labels)))
    for i, (label, values) in enumerate(lines.items()):
        y = [float("nan") if v is None else v for v in values]
        ax.plot(x, y, label=label, color=_COLOURS[i % 2], marker=_MARKERS[i % 2], linewidth=2)
    ax.set_ylim(-0.5, 21.5)
    ax.set_yticks([0, 7, 14, 21])
    ax.set_xticks(x, list(labels))
    ax.set_xlim(-0.5, max(len(labels) - 0.5, 0.5))
    if lines:
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(0, 1.22),
            ncols=len(lines),
            frameon=False,
            fontsize=8,
            labelcolor=_INK,
        )
    return _saved(figure, fmt)


def review(kept_share: Sequence[float | None], labels: Sequence[str], fmt: str = "svg") -> bytes:
    """The weekly review's kept share (0–100 %) as bars, weeks oldest first; `fmt` bytes."""
    figure, ax = _axes(7.5, 2.2)
    x = list(range(len(labels)))
    ax.bar(x, [0 if v is None else 100 * v for v in kept_share], color=_COLOURS[0], width=0.6)
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 50, 100], ["0%", "50%", "100%"])
    step = max(1, -(-len(labels) // 10))
    ticks = x[::-1][::step][::-1]
    ax.set_xticks(ticks, [labels[t] for t in ticks])
    return _saved(figure, fmt)
