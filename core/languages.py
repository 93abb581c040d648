"""The person's language (re-exported from `content.languages`, where it lives so the lowest
layer, `content.i18n` included, can use it): `SUPPORTED`, `ENGLISH`, `NAMES`, `pick`, `known`,
`own_name`."""

from __future__ import annotations

from content.languages import ENGLISH, NAMES, SUPPORTED, known, own_name, pick

__all__ = ["ENGLISH", "NAMES", "SUPPORTED", "known", "own_name", "pick"]
