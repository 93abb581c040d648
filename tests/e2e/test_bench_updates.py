"""`python -m bench updates` at a tiny size, so the benchmark cannot rot (no timing asserted)."""

from __future__ import annotations

import pytest

from bench import updates


async def test_updates_bench_runs_at_a_tiny_size(capsys: pytest.CaptureFixture[str]):
    results = await updates.measure([2], concurrency=4, latency=0.01, flood=5, tries=2)
    updates.report(results, 0.01, 5, 2)
    printed = capsys.readouterr().out
    assert "one at a time" in printed and "concurrent" in printed and "throughput" in printed
    for row in results["sizes"][2].values():
        assert row["p50"] <= row["p99"] <= row["max"] and row["peak_mb"] > 0
    assert set(results["flood"]) == {"one at a time", "concurrent"}
