"""The MASH's decisions and VIST triages move out of intake's tables into the MASH's own, row for row."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_decisions(apps, schema_editor):
    Referral = apps.get_model("intake", "Referral")
    Vist = apps.get_model("intake", "Vist")
    Decision = apps.get_model("mash", "Decision")
    VistTriage = apps.get_model("mash", "VistTriage")
    decided = Referral.objects.filter(decided_at__isnull=False, decided_by__isnull=False).exclude(outcome="")
    Decision.objects.bulk_create(
        [
            Decision(
                referral_id=r.pk,
                outcome=r.outcome,
                summary=r.decision_summary,
                decided_at=r.decided_at,
                decided_by_id=r.decided_by_id,
            )
            for r in decided.order_by("id").iterator()
        ],
        batch_size=1000,
    )
    triaged = Vist.objects.filter(triaged_at__isnull=False, triaged_by__isnull=False).exclude(triage_outcome="")
    VistTriage.objects.bulk_create(
        [
            VistTriage(
                vist_id=v.pk,
                outcome=v.triage_outcome,
                rationale=v.triage_rationale,
                triaged_at=v.triaged_at,
                triaged_by_id=v.triaged_by_id,
            )
            for v in triaged.order_by("id").iterator()
        ],
        batch_size=1000,
    )


def move_them_back(apps, schema_editor):
    Referral = apps.get_model("intake", "Referral")
    Vist = apps.get_model("intake", "Vist")
    for d in apps.get_model("mash", "Decision").objects.all():
        Referral.objects.filter(pk=d.referral_id).update(
            outcome=d.outcome, decision_summary=d.summary, decided_at=d.decided_at, decided_by_id=d.decided_by_id
        )
    for t in apps.get_model("mash", "VistTriage").objects.all():
        Vist.objects.filter(pk=t.vist_id).update(
            triage_outcome=t.outcome, triage_rationale=t.rationale, triaged_at=t.triaged_at, triaged_by_id=t.triaged_by_id
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("intake", "0003_referral_updates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Decision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("nfa", "No further action"),
                            ("advice", "Advice and signposting"),
                            ("early_help", "Early help"),
                            ("assessment", "Assessment"),
                            ("strategy_discussion", "Strategy discussion"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "summary",
                    models.TextField(help_text="The decision and the reasons for it; the referrer sees this"),
                ),
                ("decided_at", models.DateTimeField()),
                (
                    "decided_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "referral",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="mash_decision", to="intake.referral"
                    ),
                ),
            ],
            options={"ordering": ["-decided_at", "-id"]},
        ),
        migrations.CreateModel(
            name="VistTriage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("referral", "Referral to children's social care"),
                            ("strategy_discussion", "Strategy discussion"),
                            ("early_help", "Early help"),
                            (
                                "information_shared",
                                "Information shared with the child's school and health services",
                            ),
                            ("no_further_action", "No further action"),
                        ],
                        max_length=24,
                    ),
                ),
                ("rationale", models.TextField()),
                ("triaged_at", models.DateTimeField()),
                (
                    "triaged_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
                (
                    "vist",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="mash_triage", to="intake.vist"
                    ),
                ),
            ],
            options={"ordering": ["-triaged_at", "-id"]},
        ),
        migrations.RunPython(move_decisions, move_them_back),
    ]
