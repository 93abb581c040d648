"""Every benchmark mode still runs (tiny sizes, no timing asserted), so none can rot unnoticed."""

from __future__ import annotations

import pytest

from bench.__main__ import MODES


@pytest.mark.parametrize("mode", sorted(MODES))
def test_every_bench_mode_runs_at_a_tiny_size(
    mode: str, capsys: pytest.CaptureFixture[str]
) -> None:
    MODES[mode]("smoke")
    printed = capsys.readouterr().out
    assert printed.startswith("== "), printed
    assert "nan" not in printed.lower().split(), printed
