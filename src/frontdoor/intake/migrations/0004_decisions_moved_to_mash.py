"""The decision and triage fields leave intake's tables: mash 0001 has copied them into the MASH's own."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_referral_updates"),
        ("mash", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="referral", name="decided_at"),
        migrations.RemoveField(model_name="referral", name="decided_by"),
        migrations.RemoveField(model_name="referral", name="decision_summary"),
        migrations.RemoveField(model_name="referral", name="outcome"),
        migrations.RemoveField(model_name="vist", name="triage_outcome"),
        migrations.RemoveField(model_name="vist", name="triage_rationale"),
        migrations.RemoveField(model_name="vist", name="triaged_at"),
        migrations.RemoveField(model_name="vist", name="triaged_by"),
    ]
