"""Build frozen dataclasses from TOML tables, refusing missing, empty or unknown keys.

Used by the loaders of content files that have their own shape (path, hard moments, share).
Field types understood: str (non-empty, stripped), int, tuple[str, ...], a dataclass (a table)
and tuple[<dataclass>, ...] (an array of tables).
"""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from content.library import ContentError

T = TypeVar("T")


@cache
def read(name: str) -> dict[str, Any]:
    """The parsed TOML file `name` from the content package (ContentError if it is not TOML)."""
    try:
        return tomllib.loads(files("content").joinpath(name).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{name}: {error}") from error


def build(cls: type[T], raw: object, where: str) -> T:
    """An instance of the dataclass `cls` from the table `raw`; ContentError names `where`."""
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: expected a table")
    hints = typing.get_type_hints(cls)
    names = {field.name for field in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = set(raw) - names
    if unknown:
        raise ContentError(f"{where}: unknown keys {sorted(unknown)}")
    values = {name: _value(hints[name], raw.get(name), f"{where}.{name}") for name in names}
    return cls(**values)


def _value(kind: Any, raw: object, where: str) -> object:
    if kind is str:
        if not isinstance(raw, str) or not raw.strip():
            raise ContentError(f"{where}: missing or empty text")
        return raw.strip()
    if kind is int:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise ContentError(f"{where}: expected a whole number")
        return raw
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return build(kind, raw, where)
    if typing.get_origin(kind) is tuple:
        inner = typing.get_args(kind)[0]
        if not isinstance(raw, list) or not raw:
            raise ContentError(f"{where}: expected a non-empty list")
        return tuple(_value(inner, entry, f"{where}[{i}]") for i, entry in enumerate(raw))
    raise ContentError(f"{where}: unsupported field type {kind!r}")  # pragma: no cover
