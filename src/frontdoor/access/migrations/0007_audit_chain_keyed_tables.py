"""The audit's keyed chain moves into tables of its own (seals, and rows waiting to be sealed); each row gains the
id of its key and its own MAC (ADR 0006)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0006_audit_rows_sealed_by_the_worker"),
    ]

    operations = [
        migrations.AddField(
            model_name="accessaudit",
            name="key_id",
            field=models.CharField(
                default="", help_text="Which audit key the row's MAC and seal were made with", max_length=16
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accessaudit",
            name="entry_mac",
            field=models.CharField(
                default="", help_text="HMAC of the row's content, made when it was written", max_length=64
            ),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AuditSeal",
            fields=[
                (
                    "seq",
                    models.BigIntegerField(
                        help_text="The row's place in the hash chain, from 1", primary_key=True, serialize=False
                    ),
                ),
                ("key_id", models.CharField(max_length=16)),
                ("prev_hash", models.CharField(max_length=64)),
                ("row_hash", models.CharField(max_length=64)),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="seal", to="access.accessaudit"
                    ),
                ),
            ],
            options={"ordering": ["seq"]},
        ),
        migrations.CreateModel(
            name="PendingSeal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="access.accessaudit"
                    ),
                ),
            ],
            options={"ordering": ["entry"]},
        ),
    ]
