"""What happened to a cluster of households over the span, before any agency writes it down."""

from __future__ import annotations

from frontdoor.synth.people import Household, Person


class Vist:
    __slots__ = ("channel", "child_said", "circumstances", "collar", "grade", "subject", "submitted")

    def __init__(self, subject: Person, submitted: int, grade: str, circumstances: str, child_said: str) -> None:
        self.subject = subject
        self.submitted = submitted  # local minutes
        self.grade = grade
        self.circumstances = circumstances
        self.child_said = child_said
        self.channel = "MOBILE"
        self.collar = ""


class Incident:
    __slots__ = (
        "children_present",
        "collar",
        "found",
        "household",
        "kind",
        "minute",
        "people",
        "postcode",
        "risk",
        "summary",
        "team",
        "vists",
    )

    def __init__(self, kind: str, minute: int, household: Household, postcode: str) -> None:
        self.kind = kind
        self.minute = minute
        self.household = household
        self.postcode = postcode
        self.children_present = False
        self.risk = ""  # LOW / MEDIUM / HIGH, missing-person incidents only
        self.found: int | None = None
        self.summary = ""
        self.people: list[tuple[Person, str]] = []
        self.vists: list[Vist] = []
        self.collar = ""  # the attending officer's collar number
        self.team = ""  # and their team


class CareEvent:
    """One children's-social-care episode row: a contact, referral, assessment, s47, plan or period in care."""

    __slots__ = ("category", "end", "kind", "need", "outcome", "person", "source", "start")

    def __init__(self, person: Person, kind: str, start: int, end: int | None) -> None:
        self.person = person
        self.kind = kind
        self.start = start
        self.end = end
        self.source = ""
        self.need = ""
        self.outcome = ""
        self.category = ""


class EarlyHelp:
    __slots__ = ("allocated", "children", "closed", "lead", "reason", "referral")

    def __init__(self, children: list[Person], referral: int, reason: str) -> None:
        self.children = children
        self.referral = referral
        self.allocated: int | None = None
        self.closed: int | None = None
        self.lead = ""
        self.reason = reason


class Encounter:
    """An emergency-department attendance (EMER) or a health-visitor contact (HH)."""

    __slots__ = ("end", "klass", "person", "reason", "start")

    def __init__(self, person: Person, klass: str, start: int, end: int, reason: str) -> None:
        self.person = person
        self.klass = klass
        self.start = start
        self.end = end
        self.reason = reason


class Maternity:
    __slots__ = ("booking", "end", "finished", "mother")

    def __init__(self, mother: Person, booking: int, end: int, finished: bool) -> None:
        self.mother = mother
        self.booking = booking
        self.end = end  # the delivery date once finished, the expected date while active
        self.finished = finished


class Trigger:
    """Something that reaches children's social care as a contact: (day, children, referral source)."""

    __slots__ = ("children", "day", "household", "source")

    def __init__(self, day: int, children: list[Person], source: str, household: Household) -> None:
        self.day = day
        self.children = children
        self.source = source
        self.household = household


class Timeline:
    __slots__ = ("care", "care_adults", "early_help", "encounters", "incidents", "maternity", "triggers")

    def __init__(self) -> None:
        self.incidents: list[Incident] = []
        self.encounters: list[Encounter] = []
        self.maternity: list[Maternity] = []
        self.triggers: list[Trigger] = []
        self.care: list[CareEvent] = []
        self.care_adults: list[Person] = []
        self.early_help: list[EarlyHelp] = []
