"""Danger phrasings in the languages tend speaks, one module per language (`en` English).

Each module holds one tuple `PATTERNS` of regular expressions, written in lower case as a native
speaker spells the words (with accents, ñ, ç, ё, й). Besides English, `core.safety` strips the
accents from the patterns and from the text the same way (Unicode NFKD, combining marks
dropped, `str.casefold`), so "suicídio" and "suicidio", "ЁЛКИ" and "елки" read alike.
"""
