"""The chain's place and hashes now live in AuditSeal (0008 moved them): the audit rows are only ever inserted."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("access", "0008_audit_chain_keyed")]

    operations = [
        migrations.RemoveField(model_name="accessaudit", name="seq"),
        migrations.RemoveField(model_name="accessaudit", name="prev_hash"),
        migrations.RemoveField(model_name="accessaudit", name="row_hash"),
    ]
