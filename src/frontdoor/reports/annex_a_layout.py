"""Ofsted's Annex A (inspecting local authority children's services): the eleven child-level lists, each a sheet with
Ofsted's column headings in order (pure: no database).

The headings follow the Annex A workbook as the sector's shared pipeline transcribes it (SocialFinanceDigitalLabs
liia-tools, `annex_a_pipeline/spec/Annex_A_schema.yml`); domain reference §5.2 says to confirm them against the
current Ofsted workbook. Dates are dd/mm/yyyy. A list or column frontdoor cannot fill is left blank (never zero)
and said plainly on the notes sheet."""

from __future__ import annotations

from dataclasses import dataclass

COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
WITH_DISABILITY = [*COMMON, "Does the Child have a Disability"]
TEAM = ["Allocated Team", "Allocated Worker"]


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    headings: list[str]
    filled: bool  # whether frontdoor fills any rows of it
    note: str  # what frontdoor puts in it, or why it cannot

    @property
    def sheet(self) -> str:
        return f"List {self.number}"


LISTS = [
    AnnexList(1, "Contacts", [*COMMON, "Date of Contact", "Contact Source"], True,
              "Every child named on a referral or a police VIST received in the year, one row per child per contact. "
              "Contact Source is the CIN census referral source code of the kind of agency that sent it."),
    AnnexList(2, "Early Help", [*COMMON, "Assessment start date", "Assessment completion date",
                                 "Organisation completing assessment"], False,
              "Not filled: family help's assessments are made after allocation, outside frontdoor."),
    AnnexList(3, "Referrals", [*COMMON, "Date of referral", "Referral Source", "Referral NFA?",
                               "Number of Referrals in Last 12 Months", *TEAM], True,
              "Every child the MASH referred to children's social care in the year (an assessment or a strategy "
              "discussion decided on a referral, a VIST triaged as a referral or a strategy discussion), dated when it "
              "decided; the number of referrals counts those frontdoor made in the 12 months to that date. Referral "
              "NFA? is No for all of them. Allocated Team and Worker are blank: the case management system allocates "
              "after the front door."),
    AnnexList(4, "Assessments", [*WITH_DISABILITY, "Continuous Assessment Start Date",
                                 "Child Seen During Continuous Assessment",
                                 "Continuous Assessment Date of Authorisation",
                                 "Was the child assessed as requiring LA children's social care support?", *TEAM],
              False, "Not filled: assessments are done in the council's case management system after the front door."),
    AnnexList(5, "Section 47 Enquiries and ICPCs", [*WITH_DISABILITY,
              "Strategy discussion initiating Section 47 Enquiry Start Date",
              "Was an Initial Child Protection Conference deemed unnecessary?",
              "Date of Initial Child Protection Conference",
              "Did the Initial Child Protection Conference Result in a Child Protection Plan",
              "Number of Section 47 Enquiries in the last 12 months",
              "Number of ICPCs in the last 12 months", *TEAM], True,
              "Every child on a strategy discussion held in the year that decided a section 47 enquiry, with the "
              "initial conference recorded from it. Whether a conference was deemed unnecessary is blank (frontdoor "
              "does not record that decision); disability, team and worker are blank."),
    AnnexList(6, "Children in Need", [*WITH_DISABILITY, "CIN Start Date", "Primary Need Code",
                                      "Date Child Was Last Seen", "CIN Closure Date", "Reason for Closure",
                                      "Case Status", *TEAM], False,
              "Not filled: children in need episodes are the case management system's."),
    AnnexList(7, "Child Protection Plans", [*WITH_DISABILITY, "Child Protection Plan Start Date",
                                            "Initial Category of Abuse", "Latest Category of Abuse",
                                            "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
                                            "Date of latest review conference", "Child Protection Plan End Date",
                                            "Subject to Emergency Protection Order or Protected Under Police Powers "
                                            "in Last Six Months (Y/N)", "Number of Previous Child Protection Plans",
                                            *TEAM], True,
              "Every child made the subject of a plan at an initial conference recorded in frontdoor in the year, "
              "with the plan's start and category (the latest category is the initial one: reviews are the case "
              "record's). Visits, review conferences, the end of the plan and earlier plans are blank."),
    AnnexList(8, "Children in Care", [*COMMON,
                                      "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
                                      "Does the Child have a Disability", "Date Started to be Looked After",
                                      "Child's Category of Need",
                                      "Is this a second or subsequent period of being a Looked After Child within "
                                      "the last 12 months (Y/N)", "Start date of current legal status",
                                      "Child's Legal Status", "Date of Latest Statutory Review",
                                      "Date of Last Social Work Visit", "What is the permanence plan for this child?",
                                      "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
                                      "Date of Last Dental Check", "Number of Placements in the Last 12 months",
                                      "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
                                      "Start Date of Most Recent Placement", "Placement Type", "Placement Provider",
                                      "Placement postcode", "URN of Placement", "Placement Location",
                                      "LA of Placement",
                                      "Number of Episodes the Child has been 'Missing' from their Placement in the "
                                      "last 12 months",
                                      "Number of Episodes the Child has been 'Absent' from their Placement in the "
                                      "last 12 months",
                                      "Was the child offered a Return Interview after their last missing episode "
                                      "(Y/N)?",
                                      "Did the child accept a Return Interview after their last missing episode "
                                      "(Y/N)?", *TEAM], True,
              "Every child frontdoor holds as in care now (their care profile), with the start of their most recent "
              "placement and the missing columns: episodes missing (M) and away from placement without "
              "authorisation (A, Ofsted's 'absent') that began in the 12 months to the end of the year, and whether a "
              "return home interview was offered and accepted after the latest missing episode (blank when there was "
              "none, or the offer is not yet recorded). Everything else on this list is the care record's and is "
              "blank."),
    AnnexList(9, "Care Leavers", [*COMMON,
                                  "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
                                  "Does the Child have a Disability", *TEAM, "Allocated Personal Advisor",
                                  "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch",
                                  "Latest Date of Contact", "Type of Accommodation", "Suitability of Accommodation",
                                  "Activity Status"], False,
              "Not filled: care leavers are not held by frontdoor."),
    AnnexList(10, "Adoption", ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth",
                               "Age of Child (Years)", "Does the Child have a Disability",
                               "Date the Child Entered Care",
                               "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
                               "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
                               "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for "
                               "Adoption", "Reason Why Child No Longer Placed for Adoption",
                               "Date the child was placed for fostering in FFA or concurrent planning placement"],
               False, "Not filled: adoption is not held by frontdoor."),
    AnnexList(11, "Adopters", ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity",
                               "Disability", "Is the (prospective) adopter fostering for adoption?",
                               "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended",
                               "Date Stage 2 started", "Date Stage 2 ended", "Date application submitted",
                               "Date application approved", "Date adopter matched with child(ren)",
                               "Date child/children placed with adopter(s)", "No. of children placed",
                               "Date of Adoption Order", "Date of leaving adoption process",
                               "Reason for leaving adoption process"], False,
              "Not filled: adopters are not held by frontdoor."),
]  # fmt: skip

NOTES_SHEET = "Notes"
GENDER = {"M": "Male", "F": "Female", "U": "Not stated/recorded"}
YES_NO = {True: "Yes", False: "No"}
ABUSE = {
    "NEG": "Neglect",
    "PHY": "Physical abuse",
    "SAB": "Sexual abuse",
    "EMO": "Emotional abuse",
    "MUL": "Multiple/not recommended",
}
