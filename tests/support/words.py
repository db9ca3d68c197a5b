"""Words, not codes: what a person reads on a page never holds a stored code, a raw enum value, an ISO timestamp or
an internal id ("User 4"). Run over the visible text of every page the suite renders (see the `client` fixture).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

CODES = {
    "a snake_case code": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "an upper-case enum value": re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"),
    "an ISO date or timestamp": re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?"),
    "an internal id for a person": re.compile(r"\b(?:User|Person|Actor) \d+\b"),
    "a CIN primary need code": re.compile(r"\bN[1-9]\b"),
}
EMAIL = re.compile(r"\S+@\S+")


class _Text(HTMLParser):
    """The text a person reads: text nodes outside <script>, <style> and <title>-less heads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "template"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"}:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str | bytes) -> str:
    parser = _Text()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return " ".join(" ".join(parser.parts).split())


def codes_in(html: str | bytes) -> list[str]:
    """Each code found in what a person reads, with the kind of code it is."""
    text = EMAIL.sub(" ", visible_text(html))
    return [f"{kind}: {match.group(0)!r}" for kind, pattern in CODES.items() for match in pattern.finditer(text)]


def assert_words_not_codes(html: str | bytes, where: str = "") -> None:
    found = codes_in(html)
    assert not found, f"{where}: codes on the page: {found[:5]}"
