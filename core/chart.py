"""A small PNG chart of weekly check-in averages: one stacked subplot per dimension.

Uses matplotlib's object-oriented API (``Figure`` + the Agg canvas) only, never ``pyplot``: no
global state and no GUI backend, so ``render_chart`` may run in a worker thread
(``asyncio.to_thread``). ``paint`` draws the same chart about five times cheaper for many charts
in a row (one process: a chart pool's worker): the axes, titles and labels of a week are drawn
once and kept as pixels, and each chart only adds its lines on top.
"""

from __future__ import annotations

import io
import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, Final

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from core.progress import DIMENSIONS

WIDTH, HEIGHT = 800, 600  # pixels of the PNG
_DPI: Final = 100

# Calm, colour-blind-friendly tones (muted blue, soft orange, sage, dusty purple).
_COLOURS: Final = ("#4C78A8", "#E8A35C", "#7FA37A", "#9C7BA8")
_INK: Final = "#444444"
_GRID: Final = "#E6E6E6"
_MAX_TICK_LABELS: Final = 10
_MARKERS: Final = ("o", "s", "D", "^")  # a second way to tell the lines apart besides colour
_KEPT_BACKGROUNDS: Final = 8  # weeks x line labels kept drawn per process


Series = Mapping[str, Mapping[str, Sequence[float | None]]]


def _check(series: Series, week_labels: Sequence[str], titles: Mapping[str, str]) -> None:
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


def _has_data(series: Series) -> bool:
    return any(v is not None for s in series.values() for values in s.values() for v in values)


