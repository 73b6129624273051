"""`ctip organisations load FILE|--seed`, `list`, `duplicates`, `merge KEEP DROP`,
`keep-apart A B`."""

from __future__ import annotations

from django.core.management.base import CommandError

from ctip.accounts.access import WHOLE_PROGRAM_ROLES, CliAdministrator, programs_of, role_in
from ctip.accounts.commands import CtipCommand
from ctip.lib.spreadsheets import csv_writer
from ctip.organisations.actions import (
    do_keep_organisations_apart,
    do_load_organisations,
    do_merge_organisations,
    organisation_merge_proposals,
)
from ctip.organisations.models import Organisation
from ctip.organisations.registry import SEED_FILE, RegistryError, read_registry_file


class Command(CtipCommand):
    help = "The organisation registry: load a registry file, list, propose and make merges."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="add or update organisations, parents and aliases from a registry csv"
        )
        load.add_argument("file", nargs="?", help="registry csv (docs/organisations.md)")
        load.add_argument(
            "--seed", action="store_true", help="the region's common agencies (shipped)"
        )
        sub.add_parser("list", help="organisations with acronym, parent and aliases")
        sub.add_parser(
            "duplicates",
            help="organisations that look like one agency written two ways (csv: keep, drop, why)",
        )
        merge = sub.add_parser("merge", help="merge DROP into KEEP (ids from `duplicates`)")
        merge.add_argument("keep", type=int)
        merge.add_argument("drop", type=int)
        apart = sub.add_parser(
            "keep-apart", help="two organisations proposed for merging are different agencies"
        )
        apart.add_argument("first", type=int)
        apart.add_argument("second", type=int)

    def handle(self, *args, **options):
        if not _may_maintain(self.actor):
            raise CommandError(
                "only an administrator or MEL officer maintains the organisation registry"
            )
        action = options["action"]
        if action == "load":
            path = SEED_FILE if options["seed"] else options["file"]
            if not path:
                raise CommandError("give a registry file, or --seed")
            try:
                report = do_load_organisations(read_registry_file(path), actor=self.actor)
            except (RegistryError, OSError) as error:
                raise CommandError(f"{path}: {error} (nothing was loaded)") from None
            for line in report.lines():
                self.stdout.write(line)
        elif action == "list":
            for organisation in Organisation.objects.select_related("parent").prefetch_related(
                "aliases"
            ):
                aliases = "|".join(alias.alias for alias in organisation.aliases.all())
                parent = organisation.parent.name if organisation.parent else ""
                self.stdout.write(
                    f"{organisation.pk}\t{organisation.country_id or ''}\t{organisation.name}\t"
                    f"{organisation.acronym}\t{parent}\t{aliases}"
                )
        elif action == "duplicates":
            writer = csv_writer(self.stdout)
            writer.writerow(["keep_id", "keep", "drop_id", "drop", "country", "why"])
            for proposal in organisation_merge_proposals():
                writer.writerow(
                    [
                        proposal.keep.pk,
                        proposal.keep.name,
                        proposal.drop.pk,
                        proposal.drop.name,
                        proposal.keep.country_id or "",
                        proposal.why,
                    ]
                )
        elif action == "keep-apart":
            try:
                first = Organisation.objects.get(pk=options["first"])
                second = Organisation.objects.get(pk=options["second"])
                do_keep_organisations_apart(first, second, actor=self.actor)
            except (Organisation.DoesNotExist, ValueError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"{first.name!r} and {second.name!r} are kept apart")
        else:
            try:
                keep = Organisation.objects.get(pk=options["keep"])
                drop = Organisation.objects.get(pk=options["drop"])
                moved = do_merge_organisations(keep, drop, actor=self.actor)
            except (Organisation.DoesNotExist, ValueError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(
                f"merged {drop.name!r} into {keep.name!r}: "
                + ", ".join(f"{count} {what}" for what, count in moved.items())
            )


def _may_maintain(actor) -> bool:
    if isinstance(actor, CliAdministrator):
        return True
    return any(role_in(actor, program) in WHOLE_PROGRAM_ROLES for program in programs_of(actor))
