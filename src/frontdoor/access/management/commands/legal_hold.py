"""frontdoor legal_hold: place, release and list the legal holds that keep records past their retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from frontdoor.access.holds import list_holds, place_hold, release_hold
from frontdoor.access.models import LegalHold
from frontdoor.people.models import Person


class Command(BaseCommand):
    help = "Place a legal hold on a person or a record, release one, or list them (frontdoor retention honours them)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Hold a person's records, or one record")
        target = add.add_mutually_exclusive_group(required=True)
        target.add_argument("--person", type=int, help="The person's id")
        target.add_argument("--record", help="A record as TYPE:ID, e.g. referral_nfa:FD-7K2M-9QXA")
        add.add_argument("--reason", required=True, help="Why (litigation, an inquiry, a complaint, a SAR ...)")
        release = actions.add_parser("release", help="Release a hold")
        release.add_argument("hold", type=int, help="The hold's number")
        listing = actions.add_parser("list", help="List the live holds")
        listing.add_argument("--all", action="store_true", help="Released holds too")

    def handle(self, *args, action: str, **options):
        if action == "add":
            person, record = None, None
            if options["person"] is not None:
                person = Person.objects.filter(pk=options["person"]).first()
                if person is None:
                    raise CommandError(f"There is no person {options['person']}.")
            else:
                record_type, colon, record_id = options["record"].partition(":")
                if not colon or not record_type or not record_id:
                    raise CommandError("A record is given as TYPE:ID, e.g. referral_nfa:FD-7K2M-9QXA.")
                record = (record_type, record_id)
            try:
                hold = place_hold(options["reason"], person=person, record=record)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Legal hold {hold.pk} placed.")
        elif action == "release":
            live = LegalHold.objects.filter(pk=options["hold"], released_at__isnull=True).first()
            if live is None:
                raise CommandError(f"There is no live legal hold {options['hold']}.")
            release_hold(live)
            self.stdout.write(f"Legal hold {live.pk} released.")
        else:
            for hold in list_holds(include_released=options["all"]):
                what = f"person {hold.person_id}" if hold.person_id else f"{hold.record_type}:{hold.record_id}"
                state = f"released {hold.released_at:%Y-%m-%d}" if hold.released_at else "live"
                self.stdout.write(f"{hold.pk}\t{what}\tplaced {hold.placed_at:%Y-%m-%d}\t{state}")
