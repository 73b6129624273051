"""`ctip cases rotate-key`: encrypt every identifying field again under a new key, or with
`--hash-key` compute every search hash again under a new hash key (administrators;
docs/cases.md, "Keys")."""

from __future__ import annotations

from . import require_administrator


def register(subparsers) -> None:
    rotate = subparsers.add_parser(
        "rotate-key",
        help="put a new key first, re-encrypt every identifying field under it, drop the old "
        "key (administrators)",
    )
    rotate.add_argument(
        "--keep-old", action="store_true", help="keep the old keys in the key file after"
    )
    rotate.add_argument(
        "--hash-key",
        action="store_true",
        help="rotate the key of the search hashes instead (every hash computed again from the "
        "decrypted names)",
    )
    rotate.set_defaults(handler=_rotate)


def _rotate(command, options) -> None:
    from ctip.cases.actions import do_rotate_hash_key, do_rotate_key

    require_administrator(command, "rotate the key of case data")
    if options["hash_key"]:
        count, what = do_rotate_hash_key(keep_old=options["keep_old"])
        command.stdout.write(f"search hashes of {count} cases computed again; {what}")
        return
    count, what = do_rotate_key(keep_old=options["keep_old"])
    command.stdout.write(f"{count} values re-encrypted; {what}")
