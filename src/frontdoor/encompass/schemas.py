"""The partner API's shapes for Operation Encompass: a notification as the establishment's system reads it, and its
acknowledgement. Strict: an unknown field is refused, not ignored."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from frontdoor.core.schemas import ApiInput


class NoticeChildOut(Schema):
    name: str
    date_of_birth: date | None


class NoticeOut(Schema):
    model_config = ConfigDict(extra="forbid")

    reference: str = Field(description="The notification's reference, OE-XXXX-XXXX")
    status: Literal["sent", "acknowledged"]
    child: NoticeChildOut
    police_reference: str
    incident_at: datetime
    location: str
    child_present: bool | None = Field(description="Null when the officer did not say")
    child_whereabouts: str = Field(description="Where the child was during the incident")
    child_voice: str = Field(description="What the child said")
    circumstances: str
    other_information: str = Field(description="Other relevant safeguarding information")
    due_at: datetime = Field(description="Acknowledge before the start of your next school day")
    acknowledged_at: datetime | None
    support: Literal["overt", "silent", ""] = Field(description="The support recorded at acknowledgement")


class AcknowledgeIn(ApiInput):
    """The establishment has read the notification, and offers this support."""

    model_config = ConfigDict(extra="forbid")

    support: Literal["overt", "silent"] = Field(
        description="overt: offered openly to the child; silent: staff aware, watching over without telling them"
    )
    support_notes: str = Field(default="", max_length=20_000, description="What support, in the school's words")


class AcknowledgeReceipt(Schema):
    reference: str
    status: Literal["acknowledged"]
    acknowledged_at: datetime
    in_time: bool = Field(description="Whether it was acknowledged before the start of the school day")
