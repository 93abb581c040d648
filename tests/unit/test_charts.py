"""ChartCache: one drawing per couple and picture, kept only until both partners had it."""

from __future__ import annotations

import asyncio

from bot.charts import KEEP, ChartCache, ChartSpec

TITLES = {"safety": "Safe", "connection": "Connected", "agreements": "Kept"}


def spec(value: float) -> ChartSpec:
    series = {str(i): {d: [value] for d in TITLES} for i in range(2)}
    return ChartSpec(series, ["1 Nov"], TITLES, legend=False)


class Drawer:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, chart: ChartSpec) -> bytes:
        self.calls += 1
        await asyncio.sleep(0)
        return b"png-" + chart.digest().encode()


async def test_drawn_once_uploaded_once_then_dropped() -> None:
    draw = Drawer()
    cache = ChartCache(draw)
    first = await cache.photo(1, (1, 2), spec(3.0))
    assert first.upload and first.data is not None  # 1 asked first: it uploads the bytes
    assert cache.held() == 1
    waiting = asyncio.ensure_future(cache.photo(2, (1, 2), spec(3.0)))
    for _ in range(3):
        await asyncio.sleep(0)
    assert not waiting.done()  # the partner waits for the upload's file_id
    cache.uploaded(1, (1, 2), spec(3.0), "photo7")
    second = await waiting
    assert second.input == "photo7" and not second.upload
    assert draw.calls == 1
    assert cache.held() == 0  # both had it


async def test_a_failed_upload_lets_the_partner_upload() -> None:
    cache = ChartCache(Drawer())
    await cache.photo(1, (1, 2), spec(3.0))
    waiting = asyncio.ensure_future(cache.photo(2, (1, 2), spec(3.0)))
    await asyncio.sleep(0)
    cache.uploaded(1, (1, 2), spec(3.0), None)
    photo = await waiting
    assert photo.upload and photo.data is not None


async def test_other_numbers_forget_and_age_never_reuse_a_chart() -> None:
    now = [0.0]
    draw = Drawer()
    cache = ChartCache(draw, clock=lambda: now[0])
    await cache.photo(1, (1, 2), spec(3.0))
    await cache.photo(2, (1, 2), spec(4.0))  # a new answer changed the picture: drawn anew
    assert draw.calls == 2
    cache.forget(2)  # unlinked or erased: nothing showing them is kept
    assert cache.held() == 0
    await cache.photo(1, (1, 2), spec(3.0))
    now[0] = KEEP + 1
    assert cache.held() == 0  # the partner's never came: dropped after KEEP
    await cache.photo(3, (3,), spec(3.0))  # a person alone: drawn, never kept
    assert cache.held() == 0


def test_the_empty_note_is_written_only_over_a_chart_without_ratings() -> None:
    """A chart with ratings and no legend (the shared weekly chart) once carried "no check-ins
    yet" across its lines."""
    from core import chart

    note = "No check-ins in these weeks yet"
    rated = {str(i): {d: [None, 3.0] for d in TITLES} for i in range(2)}
    empty = {str(i): {d: [None, None] for d in TITLES} for i in range(2)}
    for legend in (True, False):
        figure, _ = chart._figure(rated, ["1 Nov", "8 Nov"], TITLES, note, legend=legend)
        assert note not in [t.get_text() for t in figure.texts], legend
    figure, _ = chart._figure(empty, ["1 Nov", "8 Nov"], TITLES, note, legend=False)
    assert note in [t.get_text() for t in figure.texts]
