from django.apps import AppConfig


class SingleViewConfig(AppConfig):
    name = "frontdoor.singleview"
    verbose_name = "Single view of the child"

    def ready(self) -> None:
        from frontdoor.core.registry import NavigationLink, register_navigation

        register_navigation(NavigationLink("Find a person", "singleview:search", "person.search", 20))
