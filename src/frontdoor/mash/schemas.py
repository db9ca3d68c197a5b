"""The partner API's shapes for MASH checks: an open check as the agency's system reads it, and its answer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import model_validator

Text = Field(default="", max_length=20_000)


class CheckPersonOut(Schema):
    name: str
    described_as: str = Field(description="How the referral or VIST describes them: child, mother, suspect, ...")
    date_of_birth: date | None
    is_child: bool


class CheckOut(Schema):
    reference: str = Field(
        description="The check's reference, MC-XXXX-XXXX: answer it at /mash-checks/{reference}/answer"
    )
    about: str = Field(description="The reference of the referral (FD-...) or VIST (VIST-...) it was asked on")
    priority: Literal["red", "amber", "green"]
    question: str
    requested_at: datetime
    due_at: datetime | None = Field(description="When the answer is due, in working hours by priority")
    people: list[CheckPersonOut]


class AnswerIn(Schema):
    """Either an answer (`outcome` "answered", with what the agency knows) or a decline (with the reason)."""

    outcome: Literal["answered", "declined"]
    known: str = Field(default="", max_length=20_000, description="What the agency knows; required to answer")
    risks: str = Text
    strengths: str = Text
    child_voice: str = Field(default="", max_length=20_000, description="What the child has said, if known")
    decline_reason: str = Field(
        default="", max_length=20_000, description="Why the agency cannot answer; required to decline"
    )

    @model_validator(mode="after")
    def _answer_or_reason(self) -> AnswerIn:
        if self.outcome == "answered" and not self.known.strip():
            raise ValueError("an answer needs `known`: what the agency knows")
        if self.outcome == "declined" and not self.decline_reason.strip():
            raise ValueError("a decline needs `decline_reason`")
        return self


class AnswerReceipt(Schema):
    reference: str
    status: Literal["answered", "declined"]
    answered_at: datetime
