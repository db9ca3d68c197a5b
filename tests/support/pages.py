"""The page-shape check every view test uses: what a screen-reader user and an automated checker rely on.

One h1; the <title> starts with the h1's text (after an optional "Error: "); no duplicate ids; every visible form
control has a label (a <label for>, aria-label or aria-labelledby, or a wrapping label); GOV.UK classes on links.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

UNLABELLED_OK_TYPES = {"hidden", "submit", "button", "reset", "image"}


class _Shape(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.h1s: list[str] = []
        self.title = ""
        self.label_fors: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.links_without_class: list[str] = []
        self._in_error_summary = False
        self._label_depth = 0
        self._h1_text: list[str] | None = None
        self._title_text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "h1":
            self._h1_text = []
        elif tag == "title":
            self._title_text = []
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.label_fors.add(attrs["for"])
        elif tag in {"input", "select", "textarea"}:
            if attrs.get("type", "text") not in UNLABELLED_OK_TYPES:
                attrs["_wrapped"] = "1" if self._label_depth else ""
                self.controls.append(attrs)
        elif tag == "ul" and "govuk-error-summary__list" in attrs.get("class", ""):
            self._in_error_summary = True  # GOV.UK styles these links through the list
        elif tag == "a" and "class" not in attrs and not self._in_error_summary:
            self.links_without_class.append(attrs.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._h1_text is not None:
            self.h1s.append(" ".join("".join(self._h1_text).split()))
            self._h1_text = None
        elif tag == "title" and self._title_text is not None:
            self.title = " ".join("".join(self._title_text).split())
            self._title_text = None
        elif tag == "label":
            self._label_depth = max(0, self._label_depth - 1)
        elif tag == "ul":
            self._in_error_summary = False

    def handle_data(self, data: str) -> None:
        if self._h1_text is not None:
            self._h1_text.append(data)
        if self._title_text is not None:
            self._title_text.append(data)


def page_problems(html: str) -> list[str]:
    """Everything wrong with the page's shape, as sentences (empty when the page is fine)."""
    shape = _Shape()
    shape.feed(html)
    problems = []
    if len(shape.h1s) != 1:
        problems.append(f"expected exactly one h1, found {len(shape.h1s)}: {shape.h1s}")
    elif not shape.title.removeprefix("Error: ").startswith(shape.h1s[0]):
        problems.append(f"title {shape.title!r} does not start with the h1 {shape.h1s[0]!r}")
    duplicates = [i for i, n in Counter(shape.ids).items() if n > 1]
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    for control in shape.controls:
        labelled = (
            control.get("id") in shape.label_fors
            or control.get("aria-label")
            or control.get("aria-labelledby")
            or control.get("_wrapped")
        )
        if not labelled:
            problems.append(f"unlabelled form control: name={control.get('name')!r} id={control.get('id')!r}")
    if shape.links_without_class:
        problems.append(f"links without a GOV.UK class: {shape.links_without_class}")
    return problems


def assert_page_shape(html: str | bytes) -> None:
    text = html.decode() if isinstance(html, bytes) else html
    problems = page_problems(text)
    assert not problems, "page shape: " + "; ".join(problems)
