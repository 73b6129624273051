"""Counting victims across agencies without sharing names: privacy-preserving record linkage
with Bloom-filter encodings (clkhash) and multi-party linkage (anonlink).

Each agency encodes its own cases on its own machine (`ctip cases pprl encode`): every case's
given name, family name, birth date, sex and citizenship, made comparable first (any script
to Latin letters, romanisation variants folded: ctip/linkage/names.py), go into one
cryptographic long-term key (CLK), a 1024-bit Bloom filter keyed with a secret the agencies
share and the coordinator does not hold. The file holds the agency's code and the CLKs, in a
shuffled order, and nothing else: no name, date, contact or case reference.

The coordinator (`ctip cases pprl count FILE...`) compares every CLK of one file with every
CLK of the others (Sørensen–Dice similarity of the bits), keeps pairs above THRESHOLD, and
groups them with anonlink's greedy multi-party solver (at most one record of each agency in a
group: an agency's own cases are one victim each). It learns how many victims there are and
how the agencies' cases overlap, nothing more. docs/cases-exchange.md.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import os
import random
import sys
import types
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

FORMAT = "ctip-pprl-clk"
VERSION = 1
THRESHOLD = 0.82
# Above this many comparisons between two files, records are compared only when they agree
# on one of BLOCKING_TABLES sets of BLOCKING_BITS sampled bits of their encodings (anonlink's
# bit blocking: Hamming LSH on the CLKs themselves, no other information): 100,000 cases per
# agency then take minutes, not hours, at a small cost in recall (docs/cases-exchange.md).
BLOCKING_ABOVE = 50_000_000
BLOCKING_TABLES = 10
BLOCKING_BITS = 12
SECRET_ENV = "CTIP_PPRL_SECRET"  # noqa: S105 (a variable's name, not a secret)
MIN_SECRET_LENGTH = 16


def _feature(identifier: str, *, bits: int, ngram: int = 0) -> dict:
    comparison = {"type": "ngram", "n": ngram} if ngram else {"type": "exact"}
    return {
        "identifier": identifier,
        "format": {"type": "string", "encoding": "utf-8"},
        "hashing": {
            "comparison": comparison,
            "strategy": {"bitsPerToken": bits},
            "hash": {"type": "doubleHash"},
        },
    }


# The linkage schema every agency encodes with (clkhash schema v3). The salt and info only
# separate this schema's keys from other uses of the same secret; the secret itself is the
# agencies' and never in the file or the code.
LINKAGE_SCHEMA = {
    "version": 3,
    "clkConfig": {
        "l": 1024,
        "kdf": {
            "type": "HKDF",
            "hash": "SHA256",
            "salt": base64.b64encode(b"ctip.cases.pprl linkage schema v1").decode(),
            "info": base64.b64encode(b"victims across agencies").decode(),
            "keySize": 64,
        },
    },
    "features": [
        # the written name's parts, each compared by its letter pairs (typos cost little)
        _feature("given", bits=8, ngram=2),
        _feature("family", bits=8, ngram=2),
        # the whole name in an order-free form: a family name in the first-name box still agrees
        _feature("name", bits=20, ngram=2),
        # the birth date in two exact parts: a court that knows only the year still agrees on it
        _feature("birth_year", bits=80),
        _feature("birth_day", bits=100),
        _feature("sex", bits=20),
        _feature("citizenship", bits=20),
    ],
}
SCHEMA_ID = hashlib.sha256(json.dumps(LINKAGE_SCHEMA, sort_keys=True).encode()).hexdigest()[:16]


class PprlError(ValueError):
    """A secret, a file or a set of files the linkage cannot use."""


def _pkg_resources() -> None:
    """clkhash 0.17 and anonlink 0.15 read their own versions through pkg_resources, which
    setuptools no longer ships: a stand-in answers that one question."""
    if "pkg_resources" in sys.modules:
        return
    try:
        import pkg_resources  # noqa: F401
    except ImportError:
        from importlib.metadata import version

        shim = types.ModuleType("pkg_resources")
        shim.get_distribution = lambda name: types.SimpleNamespace(version=version(name))
        sys.modules["pkg_resources"] = shim


def anonlink():
    """anonlink, imported where used."""
    _pkg_resources()
    import anonlink as library

    return library


def clkhash():
    """clkhash, imported where used (with the submodules we call)."""
    _pkg_resources()
    import clkhash as library
    import clkhash.clk
    import clkhash.schema
    import clkhash.serialization  # noqa: F401

    return library


def read_secret(path: str | None = None) -> bytes:
    """The agencies' shared secret: the file PATH, or the CTIP_PPRL_SECRET environment
    variable. Refused when short: a guessable secret lets anyone rebuild the encodings."""
    if path:
        try:
            secret = Path(path).read_bytes().strip()
        except OSError as error:
            raise PprlError(f"cannot read the secret file {path}: {error.strerror}") from None
    else:
        secret = os.environ.get(SECRET_ENV, "").strip().encode()
    if not secret:
        raise PprlError(f"no shared secret: give --secret-file or set {SECRET_ENV}")
    if len(secret) < MIN_SECRET_LENGTH:
        raise PprlError(f"the shared secret is shorter than {MIN_SECRET_LENGTH} characters")
    return secret


@functools.lru_cache(maxsize=200_000)  # names repeat: romanising Thai script is the slow part
def _sound_tokens(written: str) -> tuple[str, ...]:
    from ctip.linkage.names import normalise_name, sound_key

    return tuple(sound_key(token) for token in normalise_name(written).tokens)


def linkage_fields(record: dict) -> list[str]:
    """The values one case contributes to its encoding, in LINKAGE_SCHEMA's order."""
    given = list(_sound_tokens(record.get("given") or ""))
    family = list(_sound_tokens(record.get("family") or ""))
    birth = record.get("birth_date")
    birth = birth.strftime("%Y%m%d") if isinstance(birth, datetime.date) else ""
    sex = {"female": "f", "male": "m"}.get((record.get("sex") or "").lower(), "")
    return [
        " ".join(given),
        " ".join(family),
        " ".join(sorted(given + family)),
        birth[:4],
        birth[4:],
        sex,
        (record.get("citizenship") or "").upper(),
    ]


