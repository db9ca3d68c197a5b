"""The page-shape checker itself: it must catch each problem it promises to, and pass a well-made page."""

from __future__ import annotations

import pytest

from support.pages import assert_page_shape, page_problems

GOOD_BODY = """
<a href="#main-content" class="govuk-skip-link">Skip to main content</a>
<div class="govuk-error-summary">
  <h2 class="govuk-error-summary__title">There is a problem</h2>
  <ul class="govuk-list govuk-error-summary__list">
    <li><a href="#name">Enter a name</a></li>
  </ul>
</div>
<h1 class="govuk-heading-l">Find a child</h1>
<form method="post">
  <input type="hidden" name="csrfmiddlewaretoken" value="x">
  <label class="govuk-label" for="name">Name</label>
  <input class="govuk-input" id="name" name="name" type="text">
  <label class="govuk-label">Date of birth <input class="govuk-input" name="dob" type="text"></label>
  <input class="govuk-input" name="q" type="search" aria-label="Search">
  <span id="role-label">Role</span>
  <select class="govuk-select" id="role" name="role" aria-labelledby="role-label"></select>
  <textarea class="govuk-textarea" id="notes" name="notes"></textarea>
  <label class="govuk-label" for="notes">Notes</label>
  <input type="submit" value="Search">
  <button class="govuk-button" type="submit">Search</button>
</form>
<a class="govuk-link" href="/">Home</a>
"""


def page(body: str = GOOD_BODY, title: str = "Error: Find a child - Safeguarding front door") -> str:
    return f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>{body}</body></html>"


def test_a_well_made_page_has_no_problems() -> None:
    assert page_problems(page()) == []
    assert_page_shape(page().encode())


def test_a_title_without_the_error_prefix_is_fine_too() -> None:
    assert page_problems(page(title="Find a child - Safeguarding front door")) == []


@pytest.mark.parametrize(
    ("body", "title", "expected"),
    [
        pytest.param(
            GOOD_BODY.replace('<h1 class="govuk-heading-l">Find a child</h1>', ""),
            "Find a child",
            "expected exactly one h1, found 0",
            id="no-h1",
        ),
        pytest.param(
            GOOD_BODY + "<h1>Another heading</h1>",
            "Find a child",
            "expected exactly one h1, found 2",
            id="two-h1s",
        ),
        pytest.param(
            GOOD_BODY,
            "Safeguarding front door - Find a child",
            "does not start with the h1",
            id="title-not-starting-with-h1",
        ),
        pytest.param(
            GOOD_BODY,
            "Error: Search - Safeguarding front door",
            "does not start with the h1",
            id="error-title-not-starting-with-h1",
        ),
        pytest.param(
            GOOD_BODY + '<p class="govuk-body" id="name">Also name</p>',
            "Find a child",
            "duplicate ids: ['name']",
            id="duplicate-ids",
        ),
        pytest.param(
            GOOD_BODY + '<input class="govuk-input" id="postcode" name="postcode" type="text">',
            "Find a child",
            "unlabelled form control: name='postcode'",
            id="unlabelled-input",
        ),
        pytest.param(
            GOOD_BODY + '<select class="govuk-select" id="kind" name="kind"></select>',
            "Find a child",
            "unlabelled form control: name='kind'",
            id="unlabelled-select",
        ),
        pytest.param(
            GOOD_BODY + '<label for="other">Other</label><input id="postcode" name="postcode">',
            "Find a child",
            "unlabelled form control: name='postcode'",
            id="label-for-another-control",
        ),
        pytest.param(
            GOOD_BODY + '<a href="/people/">People</a>',
            "Find a child",
            "links without a GOV.UK class: ['/people/']",
            id="link-without-class",
        ),
        pytest.param(
            GOOD_BODY.replace('<a class="govuk-link" href="/">Home</a>', '<a href="/">Home</a>'),
            "Find a child",
            "links without a GOV.UK class: ['/']",
            id="link-after-error-summary-list-without-class",
        ),
    ],
)
def test_each_problem_is_found_alone(body: str, title: str, expected: str) -> None:
    problems = page_problems(page(body, title))
    assert len(problems) == 1, problems
    assert expected in problems[0]
    with pytest.raises(AssertionError, match="page shape"):
        assert_page_shape(page(body, title))


def test_every_problem_on_one_page_is_reported() -> None:
    body = '<h1>A</h1><h1>B</h1><p id="x"></p><p id="x"></p><input name="n"><a href="/">Home</a>'
    problems = page_problems(page(body, "Nothing"))
    assert len(problems) == 4
    assert [p.split()[0] for p in problems] == ["expected", "duplicate", "unlabelled", "links"]


def test_headings_and_titles_are_compared_with_whitespace_collapsed() -> None:
    body = GOOD_BODY.replace('<h1 class="govuk-heading-l">Find a child</h1>', "<h1>\n  Find   a\n child </h1>")
    assert page_problems(page(body, "\n Find a child\n - Safeguarding front door")) == []