def _y(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _figure(
    series: Series,
    week_labels: Sequence[str],
    titles: Mapping[str, str],
    empty_text: str,
    *,
    legend: bool,
) -> tuple[Figure, list[tuple[Axes, list[Line2D]]]]:
    """The figure with one line per (dimension, series label), drawn with the given values."""
    figure = Figure(figsize=(WIDTH / _DPI, HEIGHT / _DPI), dpi=_DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(DIMENSIONS), 1, sharex=True)
    figure.subplots_adjust(left=0.07, right=0.97, top=0.9, bottom=0.07, hspace=0.45)

    x = list(range(len(week_labels)))
    drawn: list[tuple[Axes, list[Line2D]]] = []
    for ax, dimension in zip(axes, DIMENSIONS, strict=True):
        drawn.append((ax, _lines(ax, x, series, dimension)))
        _style(ax, titles[dimension])
    _weeks_axis(axes[-1], x, week_labels)
    if series and legend:
        _legend(figure, axes[0])
    elif empty_text and not _has_data(series):  # never across lines (a chart without legend)
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
    return figure, drawn


def _lines(ax: Axes, x: list[int], series: Series, dimension: str) -> list[Line2D]:
    """One line per series label on this dimension's subplot, each with its colour and marker."""
    lines = []
    for i, (label, by_dimension) in enumerate(series.items()):
        (line,) = ax.plot(
            x,
            _y(by_dimension.get(dimension, [])),
            label=label,
            color=_COLOURS[i % len(_COLOURS)],
            linewidth=2,
            marker=_MARKERS[i % len(_MARKERS)],
            markersize=5,
        )
        lines.append(line)
    return lines


def _style(ax: Axes, title: str) -> None:
    """A quiet subplot: a title on the left, ratings 1 to 5, a light grid, no frame."""
    ax.set_title(title, loc="left", fontsize=10, color=_INK)
    ax.set_ylim(0.6, 5.4)
    ax.set_yticks([1, 2, 3, 4, 5])
    ax.grid(axis="y", color=_GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(_GRID)
    ax.tick_params(colors=_INK, labelsize=8, length=0)


def _weeks_axis(bottom: Axes, x: list[int], week_labels: Sequence[str]) -> None:
    """Week labels under the lowest subplot: at most _MAX_TICK_LABELS, the latest always."""
    if not week_labels:
        bottom.set_xticks([])
        return
    step = math.ceil(len(week_labels) / _MAX_TICK_LABELS)
    ticks = x[::-1][::step][::-1]
    bottom.set_xticks(ticks, [week_labels[t] for t in ticks])
    bottom.set_xlim(-0.4, len(week_labels) - 0.6)


def _legend(figure: Figure, top: Axes) -> None:
    """Whose line is whose, in one row above the subplots."""
    handles, labels = top.get_legend_handles_labels()
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


def render_chart(
    series: Series,
    week_labels: Sequence[str],
    titles: Mapping[str, str],
    empty_text: str = "",
) -> bytes:
    """Draw the weekly averages of each person as a WIDTH x HEIGHT PNG.

    ``series`` maps a (user-facing) line label to ``core.progress.weekly_series`` output;
    ``week_labels`` names the weeks on the x axis, oldest first; ``titles`` gives each
    dimension's subplot title. ``None`` values leave gaps. When there is no rating at all,
    ``empty_text`` (if any) is written across the chart. Raises ValueError on a missing title
    or a series whose length is not the number of weeks.
    """
    _check(series, week_labels, titles)
    figure, _ = _figure(series, week_labels, titles, empty_text, legend=_has_data(series))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()


def render_print(
    series: Series,
    week_labels: Sequence[str],
    titles: Mapping[str, str],
    empty_text: str = "",
    fmt: str = "svg",
) -> bytes:
    """``render_chart``'s chart for the PDF report: SVG (vector, text as paths; `fmt` "svg") or
    a 150 dpi PNG (`fmt` "png", for long periods: a vector chart of many weeks is slow to lay
    out in the PDF)."""
    _check(series, week_labels, titles)
    figure, _ = _figure(series, week_labels, titles, empty_text, legend=_has_data(series))
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=150, facecolor="white", metadata={"Date": None})
    return buffer.getvalue()


_Kept = tuple[FigureCanvasAgg, Any, list[tuple[Axes, list[Line2D]]]]


class Painter:
    """Draws ``render_chart``'s chart (with its legend) for many series in a row, keeping each
    week's axes as pixels. Not thread-safe: one per process (``paint``) or per thread."""

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[object, ...], _Kept] = OrderedDict()

    def paint(
        self,
        series: Series,
        week_labels: Sequence[str],
        titles: Mapping[str, str],
        empty_text: str = "",
        *,
        legend: bool = True,
    ) -> bytes:
        """Same arguments, errors and picture as ``render_chart`` (without the legend when
        `legend` is false: the caption says which line is whose); PNG bytes."""
        _check(series, week_labels, titles)
        if not series or not _has_data(series):
            return render_chart(series, week_labels, titles, empty_text)  # rare: nothing to keep
        key = (legend, tuple(series), tuple(week_labels), tuple(sorted(titles.items())))
        kept = self._kept.get(key)
        if kept is None:
            figure, drawn = _figure(series, week_labels, titles, empty_text, legend=legend)
            for _, lines in drawn:
                for line in lines:
                    line.set_animated(True)  # left out of the kept background
            canvas = FigureCanvasAgg(figure)
            canvas.draw()  # type: ignore[no-untyped-call]
            background = canvas.copy_from_bbox(figure.bbox)  # type: ignore[no-untyped-call]
            kept = (canvas, background, drawn)
            self._kept[key] = kept
            while len(self._kept) > _KEPT_BACKGROUNDS:
                self._kept.popitem(last=False)
        self._kept.move_to_end(key)
        canvas, background, drawn = kept
        canvas.restore_region(background)  # type: ignore[no-untyped-call]
        for (ax, lines), dimension in zip(drawn, DIMENSIONS, strict=True):
            for line, by_dimension in zip(lines, series.values(), strict=True):
                line.set_ydata(_y(by_dimension.get(dimension, [])))
                ax.draw_artist(line)
        width, height = canvas.get_width_height()
        rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="PNG", compress_level=6)
        return buffer.getvalue()


_painter = Painter()
_painter_lock = threading.Lock()


def paint(
    series: Series,
    week_labels: Sequence[str],
    titles: Mapping[str, str],
    empty_text: str = "",
    legend: bool = True,
) -> bytes:
    """``Painter.paint`` with this process's painter (a chart pool worker calls this)."""
    with _painter_lock:
        return _painter.paint(series, week_labels, titles, empty_text, legend=legend)