def _schema():
    return clkhash().schema.from_json_dict(LINKAGE_SCHEMA)


PARALLEL_FROM = 5000  # cases: below this, one process is quicker than starting others


def fields_of(records, workers: int = 1) -> list[list[str]]:
    """linkage_fields() of every record, in WORKERS processes for large sets."""
    records = list(records)
    if workers <= 1 or len(records) < PARALLEL_FROM:
        return [linkage_fields(record) for record in records]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(linkage_fields, records, chunksize=500))


def clks_of(rows: list[list[str]], secret: bytes, workers: int = 1) -> list:
    """The CLKs (bitarrays) of ROWS of linkage fields."""
    if not rows:
        return []
    library = clkhash()
    workers = workers if len(rows) >= PARALLEL_FROM else 1
    return library.clk.generate_clks(rows, _schema(), secret, validate=False, max_workers=workers)


def encode(
    records, secret: bytes, *, agency: str, seed: int | None = None, workers: int = 1
) -> dict:
    """The encoded file's content for RECORDS (dicts with given, family, birth_date, sex,
    citizenship) of AGENCY: CLKs in a shuffled order, so that the file's order says nothing
    about the agency's case numbers."""
    serialise = clkhash().serialization.serialize_bitarray
    encoded = [serialise(clk) for clk in clks_of(fields_of(records, workers), secret, workers)]
    shuffler = random.Random(seed) if seed is not None else random.SystemRandom()
    shuffler.shuffle(encoded)
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_ID,
        "agency": agency,
        "count": len(encoded),
        "clks": encoded,
    }


def dumps(encoded: dict) -> str:
    return json.dumps(encoded, separators=(",", ":")) + "\n"


def load(text: str, name: str = "the file") -> dict:
    """An encoded file read back and checked."""
    try:
        content = json.loads(text)
    except ValueError:
        raise PprlError(f"{name} is not an encoded cases file (not JSON)") from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise PprlError(f"{name} is not an encoded cases file")
    if content.get("schema") != SCHEMA_ID:
        raise PprlError(
            f"{name} was encoded with another linkage schema ({content.get('schema')}); "
            f"every agency must encode with the same version ({SCHEMA_ID})"
        )
    if not isinstance(content.get("clks"), list) or content.get("count") != len(content["clks"]):
        raise PprlError(f"{name} is damaged: its count does not match its encodings")
    return content


