"""frontdoor retention: delete records past their retention period, by record type, except what a legal hold keeps;
--dry-run says what would go and deletes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontdoor.web.management.retention import RetentionError, TypePlan, apply, plan


class Command(BaseCommand):
    help = (
        "Delete records past their retention period (FRONTDOOR_RETENTION_DAYS), honouring legal holds "
        "(frontdoor legal_hold). Run with --dry-run first: it reports what would go, and deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be deleted; delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        try:
            plans = plan() if dry_run else apply()
        except RetentionError as exc:
            raise CommandError(str(exc)) from exc
        for entry in plans:
            self.stdout.write(self._line(entry, dry_run))
        if dry_run:
            self.stdout.write("Dry run: nothing was deleted.")

    @staticmethod
    def _line(entry: TypePlan, dry_run: bool) -> str:
        record_type = entry.record_type
        if entry.days is None:
            return f"{record_type.name}: kept (no retention period set)"
        period = f"{entry.days} days after {record_type.counted_from}"
        held = f"; {len(entry.held)} kept by a legal hold ({', '.join(entry.held)})" if entry.held else ""
        if dry_run:
            going = f"{len(entry.due)} would be deleted" + (f" ({', '.join(entry.due)})" if entry.due else "")
        else:
            going = f"{entry.deleted} deleted"
        return f"{record_type.name} ({period}): {going}{held}"
