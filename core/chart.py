"""A small PNG chart of weekly check-in averages: one stacked subplot per dimension.

Uses matplotlib's object-oriented API (``Figure`` + the Agg canvas) only, never ``pyplot``: no
global state and no GUI backend, so ``render_chart`` may run in a worker thread
(``asyncio.to_thread``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from typing import Final

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from core.progress import DIMENSIONS

WIDTH, HEIGHT = 800, 600  # pixels of the PNG
_DPI: Final = 100

# Calm, colour-blind-friendly tones (muted blue, soft orange, sage, dusty purple).
_COLOURS: Final = ("#4C78A8", "#E8A35C", "#7FA37A", "#9C7BA8")
_INK: Final = "#444444"
_GRID: Final = "#E6E6E6"
_MAX_TICK_LABELS: Final = 10


def render_chart(
    series: Mapping[str, Mapping[str, Sequence[float | None]]],
    week_labels: Sequence[str],
    titles: Mapping[str, str],
    empty_text: str = "",
) -> bytes:
    """Draw the weekly averages of each person as a WIDTH x HEIGHT PNG.

    ``series`` maps a (user-facing) line label to ``core.progress.weekly_series`` output;
    ``week_labels`` names the weeks on the x axis, oldest first; ``titles`` gives each
    dimension's subplot title. ``None`` values leave gaps. When there is no rating at all,
    ``empty_text`` (if any) is written across the chart.
    """
    missing = [d for d in DIMENSIONS if d not in titles]
    if missing:
        raise ValueError(f"no title for {missing}")
    for label, by_dimension in series.items():
        for dimension in DIMENSIONS:
            values = by_dimension.get(dimension, [])
            if len(values) != len(week_labels):
                raise ValueError(
                    f"{label!r} has {len(values)} {dimension} values for {len(week_labels)} weeks"
                )

    figure = Figure(figsize=(WIDTH / _DPI, HEIGHT / _DPI), dpi=_DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(DIMENSIONS), 1, sharex=True)
    figure.subplots_adjust(left=0.07, right=0.97, top=0.9, bottom=0.07, hspace=0.45)

    x = list(range(len(week_labels)))
    has_data = False
    for ax, dimension in zip(axes, DIMENSIONS, strict=True):
        for i, (label, by_dimension) in enumerate(series.items()):
            values = by_dimension.get(dimension, [])
            y = [math.nan if v is None else v for v in values]
            has_data = has_data or any(v is not None for v in values)
            ax.plot(
                x,
                y,
                label=label,
                color=_COLOURS[i % len(_COLOURS)],
                linewidth=2,
                marker="o",
                markersize=5,
            )
        ax.set_title(titles[dimension], loc="left", fontsize=10, color=_INK)
        ax.set_ylim(0.6, 5.4)
        ax.set_yticks([1, 2, 3, 4, 5])
        ax.grid(axis="y", color=_GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color(_GRID)
        ax.tick_params(colors=_INK, labelsize=8, length=0)

    bottom = axes[-1]
    if week_labels:
        step = math.ceil(len(week_labels) / _MAX_TICK_LABELS)
        ticks = x[::-1][::step][::-1]  # always label the latest week
        bottom.set_xticks(ticks, [week_labels[t] for t in ticks])
        bottom.set_xlim(-0.4, len(week_labels) - 0.6)
    else:
        bottom.set_xticks([])

    if series and has_data:
        handles, labels = axes[0].get_legend_handles_labels()
        figure.legend(
            handles,
            labels,
            loc="upper right",
            bbox_to_anchor=(0.97, 1.0),
            ncols=len(labels),
            frameon=False,
            fontsize=9,
            labelcolor=_INK,
        )
    elif empty_text:
        figure.text(
            0.5,
            0.5,
            empty_text,
            ha="center",
            va="center",
            fontsize=14,
            color=_INK,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 6},
        )

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()
