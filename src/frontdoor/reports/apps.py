from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "frontdoor.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            HomeSection,
            NavigationLink,
            register_home_section,
            register_navigation,
            register_return,
        )
        from frontdoor.reports import cin_census, home, views_validation

        register_home_section(
            HomeSection(
                key="reports.scorecard",
                title="Scorecard",
                template="reports/_home_scorecard.html",
                roles=frozenset(PERMISSIONS["reports.scorecard"]),
                build=home.home_scorecard,
                order=40,
            )
        )
        register_navigation(NavigationLink("Scorecard", "reports:scorecard", "reports.scorecard", 90))
        register_home_section(
            HomeSection(
                key="reports.validation",
                title="This year's statutory returns",
                template="reports/_home_validation.html",
                roles=frozenset(PERMISSIONS["reports.validation"]),
                build=views_validation.home_validation,
                order=45,
            )
        )
        register_navigation(NavigationLink("Returns check", "reports:returns-check", "reports.validation", 91))
        register_return(cin_census.RETURN)
