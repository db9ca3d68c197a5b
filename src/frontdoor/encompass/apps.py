from django.apps import AppConfig


class EncompassConfig(AppConfig):
    name = "frontdoor.encompass"
    label = "encompass"
    verbose_name = "Operation Encompass"

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
        from frontdoor.encompass import clocks, holdings, rerouting, routing
        from frontdoor.encompass.models import NOTICE_SUBJECT
        from frontdoor.encompass.relationships import encompass_works_with
        from frontdoor.people.providers import register_person_provider

        clocks.register()
        # A change to term dates or INSET days reaches the next notice at once in this process.
        from django.db.models.signals import post_delete, post_save

        from frontdoor.core.models import InsetDay, SchoolCalendar, TermPeriod

        for model in (SchoolCalendar, TermPeriod, InsetDay):
            for signal in (post_save, post_delete):
                signal.connect(
                    clocks.forget_calendars, sender=model, dispatch_uid=f"encompass-{model.__name__}-{signal}"
                )
        # Every domestic-abuse incident and VIST starts Operation Encompass within seconds (intake never calls us).
        register_job(Job("route_domestic_abuse", routing.route_domestic_abuse, 2))
        # ...and again when its people's identities settle after it was routed, so a child found later is told of.
        register_job(Job("reroute_domestic_abuse", rerouting.reroute_domestic_abuse, 10))
        register_subject(NOTICE_SUBJECT, holdings.describe_notices)
        register_person_provider(holdings.PROVIDER)
        register_relationship_source(encompass_works_with)
        sections = [
            ("encompass.school", "Operation Encompass notifications", "_home_school.html", "encompass.school",
             holdings.home_school, 5),
            ("encompass.council", "Operation Encompass: children routed to the council", "_home_council.html",
             "encompass.council", holdings.home_council, 5),
            ("encompass.review", "Operation Encompass notifications to review", "_home_review.html",
             "encompass.review", holdings.home_review, 30),
            ("encompass.unmatched", "Operation Encompass: children nobody could match", "_home_unmatched.html",
             "encompass.unmatched", holdings.home_unmatched, 30),
        ]  # fmt: skip
        for key, title, template, permission, build, order in sections:
            register_home_section(
                HomeSection(key, title, f"encompass/{template}", frozenset(PERMISSIONS[permission]), build, order)
            )
        register_navigation(NavigationLink("Operation Encompass", "encompass:notices", "encompass.notices", 25))
        describe_action("view_encompass_notices", "Listed Operation Encompass notifications")
        describe_action("acknowledge_encompass", "Acknowledged an Operation Encompass notification")
        describe_action("release_encompass", "Released an Operation Encompass notification")
        describe_action("resolve_encompass_child", "Dealt with a child nobody could match for Operation Encompass")
