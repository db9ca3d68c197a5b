"""The scorecard's filter: the period (this month, last month, the last 12 months, or from and to dates typed in) and
the agency. A bad date is a form error by its field, never a 500."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from frontdoor.core.forms import DateField, choice
from frontdoor.reports.figures import Period

LONDON = ZoneInfo("Europe/London")
PERIODS = [
    ("this_month", "This month"),
    ("last_month", "Last month"),
    ("last_12_months", "The last 12 months"),
    ("custom", "From and to dates"),
]
LONGEST = timedelta(days=3 * 366)  # a custom period longer than three years is refused: say a narrower one


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def dates_of(period: str, today: date) -> tuple[date, date]:
    """The first and last day (inclusive) of a named period, as of `today`."""
    this_month = _first_of_month(today)
    if period == "last_month":
        last = this_month - timedelta(days=1)
        return _first_of_month(last), last
    if period == "last_12_months":
        return _months_back(this_month, 11), today
    return this_month, today


def _months_back(first: date, months: int) -> date:
    month = first.month - months
    year = first.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def period_words(first: date, last: date) -> str:
    return f"{first.day} {first:%B %Y} to {last.day} {last:%B %Y}"


class ScorecardForm(forms.Form):
    period = choice(PERIODS, "Select the period")
    start = DateField("The from date")
    end = DateField("The to date")
    agency = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, error_messages={"invalid_choice": "Select an agency"}
    )

    team = forms.ChoiceField(required=False, error_messages={"invalid_choice": "Select a team from the list"})

    def __init__(
        self, *args: Any, agencies: list[tuple[int, str]], today: date, teams: list[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ChoiceField)
        agency.choices = [("", "All agencies"), *agencies]
        team = self.fields["team"]
        assert isinstance(team, forms.ChoiceField)
        team.choices = [("", "All teams"), *((t, t) for t in teams or [])]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("period") != "custom":
            if data.get("period"):
                data["first"], data["last"] = dates_of(data["period"], self.today)
            return data
        first, last = data.get("start"), data.get("end")
        if "start" not in self.errors and first is None:
            self.add_error("start", "Enter the from date")
        if "end" not in self.errors and last is None:
            self.add_error("end", "Enter the to date")
        if first and last:
            if last < first:
                self.add_error("end", "The to date must be the same as or after the from date")
            elif last - first > LONGEST:
                self.add_error("end", "The to date must be within 3 years of the from date")
            elif first > self.today:
                self.add_error("start", "The from date must be today or in the past")
        data["first"], data["last"] = first, last
        return data

    def to_period(self, now: datetime) -> Period:
        """The period the form chose, as moments in UK time: from the start of the first day to the end of the
        last."""
        data = self.cleaned_data
        start = datetime.combine(data["first"], time.min, tzinfo=LONDON)
        end = datetime.combine(data["last"] + timedelta(days=1), time.min, tzinfo=LONDON)
        return Period(start=start, end=end, now=now, agency_id=data.get("agency"), team=data.get("team") or "")
