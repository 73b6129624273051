"""The encrypted backup format on its own: any size round-trips; any change is refused."""

import os

import pytest

from ctip.backups import crypto

PASSPHRASE = "correct horse battery staple"  # noqa: S105


def _sealed(tmp_path, plain: bytes):
    source, sealed = tmp_path / "plain", tmp_path / "sealed"
    source.write_bytes(plain)
    sealed.touch(mode=0o600)
    crypto.encrypt_file(source, sealed, PASSPHRASE)
    return sealed


def _opened(tmp_path, sealed, passphrase=PASSPHRASE) -> bytes:
    target = tmp_path / "opened"
    target.write_bytes(b"")
    crypto.decrypt_file(sealed, target, passphrase)
    return target.read_bytes()


@pytest.mark.parametrize("size", [0, 1, crypto.CHUNK, 3 * crypto.CHUNK + 12345])
def test_files_of_any_size_round_trip(tmp_path, size):
    plain = os.urandom(size)
    sealed = _sealed(tmp_path, plain)
    assert crypto.is_encrypted(sealed)
    assert _opened(tmp_path, sealed) == plain


def test_reordered_dropped_or_appended_chunks_are_refused(tmp_path):
    sealed = _sealed(tmp_path, os.urandom(3 * crypto.CHUNK + 100))
    data = sealed.read_bytes()
    start = crypto._HEADER.size
    header = data[:start]
    step = 4 + crypto.CHUNK + 16
    chunks = [data[start + i * step : start + (i + 1) * step] for i in range(3)]
    last = data[start + 3 * step :]
    assert len(last) == 4 + 100 + 16
    for variant in (
        header + chunks[1] + chunks[0] + chunks[2] + last,  # reordered
        header + chunks[0] + chunks[2] + last,  # one dropped
        header + chunks[0] + chunks[1] + chunks[2],  # the last one dropped
        data + chunks[0],  # something appended
    ):
        sealed.write_bytes(variant)
        with pytest.raises(crypto.DecryptionError):
            _opened(tmp_path, sealed)


def test_a_wrong_passphrase_is_refused(tmp_path):
    sealed = _sealed(tmp_path, b"SQLite format 3\x00 and the rest")
    with pytest.raises(crypto.DecryptionError, match="wrong key"):
        _opened(tmp_path, sealed, "another passphrase here")