@dataclass(frozen=True)
class Overlap:
    """One line of the count: victims held by exactly AGENCIES (or the total)."""

    agencies: tuple[str, ...]
    records: int
    unique_victims: int


def link(files: list[dict], threshold: float = THRESHOLD) -> list[tuple[tuple[int, int], ...]]:
    """Groups of (file index, record index) that stand for one victim, singletons included."""
    deserialize = clkhash().serialization.deserialize_bitarray
    return link_clks([[deserialize(clk) for clk in file["clks"]] for file in files], threshold)


def link_records(
    record_sets: list[list[dict]], secret: bytes, threshold: float = THRESHOLD
) -> list[tuple[tuple[int, int], ...]]:
    """Groups of (set index, record index) that stand for one victim, singletons included,
    for sets of records (linkage_fields' dicts) held in one place — the victims' tables
    count unique victims across the agencies of one installation this way, with the same
    encodings and solver as the count across installations. A record without a name is
    never linked: sex, birth date and citizenship alone would join strangers."""
    named = [
        [
            index
            for index, record in enumerate(records)
            if record.get("given") or record.get("family")
        ]
        for records in record_sets
    ]
    datasets = [
        clks_of(fields_of([records[index] for index in indexes]), secret)
        for records, indexes in zip(record_sets, named, strict=True)
    ]
    groups = []
    for group in link_clks(datasets, threshold):
        groups.append(tuple((file, named[file][row]) for file, row in group))
    for file, records in enumerate(record_sets):
        kept = set(named[file])
        groups += [((file, row),) for row in range(len(records)) if row not in kept]
    return groups


def link_clks(
    datasets: list[list], threshold: float = THRESHOLD
) -> list[tuple[tuple[int, int], ...]]:
    """Groups of (dataset index, record index) of CLKs (bitarrays), singletons included."""
    groups: list[tuple[tuple[int, int], ...]] = []
    present = [index for index, dataset in enumerate(datasets) if len(dataset)]
    if len(present) > 1:
        library = anonlink()
        sizes = sorted(len(datasets[index]) for index in present)
        blocking = None
        if sizes[-1] * sizes[-2] > BLOCKING_ABOVE:
            blocking = library.blocking.bit_blocking(BLOCKING_TABLES, BLOCKING_BITS, seed=2026)
        candidates = library.candidate_generation.find_candidate_pairs(
            [datasets[index] for index in present],
            library.similarities.dice_coefficient_accelerated,
            threshold,
            blocking_f=blocking,
        )
        groups = [
            tuple(sorted((present[file], row) for file, row in group))
            for group in library.solving.greedy_solve(candidates)
        ]
    linked = {member for group in groups for member in group}
    for index, dataset in enumerate(datasets):
        groups += [((index, row),) for row in range(len(dataset)) if (index, row) not in linked]
    return groups


def count(files: list[dict], threshold: float = THRESHOLD) -> list[Overlap]:
    """Victims by the exact set of agencies that hold them, then the total: the Venn regions
    of the agencies' cases, each with its records and its unique victims."""
    agencies = [file["agency"] for file in files]
    repeated = [code for code, n in Counter(agencies).items() if n > 1]
    if repeated:
        raise PprlError(f"two files of one agency ({', '.join(repeated)}): give each agency once")
    regions: Counter = Counter()
    records: Counter = Counter()
    for group in link(files, threshold):
        key = tuple(sorted(agencies[index] for index, _ in group))
        regions[key] += 1
        records[key] += len(group)
    order = sorted(regions, key=lambda key: (len(key), key))
    lines = [Overlap(key, records[key], regions[key]) for key in order]
    lines.append(Overlap(("total",), sum(records.values()), sum(regions.values())))
    return lines


def write_count(lines: list[Overlap], stream) -> None:
    """The count as csv: agencies,records,unique_victims (agencies joined with +)."""
    from ctip.lib.spreadsheets import csv_writer

    writer = csv_writer(stream, lineterminator="\n")
    writer.writerow(["agencies", "records", "unique_victims"])
    for line in lines:
        writer.writerow(["+".join(line.agencies), line.records, line.unique_victims])


def pairs_of(groups, references: list[list]) -> set[frozenset]:
    """The linked pairs of GROUPS as pairs of REFERENCES[file][record] (for measuring)."""
    return {
        frozenset((references[a][i], references[b][j]))
        for group in groups
        for (a, i), (b, j) in combinations(group, 2)
    }
