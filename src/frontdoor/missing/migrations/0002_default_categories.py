"""The force's default categories: missing at high, medium or low risk, absent, and the local "concern for safety"
(a control-room holding category the inspection found children found in never got a VIST). Configurable on the admin
site afterwards."""

from django.db import migrations

DEFAULTS = [
    ("missing-high", "Missing: high risk", "high", 10),
    ("missing-medium", "Missing: medium risk", "medium", 20),
    ("missing-low", "Missing: low risk", "low", 30),
    ("absent", "Absent", "none", 40),
    ("concern-for-safety", "Concern for safety", "none", 50),
]


def add_defaults(apps, schema_editor):
    Category = apps.get_model("missing", "Category")
    for code, label, risk, order in DEFAULTS:
        Category.objects.get_or_create(code=code, defaults={"label": label, "risk": risk, "order": order})


def remove_defaults(apps, schema_editor):
    apps.get_model("missing", "Category").objects.filter(code__in=[d[0] for d in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("missing", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
