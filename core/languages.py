"""The person's language (re-exported from `content.languages`, where it lives so the lowest
layer, `content.i18n` included, can use it): `SUPPORTED`, `ENGLISH`, `pick`, `known`."""

from __future__ import annotations

from content.languages import ENGLISH, SUPPORTED, known, pick

__all__ = ["ENGLISH", "SUPPORTED", "known", "pick"]
