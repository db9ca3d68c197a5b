from django.apps import AppConfig


class SingleViewConfig(AppConfig):
    name = "frontdoor.singleview"
    verbose_name = "Single view of the child"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import HomeSection, NavigationLink, register_home_section, register_navigation

        describe_action("record_nhs_number_absence", "Recorded why the NHS number is absent")
        register_navigation(NavigationLink("Find a person", "singleview:search", "person.search", 20))
        register_home_section(
            HomeSection(
                key="singleview.search",
                title="Find a person",
                template="singleview/_home_search.html",
                roles=frozenset(PERMISSIONS["person.search"]),
                build=lambda actor: {},
                order=50,
            )
        )
        # The consistent child identifier's coverage, in aggregate: for those who answer for the data's quality.
        from frontdoor.access.roles import Role
        from frontdoor.singleview.identifier import home_coverage

        register_home_section(
            HomeSection(
                key="singleview.nhs_coverage",
                title="NHS number coverage",
                template="singleview/_home_nhs_coverage.html",
                roles=frozenset({Role.PRIVACY_OFFICER, Role.ANALYST}),
                build=home_coverage,
                order=60,
            )
        )
