"""The analyst's export form (the format) and the annual report's year. A bad choice is a form error by its field."""

from __future__ import annotations

from django import forms

from frontdoor.reports.models import ExportFormat


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(
        choices=ExportFormat.choices, error_messages={"required": "Choose CSV or Parquet",
                                                      "invalid_choice": "Choose CSV or Parquet"},
    )  # fmt: skip


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        coerce=int, error_messages={"required": "Choose a year", "invalid_choice": "Choose one of the years listed"}
    )

    def __init__(self, *args, current: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            (y, f"April {y - 1} to March {y}") for y in range(current, current - 6, -1)
        ]  # fmt: skip
