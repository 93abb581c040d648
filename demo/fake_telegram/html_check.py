"""Parse Telegram's HTML parse mode: refuse what Telegram refuses, return the plain text."""

from __future__ import annotations

from html.parser import HTMLParser

ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
    "tg-time",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class EntityError(ValueError):
    """Telegram answers 400 "Bad Request: can't parse entities: …"."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise EntityError(f'Unsupported start tag "{tag}"')
        if tag == "a" and not any(name == "href" for name, _ in attrs):
            raise EntityError('Can\'t find end tag corresponding to start tag "a"')
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            raise EntityError(f'Can\'t find end tag corresponding to start tag "{tag}"')
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            raise EntityError("Unexpected end tag")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in NAMED_ENTITIES:
            raise EntityError(f'Unsupported HTML entity "&{name};"')
        self.text.append(NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name.lower().startswith("x") else int(name)
        self.text.append(chr(code))


def plain_text(html: str) -> str:
    """The text a person would see; EntityError where Telegram would refuse the markup."""
    if "&" in html:
        # A bare '&' that starts no entity: Telegram refuses it.
        for index, char in enumerate(html):
            if char == "&":
                end = html.find(";", index)
                if end == -1 or end - index > 10 or not html[index + 1 : end]:
                    raise EntityError("Character '&' is reserved and must be escaped")
    parser = _Parser()
    parser.feed(html)
    parser.close()
    if parser.open:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1]}"')
    if parser.rawdata:
        raise EntityError("Unclosed start tag")
    return "".join(parser.text)
