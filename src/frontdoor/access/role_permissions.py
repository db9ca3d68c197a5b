"""Who may do what: the permissions each role grants, as data a privacy officer can review.

A view or API route declares one permission (see `frontdoor.access.permissions`); a request is allowed when the
role the user is acting in grants it. Nothing here merges roles: holding two roles gives two separate sets.
"""

from __future__ import annotations

from frontdoor.access.roles import Role

ALL_ROLES = frozenset(Role)

# Staff who work a child's case in or beside the MASH and may open a person's record.
CASEWORK_ROLES = frozenset(
    {
        Role.MASH_SOCIAL_WORKER,
        Role.MASH_MANAGER,
        Role.MASH_POLICE,
        Role.MASH_HEALTH,
        Role.MASH_EDUCATION,
        Role.EDT_WORKER,
        Role.EARLY_HELP_WORKER,
        Role.MISSING_EXPLOITATION_COORDINATOR,
        Role.POLICE_SUPERVISOR,
        Role.RETURN_HOME_INTERVIEW_WORKER,
        Role.EDUCATION_SAFEGUARDING_OFFICER,
    }
)

# Practitioners who refer children to the front door.
REFERRING_ROLES = frozenset(
    {Role.REFERRER, Role.SCHOOL_DSL, Role.PARTNER_RESPONDER, Role.EARLY_HELP_WORKER, Role.EDT_WORKER}
)

MASH_ROLES = frozenset(
    {Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER, Role.MASH_POLICE, Role.MASH_HEALTH, Role.MASH_EDUCATION}
)

# Those who answer MASH checks for their own agency: the partner-agency responder and the MASH's agency members.
CHECK_RESPONDER_ROLES = frozenset({Role.PARTNER_RESPONDER, Role.MASH_POLICE, Role.MASH_HEALTH, Role.MASH_EDUCATION})
# Those who ask partner agencies for MASH checks: the MASH's social workers and managers.
CHECK_REQUESTER_ROLES = frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER})

