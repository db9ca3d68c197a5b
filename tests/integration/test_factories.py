"""Every factory makes a row the database accepts, so a test can ask for any of them without building it by hand."""

from __future__ import annotations

import pytest

from support import factories, familyhelp

pytestmark = pytest.mark.django_db

FACTORIES = sorted(
    {
        f
        for module in (factories, familyhelp)
        for f in vars(module).values()
        if isinstance(f, type) and f.__name__.endswith("Factory")
    },
    key=lambda f: f.__name__,
)


@pytest.mark.parametrize(
    "factory", [f for f in FACTORIES if f.__name__ != "DjangoModelFactory"], ids=lambda f: f.__name__
)
def test_a_factory_makes_a_valid_row(factory) -> None:
    made = factory()
    made.full_clean(validate_unique=False) if hasattr(made, "full_clean") else None
    assert type(made).objects.filter(pk=made.pk).exists()


def test_two_of_each_can_be_made() -> None:
    for factory in FACTORIES:
        if factory.__name__ not in ("DjangoModelFactory", "ClosureDayFactory"):
            assert factory().pk != factory().pk
