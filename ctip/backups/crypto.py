"""Encrypted backup files (ASVS 8.1.6): AES-256-GCM with a key derived from a passphrase by
scrypt, in 1 MiB chunks so a backup of any size streams through.

File layout: a header (magic, format version, scrypt salt and cost, a random nonce prefix),
then chunks, each a 4-byte length and the sealed chunk. Every chunk's nonce is the prefix and
the chunk's number; the header, the number and a last-chunk flag are authenticated with it,
so a wrong key, a changed byte, reordered, dropped or appended chunks and a truncated file are
all refused. Nothing is written to the target until the whole file has been authenticated.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CTIPBAK\x01"
_HEADER = struct.Struct(">8s16sBBB8s")  # magic, salt, log2(n), r, p, nonce prefix
_LENGTH = struct.Struct(">I")
CHUNK = 1 << 20
_SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P = 15, 8, 1  # 32 MiB of memory, ~0.1 s
MIN_PASSPHRASE = 12


class DecryptionError(Exception):
    """The file could not be decrypted: wrong key, or damaged."""


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as file:
        return file.read(len(MAGIC)) == MAGIC


def _key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    if not 10 <= log2_n <= 20 or not 1 <= r <= 16 or not 1 <= p <= 4:
        raise DecryptionError("the file's key parameters are not ones we write: damaged file")
    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(passphrase.encode())


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">IB", number, last)


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write SOURCE to TARGET (which must exist, empty, with its final mode) encrypted."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValueError(f"the backup passphrase must be at least {MIN_PASSPHRASE} characters")
    salt, prefix = os.urandom(16), os.urandom(8)
    header = _HEADER.pack(MAGIC, salt, _SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P, prefix)
    cipher = AESGCM(_key(passphrase, salt, _SCRYPT_LOG2_N, _SCRYPT_R, _SCRYPT_P))
    with Path(source).open("rb") as plain, Path(target).open("r+b") as sealed:
        sealed.truncate()
        sealed.write(header)
        number = 0
        chunk = plain.read(CHUNK)
        while True:
            following = plain.read(CHUNK)
            last = not following
            nonce = prefix + struct.pack(">I", number)
            data = cipher.encrypt(nonce, chunk, _aad(header, number, last))
            sealed.write(_LENGTH.pack(len(data)))
            sealed.write(data)
            if last:
                break
            chunk, number = following, number + 1
        sealed.flush()
        os.fsync(sealed.fileno())


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Decrypt SOURCE into TARGET (an existing private file); DecryptionError if the key is
    wrong or the file damaged (TARGET is then left for the caller to delete)."""
    wrong = "cannot decrypt the backup: wrong key (CTIP_BACKUP_KEY) or a damaged file"
    with Path(source).open("rb") as sealed, Path(target).open("r+b") as plain:
        header = sealed.read(_HEADER.size)
        if len(header) != _HEADER.size:
            raise DecryptionError("the encrypted backup is cut short: damaged file")
        magic, salt, log2_n, r, p, prefix = _HEADER.unpack(header)
        if magic != MAGIC:
            raise DecryptionError("not an encrypted CTIP MERL backup")
        cipher = AESGCM(_key(passphrase, salt, log2_n, r, p))
        number = 0
        while True:
            length_bytes = sealed.read(_LENGTH.size)
            if len(length_bytes) != _LENGTH.size:
                raise DecryptionError("the encrypted backup is cut short: damaged file")
            (length,) = _LENGTH.unpack(length_bytes)
            if length > CHUNK + 16:
                raise DecryptionError(wrong)
            data = sealed.read(length)
            nonce = prefix + struct.pack(">I", number)
            for last in (False, True):
                try:
                    chunk = cipher.decrypt(nonce, data, _aad(header, number, last))
                    break
                except InvalidTag:
                    chunk = None
            if chunk is None:
                raise DecryptionError(wrong)
            plain.write(chunk)
            if last:
                if sealed.read(1):
                    raise DecryptionError("the encrypted backup has data after its end: damaged")
                break
            number += 1
