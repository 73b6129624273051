"""Field-level encryption of what identifies a victim, and keyed hashes to find a case by
exact name and birth date (docs/cases.md).

The keys live outside the database: CTIP_CASES_KEY (Fernet keys, newest first, separated by
commas or new lines) or the file CTIP_CASES_KEY_FILE (default var/cases.key, one key a line,
created owner-only by `ctip init`). Every key listed decrypts; the first encrypts, so a new
key put first starts a rotation and `ctip cases rotate-key` finishes it. The hash key is a
separate secret (CTIP_CASES_HASH_KEY or var/cases-hash.key): knowing one key tells nothing
about the other. It is rotated the same way (`ctip cases rotate-key --hash-key`): the first
hash key makes new hashes, every key listed is tried by a search while the hashes are
computed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import unicodedata
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

_cache: dict[tuple, object] = {}


def _split_keys(text: str) -> list[str]:
    return [key.strip() for key in text.replace(",", "\n").splitlines() if key.strip()]


def key_file() -> Path:
    return Path(settings.CTIP_CASES_KEY_FILE)


def hash_key_file() -> Path:
    return Path(settings.CTIP_CASES_HASH_KEY_FILE)


def write_secret_file(path: Path, text: str) -> None:
    """Write PATH readable by its owner only, replacing it in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def ensure_key_files() -> list[Path]:
    """Create the key files that are missing (owner-only); the paths created."""
    from cryptography.fernet import Fernet

    created = []
    if not settings.CTIP_CASES_KEY and not key_file().exists():
        write_secret_file(key_file(), Fernet.generate_key().decode() + "\n")
        created.append(key_file())
    if not settings.CTIP_CASES_HASH_KEY and not hash_key_file().exists():
        write_secret_file(hash_key_file(), Fernet.generate_key().decode() + "\n")
        created.append(hash_key_file())
    return created


def encryption_keys() -> list[str]:
    """The Fernet keys, newest (the one that encrypts) first."""
    if settings.CTIP_CASES_KEY:
        keys = _split_keys(settings.CTIP_CASES_KEY)
    else:
        ensure_key_files()
        keys = _split_keys(key_file().read_text(encoding="utf-8"))
    if not keys:
        raise ImproperlyConfigured("no key for case data: CTIP_CASES_KEY or its file is empty")
    return keys


def hash_keys() -> list[str]:
    """The keys of the search hashes, newest (the one that makes new hashes) first."""
    if settings.CTIP_CASES_HASH_KEY:
        keys = _split_keys(settings.CTIP_CASES_HASH_KEY)
    else:
        ensure_key_files()
        keys = _split_keys(hash_key_file().read_text(encoding="utf-8"))
    if not keys:
        raise ImproperlyConfigured("no hash key for case data: CTIP_CASES_HASH_KEY is empty")
    return keys


def _hash_key() -> bytes:
    return hash_keys()[0].encode()


def fernet():
    """A MultiFernet over the keys in force (cached until they change)."""
    from cryptography.fernet import Fernet, MultiFernet

    keys = tuple(encryption_keys())
    found = _cache.get(keys)
    if found is None:
        try:
            found = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError:
            raise ImproperlyConfigured(
                "a key for case data is not a Fernet key (32 url-safe base64-encoded bytes)"
            ) from None
        _cache.clear()
        _cache[keys] = found
    return found


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise ImproperlyConfigured(
            "case data cannot be decrypted with the keys in force (CTIP_CASES_KEY or "
            "var/cases.key): was a key removed before `ctip cases rotate-key` finished?"
        ) from None


def reencrypt(token: str) -> str:
    """TOKEN encrypted again under the newest key (MultiFernet.rotate)."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


def normalised_name(name: str) -> str:
    """Case, spacing, Unicode form and accents do not matter ("Nguyễn  Thị" = "nguyen thi")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(letters.replace("đ", "d").split())


def identity_hash(name: str, birth_date: dt.date | None = None, *, key: str | None = None) -> str:
    """The keyed hash (HMAC-SHA256) of a normalised full name and, if given, a birth date:
    the only way to search cases by who they are, and only for an exact match. Under the
    newest hash key unless KEY."""
    if not normalised_name(name):
        return ""
    message = normalised_name(name) + "|" + (birth_date.isoformat() if birth_date else "")
    secret = key.encode() if key else _hash_key()
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def identity_hashes(name: str, birth_date: dt.date | None = None) -> list[str]:
    """The hashes of NAME (and BIRTH_DATE) under every hash key in force: what a search
    looks for, so that cases are found while a rotation computes them again."""
    return [found for key in hash_keys() if (found := identity_hash(name, birth_date, key=key))]


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; blank stays blank. Not searchable: use the hashes."""

    def get_prep_value(self, value):
        value = models.Field.get_prep_value(self, value)  # not TextField's: it makes str()
        if value is None or value == "":
            return value
        return encrypt(self.to_text(value))

    empty_value: object = ""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return self.empty_value
        return self.from_text(decrypt(value))

    def to_text(self, value) -> str:
        return str(value)

    def from_text(self, text: str):
        return text


class EncryptedDateField(EncryptedTextField):
    """A date stored encrypted (as its ISO text); None when unknown."""

    empty_value = None

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return ""
        return encrypt(value.isoformat())

    def from_text(self, text: str):
        return dt.date.fromisoformat(text)

    def formfield(self, **kwargs):
        from django import forms

        return models.Field.formfield(self, **{"form_class": forms.DateField, **kwargs})


class EncryptedJSONField(EncryptedTextField):
    """A small JSON value (a referral's chosen fields) stored encrypted."""

    def to_python(self, value):
        return value

    def to_text(self, value) -> str:
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)

    def from_text(self, text: str):
        import json

        return json.loads(text)
