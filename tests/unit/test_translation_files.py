"""Every content file in every language: same ids, same placeholders and tags, the English rules
(scripts/check_translations.py, run here on the real files and on a broken copy)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Files whose languages live inside them (one table per language), not in content/locales/.
OWN_LANGUAGES = {"resources", "crisis_texts", "typed_words"}


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_translations", ROOT / "scripts/check_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_translations"] = module
    spec.loader.exec_module(module)
    return module


checker = _checker()


def test_the_checker_covers_every_content_file():
    english = {p.stem for p in (ROOT / "content").glob("*.toml")} - OWN_LANGUAGES
    covered = {*checker.ITEM_FILES, "boundaries", *checker.NESTED_FILES}
    assert english == covered


@pytest.mark.parametrize("language", ["es", "pt", "ru"])
def test_every_file_translated_and_matching(language: str, capsys):
    folder = ROOT / "content/locales" / language
    for name in (*checker.ITEM_FILES, "boundaries", *checker.NESTED_FILES):
        checked = checker.check_file(folder, name)
        assert checked is not None, f"{language}/{name}.toml is missing"
        problems, count = checked
        assert problems == [], problems
        assert count > 0


def test_the_checker_finds_a_missing_entry_and_a_changed_placeholder(tmp_path: Path):
    source = (ROOT / "content/locales/es/share.toml").read_text(encoding="utf-8")
    broken = source.replace("Dura {weeks}", "Dura {semanas}").replace(
        'id = "care"', 'id = "cuidado"'
    )
    (tmp_path / "share.toml").write_text(broken, encoding="utf-8")
    checked = checker.check_file(tmp_path, "share")
    assert checked is not None
    text = "\n".join(checked[0])
    assert "placeholders/tags differ" in text and "{semanas}" in text
    assert "missing: parts[care]" in text and "extra: parts[cuidado]" in text
