"""Danger phrasings in the languages tend speaks besides English (English lives in core.safety).

Each module holds one tuple `PATTERNS` of regular expressions, written in lower case as a native
speaker spells the words (with accents, ñ, ç, ё, й). `core.safety` strips the accents from the
patterns and from the text the same way (Unicode NFKD, combining marks dropped, `str.casefold`),
so "suicídio" and "suicidio", "ЁЛКИ" and "елки" read alike.
"""
