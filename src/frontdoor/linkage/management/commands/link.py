"""frontdoor link: link every source record to a person (train the model, score, cluster, keep person ids)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from frontdoor.core.planner import gather_statistics
from frontdoor.linkage.services import link_source_records


class Command(BaseCommand):
    help = "Link every source record to a person, keeping existing person ids where a cluster continues."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reuse-model",
            action="store_true",
            help="score with the last run's trained model instead of training afresh on the current records",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="join at or above this match probability (default: FRONTDOOR_LINK_JOIN_PROBABILITY, 0.95)",
        )

    def handle(self, *args, **options) -> None:
        counts = link_source_records(retrain=not options["reuse_model"], threshold=options["threshold"])
        gather_statistics()
        self.stdout.write(
            f"records {counts.records}  people {counts.people}  created {counts.people_created}  "
            f"kept {counts.people_kept}  relinked {counts.records_relinked}  "
            f"left without records {counts.people_left_without_records}  run {counts.run_id}"
        )
        self.stdout.write(
            f"identity review: {counts.review_open} pairs waiting, {counts.review_items - counts.review_open} settled"
        )
        stages = "  ".join(f"{stage} {seconds:.2f}s" for stage, seconds in counts.seconds.items())
        self.stdout.write(f"seconds: {stages}")
