"""The roles a user can act in. A user may hold several and acts in one at a time; permissions never merge."""

from django.db import models


class Role(models.TextChoices):
    REFERRER = "referrer", "Referrer"
    MASH_SOCIAL_WORKER = "mash_social_worker", "MASH social worker"
    MASH_MANAGER = "mash_manager", "MASH manager"
    MASH_POLICE = "mash_police", "MASH police"
    MASH_HEALTH = "mash_health", "MASH health"
    MASH_EDUCATION = "mash_education", "MASH education"
    PARTNER_RESPONDER = "partner_responder", "Partner-agency responder"
    SCHOOL_DSL = "school_dsl", "School designated safeguarding lead"
    EARLY_HELP_WORKER = "early_help_worker", "Early help worker"
    EDT_WORKER = "edt_worker", "Emergency duty team worker"
    MISSING_EXPLOITATION_COORDINATOR = (
        "missing_exploitation_coordinator",
        "Missing and exploitation coordinator",
    )
    POLICE_SUPERVISOR = "police_supervisor", "Police supervisor"
    RETURN_HOME_INTERVIEW_WORKER = "return_home_interview_worker", "Return home interview worker"
    EDUCATION_SAFEGUARDING_OFFICER = "education_safeguarding_officer", "Council education safeguarding officer"
    ANALYST = "analyst", "Analyst"
    STRATEGIC_LEADER = "strategic_leader", "Strategic leader or independent scrutineer"
    PRIVACY_OFFICER = "privacy_officer", "Privacy officer"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"
