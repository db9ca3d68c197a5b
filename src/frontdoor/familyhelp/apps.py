from django.apps import AppConfig


class FamilyHelpConfig(AppConfig):
    name = "frontdoor.familyhelp"
    label = "familyhelp"
    verbose_name = "Family help (early help)"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            HomeSection,
            Job,
            NavigationLink,
            register_home_section,
            register_job,
            register_navigation,
            register_subject,
        )
        from frontdoor.familyhelp import clocks, holdings, stepdown, waits
        from frontdoor.familyhelp.relationships import family_help_works_with
        from frontdoor.people.providers import register_person_provider

        clocks.register()
        # The MASH's early-help decisions, and its decisions on step-ups, as the referrer was told them (stepdown).
        register_job(Job("take_family_help_decisions", stepdown.take_decisions, 5))
        # The duty worker of each family whose allocation deadline is missed hears of it (the manager already has).
        register_job(Job("tell_duty_workers_of_long_waits", waits.tell_duty_workers_of_long_waits, 60))
        register_subject(clocks.FAMILY_SUBJECT, holdings.describe_families)
        register_person_provider(holdings.PROVIDER)
        # The children and adults of the families on family help's lists are its workers' to see (relationships).
        register_relationship_source(family_help_works_with)
        register_home_section(
            HomeSection(
                key="familyhelp.lists",
                title="Family help (early help)",
                template="familyhelp/_home_lists.html",
                roles=frozenset(PERMISSIONS["familyhelp.view"]),
                build=holdings.home_lists,
                order=15,
            )
        )
        register_navigation(NavigationLink("Family help", "familyhelp:triage", "familyhelp.view", 20))
        describe_action("view_family_help_list", "Read a family help list")
        describe_action("view_family", "Read a family help family")
        describe_action("triage_family", "Triaged a family for family help")
        describe_action("name_duty_worker", "Named a family's duty worker")
        describe_action("allocate_family", "Allocated a family help lead practitioner")
        describe_action("step_up_family", "Stepped a family up to the MASH")
