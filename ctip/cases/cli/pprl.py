"""`ctip cases pprl encode|count`: counting victims across agencies without sharing names
(docs/cases-exchange.md). Each agency's case manager encodes its cases with the secret the
agencies share; a case manager of the coordinating agency counts the files."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from .exchange import agency_for


def register(subparsers) -> None:
    pprl = subparsers.add_parser(
        "pprl", help="count unique victims across agencies from Bloom-filter encodings"
    )
    actions = pprl.add_subparsers(dest="pprl_action", required=True)
    encode = actions.add_parser(
        "encode", help="encode an agency's cases for the count (its case manager)"
    )
    encode.add_argument("--agency", required=True, help="the agency's code")
    encode.add_argument("-o", "--output", required=True, help="the file to write (.json)")
    encode.add_argument(
        "--secret-file", help="file holding the agencies' shared secret (or CTIP_PPRL_SECRET)"
    )
    encode.set_defaults(handler=_encode)
    count = actions.add_parser(
        "count",
        help="link encoded files of several agencies and print agencies,records,unique_victims "
        "(a case manager)",
    )
    count.add_argument("files", nargs="+")
    count.add_argument(
        "--threshold", type=float, default=None, help="Dice similarity to link (default 0.82)"
    )
    count.set_defaults(handler=_count)


def _encode(command, options) -> None:
    from ctip.cases import pprl
    from ctip.cases.exchange import pprl_encode

    agency = agency_for(command, options["agency"])
    try:
        secret = pprl.read_secret(options.get("secret_file"))
    except pprl.PprlError as error:
        raise CommandError(str(error)) from None
    encoded = pprl_encode(agency, secret, actor=command.actor)
    Path(options["output"]).write_text(pprl.dumps(encoded), encoding="utf-8")
    command.stdout.write(f"wrote {options['output']}: {encoded['count']} cases of {agency.code}")


def _count(command, options) -> None:
    from ctip.cases import pprl
    from ctip.cases.access import agencies_managed_by

    if not agencies_managed_by(command.actor).exists():
        raise CommandError("counting victims across agencies is for an agency's case manager")
    files = []
    for path in options["files"]:
        try:
            files.append(pprl.load(Path(path).read_text(encoding="utf-8"), path))
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except pprl.PprlError as error:
            raise CommandError(str(error)) from None
    threshold = options.get("threshold") or pprl.THRESHOLD
    try:
        lines = pprl.count(files, threshold)
    except pprl.PprlError as error:
        raise CommandError(str(error)) from None
    pprl.write_count(lines, sys.stdout if command.stdout is None else command.stdout)
