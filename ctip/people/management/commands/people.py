from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from ctip.accounts.access import (
    NotFound,
    access_person,
    attendances_for,
    can_see_people,
    people_for,
    role_in,
)
from ctip.accounts.commands import CtipCommand
from ctip.accounts.models import Role
from ctip.linkage.commands import add_link_parser, add_review_parser, handle_link, handle_review
from ctip.people.actions import (
    do_apply_retention,
    do_forget_person,
    people_past_retention,
    retention_cutoff,
)
from ctip.security.reads import Kind, prune_reads, record_read


class Command(CtipCommand):
    help = "List or show people, within the rights of the acting user (--as)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="list people")
        listing.add_argument("--event", help="only the people who attended this event ID")
        listing.add_argument("--limit", type=int, default=0)
        show = sub.add_parser("show", help="show one person and their attendances")
        show.add_argument("person_id")
        forget = sub.add_parser(
            "forget",
            help="remove what identifies a person, keeping the anonymous counts (administrators)",
        )
        forget.add_argument("person_id")
        forget.add_argument("--reason", default="", help="why (recorded in the audit trail)")
        retention = sub.add_parser(
            "retention",
            help="count (and with --apply forget) participants past CTIP_RETENTION_YEARS, and "
            "prune records of reads past CTIP_READ_AUDIT_DAYS (administrators)",
        )
        retention.add_argument(
            "--apply", action="store_true", help="forget them and prune (default: only count)"
        )
        add_link_parser(sub)
        add_review_parser(sub)

    def handle(self, *args, **options):
        if options["action"] == "forget":
            return self._forget(options)
        if options["action"] == "retention":
            return self._retention(options)
        if not can_see_people(self.actor):
            raise CommandError("your role shows aggregate numbers only, not people")
        if options["action"] == "link":
            return handle_link(self, options)
        if options["action"] == "review":
            return handle_review(self, options)
        if options["action"] == "show":
            try:
                person = access_person(self.actor, options["person_id"])
            except NotFound:
                raise CommandError(f"no person {options['person_id']} that you may see") from None
            record_read(self.actor, Kind.PERSON, person_ids=[person.pk], via="cli")
            self.stdout.write(
                f"{person.pk}\t{person.full_name}\t{person.romanised_name}\t"
                f"{person.sex}\t{person.country_of_origin_id or ''}"
            )
            for attendance in (
                attendances_for(self.actor).filter(person=person).select_related("event")
            ):
                self.stdout.write(
                    f"  {attendance.event.code}\t{attendance.event.start_date}\t{attendance.role}"
                )
            return
        if options["event"]:
            rows = (
                attendances_for(self.actor)
                .filter(event__code=options["event"])
                .select_related("person")
                .order_by("person__romanised_name")
            )
            people = [attendance.person for attendance in rows]
            event_ids = {attendance.event_id for attendance in rows}
            kind = Kind.ATTENDANCE_LIST
        else:
            listed = people_for(self.actor).order_by("romanised_name", "id")
            if options["limit"]:
                listed = listed[: options["limit"]]
            people = list(listed)
            event_ids = set()
            kind = Kind.PEOPLE_LIST
        record_read(
            self.actor,
            kind,
            event_id=next(iter(event_ids)) if len(event_ids) == 1 else None,
            count=len(people),
            via="cli",
        )
        for person in people:
            self.stdout.write(
                f"{person.pk}\t{person.full_name}\t{person.romanised_name}\t"
                f"{person.sex}\t{person.country_of_origin_id or ''}"
            )

    def _forget(self, options):
        try:
            person = access_person(self.actor, options["person_id"])
        except NotFound:
            raise CommandError(f"no person {options['person_id']} that you may see") from None
        if role_in(self.actor, person.program) != Role.ADMINISTRATOR:
            raise CommandError("only an administrator can make the program forget a person")
        actor = self.actor if getattr(self.actor, "pk", None) else None
        do_forget_person(person, actor=actor, reason=options["reason"])
        self.stdout.write(f"person {person.pk} forgotten; their attendances are kept, anonymous")

    def _retention(self, options):
        if not self.actor.is_superuser:
            raise CommandError("only an administrator can apply the retention policy")
        years = settings.CTIP_RETENTION_YEARS
        days = settings.CTIP_READ_AUDIT_DAYS
        apply = options["apply"]
        today = timezone.localdate()
        if years > 0:
            cutoff = retention_cutoff(years, today)
            if apply:
                actor = self.actor if getattr(self.actor, "pk", None) else None
                count = do_apply_retention(years, today, actor=actor)
                self.stdout.write(
                    f"retention ({years} years): {count} participant(s) with no attendance "
                    f"since before {cutoff} forgotten; their attendances are kept, anonymous"
                )
            else:
                count = people_past_retention(years, today).count()
                self.stdout.write(
                    f"retention ({years} years): {count} participant(s) with no attendance "
                    f"since before {cutoff}; `--apply` forgets them"
                )
        else:
            self.stdout.write("retention: off (CTIP_RETENTION_YEARS is 0); no one is forgotten")
        if days > 0:
            count = prune_reads(days, apply=apply)
            verb = "deleted" if apply else "older than that; `--apply` deletes them"
            self.stdout.write(f"records of reads ({days} days): {count} {verb}")
        else:
            self.stdout.write("records of reads: kept (CTIP_READ_AUDIT_DAYS is 0)")
