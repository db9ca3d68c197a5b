from django.apps import AppConfig


class MaceConfig(AppConfig):
    name = "frontdoor.mace"
    label = "mace"
    verbose_name = "MACE workspace"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            DeadlineSource,
            HomeSection,
            NavigationLink,
            register_deadline_source,
            register_home_section,
            register_navigation,
            register_subject,
        )
        from frontdoor.mace import clocks, holdings

        clocks.register()
        register_subject(clocks.ACTION_SUBJECT, holdings.describe_actions)
        register_relationship_source(holdings.mace_works_with)
        register_deadline_source(DeadlineSource("mace", mine=holdings.action_deadlines))
        register_home_section(
            HomeSection(
                key="mace.workspace",
                title="MACE: children at risk of exploitation",
                template="mace/_home.html",
                roles=frozenset(PERMISSIONS["mace.view"]),
                build=holdings.home,
                order=9,
            )
        )
        register_navigation(NavigationLink("MACE", "mace:children", "mace.view", 27))
        for action, words in (
            ("view_mace_workspace", "Read the MACE workspace"),
            ("record_mace_intelligence", "Recorded MACE intelligence"),
            ("agree_mace_action", "Agreed a MACE disruption action"),
            ("complete_mace_action", "Completed a MACE disruption action"),
            ("build_mace_meeting", "Built a MACE meeting's agenda"),
            ("record_mace_attendance", "Recorded who attended a MACE meeting"),
            ("decide_mace_item", "Recorded a MACE meeting's decision about a child"),
        ):
            describe_action(action, words)
