"""Legal holds on a person or a record: the retention command deletes nothing a live hold covers."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0009_audit_row_seal_columns_removed"),
        ("people", "0005_source_link_pending"),
    ]

    operations = [
        migrations.CreateModel(
            name="LegalHold",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "record_type",
                    models.CharField(blank=True, help_text="A retention record type, e.g. referral_nfa", max_length=40),
                ),
                ("record_id", models.CharField(blank=True, help_text="The record's reference or id", max_length=64)),
                ("reason", models.TextField()),
                ("placed_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("released_at", models.DateTimeField(blank=True, null=True)),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="people.person",
                    ),
                ),
                (
                    "placed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-placed_at", "-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("person__isnull", False), ("record_type", ""), ("record_id", "")),
                            models.Q(
                                ("person__isnull", True),
                                models.Q(("record_type", ""), _negated=True),
                                models.Q(("record_id", ""), _negated=True),
                            ),
                            _connector="OR",
                        ),
                        name="legal_hold_on_a_person_or_a_record",
                    )
                ],
            },
        ),
    ]
