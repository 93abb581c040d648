#!/usr/bin/env python3
"""Compare each content translation with its English master and print what does not match.

Usage: python3 scripts/check_translations.py  (stdlib only; run from anywhere)

For every content/locales/<lang>/<name>.toml it loads content/<name>.toml and reports:
missing ids (in English, not in the translation), extra ids (not in English), ids given twice,
empty texts, a changed number of boundary examples, and texts whose {placeholders} or HTML tags
differ from the English. It also lists English content files a language has no translation of.
The files of their own shape (path, hard_moments, share) are compared by structure: the
same strings at the same places (arrays of tables by id, else by position), the same markup.
For items it applies the rules tests/unit/test_content.py applies to the English: 20 to 300
characters, check-in questions end with "?", and an item the English does not mark `explicit`
names nothing sensitive (the language's words for what core/discretion.SENSITIVE lists).
Exit status: 0 when nothing is wrong, 1 otherwise.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

CONTENT = Path(__file__).resolve().parent.parent / "content"
LOCALES = CONTENT / "locales"
# The rotation content this checker covers: files made of [[item]] entries with an id and a text.
ITEM_FILES = ("selfcare", "affirmations", "journal", "checkin")
# Files of their own shape (tables, arrays of tables, lists of strings): a translation mirrors
# the English structure with every string in it (ids kept, numbers left out). Entries of an
# array of tables match by `id` where they have one, else by position.
NESTED_FILES = ("path", "hard_moments", "share")
# In those, the texts that may open a message on a locked screen: checked for sensitive words.
FIRST_LINES = re.compile(
    r"(^notices\.|^stages\[\w+\]\.title$|first_line$|\.opening$|^counsellor\.title$)"
)
PROSE_FIELDS = ("label", "question")
MARKUP = re.compile(r"\{[^{}]*\}|</?[a-zA-Z][^<>]*>")
# The words core/discretion.SENSITIVE lists, per language (core.discretion.SENSITIVE_IN, the
# bot's own discretion check; that module needs nothing beyond the standard library).
sys.path.insert(0, str(CONTENT.parent))
from core.discretion import SENSITIVE_IN  # noqa: E402

SENSITIVE = {language: pattern.pattern for language, pattern in SENSITIVE_IN.items()}
SIZE = (20, 300)


def markup(text: str) -> Counter[str]:
    """Return the placeholders and HTML tags in a text, with how often each occurs."""
    return Counter(MARKUP.findall(text))


def compare_text(where: str, english: str, translated: object, problems: list[str]) -> None:
    """Record a problem if a translated text is empty or its markup differs from the English."""
    if not isinstance(translated, str) or not translated.strip():
        problems.append(f"{where}: empty or not a string")
    elif markup(english) != markup(translated):
        problems.append(
            f"{where}: placeholders/tags differ: "
            f"{sorted(markup(english).elements())} vs {sorted(markup(translated).elements())}"
        )


def check_ids(where: str, english: list[str], translated: list[str], problems: list[str]) -> None:
    """Record missing, extra and repeated ids."""
    twice = sorted(i for i, n in Counter(translated).items() if n > 1)
    missing = [i for i in english if i not in set(translated)]
    extra = [i for i in translated if i not in set(english)]
    if missing:
        problems.append(f"{where}: missing ids: {', '.join(missing)}")
    if extra:
        problems.append(f"{where}: extra ids: {', '.join(extra)}")
    if twice:
        problems.append(f"{where}: ids given more than once: {', '.join(twice)}")


def check_item_rules(where: str, lang: str, source: dict[str, Any], text: str) -> list[str]:
    """The English content rules, applied to one translated item."""
    problems = []
    if not SIZE[0] <= len(text) <= SIZE[1]:
        problems.append(f"{where}: {len(text)} characters, outside {SIZE[0]}-{SIZE[1]}")
    if where.split("/")[1].startswith("checkin") and not text.rstrip().endswith("?"):
        problems.append(f"{where}: a check-in question should end with '?'")
    pattern = SENSITIVE.get(lang)
    if pattern and not source.get("explicit", False):
        found = re.findall(rf"(?<!\w)(?:{pattern})", text.lower())
        if found:
            problems.append(f"{where}: names something sensitive: {', '.join(sorted(set(found)))}")
    return problems


def check_items(where: str, en: dict[str, Any], tr: dict[str, Any]) -> list[str]:
    """Check a file of [[item]] entries keyed by id."""
    problems: list[str] = []
    lang = where.split("/")[0]
    en_items = {i["id"]: i for i in en.get("item", [])}
    tr_list = list(tr.get("item", []))
    check_ids(where, list(en_items), [i.get("id") for i in tr_list], problems)
    for item in tr_list:
        if item.get("id") in en_items:
            source = en_items[item["id"]]
            compare_text(f"{where} {item['id']}", source["text"], item.get("text"), problems)
            if isinstance(item.get("text"), str):
                problems += check_item_rules(f"{where} {item['id']}", lang, source, item["text"])
    return problems


def check_boundaries(where: str, en: dict[str, Any], tr: dict[str, Any]) -> list[str]:
    """Check the boundaries file: intro, and per category its prose fields and examples."""
    problems: list[str] = []
    compare_text(f"{where} intro", str(en["intro"]), tr.get("intro"), problems)
    en_cats = {c["id"]: c for c in en.get("category", [])}
    tr_list = list(tr.get("category", []))
    check_ids(where, list(en_cats), [c.get("id") for c in tr_list], problems)
    for cat in tr_list:
        source = en_cats.get(cat.get("id"))
        if source is None:
            continue
        for field in PROSE_FIELDS:
            compare_text(f"{where} {cat['id']}.{field}", source[field], cat.get(field), problems)
        examples = cat.get("examples", [])
        if len(examples) != len(source["examples"]):
            problems.append(
                f"{where} {cat['id']}.examples: {len(examples)} examples, "
                f"English has {len(source['examples'])}"
            )
        for n, (english, text) in enumerate(zip(source["examples"], examples, strict=False)):
            compare_text(f"{where} {cat['id']}.examples[{n}]", english, text, problems)
    return problems


def leaves(data: Any, path: str, problems: list[str], where: str) -> dict[str, str]:
    """Every string in a TOML structure by its path ("stages[reflect].opening.hurt",
    "log.helped_suggestions[2]"); `id`s become part of the path, numbers are left out."""
    found: dict[str, str] = {}
    if isinstance(data, str):
        found[path] = data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key != "id":
                found |= leaves(value, f"{path}.{key}" if path else key, problems, where)
    elif isinstance(data, list):
        ids = [e.get("id") if isinstance(e, dict) else None for e in data]
        twice = sorted(str(i) for i, n in Counter(ids).items() if i is not None and n > 1)
        if twice:
            problems.append(f"{where} {path}: ids given more than once: {', '.join(twice)}")
        for n, entry in enumerate(data):
            key = ids[n] if ids[n] is not None else n
            found |= leaves(entry, f"{path}[{key}]", problems, where)
    return found


def check_nested(where: str, en: dict[str, Any], tr: dict[str, Any]) -> list[str]:
    """Check a file of its own shape: the same strings at the same places, same markup."""
    problems: list[str] = []
    lang = where.split("/")[0]
    english = leaves(en, "", problems, where)
    translated = leaves(tr, "", problems, where)
    missing = [p for p in english if p not in translated]
    extra = [p for p in translated if p not in english]
    if missing:
        problems.append(f"{where}: missing: {', '.join(missing)}")
    if extra:
        problems.append(f"{where}: extra: {', '.join(extra)}")
    pattern = SENSITIVE.get(lang)
    for path, text in translated.items():
        if path not in english:
            continue
        compare_text(f"{where} {path}", english[path], text, problems)
        if pattern and FIRST_LINES.search(path):
            found = re.findall(rf"(?<!\w)(?:{pattern})", text.lower())
            if found:
                problems.append(f"{where} {path}: names something sensitive: {sorted(set(found))}")
    return problems


def check_file(lang_dir: Path, name: str) -> tuple[list[str], int] | None:
    """The problems of one translated file and how many entries it has (None: not there)."""
    where = f"{lang_dir.name}/{name}.toml"
    path = lang_dir / f"{name}.toml"
    if not path.exists():
        return None
    with open(CONTENT / f"{name}.toml", "rb") as f:
        en = tomllib.load(f)
    try:
        with open(path, "rb") as f:
            tr = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        return [f"{where}: does not parse: {exc}"], 0
    if name in NESTED_FILES:
        problems = check_nested(where, en, tr)
        return problems, len(leaves(tr, "", [], where))
    check = check_boundaries if name == "boundaries" else check_items
    count = len(tr.get("category" if name == "boundaries" else "item", []))
    return check(where, en, tr), count


def main() -> int:
    """Check every language folder and print a summary line per file; return the exit status."""
    if not LOCALES.is_dir():
        print(f"no translations found under {LOCALES}")
        return 1
    failed = False
    for lang_dir in sorted(p for p in LOCALES.iterdir() if p.is_dir()):
        for name in (*ITEM_FILES, "boundaries", *NESTED_FILES):
            where = f"{lang_dir.name}/{name}.toml"
            checked = check_file(lang_dir, name)
            if checked is None:
                print(f"{where}: not translated yet")
                failed = True
                continue
            problems, count = checked
            print(f"{where}: {count} entries, {'ok' if not problems else 'PROBLEMS'}")
            for line in problems:
                print(f"  {line}")
            failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
