"""The forces are told what the MASH already made of their VISTs (intake.VistUpdate): each triage, and each strategy
discussion convened from a VIST and recorded, in the words `mash.services` and `mash.strategy_recording` now use."""

from django.db import migrations

TRIAGE_LABELS = {
    "referral": "Referral to children's social care",
    "strategy_discussion": "Strategy discussion",
    "early_help": "Early help",
    "information_shared": "Information shared with the child's school and health services",
    "no_further_action": "No further action",
}
TRIAGE_TOLD = {
    "referral": "The MASH triaged this VIST and referred the children to children's social care.",
    "strategy_discussion": "The MASH triaged this VIST: a strategy discussion is to be held about the children.",
    "early_help": "The MASH triaged this VIST and offered the family early help.",
    "information_shared": (
        "The MASH triaged this VIST and shared the information with the child's school and health services."
    ),
    "no_further_action": "The MASH triaged this VIST: no further action by children's social care.",
}
DECISION_LABELS = {
    "s47_single": "Section 47 enquiry by children's social care alone",
    "s47_joint": "Section 47 enquiry jointly with the police",
    "police_investigation": "Police investigation",
    "assessment": "Child and family assessment",
    "further_discussion": "Further strategy discussion",
    "nfa": "No further action",
}


def tell_forces(apps, schema_editor):
    VistTriage = apps.get_model("mash", "VistTriage")
    StrategyDiscussion = apps.get_model("mash", "StrategyDiscussion")
    VistUpdate = apps.get_model("intake", "VistUpdate")
    told = set(VistUpdate.objects.values_list("vist_id", flat=True))
    updates = [
        VistUpdate(
            vist_id=t.vist_id,
            at=t.triaged_at,
            status="triaged",
            outcome=t.outcome,
            outcome_label=TRIAGE_LABELS.get(t.outcome, ""),
            summary=TRIAGE_TOLD.get(t.outcome, ""),
        )
        for t in VistTriage.objects.exclude(vist_id__in=told).order_by("id").iterator()
    ]
    recorded = StrategyDiscussion.objects.filter(vist__isnull=False, held_at__isnull=False).exclude(vist_id__in=told)
    for discussion in recorded.order_by("id").prefetch_related("decisions"):
        labels = [DECISION_LABELS.get(d.kind, d.kind) for d in sorted(discussion.decisions.all(), key=lambda d: d.kind)]
        if not labels:
            continue
        said = "; ".join(label[:1].lower() + label[1:] for label in labels)
        updates.append(
            VistUpdate(
                vist_id=discussion.vist_id,
                at=discussion.held_at,
                status="discussed",
                outcome="strategy_discussion",
                outcome_label=f"Strategy discussion held: {said}",
                summary=f"A strategy discussion was held about the children in your VIST. It decided: {said}.",
            )
        )
    VistUpdate.objects.bulk_create(updates, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0007_vist_updates"),
        ("mash", "0007_strategy_cancelled"),
    ]

    operations = [migrations.RunPython(tell_forces, migrations.RunPython.noop)]