PERMISSIONS: dict[str, frozenset[Role]] = {
    # Every signed-in user, whatever their role.
    "home.view": ALL_ROLES,
    "notifications.view": ALL_ROLES,
    # A person's record: identity, identifiers, addresses, relationships.
    "person.view": CASEWORK_ROLES,
    # Find a person across every agency's records (each search and each person shown is audited).
    "person.search": CASEWORK_ROLES,
    # Record why a child's NHS number is absent (Children's Wellbeing and Schools Act 2026: not known and finding it
    # would cause undue delay; including it would put the child at risk; or tracing requested): the MASH.
    "person.nhs_number_absence": MASH_ROLES,
    # Record or correct a child's disability as the children in need census codes it, from the child's page: the
    # social care staff of the MASH, whose policy lets them edit a child's social care record (each look checks it).
    "person.disability": frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER}),
    # A subject access request: everything held about one person, with the log of who has looked at it.
    "person.sar": frozenset({Role.PRIVACY_OFFICER}),
    # Reference data and accounts, through the admin site.
    "admin.site": frozenset({Role.SYSTEM_ADMINISTRATOR}),
    # The access audit: break-glass awaiting review and unusual access.
    "audit.view": frozenset({Role.PRIVACY_OFFICER}),
    # Who has looked at one person's record.
    "audit.person_looks": frozenset({Role.PRIVACY_OFFICER, Role.MASH_MANAGER}),
    # The access matrix (role x agency kind x data category x action) in access/policy.toml.
    "access.policy.view": frozenset({Role.PRIVACY_OFFICER, Role.SYSTEM_ADMINISTRATOR}),
    # Break glass: see a person's record without a legitimate relationship (the matrix says which roles may).
    "access.break_glass": CASEWORK_ROLES,
    # Review a break-glass access: a second person, never the one who broke the glass.
    "access.review": frozenset({Role.PRIVACY_OFFICER, Role.MASH_MANAGER}),
    # Make a referral (the MARF) and follow one's own referrals to their outcome.
    "referral.submit": REFERRING_ROLES,
    # The MASH triage queue: referrals and VISTs awaiting a decision, read in full.
    "mash.triage": MASH_ROLES,
    # Record the decision on a referral (the outcome the referrer is told); set a referral's priority at triage, and
    # assign a referral or VIST nobody is working to another MASH worker (any MASH role may take one itself).
    "mash.decide": frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER}),
    # Take a referral or VIST from the worker it is assigned to and give it to another: the manager balances the work.
    "mash.reassign": frozenset({Role.MASH_MANAGER}),
    # Ask partner agencies for MASH checks about the people on a referral or VIST under screening.
    "mash.checks.request": CHECK_REQUESTER_ROLES,
    # Answer (or decline) the MASH checks sent to one's own agency; the agency's queue, and no other agency's.
    "mash.checks.answer": CHECK_RESPONDER_ROLES,
    # Read one MASH check: those who ask for them (any agency's), and the responders of the agency asked.
    "mash.checks.view": CHECK_REQUESTER_ROLES | CHECK_RESPONDER_ROLES,
    # The daily multi-agency vulnerability meeting: its agenda, who attended, what was decided on each item and the
    # next steps with their owners, and its minutes.
    "mash.meeting": MASH_ROLES,
    # The emergency duty team: record an out-of-hours contact about a child and hand it over to the MASH.
    "mash.edt": frozenset({Role.EDT_WORKER}),
    # Read one out-of-hours contact: the EDT, and the MASH that picks it up.
    "mash.edt.view": MASH_ROLES | {Role.EDT_WORKER},
    # Strategy discussions: convene one from a referral, a VIST or a child's open case (the MASH's social workers and
    # manager); out of hours, an urgent one (the emergency duty team); record one once held, circulate its record and
    # mark its actions done (those who convene them); open one and its record (the MASH, the EDT, and anyone invited
    # to it: a partner's responder, a police supervisor, the council's education safeguarding officer).
    "mash.strategy.convene": frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER}),
    "mash.strategy.convene_out_of_hours": frozenset({Role.EDT_WORKER}),
    "mash.strategy.record": frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER, Role.EDT_WORKER}),
    "mash.strategy.view": MASH_ROLES
    | frozenset(
        {
            Role.EDT_WORKER,
            Role.PARTNER_RESPONDER,
            Role.POLICE_SUPERVISOR,
            Role.EDUCATION_SAFEGUARDING_OFFICER,
        }
    ),
    # The team's deadlines on the home page: every running clock of the MASH's work, soonest first.
    "mash.team_deadlines": frozenset({Role.MASH_MANAGER}),
    # Identity review: compare uncertain pairs of records, confirm or reject them, merge and split people.
    "linkage.review": frozenset({Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER}),
    # VIST compliance: the own force's incidents with children and no VIST after the due hours, with the officer and
    # team, and the lag from incident to VIST by team and by week (police supervisors, and MASH police beside them).
    "intake.vist_compliance": frozenset({Role.POLICE_SUPERVISOR, Role.MASH_POLICE}),
    # Family help (early help): the triage list of families the MASH stepped down, the allocation waiting list with
    # weeks waited, the alert list, the allocated families, and each family's page with its history.
    "familyhelp.view": frozenset({Role.EARLY_HELP_WORKER, Role.MASH_MANAGER}),
    # Work a family: triage it (to the waiting list with its interim duty worker, or signposted), name another duty
    # worker, step it up to the MASH with a referral.
    "familyhelp.work": frozenset({Role.EARLY_HELP_WORKER}),
    # The family help manager: allocate a Family Help Lead Practitioner, recording the family's and each child's
    # voice; told when a family has waited beyond the alert. No role of its own yet: the MASH manager holds it.
    "familyhelp.allocate": frozenset({Role.MASH_MANAGER}),
    # Operation Encompass. A school's DSLs and deputies: their own establishment's notices, to read and acknowledge
    # with the support offered.
    "encompass.school": frozenset({Role.SCHOOL_DSL}),
    # The council's education safeguarding officer: the children with no establishment or electively home educated,
    # and every notice no establishment acknowledged before its school day started.
    "encompass.council": frozenset({Role.EDUCATION_SAFEGUARDING_OFFICER}),
    # MASH police review a notice before it is released, where the force has chosen to.
    "encompass.review": frozenset({Role.MASH_POLICE}),
    # MASH education: the children an officer listed whom nobody could match to one person.
    "encompass.unmatched": frozenset({Role.MASH_EDUCATION}),
    # The notices list and one notice: whoever works notices.
    "encompass.notices": frozenset({Role.SCHOOL_DSL, Role.EDUCATION_SAFEGUARDING_OFFICER, Role.MASH_POLICE}),
    # Acknowledge a notice and record the support offered.
    "encompass.acknowledge": frozenset({Role.SCHOOL_DSL, Role.EDUCATION_SAFEGUARDING_OFFICER}),
    # Missing children: children missing now, returns awaiting their return home interview, an episode with its
    # transitions, the child's current trigger plan and the interview's findings (shared with police as a structure).
    "missing.view": frozenset(
        {Role.MISSING_EXPLOITATION_COORDINATOR, Role.MASH_POLICE, Role.POLICE_SUPERVISOR, Role.MASH_MANAGER}
    ),
    # Record an episode by hand, change its category, record the return or find, close it; keep a child's care
    # placement and Philomena protocol profile current.
    "missing.record": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR, Role.MASH_POLICE}),
    # Make a new version of a child's trigger plan.
    "missing.trigger_plan": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR, Role.MASH_POLICE}),
    # The independent return home interview service: offer an interview, record the child's answer and its findings.
    "missing.interview": frozenset({Role.RETURN_HOME_INTERVIEW_WORKER}),
    # The coordinator's oversight: told when an offer is missed, and every offer's deadline on their home.
    "missing.coordinate": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR}),
    # Exploitation screening: screen a child for sexual and criminal exploitation (from their page, a referral, a VIST
    # or a return home interview), the level with its reasons and next steps.
    "exploitation.screen": frozenset(
        {
            Role.MASH_SOCIAL_WORKER,
            Role.MASH_MANAGER,
            Role.MASH_POLICE,
            Role.MISSING_EXPLOITATION_COORDINATOR,
            Role.RETURN_HOME_INTERVIEW_WORKER,
        }
    ),
    # Read a child's screenings and their trend (the policy's `exploitation` category decides what is shown).
    "exploitation.view": frozenset(
        {
            Role.MASH_SOCIAL_WORKER,
            Role.MASH_MANAGER,
            Role.MASH_POLICE,
            Role.MASH_HEALTH,
            Role.MASH_EDUCATION,
            Role.EDT_WORKER,
            Role.MISSING_EXPLOITATION_COORDINATOR,
            Role.RETURN_HOME_INTERVIEW_WORKER,
        }
    ),
    # The coordinator's list: rescreens due and missed (escalated to them), strategy discussions prompted, children
    # listed for MACE.
    "exploitation.coordinate": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR}),
    # The MACE (multi-agency child exploitation) workspace, for cleared roles only: the children listed with their
    # level and trend, persons of concern and places with their counts, the network, intelligence, disruption actions
    # and the monthly meeting. Read (`mace.view`) and worked (`mace.manage`: record intelligence, agree and complete
    # disruption actions, build and minute the meeting) by the coordinator and MASH police (vetted for it).
    "mace.view": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR, Role.MASH_POLICE}),
    "mace.manage": frozenset({Role.MISSING_EXPLOITATION_COORDINATOR, Role.MASH_POLICE}),
    # The scorecard: the front door's figures over a period, each with its definition. Leaders (the MASH manager)
    # and the independent scrutineer (aggregates only: small numbers suppressed).
    "reports.scorecard": frozenset({Role.MASH_MANAGER, Role.STRATEGIC_LEADER}),
    # From a number on the scorecard to the children behind it, each read through the access gate (audited).
    "reports.drill_down": frozenset({Role.MASH_MANAGER}),
    # All-year validation: this year's statutory returns made from today's data and checked by the DfE's validators,
    # the children with something to fix (each opened through the access gate: the analyst sees their local
    # authority child id, the MASH manager their name and the way to their page).
    "reports.validation": frozenset({Role.ANALYST, Role.MASH_MANAGER}),
    # The partnership's annual report figures for a year (1 April to 31 March), each with its definition: those who
    # see the scorecard, as they see it (the scrutineer's small numbers suppressed).
    "reports.annual": frozenset({Role.MASH_MANAGER, Role.STRATEGIC_LEADER}),
    # Export the Standard Safeguarding Dataset's tables, pseudonymised, as CSV or Parquet (each export audited).
    "reports.export": frozenset({Role.ANALYST}),
}


def role_grants(role: str | None, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(f"undeclared permission {permission!r}")
    return role is not None and role in PERMISSIONS[permission]


def permissions_of(role: str) -> list[str]:
    return sorted(p for p, roles in PERMISSIONS.items() if role in roles)
