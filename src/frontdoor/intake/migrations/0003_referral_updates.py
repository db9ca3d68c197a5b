"""What the referrer is told becomes its own table (ReferralUpdate), written from the decisions already made."""

import django.db.models.deletion
from django.db import migrations, models

OUTCOME_LABELS = {
    "nfa": "No further action",
    "advice": "Advice and signposting",
    "early_help": "Early help",
    "assessment": "Assessment",
    "strategy_discussion": "Strategy discussion",
}


def tell_referrers_what_they_were_told(apps, schema_editor):
    Referral = apps.get_model("intake", "Referral")
    ReferralUpdate = apps.get_model("intake", "ReferralUpdate")
    updates = []
    for referral in Referral.objects.exclude(status="received").order_by("id").iterator():
        if referral.status == "screening" or referral.decided_at is None:
            updates.append(ReferralUpdate(referral=referral, at=referral.received_at, status="screening"))
            continue
        updates.append(
            ReferralUpdate(
                referral=referral,
                at=referral.decided_at,
                status="decided",
                outcome=referral.outcome,
                outcome_label=OUTCOME_LABELS.get(referral.outcome, referral.outcome),
                summary=referral.decision_summary,
            )
        )
    ReferralUpdate.objects.bulk_create(updates, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0002_identity_checks_and_vist_triage"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferralUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField()),
                (
                    "status",
                    models.CharField(
                        choices=[("received", "Received"), ("screening", "Being screened"), ("decided", "Decision made")],
                        max_length=16,
                    ),
                ),
                (
                    "outcome",
                    models.CharField(blank=True, help_text="The decision's code, for partners' systems", max_length=40),
                ),
                ("outcome_label", models.CharField(blank=True, help_text="The decision in words", max_length=200)),
                (
                    "summary",
                    models.TextField(blank=True, help_text="The decision and its reasons, as the referrer sees them"),
                ),
                (
                    "referral",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="updates", to="intake.referral"
                    ),
                ),
            ],
            options={"ordering": ["at", "id"]},
        ),
        migrations.RunPython(tell_referrers_what_they_were_told, migrations.RunPython.noop),
    ]
