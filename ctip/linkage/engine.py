"""The linkage model: Splink on DuckDB, estimated from the data itself (no labels).

Plain data in, scored pairs out; nothing here touches Django, so the benchmark and the
`ctip people link` command run the very same model.

Input records (one dict or DataFrame row each): unique_id, name, romanised_name,
organisation, organisation_acronym, position, email, phone, country, sex, and optionally
events (the events the record attended: two records at one event are two people).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import heapq
import logging
import operator
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import NamedTuple

import numpy as np
import pandas as pd

from .names import (
    email_key,
    latin_skeleton,
    marked_tokens,
    normalise_name,
    organisation_keys,
    phone_key,
    position_forms,
    position_key,
    thai_skeleton,
    thai_titles,
)

LINK_THRESHOLD = 0.5  # at or above (more likely than not): the same person, linked without review
REVIEW_THRESHOLD = 0.2  # from here up to LINK_THRESHOLD: a reviewer decides
SCORE_THRESHOLD = REVIEW_THRESHOLD  # pairs kept from prediction: no weaker pair is used
# Below this many records the data is too thin to estimate from: the prior m and u values
# (set from runs on the labelled benchmark, see docs/linkage.md) are used as they are.
MIN_RECORDS_TO_TRAIN = 500
# Why a strong link was held back for a reviewer (engine.cluster, CandidatePair.held_because)
HELD_ESTABLISHED = "established"  # it would merge two people already established
HELD_SAME_EVENT = "same-event"  # the two attended one event
HELD_DISAGREE = "disagree"  # the two groups' other records mostly say "different"
# a name is all that links them (no email, no phone agrees), and in their organisation it
# is known to be carried by two or more people (known_namesakes)
HELD_NAME_ONLY = "name-only"
# the two groups carry different phone numbers, or different mailboxes at one domain: a
# person writes one phone and one mailbox per organisation
HELD_CONTACTS = "contacts"
# nothing identifying (phone, email) agrees, and the positions the two groups wrote have
# nothing in common (names.position_forms): namesakes in one agency, or a person who
# changed post
HELD_POSITIONS = "positions"
HELD_AGENCIES = "agencies"  # the records linked with each name other agencies; nothing ties them
# the two groups write middle initials and none is the same ("Maria Fe N. Ocampo", "Ma. Fe
# M. Ocampo"): a Filipino middle initial is the mother's family name's, written alike
# on every sheet; nothing identifying ties them
HELD_INITIALS = "initials"
# Not held: two records the model put in one person, though their own pair is unsure
# (p < UNSURE_LINK_BELOW: a link it made, or a weak pair joined through others). Queued for
# review too, so that "different people" can split a person made of two namesakes.
# Two groups disagree when most pairs between them are not alike: a pair counts against
# where the model puts it below this (odds under 2 to 3); a pair a little short of a link
# says "unsure", not "different". Measured (held-out / first generator F1): pairs below
# the link threshold (0.5) against 0.9482 / 0.9693; below 0.45, 0.4 or 0.3 0.9489 /
# 0.9696-0.9697; below 0.2 (every scored pair for) 0.9480 / 0.9694.
DISAGREE_BELOW = 0.4
LINKED_UNSURE = "unsure-link"
UNSURE_LINK_BELOW = 0.8
# Larger sets are estimated on a sample of this many records, then scored in full.
TRAIN_SAMPLE = 100_000

logger = logging.getLogger(__name__)

# Comparison levels, most alike first; Splink numbers them len-1 .. 0 (and -1 for null).
LEVELS = {
    "name": [
        "same name as spoken (or a romanisation variant of it)",
        "Thai script and a romanisation sound alike (consonants as heard)",
        "the same name, its syllables written apart or together (Seng Dao/Sengdao)",
        "one name contains the other",
        "one letter apart: letters swapped or a slip in a long name part",
        "two letters apart",
        "a letter dropped or added in a five-letter name part (Nilar/Nilr)",
        "one letter apart in a short name part, not its first (Lerna/Lorna, Ang/Aung)",
        "different",
    ],
    "diacritics": [
        "not written with other marks",
        "the same name in plain letters, other marks (Hùng/Hưng)",
    ],
    "email": [
        "same",
        "same mailbox name, other domain",
        "other mailbox, other domain",
        "other mailbox at the same domain",
    ],
    "phone": ["same", "different"],
    "organisation": [
        "same organisation (the registry knows it by name, acronym or alias)",
        "same name",
        "same acronym",
        "same parent agency",
        "similar name (Jaro-Winkler ≥ 0.9)",
        "different",
    ],
    "position": [
        "same",
        "the same abbreviated, as initials or in other words' order (SW/Social Worker)",
        "one contains the other (Prosecutor/Public Prosecutor)",
        "similar (Jaro-Winkler ≥ 0.9)",
        "different",
    ],
    "country": ["same", "different"],
    "sex": ["same", "different"],
}
COMPARISON_LABELS = {
    "name": "Name",
    "diacritics": "Diacritics",
    "email": "Email",
    "phone": "Phone",
    "organisation": "Organisation",
    "position": "Position",
    "country": "Country of origin",
    "sex": "Sex",
}


NAME_COLUMNS = [
    "name_full",
    "name_sorted",
    "name_sound",
    "name_tokens",
    "name_sound_long",
    "name_letters",
    "name_marks",
    "name_skeleton",
    "name_skeleton_read",
    "name_skeleton_doubled",
    "name_thai",
    "name_joined",
    "name_initials",
    "title_sex",  # not compared: fills a missing sex (prepare)
]


def _name_features(written: str, raw: str) -> tuple:
    """The comparable forms of one name: WRITTEN is its romanisation when the record has
    one, else RAW, the name as written (any script)."""
    name = normalise_name(written)
    if not name.tokens and raw:
        name = normalise_name(raw)
    tokens = name.sound_tokens
    sound = " ".join(sorted(tokens))
    thai = _THAI_SCRIPT.search(raw) is not None
    return (
        name.full or None,
        name.sorted or None,
        sound or None,
        list(tokens) or None,
        " ".join(sorted(token for token in tokens if len(token) >= 6)),
        "".join(sorted(sound.replace(" ", ""))),
        _marks(raw, name.tokens),
        _skeleton(raw, tokens, thai),
        # a name in Thai script as the Royal Institute system reads it (or as the record
        # romanises it): where the rules of thai_skeleton misread a syllable, it often does
        # not (สมบัติ "sombat" it reads "samabati", วีระพงษ์ "wiraphong" it reads right)
        _skeleton(raw, tokens, False) if thai else None,
        # and with a consonant that ends a syllable beginning the next too, as words from
        # Pali and Sanskrit are read (รัชนี "Ratchanee", เพชรรัตน์ "Phetcharat")
        _skeleton(raw, tokens, True, doubled=True) if thai else None,
        thai,
        "".join(tokens) or None,
        "".join(sorted(token[0] for token in tokens if token)) or None,
        name.sex,
    )


_THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")


def _skeleton(
    raw: str, sound_tokens: tuple[str, ...], thai: bool | None = None, *, doubled: bool = False
) -> str | None:
    """Order-free consonants as heard (names.thai_skeleton, DOUBLED as it says): from the
    Thai script when the name is written in it (THAI, if known), else from the sound key."""
    if thai if thai is not None else _THAI_SCRIPT.search(raw):
        _, name = thai_titles(raw)  # นาย, นางสาว, พ.ต.อ. … are not the name
        keys = [
            thai_skeleton(word, doubled=doubled) for word in re.findall(r"[\u0e00-\u0e7f]+", name)
        ]
    else:
        keys = [latin_skeleton(token) for token in sound_tokens]
    return " ".join(sorted(key for key in keys if key)) or None


def _marks(raw: str, tokens: tuple[str, ...]) -> str | None:
    """The name's words with their diacritics, in the order of the plain sorted name
    ("Nguyễn Văn Hưng" gives "hưng nguyễn văn"), titles left out; None without marks."""
    marked = marked_tokens(raw)
    if not marked:
        return None
    words = dict(item.split(":", 1) for item in marked)
    if not all(token in words for token in tokens):
        return None
    return " ".join(words[token] for token in sorted(tokens))


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name not in frame:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return frame[name].fillna("").astype(str)


def _per_distinct(values: pd.Series, function) -> pd.Series:
    """FUNCTION of each value, computed once per distinct value (names repeat a lot)."""
    codes, uniques = pd.factorize(values)
    results = [function(value) for value in uniques]
    return pd.Series([results[code] for code in codes], index=values.index, dtype=object)


@contextlib.contextmanager
def _without_garbage_collection():
    """Python's cycle collector, off while millions of small objects (lists, sets, tuples)
    are made that hold no cycles: at a million records it would otherwise walk them all
    again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_without_garbage_collection()
def prepare(records) -> pd.DataFrame:
    """The comparable columns for each record (see ctip.linkage.names). Each distinct
    name, organisation and position is worked out once."""
    frame = pd.DataFrame(records)
    raw = _column(frame, "name")
    written = _column(frame, "romanised_name").where(lambda column: column != "", raw)
    codes, uniques = pd.factorize(pd.Series(list(zip(written, raw, strict=True)), dtype=object))
    distinct_names = pd.DataFrame(
        [_name_features(written, raw) for written, raw in uniques], columns=NAME_COLUMNS
    )
    # Blocking keys from the name are worked out per distinct name, counted per record.
    weights = np.bincount(codes, minlength=len(distinct_names))
    if len(frame) < LEAN_BLOCKING_FROM:  # blocked on below that size only
        distinct_names["rare_token"], distinct_names["rare_token_2"] = _rare_tokens(
            distinct_names["name_tokens"], weights
        )
    distinct_names["name_keys"] = _deletion_keys(
        distinct_names["name_tokens"], weights, narrow=len(frame) >= LEAN_BLOCKING_FROM
    )
    organisations = _per_distinct(
        pd.Series(
            list(
                zip(
                    _column(frame, "organisation"),
                    _column(frame, "organisation_acronym"),
                    strict=True,
                )
            ),
            dtype=object,
        ),
        lambda pair: organisation_keys(*pair),
    )
    org_keys, org_roots, org_countries = _organisation_registry_keys(frame)
    # a sex the record leaves out is the one its name's title says ("Mrs.", "Daw", "Bapak")
    title_sex = distinct_names.pop("title_sex").to_numpy()[codes]
    sex = _column(frame, "sex")
    sex = sex.where(sex.isin(["female", "male", "other"]), pd.Series(title_sex, index=sex.index))
    country = _column(frame, "country")
    prepared = pd.DataFrame(
        {
            "unique_id": frame["unique_id"].astype("int64").to_numpy(),
            **{column: distinct_names[column].to_numpy()[codes] for column in distinct_names},
            "email": _per_distinct(_column(frame, "email"), email_key).to_numpy(),
            "phone": _per_distinct(_column(frame, "phone"), phone_key).to_numpy(),
            "org_name": [pair[0] for pair in organisations],
            "org_acronym": [pair[1] for pair in organisations],
            "org_key": org_keys,
            "org_root": org_roots,
            "position": _per_distinct(_column(frame, "position"), position_key).to_numpy(),
            **_position_columns(_column(frame, "position")),
            "country": country.where(country != "", None).to_numpy(),
            "sex": sex.where(sex.isin(["female", "male", "other"]), None).to_numpy(),
        }
    )
    # the name again, for the "one name contains the other" level: its term frequency is
    # that of the names containing it (name_frequencies)
    prepared["name_within"] = prepared["name_sound"]
    # blocking within an organisation: the registry's, else the acronym
    prepared["org_block"] = prepared["org_key"].where(
        prepared["org_key"].notna(), prepared["org_acronym"]
    )
    _add_capped_keys(prepared, org_countries)
    return prepared


def _position_columns(positions: pd.Series) -> dict:
    """names.position_forms of each record's position, as three columns."""
    forms = _per_distinct(positions, position_forms).tolist()
    return {
        "position_stems": [list(form[0]) if form else None for form in forms],
        "position_compact": [form[1] if form else None for form in forms],
        "position_initials": [form[2] if form else None for form in forms],
    }


def _organisation_registry_keys(frame: pd.DataFrame) -> tuple[list, list, list]:
    """Each record's organisation as the registry knows it (its key, its top agency and
    its country): records may bring them (`organisation_key`, `organisation_root`,
    `organisation_country`: the app resolves them from the database); otherwise the seed
    registry of the region's agencies is asked, by name, then acronym, within the
    record's country, or where it gives none the country of its event (`event_country`),
    as the import does: "MPS" alone is Laos's or Vietnam's, on a sheet from Hanoi
    Vietnam's."""
    from ctip.organisations.registry import Registry

    if "organisation_key" in frame:
        keys = [key or None for key in _column(frame, "organisation_key")]
        roots = [
            root or key for root, key in zip(_column(frame, "organisation_root"), keys, strict=True)
        ]
        countries = [country or None for country in _column(frame, "organisation_country")]
        return keys, roots, countries
    registry = Registry.seed()

    def lookup(triple):
        name, acronym, country = triple
        key = (registry.match(name, country) if name else None) or (
            registry.match(acronym, country) if acronym else None
        )
        return key, registry.root(key), (registry.entries[key].country or None) if key else None

    found = _per_distinct(
        pd.Series(
            list(
                zip(
                    _column(frame, "organisation"),
                    _column(frame, "organisation_acronym"),
                    _column(frame, "country").where(
                        _column(frame, "country") != "", _column(frame, "event_country")
                    ),
                    strict=True,
                )
            ),
            dtype=object,
        ),
        lookup,
    )
    return [key for key, _, _ in found], [root for _, root, _ in found], [c for *_, c in found]


def _capped(keys: pd.Series, cap: int) -> pd.Series:
    """KEYS, left out (None) where more than CAP records share one."""
    sizes = keys.map(keys.value_counts())
    return keys.where(sizes <= cap, None)


def _add_capped_keys(prepared: pd.DataFrame, org_countries: list) -> None:
    """Blocking keys that keep pairs linear in the records: the spoken name where at most
    MAX_KEY_RECORDS records share it, and for commoner names the name with the
    organisation (a common name is compared within its organisation); email and phone
    alike (an address a whole office shares says nothing). ORG_COUNTRIES: each record's
    organisation's country, for the Thai keys of a record that names no country."""
    prepared["block_name"] = _capped(prepared["name_sound"], MAX_KEY_RECORDS)
    common = prepared["name_sound"].notna() & prepared["block_name"].isna()
    in_organisation = prepared["name_sound"] + "|" + prepared["org_block"]
    prepared["block_name_org"] = _capped(in_organisation.where(common, None), MAX_KEY_RECORDS)
    # the same letters, split or joined otherwise: Lao and Thai syllables written apart or
    # together ("Kham La"/"Khamla", "Seng Dao"/"Sengdao"), an Indonesian name of one part
    # written in two ("Nuraini"/"Nur Aini")
    prepared["block_letters"] = _capped(
        prepared["name_letters"].where(prepared["name_sound"].fillna("") != "", None),
        MAX_KEY_RECORDS,
    )
    prepared["block_email"] = _capped(prepared["email"], MAX_KEY_RECORDS)
    prepared["block_phone"] = _capped(prepared["phone"], MAX_KEY_RECORDS)
    # Thai names: each part's consonants as heard, so that a name in Thai script meets its
    # romanisations (Thai family names are nearly unique to a family); a name is taken
    # for Thai when it is written in Thai script, or its record says Thailand, or says no
    # country but names a Thai agency
    country = prepared["country"].where(
        prepared["country"].notna(), pd.Series(org_countries, index=prepared.index)
    )
    thai = prepared["name_thai"] | (country == "TH")
    parts = [
        sorted({part for part in f"{key} {read or ''} {doubled or ''}".split() if len(part) >= 3})
        if is_thai and key
        else []
        for key, read, doubled, is_thai in zip(
            prepared["name_skeleton"],
            prepared["name_skeleton_read"],
            prepared["name_skeleton_doubled"],
            thai,
            strict=True,
        )
    ]
    counts = Counter(part for record in parts for part in record)
    prepared["skeleton_keys"] = [
        [part for part in record if counts[part] <= MAX_KEY_RECORDS] or None for record in parts
    ]


# A blocking key shared by more records than this is left out (or narrowed): pairs within
# it would grow quadratically. No key of a program's data comes near it below ~100k records.
MAX_KEY_RECORDS = 50


def _deletion_keys(token_lists: pd.Series, weights, *, narrow: bool = False) -> list:
    """The name with each of its parts left out in turn ("nilar ei thandar" gives
    "ei thandar", "nilar thandar", "ei nilar"), and the whole name: two writings of one
    name share a key when one part has a typo, or one leaves a part out ("Girlie
    Tolentino", "Girlie Lacson Tolentino"; "Su Thein", "Ma Su Thein"). Keys shared by more
    than MAX_KEY_RECORDS records are dropped, so pairs stay linear in the records.

    NARROW (at scale: LEAN_BLOCKING_FROM records and more) adds to each key the first
    letter of the part left out ("nanang|h" for "Nanang Hutapea" and "Nanang Htuapea"): a
    slip seldom hits a part's first letter, so the same pairs that can link are still met
    where a part is too common to block on alone, and the many namesakes' pairs that
    cannot ("Nguyen Van Anh" and "Nguyen Van Binh") are not compared at all; the whole
    name is left out (at 1M it cost more time than it found people)."""
    left_out = []
    for tokens in token_lists:
        tokens = sorted(set(tokens or ()))
        if len(tokens) < 2:
            left_out.append([])
        elif narrow:
            left_out.append(
                [
                    f"{' '.join(tokens[:i] + tokens[i + 1 :])}|{token[0]}"
                    for i, token in enumerate(tokens)
                ]
            )
        else:
            # and the whole name, which the same name with one more part meets
            left_out.append(
                [" ".join(tokens)]
                + [" ".join(tokens[:i] + tokens[i + 1 :]) for i in range(len(tokens))]
            )
    counts = _weighted_counts(left_out, weights)
    return [[key for key in keys if counts[key] <= MAX_KEY_RECORDS] or None for keys in left_out]


def _weighted_counts(keyed: list, weights) -> Counter:
    """How many records (WEIGHTS: each distinct name's) carry each key."""
    counts: Counter = Counter()
    for keys, weight in zip(keyed, weights, strict=True):
        for key in set(keys):
            counts[key] += weight
    return counts


def _rare_tokens(token_lists: pd.Series, weights) -> tuple[list, list]:
    """The two least common name tokens of each name (WEIGHTS: its records), for
    blocking: "Nguyen Van Anh" blocks on "anh" and "van", never on "nguyen"."""
    counts = Counter()
    for tokens, weight in zip(token_lists, weights, strict=True):
        for token in set(tokens or ()):
            counts[token] += weight
    first, second = [], []
    for tokens in token_lists:
        ranked = sorted(set(tokens or ()), key=lambda token: (counts[token], token))
        first.append(ranked[0] if ranked else None)
        second.append(ranked[1] if len(ranked) > 1 else None)
    return first, second


_SQL = {
    "duckdb": {
        "jaro_winkler": "jaro_winkler_similarity({}, {})",
        "size": "len({})",
        "has_all": "list_has_all({}, {})",
        # the one part that differs has five letters or more on the longer side
        "slip_in_part_of_five": (
            "greatest(list_max(list_transform(list_filter({0}, lambda x: NOT "
            "list_contains({1}, x)), lambda x: length(x))), list_max(list_transform("
            "list_filter({1}, lambda x: NOT list_contains({0}, x)), lambda x: length(x)))) >= 5"
        ),
        # the parts of {0} (words of a string) that {1} does not have are three letters or
        # longer, and the parts of both begin with the same letters
        "parts_differ_inside": (
            "coalesce(list_min(list_transform(list_filter(string_split({0}, ' '), lambda x: "
            "NOT list_contains(string_split({1}, ' '), x)), lambda x: length(x))), 3) >= 3 "
            "AND list_sort(list_transform(string_split({0}, ' '), lambda x: left(x, 1))) = "
            "list_sort(list_transform(string_split({1}, ' '), lambda x: left(x, 1)))"
        ),
    },
    # Splink's similarity jar (shipped in the splink wheel) provides jaro_winkler and
    # damerau_levenshtein on Spark.
    "spark": {
        "jaro_winkler": "jaro_winkler({}, {})",
        "size": "size({})",
        "has_all": "size(array_except({1}, {0})) = 0",
        "slip_in_part_of_five": (
            "greatest(array_max(transform(array_except({0}, {1}), x -> length(x))), "
            "array_max(transform(array_except({1}, {0}), x -> length(x)))) >= 5"
        ),
        "parts_differ_inside": (
            "coalesce(array_min(transform(array_except(split({0}, ' '), split({1}, ' ')), "
            "x -> length(x))), 3) >= 3 "
            "AND array_sort(transform(split({0}, ' '), x -> left(x, 1))) = "
            "array_sort(transform(split({1}, ' '), x -> left(x, 1)))"
        ),
    },
}


def _ends_kept(column: str) -> str:
    """One edit in a name of seven letters or more leaves its first three or its last
    three alone: a cheap condition on COLUMN, tested before the Damerau-Levenshtein
    distance, which DuckDB works out slowly."""
    return (
        f"(length({column}_l) < 7 "
        f"OR left({column}_l, 3) = left({column}_r, 3) "
        f"OR right({column}_l, 3) = right({column}_r, 3))"
    )


_ENDS_KEPT = _ends_kept("name_sound")
# A slip seldom hits a part's first letter: "Minh"/"Binh", "Dũng"/"Hùng", "Thammavong"/
# "Xayavong" (Sayavong), "Arunee"/"Darunee" are other names. Measured on both generators'
# scored pairs: of the pairs one or two letters apart whose parts begin otherwise, none
# was one person (16 were two).
_INITIALS_KEPT = "name_initials_l = name_initials_r"

# One letter apart by sound, or as written (the sorted name before its sound key), where
# the sound key makes a slip two ("Dian"/"Dran" are heard din/dran): the second distance
# worked out only where the first fails and the cheap conditions hold.
_ONE_SLIP = (
    "(CASE WHEN damerau_levenshtein(name_sound_l, name_sound_r) <= 1 THEN TRUE "
    "WHEN abs(length(name_sorted_l) - length(name_sorted_r)) <= 1 "
    f"AND {_ends_kept('name_sorted')} "
    "THEN damerau_levenshtein(name_sorted_l, name_sorted_r) <= 1 ELSE FALSE END)"
)


def _comparisons(term_frequencies: bool = True, dialect: str = "duckdb"):
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    sql = _SQL[dialect]

    def jw(column: str) -> str:
        return sql["jaro_winkler"].format(f"{column}_l", f"{column}_r")

    def level(condition: str, label: str, m: float, u: float, **extra):
        return cll.CustomLevel(condition, label).configure(
            m_probability=m, u_probability=u, **extra
        )

    def other(m: float, u: float, **extra):
        return cll.ElseLevel().configure(m_probability=m, u_probability=u, **extra)

    fixed = {"fix_m_probability": True, "fix_u_probability": True}

    name = cl.CustomComparison(
        output_column_name="name",
        comparison_description="Name, transliterated, titles and degrees set aside",
        comparison_levels=[
            cll.NullLevel("name_sorted"),
            level(
                # One level for the same name and its romanisation variants: a variant
                # ("Somchay"/"Somchai") is as strong as the same spelling of that name.
                "name_sound_l = name_sound_r",
                LEVELS["name"][0],
                0.8,
                1.2e-4,
                **_tf("name_sound", term_frequencies),
            ),
            level(
                # ทองเจริญ / Thongcharoen: Thai script against a romanisation, the
                # consonants as heard agreeing (one may differ in a long name, inside a
                # part of three or more that begins alike: "rn"/"rtn", Aruni/รัตนา, are
                # other names)
                "name_thai_l <> name_thai_r AND (name_skeleton_l = name_skeleton_r "
                "OR name_skeleton_read_l = name_skeleton_r "
                "OR name_skeleton_l = name_skeleton_read_r "
                "OR name_skeleton_doubled_l = name_skeleton_r "
                "OR name_skeleton_l = name_skeleton_doubled_r "
                "OR (length(name_skeleton_l) >= 6 "
                "AND damerau_levenshtein(name_skeleton_l, name_skeleton_r) <= 1 "
                f"AND {sql['parts_differ_inside'].format('name_skeleton_l', 'name_skeleton_r')} "
                f"AND {sql['parts_differ_inside'].format('name_skeleton_r', 'name_skeleton_l')}))",
                LEVELS["name"][1],
                0.05,
                2e-5,
            ),
            level(
                # "Seng Dao Vilaysack"/"Sengdao Vilaysack", "Vilaysack Sengdao": the same
                # letters, the parts run together or apart, in either order (a rotation)
                # a name of one part meets one of two written apart ("Nuraini"/"Nur
                # Aini"); two names of one part are not a rotation of each other (Rina/Arin)
                "length(name_joined_l) = length(name_joined_r) "
                "AND instr(name_joined_r || name_joined_r, name_joined_l) > 0 "
                "AND (instr(name_sound_l, ' ') > 0 OR instr(name_sound_r, ' ') > 0)",
                LEVELS["name"][2],
                0.03,
                2e-5,
            ),
            level(
                f"{sql['size'].format('name_tokens_l')} >= 2 "
                f"AND {sql['size'].format('name_tokens_r')} >= 2 AND "
                f"({sql['has_all'].format('name_tokens_l', 'name_tokens_r')} "
                f"OR {sql['has_all'].format('name_tokens_r', 'name_tokens_l')})",
                LEVELS["name"][3],
                0.08,
                5e-5,
                # as strong as the shorter name is rare among the names that contain it:
                # "Nguyen Anh" written once is still in every "Nguyen Van Anh"
                **_tf("name_within", term_frequencies),
                **({"disable_tf_exact_match_detection": True} if term_frequencies else {}),
            ),
            level(
                # Letters swapped, or a slip in a long name part: "Minh"/"Binh", "Ha"/"Hoa"
                # are other names, not typos; so are parts that begin otherwise
                # ("Thammavong"/"Xayavong": _INITIALS_KEPT).
                # (cheap conditions first: the distance is worked out only where they hold)
                "abs(length(name_sound_l) - length(name_sound_r)) <= 1 "
                f"AND {_INITIALS_KEPT} AND {_ENDS_KEPT} "
                "AND (name_letters_l = name_letters_r OR name_sound_long_l <> name_sound_long_r) "
                "AND damerau_levenshtein(name_sound_l, name_sound_r) <= 1",
                LEVELS["name"][4],
                0.05,
                1e-4,
                # a slip in a common name is weaker evidence than in a rare one
                **_tf("name_sound", term_frequencies),
            ),
            level(
                "abs(length(name_sound_l) - length(name_sound_r)) <= 2 "
                f"AND {_INITIALS_KEPT} "
                f"AND {jw('name_sound')} >= 0.9 "
                "AND (name_letters_l = name_letters_r OR name_sound_long_l <> name_sound_long_r) "
                "AND damerau_levenshtein(name_sound_l, name_sound_r) <= 2",
                LEVELS["name"][5],
                0.03,
                5e-4,
                **_tf("name_sound", term_frequencies),
            ),
            level(
                # "Nilr"/"Nilar" is a slip, "Minh"/"Binh" another name: the data decides
                # how much a one-letter difference in a short part is worth.
                "abs(length(name_sound_l) - length(name_sound_r)) = 1 "
                f"AND {_INITIALS_KEPT} AND {_ENDS_KEPT} "
                f"AND {sql['slip_in_part_of_five'].format('name_tokens_l', 'name_tokens_r')} "
                "AND damerau_levenshtein(name_sound_l, name_sound_r) <= 1",
                LEVELS["name"][6],
                0.02,
                1e-3,
                **_tf("name_sound", term_frequencies),
            ),
            level(
                # the rest of the name agrees and one short part is a letter off, not the
                # first: a slip ("Lerna"/"Lorna", "Ang"/"Aung") or another name ("Lan"/
                # "Lam"); a level of its own, so that the data says how often it is which
                "abs(length(name_sound_l) - length(name_sound_r)) <= 1 "
                f"AND {_INITIALS_KEPT} "
                f"AND {_ENDS_KEPT} "
                # (by sound or as written: _ONE_SLIP)
                f"AND {_ONE_SLIP}",
                LEVELS["name"][7],
                0.01,
                2e-3,
                **_tf("name_sound", term_frequencies),
            ),
            other(0.02, 0.9983),
        ],
    )
    diacritics = cl.CustomComparison(
        output_column_name="diacritics",
        comparison_description="Diacritics of names alike in plain letters (Hùng/Hưng)",
        comparison_levels=[
            cll.NullLevel("name_marks"),
            # Fixed: the marks matter only between names alike in plain letters, which
            # random pairs (from which u is estimated) seldom are.
            level(
                # the same name as heard, other marks: Hùng/Hưng, Tiến/Tín
                "name_marks_l = name_marks_r OR name_sound_l <> name_sound_r",
                LEVELS["diacritics"][0],
                0.99,
                0.7,
                **fixed,
            ),
            other(0.01, 0.3, **fixed),
        ],
    )
    email = cl.CustomComparison(
        output_column_name="email",
        comparison_levels=[
            cll.NullLevel("email"),
            level("email_l = email_r", LEVELS["email"][0], 0.6, 1e-5),
            level(
                "split_part(email_l, '@', 1) = split_part(email_r, '@', 1)",
                LEVELS["email"][1],
                0.1,
                1e-5,
            ),
            level(
                # a work and a personal address; two mailboxes at one organisation are
                # usually two people
                "split_part(email_l, '@', 2) <> split_part(email_r, '@', 2)",
                LEVELS["email"][2],
                0.28,
                0.8,
            ),
            # Two mailboxes at one organisation's domain are two people, nearly always:
            # fixed, because estimation would learn it from the very pairs it is unsure of.
            other(2e-4, 0.2, fix_m_probability=True),
        ],
    )
    phone = cl.CustomComparison(
        output_column_name="phone",
        comparison_levels=[
            cll.NullLevel("phone"),
            level("phone_l = phone_r", LEVELS["phone"][0], 0.7, 1e-5),
            other(0.3, 0.99999),
        ],
    )
    organisation = cl.CustomComparison(
        output_column_name="organisation",
        comparison_levels=[
            cll.CustomLevel(
                "(org_name_l IS NULL AND org_acronym_l IS NULL AND org_key_l IS NULL) "
                "OR (org_name_r IS NULL AND org_acronym_r IS NULL AND org_key_r IS NULL)"
            ).configure(is_null_level=True),
            level("org_key_l = org_key_r", LEVELS["organisation"][0], 0.55, 0.02),
            level("org_name_l = org_name_r", LEVELS["organisation"][1], 0.3, 0.02),
            level("org_acronym_l = org_acronym_r", LEVELS["organisation"][2], 0.2, 0.02),
            level("org_root_l = org_root_r", LEVELS["organisation"][3], 0.05, 0.01),
            level(
                f"{jw('org_name')} >= 0.9",
                LEVELS["organisation"][4],
                0.05,
                0.002,
            ),
            other(0.1, 0.958),
        ],
    )
    position = cl.CustomComparison(
        output_column_name="position",
        comparison_levels=[
            cll.NullLevel("position"),
            level(
                "position_l = position_r",
                LEVELS["position"][0],
                0.75,
                0.05,
                **_tf("position", term_frequencies),
            ),
            level(
                # "Invest."/"Investigator", "Unit Head"/"Head of Unit", "Case Worker"/
                # "Caseworker", "SW"/"Social Worker" (names.position_forms)
                "position_stems_l = position_stems_r "
                "OR position_compact_l = position_compact_r "
                "OR position_l = position_initials_r OR position_r = position_initials_l",
                LEVELS["position"][1],
                0.1,
                0.005,
            ),
            level(
                f"{sql['has_all'].format('position_stems_l', 'position_stems_r')} "
                f"OR {sql['has_all'].format('position_stems_r', 'position_stems_l')}",
                LEVELS["position"][2],
                0.05,
                0.01,
            ),
            level(f"{jw('position')} >= 0.9", LEVELS["position"][3], 0.05, 0.01),
            other(0.05, 0.925),
        ],
    )
    country = cl.CustomComparison(
        output_column_name="country",
        comparison_levels=[
            cll.CustomLevel(
                # one organisation is one country: agreeing on both is one piece of
                # evidence, counted by the organisation
                "country_l IS NULL OR country_r IS NULL OR org_key_l = org_key_r "
                "OR org_name_l = org_name_r OR org_acronym_l = org_acronym_r"
            ).configure(is_null_level=True),
            level("country_l = country_r", LEVELS["country"][0], 0.97, 0.15),
            other(0.03, 0.85),
        ],
    )
    sex = cl.CustomComparison(
        output_column_name="sex",
        comparison_levels=[
            cll.NullLevel("sex"),
            level("sex_l = sex_r", LEVELS["sex"][0], 0.97, 0.5),
            other(0.03, 0.5),
        ],
    )
    return [name, diacritics, email, phone, organisation, position, country, sex]


def _tf(column: str, enabled: bool) -> dict:
    """Term-frequency adjustment: a shared common name ("Nguyen Van Anh") is weaker
    evidence than a shared rare one. Off on small data, where frequencies mean little."""
    return {"tf_adjustment_column": column, "tf_adjustment_weight": 1.0} if enabled else {}


# Above this many records the blocking rules on one name token (with country or sex)
# grow quadratically with common given names: the lean rules take over.
LEAN_BLOCKING_FROM = 60_000  # a ten-year program: about 230 events × 25 a year


def blocking_rules(records: int = 0):
    """Which pairs are compared at all. Always, each with keys capped so pairs stay linear
    in the records: the same spoken name (any order, titles aside; a very common one within
    its organisation); the name with one part left out (a typo or a dropped part; from
    LEAN_BLOCKING_FROM records on, with the first letter of that part: _deletion_keys); the
    same email; the same phone. Up to LEAN_BLOCKING_FROM records (a program's people over many
    years), also: the two rarest name tokens; the rarest token with the organisation and
    sex, or with the country; the second-rarest token with country and sex (a typo makes a
    token the rarest); the organisation with the first letters of the name and sex."""
    from splink import block_on

    lean = [
        block_on("block_name"),
        block_on("block_name_org"),
        block_on("name_keys", arrays_to_explode=["name_keys"]),
        block_on("skeleton_keys", arrays_to_explode=["skeleton_keys"]),
        block_on("block_letters"),
        block_on("block_email"),
        block_on("block_phone"),
    ]
    if records >= LEAN_BLOCKING_FROM:
        return lean
    return [
        *lean,
        block_on("rare_token", "rare_token_2"),
        block_on("rare_token", "org_block", "sex"),
        block_on("rare_token", "country"),
        block_on("rare_token_2", "country", "sex"),
        block_on("org_block", "substr(name_sound, 1, 2)", "sex"),
    ]


def settings(
    *,
    explain: bool = True,
    term_frequencies: bool = True,
    dialect: str = "duckdb",
    records: int = 0,
):
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=_comparisons(term_frequencies, dialect),
        blocking_rules_to_generate_predictions=blocking_rules(records),
        retain_intermediate_calculation_columns=explain,
        retain_matching_columns=explain,
        additional_columns_to_retain=[],
        probability_two_random_records_match=1e-4,
    )


def _linker(prepared: pd.DataFrame, model_settings, connection=None, *, names_tf: bool = False):
    """A Splink linker over PREPARED. Term frequencies (how common each name and position
    is) are counted over records: counted over people instead (records alike in name,
    country, sex and organisation once) they made common names look rarer at scale, where
    namesakes share an organisation, and linked them together. With NAMES_TF the names'
    frequencies are name_frequencies()': how often another record carries the name."""
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI(connection) if connection is not None else DuckDBAPI()
    linker = Linker(db_api.register(prepared), model_settings, log_level=logging.ERROR)
    if names_tf:
        for column, table in name_frequencies(prepared).items():
            linker.table_management.register_term_frequency_lookup(db_api.register(table), column)
    return linker


def name_frequencies(prepared: pd.DataFrame) -> dict:
    """Term-frequency tables for Splink. `name_sound`: how often another record carries
    the name — the record itself left out: of two records of "Ploy Srisuk" among ten, each
    meets the name once in the other nine, not twice (Splink counts the record itself, which
    made a name two or three records carry look twice or half again as common as it is;
    held-out F1 0.9494 → 0.9505, first generator 0.9696 → 0.9704, 1M unique count −3.5% →
    −4.3%). `name_within`: how often a record carries a name that contains each name ("Nguyen
    Anh" is in every "Nguyen Van Anh"), for the "one name contains the other" level. Splink's
    own frequency of the shorter name (how often it is written exactly) made a short name
    written once look rare, and linked it to namesakes with longer names."""
    from itertools import combinations

    records = len(prepared)
    counts = prepared["name_sound"].dropna().value_counts()
    parts = {name: tuple(sorted(set(name.split()))) for name in counts.index}
    within: Counter = Counter()
    for name, count in counts.items():
        tokens = parts[name][:8]
        for size in range(2, len(tokens) + 1):
            for combo in combinations(tokens, size):
                within[combo] += count
    names = counts.index.tolist()
    return {
        # how often another record carries the name: the record itself left out
        "name_sound": pd.DataFrame(
            {
                "name_sound": names,
                "tf_name_sound": [max(count - 1, 1) / records for count in counts.tolist()],
            }
        ),
        "name_within": pd.DataFrame(
            {
                "name_within": names,
                "tf_name_within": [
                    within.get(parts[name], count) / records
                    for name, count in zip(names, counts.tolist(), strict=True)
                ],
            }
        ),
    }


# Random pairs u is estimated from: at scale (a sample of TRAIN_SAMPLE records) half as
# many, which at 1M records saves ~5 s of the two minutes and moves no figure by more than
# the third decimal (unique count +4.03% against +4.12%, F1 0.6785 against 0.6789).
U_PAIRS = 3e6
U_PAIRS_AT_SCALE = 1.5e6


def train(linker, records: int, rebuild) -> tuple[dict, list[str]]:
    """Estimate the model from the data (no labels); returns the model (Splink's JSON) and
    what could not be estimated.

    λ from two deterministic rules, u from random pairs, m by expectation maximisation
    in three passes (blocked on the spoken name: learns everything but the name; blocked on
    email, then on phone: learns the name). No pass blocks on organisation alone: at scale
    that is billions of pairs. Small data keeps the prior m values EM cannot reach. The
    organisation's m comes from the email and phone passes only (BY_CONTACTS_ONLY).

    A pass that fails (sheets without emails or phones give it no pairs; an address a few
    people share can drive an m to zero) may already have changed the model — λ was seen
    to jump from 0.002 to 0.99, which links everyone. So each pass starts from the last
    good model (REBUILD makes a linker from one) and a failed pass leaves no trace.
    """
    from splink import block_on

    skipped = []
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("email"), block_on("name_sorted", "country", "sex")], recall=0.7
        )
    except Exception as exc:  # noqa: BLE001 - small or sparse data: keep the prior
        skipped.append(f"lambda: {exc}")
    linker.training.estimate_u_using_random_sampling(
        max_pairs=U_PAIRS if records < LEAN_BLOCKING_FROM else U_PAIRS_AT_SCALE, seed=1
    )
    good = linker.misc.save_model_to_json()
    prior = _m_of(good, BY_CONTACTS_ONLY)
    by_contacts: dict = {}
    for column in ("name_sound", "email", "phone"):
        rule = block_on(column)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule,
                fix_u_probabilities=True,
                populate_probability_two_random_records_match_from_trained_values=False,
            )
            trained = linker.misc.save_model_to_json()
            if not _plausible(trained, good):
                raise ValueError("the estimate is implausible")
            good = trained
            if column != "name_sound":
                _collect_m(linker, BY_CONTACTS_ONLY, by_contacts)
        except Exception as exc:  # noqa: BLE001 - too few pairs under this rule
            skipped.append(f"{rule}: {exc}")
            linker = rebuild(good)
    return _m_by_contacts(good, prior, by_contacts), skipped


# Comparisons whose m comes only from pairs an email or a phone ties together: on pairs
# blocked on the name, namesakes count as matches, and "another organisation" looked
# common among one person's records (−1.4 bits where the contacts say −7). A level those
# pairs never reach (an import folds rows of one name and one e-mail into one record, so
# in the app they are few) is at most as common as its prior m says.
BY_CONTACTS_ONLY = ("organisation",)


def _m_by_contacts(model: dict, prior: dict, by_contacts: dict) -> dict:
    """MODEL with the m of each level of BY_CONTACTS_ONLY the median of what the passes
    blocked on email and phone found (BY_CONTACTS: (comparison, level index) -> their
    estimates); a level they never reached keeps the lower of its m and its PRIOR m."""
    for comparison in model["comparisons"]:
        name = comparison["output_column_name"]
        if name not in BY_CONTACTS_ONLY:
            continue
        for index, level in enumerate(comparison["comparison_levels"]):
            if level.get("is_null_level"):
                continue
            estimates = by_contacts.get((name, index))
            if estimates:
                level["m_probability"] = median(estimates)
            else:  # no pair tied by contacts reached it: rare for one person
                level["m_probability"] = min(level["m_probability"], prior[(name, index)])
    return model


def _m_of(model: dict, names) -> dict:
    return {
        (comparison["output_column_name"], index): level.get("m_probability")
        for comparison in model["comparisons"]
        if comparison["output_column_name"] in names
        for index, level in enumerate(comparison["comparison_levels"])
    }


def _collect_m(linker, names, into: dict) -> None:
    """The m each level of NAMES got from the EM pass just run (levels it saw), as Splink
    keeps them on its settings (`_trained_m_probabilities`: private, so splink is pinned)."""
    for comparison in linker._settings_obj.comparisons:
        if comparison.output_column_name not in names:
            continue
        for index, level in enumerate(comparison.comparison_levels):
            trained = level._trained_m_probabilities
            if trained and isinstance(trained[-1]["probability"], (int, float)):
                into.setdefault((comparison.output_column_name, index), []).append(
                    trained[-1]["probability"]
                )


def _plausible(model: dict, before: dict) -> bool:
    """A pass must leave λ as it was (it is estimated once, before) and every m a
    probability above zero."""
    if (
        model["probability_two_random_records_match"]
        != before["probability_two_random_records_match"]
    ):
        return False
    return all(
        0 < level["m_probability"] <= 1
        for comparison in model["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("m_probability") is not None and not level.get("is_null_level")
    )


def without_matches_in_u(model: dict) -> dict:
    """MODEL (Splink's JSON) with u values that no longer count true matches among the
    random pairs, and m values kept above zero.

    Random pairs estimate u (how often two different people agree); when people attend
    many events, a random pair is the same person often enough (λ about 1/2000) to inflate
    u for email, phone and name. Each u becomes (u - λ·m) / (1 - λ). An m of zero (a level
    no match reached in estimation) would make one disagreement final: it is kept at 10⁻⁶."""
    share = model["probability_two_random_records_match"]
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None or u is None or level.get("is_null_level"):
                continue
            level["u_probability"] = max((u - share * m) / (1 - share), u / 20)
            level["m_probability"] = max(m, 1e-6)
    return model


@dataclass
class Scored:
    pairs: pd.DataFrame  # unique_id_l < unique_id_r, match_probability, match_weight, gamma_*, bf_*
    skipped_training: list[str]


def score(
    records, *, threshold: float = SCORE_THRESHOLD, explain: bool = True, connection=None
) -> Scored:
    """Estimate the model on RECORDS and score every blocked pair at or above THRESHOLD."""
    if len(records) < 2:  # nothing to compare: a program with no people yet, or one
        return Scored(pd.DataFrame(columns=["unique_id_l", "unique_id_r", "match_probability"]), [])
    prepared = prepare(records)
    enough = len(prepared) >= MIN_RECORDS_TO_TRAIN
    # Estimated on a random sample of a large set: a sample keeps the share of pairs that
    # match (both records of a pair are sampled alike), and m and u need no more.
    sample = (
        prepared.sample(n=TRAIN_SAMPLE, random_state=1)
        if len(prepared) > TRAIN_SAMPLE
        else prepared
    )
    linker = _linker(
        sample,
        settings(explain=explain, term_frequencies=enough, records=len(prepared)),
        connection,
        names_tf=enough,
    )
    if enough:
        model, skipped = train(
            linker, len(sample), lambda good: _linker(sample, good, connection, names_tf=True)
        )
        linker = _linker(prepared, without_matches_in_u(model), connection, names_tf=True)
    else:
        skipped = [f"fewer than {MIN_RECORDS_TO_TRAIN} records: prior parameters used"]
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    pairs = predictions.as_pandas_dataframe()
    pairs["name_only"] = _name_only(prepared, pairs)
    # The linkers hold the prepared records in reference cycles: freed here, before the
    # caller clusters (which runs without the cycle collector), not at some later point.
    del linker, predictions
    gc.collect()
    return Scored(pairs, skipped)


def _name_only(prepared: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    """For each pair: nothing that identifies a person agrees (no same email, no same
    phone) and the name is known to be carried by two or more people in either record's
    organisation (known_namesakes): which of them a record without contacts is, only a
    reviewer can say."""
    if pairs.empty:
        return np.zeros(0, dtype=bool)
    namesakes = known_namesakes(prepared).to_numpy(dtype=bool)
    # each pair's records as positions in PREPARED, looked up once for every column
    ids = pd.Index(prepared["unique_id"].to_numpy())
    left = ids.get_indexer(pairs["unique_id_l"].to_numpy())
    right = ids.get_indexer(pairs["unique_id_r"].to_numpy())

    def agree(column: str) -> np.ndarray:
        values = prepared[column].to_numpy()
        a, b = values[left], values[right]
        return pd.notna(a) & (a == b)

    shared = namesakes[left] | namesakes[right]
    held = shared & ~agree("email") & ~agree("phone")
    if held.any():
        # the post tells the known namesakes apart: both records write one that agrees,
        # and it agrees with the posts of at most one of the people their contacts know
        told = told_apart_by_post(prepared, namesakes)
        position = prepared["position"].to_numpy()
        for i in np.flatnonzero(held):
            a, b = left[i], right[i]
            if told[a] and told[b] and positions_agree(position[a], position[b]):
                held[i] = False
    return held


def told_apart_by_post(records: pd.DataFrame, namesakes: np.ndarray) -> np.ndarray:
    """For each record of a known namesake (NAMESAKES: known_namesakes): its position
    agrees with the positions of at most one of the people its name carries in its
    organisation, people as its records' phones and mailboxes join them. Namesakes who
    hold one post (two police officers named Nguyễn Văn Anh) are not told apart by it."""
    told = np.zeros(len(records), dtype=bool)
    if not (namesakes & records["position"].notna().to_numpy()).any():
        return told
    names = records["name_sound"].to_numpy()
    organisations = records["org_block"].fillna("").to_numpy()
    phones, emails = records["phone"].to_numpy(), records["email"].to_numpy()
    position = records["position"].to_numpy()
    by_key: dict = {}
    for row in np.flatnonzero(namesakes).tolist():
        by_key.setdefault((names[row], organisations[row]), []).append(row)
    for rows in by_key.values():
        person = _joined_by_contacts(rows, phones, emails)
        posts: dict = {}
        for row in rows:
            if row in person and pd.notna(position[row]):
                posts.setdefault(person[row], set()).add(position[row])
        for row in rows:
            if pd.notna(position[row]):
                holders = sum(
                    any(positions_agree(position[row], post) for post in held)
                    for held in posts.values()
                )
                told[row] = holders <= 1
    return told


def _joined_by_contacts(rows: list, phones, emails) -> dict:
    """Of ROWS, those with a phone or an email: each row's person (a row), records
    joined by a phone or an address they share."""
    parent: dict = {}

    def find(row):
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    first_with: dict = {}
    for row in rows:
        for contact in (("phone", phones[row]), ("email", emails[row])):
            if pd.isna(contact[1]):
                continue
            parent.setdefault(row, row)
            other = first_with.setdefault(contact, row)
            parent[find(row)] = find(other)
    return {row: find(row) for row in parent}


def known_namesakes(records: pd.DataFrame) -> pd.Series:
    """For each record (RECORDS: prepare()'s columns): its name as
    heard is carried, in its organisation (the registry's, else the acronym; or among the
    records that name none), by two or more people that its records tell apart — two
    phone numbers, or two mailboxes at one domain (a person writes one of each).

    Namesakes are known from what identifies people, not from how many records carry a
    name: a count of records (more than 12: the second round's rule) called most names
    common at a million records, where a person has several, and kept one person's
    records apart (+14.7% people); a count of people from the model's λ failed too (λ is
    inflated by the namesakes it should count)."""
    names, _ = pd.factorize(records["name_sound"])  # -1: no name
    organisations, distinct = pd.factorize(records["org_block"].fillna(""))
    key = np.where(names >= 0, names.astype(np.int64) * (len(distinct) + 1) + organisations, -1)
    phones = pd.DataFrame({"key": key, "phone": records["phone"].to_numpy()})
    phones = phones[(key >= 0) & phones["phone"].notna().to_numpy()].drop_duplicates()
    mail = pd.DataFrame({"key": key, "email": records["email"].to_numpy()})
    mail = mail[(key >= 0) & mail["email"].notna().to_numpy()].drop_duplicates()
    mail["domain"] = mail["email"].str.split("@", n=1).str[1]
    mailboxes = mail.groupby(["key", "domain"]).size().groupby(level=0).max()
    people = pd.concat([phones["key"].value_counts(), mailboxes], axis=1).max(axis=1)
    known = pd.Series(key).map(people).fillna(0).ge(2).to_numpy()
    return pd.Series(known, index=records.index)


def evidence_of(pairs: pd.DataFrame) -> list[list[dict]]:
    """For each row of PAIRS (scored with explain), per comparison: what was compared, the
    level reached and its match weight (log2 of the Bayes factor, term-frequency adjustment
    included): the case for and against. Column by column: a hundred thousand pairs in a
    second, where a row at a time took several."""
    count = len(pairs)
    columns = []
    for key, labels in LEVELS.items():
        if f"gamma_{key}" not in pairs:
            columns.append((key, [{"comparison": key, "level": "missing", "weight": 0.0}] * count))
            continue
        gammas = pairs[f"gamma_{key}"].fillna(-1).to_numpy(dtype=np.int64)
        weights = pairs[f"mw_{key}"].fillna(0.0).to_numpy(dtype=float)
        if f"mw_tf_adj_{key}" in pairs:
            weights = weights + pairs[f"mw_tf_adj_{key}"].fillna(0.0).to_numpy(dtype=float)
        # one dict per level and weight: pairs share them (the lists are only read)
        shared: dict = {}
        items = []
        for gamma, weight in zip(gammas.tolist(), np.round(weights, 2).tolist(), strict=True):
            item = shared.get((gamma, weight))
            if item is None:
                item = shared[(gamma, weight)] = (
                    {"comparison": key, "level": "missing", "weight": 0.0}
                    if gamma < 0
                    else {
                        "comparison": key,
                        "level": labels[len(labels) - 1 - gamma],
                        "weight": weight,
                    }
                )
            items.append(item)
        columns.append((key, items))
    return [list(row) for row in zip(*(items for _, items in columns), strict=True)]


@_without_garbage_collection()
def cluster(
    ids,
    pairs: pd.DataFrame,
    *,
    threshold: float = LINK_THRESHOLD,
    must_link=(),
    cannot_link=(),
    fixed_groups=(),
    events=None,
    contacts=None,
    positions=None,
    organisations=None,
    initials=None,
):
    """Group records into people: strongest links first. A link is held back (for review)
    when it would join two records a reviewer said are different people, or two
    FIXED_GROUPS (people already established), or two groups that attended one event
    (EVENTS: record id -> the events it attended; one person is one row on a sheet, so two
    rows are usually two people, and otherwise a duplicate a reviewer should see), or two
    groups whose other scored pairs mostly say "different": one strong link between two
    "Nguyen Van Anh" must not chain everyone of that name together; or two groups whose
    CONTACTS (record id -> its (kind, value) pairs, see contacts()) say two people: one
    carries a phone number the other does not, and neither shares one, or a mailbox at a
    domain where the other has another mailbox. Pairs compared directly weigh their own
    phones and emails; this sees the records linked with each, which a chain of links on
    a name alone would otherwise bring together; or, where no phone or mailbox ties the two
    groups, when every position one wrote conflicts with every position the other wrote
    (POSITIONS: positions(records)) and the link's odds do not outweigh such a conflict;
    or, likewise, when the records of one group name agencies none of the other's records
    name (ORGANISATIONS: organisations(records); the registry's top agencies). A record that
    names no agency, linked on a common name to namesakes of two agencies, joins one of them
    and the link to the other waits for a reviewer. Likewise when both groups write middle
    initials and none is the same, or one writes an initial the other's fuller name does not
    have (INITIALS: middle_names(records)).
    Returns (group of each id, links applied as (a, b, probability), links held as
    (a, b, probability, why): one of HELD_*).
    """
    known = set(ids)
    strong_pairs = pairs[pairs["match_probability"] >= threshold]
    # strongest first; equal links (to the last bits, which DuckDB's threads vary) in the
    # order of their records, so that the same pairs always give the same people
    strong_pairs = strong_pairs.iloc[
        np.lexsort(
            (
                strong_pairs["unique_id_r"].to_numpy(),
                strong_pairs["unique_id_l"].to_numpy(),
                -strong_pairs["match_probability"].to_numpy().round(9),
            )
        )
    ]
    left_ids = strong_pairs["unique_id_l"].to_numpy()
    right_ids = strong_pairs["unique_id_r"].to_numpy()
    left, right = left_ids.tolist(), right_ids.tolist()
    probabilities = strong_pairs["match_probability"].to_numpy().tolist()
    name_only = (
        strong_pairs["name_only"].to_numpy().tolist()
        if "name_only" in strong_pairs
        else [False] * len(left)
    )
    # Only records with a strong link, a fixed group or a reviewer's word can join anyone:
    # the rest (most, at scale) stay people of their own without entering the union-find.
    linked = pd.unique(np.concatenate([left_ids, right_ids])).tolist()
    involved = known.intersection(linked)
    for group in fixed_groups:
        involved.update(known.intersection(group))
    for a, b in must_link:
        involved.update(known.intersection((a, b)))
    parent = {record_id: record_id for record_id in involved}
    members = {record_id: [record_id] for record_id in involved}
    # each group's events (groups that attended none are left out); contacts: kind
    # ("phone", or "@" and a mail domain) -> the values written; and positions
    # (names.position_key), for links that nothing identifying makes
    attended: dict[int, set] = {}
    reached: dict[int, dict[str, set]] = {}
    held_positions: dict[int, set] = {}
    events_of, contacts_of = events or {}, contacts or {}
    position_of = positions.of if positions else {}
    for record_id in involved:
        record_events = events_of.get(record_id)
        if record_events:
            attended[record_id] = set(record_events)
        found = contacts_of.get(record_id)
        if found:
            mine = reached[record_id] = {}
            for kind, value in found:
                mine.setdefault(kind, set()).add(value)
        position = position_of.get(record_id)
        if position:
            held_positions[record_id] = {position}
    # a link stands against a conflict of positions when its odds outweigh the conflict's
    conflict_weight = positions.conflict_weight if positions else 0.0
    agency_of = organisations.of if organisations else {}
    agency_weight = organisations.conflict_weight if organisations else 0.0
    agencies: dict[int, set] = {}
    middles: dict[int, set] = {}
    middle_of = initials or {}
    for record_id in involved:
        agency = agency_of.get(record_id)
        if agency:
            agencies[record_id] = {agency}
        middle = middle_of.get(record_id)
        if middle:
            middles[record_id] = {middle}
    fixed = {}
    for group in fixed_groups:
        group = [record_id for record_id in group if record_id in parent]
        if not group:
            continue
        root = group[0]
        for record_id in group[1:]:
            parent[record_id] = root
            members[root].extend(members.pop(record_id))
            _merge_sets(attended, root, record_id)
            _merge_contacts(reached, root, record_id)
            _merge_sets(held_positions, root, record_id)
            _merge_sets(agencies, root, record_id)
            _merge_sets(middles, root, record_id)
        fixed[root] = True
    cannot: dict[int, set[int]] = {}
    for a, b in cannot_link:
        cannot.setdefault(a, set()).add(b)
        cannot.setdefault(b, set()).add(a)
    # pairs that count for two groups being one person: the links, and the pairs a little
    # short of one (DISAGREE_BELOW); one number a·span + b for a pair (a, b), a < b
    alike = pairs[pairs["match_probability"] >= min(threshold, DISAGREE_BELOW)]
    alike_l, alike_r = alike["unique_id_l"].to_numpy(), alike["unique_id_r"].to_numpy()
    span = int(max(alike_l.max(), alike_r.max())) + 1 if len(alike_l) else 1
    alike_links = set(
        (
            np.minimum(alike_l, alike_r).astype(np.int64) * span + np.maximum(alike_l, alike_r)
        ).tolist()
    )

    def find(record_id):
        while parent[record_id] != record_id:
            parent[record_id] = parent[parent[record_id]]
            record_id = parent[record_id]
        return record_id

    def forbidden(root_a, root_b):
        small, large = (
            (root_a, root_b) if len(members[root_a]) <= len(members[root_b]) else (root_b, root_a)
        )
        return any(
            other in parent and find(other) == large
            for x in members[small]
            for other in cannot.get(x, ())
        )

    def disagree(root_a, root_b):
        group_a, group_b = members[root_a], members[root_b]
        if len(group_a) == 1 and len(group_b) == 1:
            return False
        # Pairs never compared (blocking found nothing alike) count as "different".
        sample_a, sample_b = group_a[:25], group_b[:25]
        strong = sum(
            (x * span + y if x < y else y * span + x) in alike_links
            for x in sample_a
            for y in sample_b
        )
        return strong * 2 < len(sample_a) * len(sample_b)

    def union(root_a, root_b):
        if len(members[root_a]) < len(members[root_b]):
            root_a, root_b = root_b, root_a
        parent[root_b] = root_a
        members[root_a].extend(members.pop(root_b))
        _merge_sets(attended, root_a, root_b)
        _merge_contacts(reached, root_a, root_b)
        _merge_sets(held_positions, root_a, root_b)
        _merge_sets(agencies, root_a, root_b)
        _merge_sets(middles, root_a, root_b)
        fixed[root_a] = fixed.pop(root_a, False) or fixed.pop(root_b, False)

    def other_contacts(root_a, root_b):
        mine, theirs = reached.get(root_a), reached.get(root_b)
        if not mine or not theirs:
            return False
        return any(
            kind in theirs and values.isdisjoint(theirs[kind]) for kind, values in mine.items()
        )

    for a, b in must_link:
        if a in parent and b in parent and find(a) != find(b):
            union(find(a), find(b))
    applied, held = [], []
    for a, b, probability, only_a_name in zip(left, right, probabilities, name_only, strict=True):
        if a not in parent or b not in parent:
            continue
        root_a = a if parent[a] == a else find(a)
        root_b = b if parent[b] == b else find(b)
        if root_a == root_b or (cannot and forbidden(root_a, root_b)):
            continue
        if root_a in reached and root_b in reached and other_contacts(root_a, root_b):
            held.append((a, b, probability, HELD_CONTACTS))
            continue
        if only_a_name:
            held.append((a, b, probability, HELD_NAME_ONLY))
            continue
        if (
            root_a in held_positions
            and root_b in held_positions
            and not _identified(reached.get(root_a), reached.get(root_b))
            and not any(
                positions_agree(x, y)
                for x in held_positions[root_a]
                for y in held_positions[root_b]
            )
            and _log_odds(probability) + conflict_weight < 0
        ):
            held.append((a, b, probability, HELD_POSITIONS))
            continue
        if (
            root_a in agencies
            and root_b in agencies
            and agencies[root_a].isdisjoint(agencies[root_b])
            and not _identified(reached.get(root_a), reached.get(root_b))
            and _log_odds(probability) + agency_weight < 0
        ):
            held.append((a, b, probability, HELD_AGENCIES))
            continue
        if (
            root_a in middles
            and root_b in middles
            and _initials_conflict(middles[root_a], middles[root_b])
            and not _identified(reached.get(root_a), reached.get(root_b))
        ):
            held.append((a, b, probability, HELD_INITIALS))
            continue
        if fixed.get(root_a) and fixed.get(root_b):
            held.append((a, b, probability, HELD_ESTABLISHED))
            continue
        if (
            root_a in attended
            and root_b in attended
            and not attended[root_a].isdisjoint(attended[root_b])
        ):
            held.append((a, b, probability, HELD_SAME_EVENT))
            continue
        if disagree(root_a, root_b):
            held.append((a, b, probability, HELD_DISAGREE))
            continue
        union(root_a, root_b)
        applied.append((a, b, probability))
    groups = {record_id: find(record_id) if record_id in parent else record_id for record_id in ids}
    return groups, applied, held


class MiddleName(NamedTuple):
    """What a name says of its middle name: its parts (names.NormalisedName.tokens) and the
    middle initials it writes (NormalisedName.initials)."""

    parts: frozenset
    initials: frozenset


# a one-letter word after another word: a middle initial, or a Burmese "U" (names decide)
_MAYBE_AN_INITIAL = re.compile(r"[\s,]\w\.?(?=[\s,]|$)")
_WORDS = re.compile(r"\w+")


def middle_names(records) -> dict:
    """Record id -> MiddleName, for the records whose names write a middle initial, and for
    those whose names have three parts or more, all the parts of a name that writes one (a
    part may be the middle name its initial stands for): for cluster's INITIALS. Most sets
    write no initial and most names are not read at all."""
    written = {}
    for record in records:
        name = record.get("romanised_name") or record.get("name") or ""
        written[record["unique_id"]] = name
    distinct = set(written.values())
    middle_of: dict = {}
    for name in distinct:
        if _MAYBE_AN_INITIAL.search(name):
            middle = _middle_name_of(name)
            if middle and middle.initials:
                middle_of[name] = middle
    if not middle_of:
        return {}
    # the parts the initialled names have, as written (lower case): a fuller name of one of
    # them has them all
    wanted = {frozenset(_WORDS.findall(name.lower())) for name in middle_of}
    vocabulary = frozenset().union(*wanted)
    for name in distinct:
        if name in middle_of or name.count(" ") < 2:
            continue
        words = set(_WORDS.findall(name.lower()))
        if len(words & vocabulary) >= 2:
            middle = _middle_name_of(name)
            if middle:
                middle_of[name] = middle
    return {record_id: middle_of[name] for record_id, name in written.items() if name in middle_of}


def _middle_name_of(name: str) -> MiddleName | None:
    written = normalise_name(name)
    if written.initials or len(written.tokens) >= 3:
        return MiddleName(frozenset(written.tokens), frozenset(written.initials))
    return None


def _initials_conflict(mine: set, theirs: set) -> bool:
    """Two groups' MiddleNames say two people: both write middle initials and none is the
    same ("Ma. Fe N. Ocampo", "Ma. Fe M. Ocampo"), or one writes an initial where the
    other writes a fuller name whose added part does not begin with it ("Efren D.
    Francisco", "Efren Tolentino Francisco")."""
    written_mine = {letter for middle in mine for letter in middle.initials}
    written_theirs = {letter for middle in theirs for letter in middle.initials}
    if written_mine and written_theirs and written_mine.isdisjoint(written_theirs):
        return True
    for short_side, long_side in ((mine, theirs), (theirs, mine)):
        for short in short_side:
            if not short.initials:
                continue
            for full in long_side:
                if short.parts < full.parts and not any(
                    part[0] in short.initials for part in full.parts - short.parts
                ):
                    return True
    return False


def _log_odds(probability: float) -> float:
    """log2 of the odds of a match probability (its match weight)."""
    probability = min(probability, 1 - 1e-15)
    return float(np.log2(probability / (1 - probability))) if probability > 0 else -np.inf


def _identified(mine: dict | None, theirs: dict | None) -> bool:
    """Two groups' contacts (kind -> values, see cluster) share a phone number or a
    mailbox name (at any domain: a work and a personal address of one person)."""
    if not mine or not theirs:
        return False
    if not mine.get("phone", set()).isdisjoint(theirs.get("phone", ())):
        return True
    boxes = {box for kind, values in mine.items() if kind != "phone" for box in values}
    return any(not boxes.isdisjoint(values) for kind, values in theirs.items() if kind != "phone")


@functools.lru_cache(maxsize=65536)
def positions_agree(a: str, b: str) -> bool:
    """Two positions (position_key) that one person may have written: the same, the same
    abbreviated, as initials or in other words' order, or one within the other."""
    if a == b:
        return True
    stems_a, compact_a, initials_a = position_forms(a)
    stems_b, compact_b, initials_b = position_forms(b)
    return (
        stems_a == stems_b
        or compact_a == compact_b
        or a == initials_b
        or b == initials_a
        or set(stems_a) <= set(stems_b)
        or set(stems_b) <= set(stems_a)
    )


@dataclass(frozen=True)
class Positions:
    """Each record's position as compared (names.position_key) and what a conflict of
    positions says (see positions())."""

    of: dict
    # log2 of P(the positions conflict | one person) / P(they conflict | two people)
    conflict_weight: float


# Until the data says how often one person's posts differ: one person in ten changes post
# during a program, and two of their records then conflict about half the time.
POSITION_CHANGE_PRIOR = 0.05
POSITION_CHANGE_PRIOR_PAIRS = 20  # the prior counts as this many pairs of records


@_without_garbage_collection()
def positions(
    records, reached: dict | None = None, *, conflict_weight: float | None = None
) -> Positions:
    """Each record's position (names.position_key), and how much a conflict of positions
    between two groups says, from the data itself: how often two records of one person —
    records that write one phone number or one email address — carry positions that do
    not agree (positions_agree), against how often two records taken at random do.
    REACHED is contacts(records), when the caller has it. Each distinct position is worked
    out once. CONFLICT_WEIGHT: one measured before on all of a program's records, for
    RECORDS that are a few of them (a reviewer's answer regrouping two people)."""
    if reached is None:
        reached = contacts(records)
    ids, written = [], []
    for record in records:
        ids.append(record["unique_id"])
        written.append(record.get("position"))
    keys = _per_distinct(pd.Series(written, dtype=object).fillna("").astype(str), position_key)
    of = {record_id: key for record_id, key in zip(ids, keys.tolist(), strict=True) if key}
    if conflict_weight is not None:
        return Positions(of, conflict_weight)
    rows = [(of[record_id], found) for record_id, found in reached.items() if record_id in of]
    frame = pd.DataFrame(
        {
            "position": [position for position, _ in rows],
            "phone": [dict(found).get("phone") for _, found in rows],
            "email": [
                next((f"{box}{kind}" for kind, box in found if kind != "phone"), None)
                for _, found in rows
            ],
        }
    )
    pairs = conflicts = 0
    for column in ("phone", "email"):
        known = frame[frame[column].notna()]
        counts = known.groupby([column, "position"]).size()
        sizes = counts.groupby(level=0).sum()
        shared = sizes[(sizes >= 2) & (sizes <= MAX_KEY_RECORDS)].index
        counts = counts[counts.index.get_level_values(0).isin(shared)]
        pairs += int((sizes[shared] * (sizes[shared] - 1) // 2).sum())
        # only where one phone or address wrote two positions can they conflict
        several = counts.groupby(level=0).size()
        counts = counts[counts.index.get_level_values(0).isin(several[several >= 2].index)]
        for _, group in counts.groupby(level=0):
            written_here = list(zip(group.index.get_level_values(1), group.tolist(), strict=True))
            for i, (a, n_a) in enumerate(written_here):
                for b, n_b in written_here[i + 1 :]:
                    if not positions_agree(a, b):
                        conflicts += n_a * n_b
    one_person = (conflicts + POSITION_CHANGE_PRIOR * POSITION_CHANGE_PRIOR_PAIRS) / (
        pairs + POSITION_CHANGE_PRIOR_PAIRS
    )
    return Positions(of, _conflict_weight(one_person, list(of.values()), positions_agree))


def _conflict_weight(one_person: float, written: list, agree) -> float:
    """log2 of ONE_PERSON (how often one person's records conflict) over how often two
    records taken at random do: 20,000 random pairs of the values WRITTEN, compared by
    AGREE (0.9 when fewer than two values are written)."""
    written = np.array(written, dtype=object)
    if len(written) < 2:
        return float(np.log2(one_person / 0.9))
    rng = np.random.default_rng(1)
    left = rng.integers(0, len(written), 20_000)
    right = rng.integers(0, len(written), 20_000)
    differ = sum(
        not agree(written[a], written[b])
        for a, b in zip(left.tolist(), right.tolist(), strict=True)
        if a != b
    )
    two_people = (differ + 1) / (int((left != right).sum()) + 2)
    return float(np.log2(one_person / two_people))


@dataclass
class Organisations:
    """Each record's agency as the registry knows it (its top agency) and what two groups
    naming different agencies says (see organisations())."""

    of: dict
    # log2 of P(the agencies differ | one person) / P(they differ | two people)
    conflict_weight: float


# Until the data says how often one person's records name two agencies: one pair of a
# person's records in twenty (a move, or a sheet that wrote another agency), worth 20 pairs.
ORGANISATION_CHANGE_PRIOR = 0.05
ORGANISATION_CHANGE_PRIOR_PAIRS = 20


@_without_garbage_collection()
def organisations(
    records, reached: dict | None = None, *, conflict_weight: float | None = None
) -> Organisations:
    """Each record's top agency (the registry's: _organisation_registry_keys), and how much
    two groups that name different ones say, from the data itself: how often two records of
    one person (one phone number or one email address) name different agencies, against
    how often two records taken at random do. CONFLICT_WEIGHT as positions()'."""
    if reached is None:
        reached = contacts(records)
    # the app's records bring their organisation's key and top agency; the benchmark's are
    # looked up in the seed registry
    columns = ["organisation", "organisation_acronym", "country", "event_country"]
    if records and "organisation_key" in records[0]:
        columns += ["organisation_key", "organisation_root", "organisation_country"]
    ids = [record["unique_id"] for record in records]
    frame = pd.DataFrame({column: [record.get(column) for record in records] for column in columns})
    _, roots, _ = _organisation_registry_keys(frame)
    of = {record_id: root for record_id, root in zip(ids, roots, strict=True) if root}
    if conflict_weight is not None:
        return Organisations(of, conflict_weight)
    # the agencies of the records that write each phone number, or each mailbox at a domain
    by_contact: dict = {}
    for record_id, found in reached.items():
        agency = of.get(record_id)
        if agency:
            for contact in found:
                by_contact.setdefault(contact, Counter())[agency] += 1
    pairs = differ = 0
    for counts in by_contact.values():
        size = sum(counts.values())
        if 2 <= size <= MAX_KEY_RECORDS:
            pairs += size * (size - 1) // 2
            differ += (size * size - sum(n * n for n in counts.values())) // 2  # other agency
    one_person = (differ + ORGANISATION_CHANGE_PRIOR * ORGANISATION_CHANGE_PRIOR_PAIRS) / (
        pairs + ORGANISATION_CHANGE_PRIOR_PAIRS
    )
    return Organisations(of, _conflict_weight(one_person, list(of.values()), operator.eq))


def _merge_sets(of_group: dict, root: int, other: int) -> None:
    """OTHER's set (its events, its positions) joins ROOT's."""
    if other in of_group:
        of_group.setdefault(root, set()).update(of_group.pop(other))


def _merge_contacts(reached: dict, root: int, other: int) -> None:
    for kind, values in reached.pop(other, {}).items():
        reached.setdefault(root, {}).setdefault(kind, set()).update(values)


@_without_garbage_collection()
def contacts(records) -> dict:
    """Each record's contacts for engine.cluster: ("phone", its last nine digits) and
    ("@domain", the mailbox), as the model compares them (prepare()). Each distinct phone
    and email is worked out once: a million records take seconds."""
    ids, phones, emails = [], [], []
    for record in records:  # one pass: a million records lie all over memory
        ids.append(record["unique_id"])
        phones.append(record.get("phone"))
        emails.append(record.get("email"))
    phones = _per_distinct(pd.Series(phones, dtype=object).fillna("").astype(str), phone_key)
    emails = _per_distinct(pd.Series(emails, dtype=object).fillna("").astype(str), email_key)
    found = {}
    for record_id, phone, mail in zip(ids, phones.tolist(), emails.tolist(), strict=True):
        pairs = []
        if phone:
            pairs.append(("phone", phone))
        if mail:
            mailbox, domain = mail.split("@", 1)
            pairs.append(("@" + domain, mailbox))
        if pairs:
            found[record_id] = tuple(pairs)
    return found


# Links held back because the records themselves say "two people" (one event, other
# phones or mailboxes): the reviewer sees them after every open question.
HELD_AS_TWO = (HELD_SAME_EVENT, HELD_CONTACTS, HELD_INITIALS)
# Links held back because the pair's own probability is not to be trusted: it rests on a
# common name alone, or the records linked with each say otherwise. Open questions: as
# uncertain as a coin toss, whatever the pair's probability.
HELD_AS_OPEN = (HELD_NAME_ONLY, HELD_DISAGREE)
# What a conflict of posts or of agencies says against one person, measured on the
# program's own people (positions(), organisations(): records a phone or mailbox ties) and
# used by their holds: the comparisons whose "different" level the review queue weighs
# with it in place of the model's estimate, and the hold whose weight it is.
CONFLICT_COMPARISONS = {"position": HELD_POSITIONS, "organisation": HELD_AGENCIES}


def joined_strength(links, pairs) -> dict:
    """For each of PAIRS (record ids a, b): what holds the two records together in LINKS
    ((x, y, probability): the links among one person's records, a reviewer's "same person"
    as 1) — the weakest link of the strongest chain between them, the link a "different"
    would have to break. Absent for a pair no chain joins. A chain of sure links says the
    two are one person however unsure the pair's own comparison; one unsure link anywhere
    in every chain says the records on either side of it may be two people."""
    around: dict = {}
    for x, y, probability in links:
        around.setdefault(x, []).append((y, probability))
        around.setdefault(y, []).append((x, probability))
    found = {}
    for a, b in pairs:
        # the widest path: Dijkstra with the weakest link so far in place of a distance
        best, todo = {a: 1.0}, [(-1.0, a)]
        while todo:
            width, record = heapq.heappop(todo)
            width = -width
            if record == b:
                found[(a, b)] = width
                break
            if width < best[record]:
                continue
            for other, probability in around.get(record, ()):
                through = min(width, probability)
                if through > best.get(other, 0.0):
                    best[other] = through
                    heapq.heappush(todo, (-through, other))
    return found


def change_chance(
    probability: float,
    held_because: str = "",
    *,
    within: bool = False,
    joined: float | None = None,
    evidence=(),
    conflict_weights: dict | None = None,
) -> float:
    """The model's chance that a reviewer's answer on a queued pair changes the people.
    Between two people, that they are one: the pair's probability — but a link held back
    for a common name alone, or against the records linked with each (HELD_AS_OPEN), is a
    coin toss whatever its probability. Inside one person (WITHIN), that the two records are
    two people: one less JOINED, what holds them together (joined_strength: the weakest link
    of the strongest chain of links between them; the pair's own probability where none is
    known) — two records joined by sure links make the question idle, one sure link in a
    chain does not. Ninth round: the weaker of the links that brought each record in (its
    strongest link) said a namesake's records, each surely linked to one another, were
    surely one with the other namesake's.
    CONFLICT_WEIGHTS (HELD_POSITIONS, HELD_AGENCIES -> what a conflict of posts or agencies
    says, measured on the program's people: positions(), organisations()): a pair the model
    is unsure of between two people whose EVIDENCE (engine.evidence_of) writes different posts
    or agencies has that weight in place of the model's own for them. The model's weights
    for a disagreement rest on its estimate from pairs blocked on the name, namesakes among
    them: of 939 such pairs between two people in three held-out sets through the app, none
    of the 433 whose agencies differed, nor of the 450 whose posts did, was one person;
    ordered with the measured weights, after 200 decisions F1 0.9697 → 0.9712, 0.9454 →
    0.9497, 0.9575 → 0.9585 (docs/linkage.md, eighth round)."""
    if held_because in HELD_AS_OPEN:
        return 0.5
    if within:
        return 1 - (probability if joined is None else joined)
    if not held_because and conflict_weights:
        return _weighed_again(probability, evidence, conflict_weights)
    return probability


def _weighed_again(probability: float, evidence, weights: dict) -> float:
    """PROBABILITY with what a conflict says (WEIGHTS, by CONFLICT_COMPARISONS) in place of
    the model's own weight, for each comparison of EVIDENCE whose level is "different"."""
    odds, changed = _log_odds(probability), False
    for item in evidence:
        kind = CONFLICT_COMPARISONS.get(item["comparison"])
        if kind in weights and item["level"] == "different":
            odds += weights[kind] - item["weight"]
            changed = True
    return _probability(odds) if changed else probability


def _probability(log_odds: float) -> float:
    return 1 / (1 + 2 ** -max(min(log_odds, 60), -60))


def review_priority(chance: float, held_because: str = "", *, calibration: float = 1.0) -> float:
    """How likely one reviewer's decision on a pair is to change the people: the model's
    CHANCE (change_chance) times CALIBRATION, what the program's reviewers' answers on
    pairs of this kind say of that chance (ReviewRates). A link held back because the
    records say "two people" (HELD_AS_TWO) comes after every other pair (a negative
    priority), the likelier first."""
    if held_because in HELD_AS_TWO:
        return chance - 1
    return chance * calibration


def queued_pair_priority(
    probability: float,
    held_because: str,
    rates,
    *,
    within: bool,
    records,
    joined: float | None = None,
    evidence=(),
) -> tuple[float, int]:
    """The review queue's order for one queued pair, the app's and the benchmark's reviewer
    alike, compared as a tuple, most first: its review_priority, then the records a decision
    bears on — both people's (RECORDS), or the one person's when the model already made them
    one (WITHIN: a "different" splits it). Of two pairs as likely to change the people, the
    one joining or splitting more records comes first. JOINED, what holds the two records of
    one person together (joined_strength); RATES, the program's ReviewRates."""
    chance = change_chance(
        probability,
        held_because,
        within=within,
        joined=joined,
        evidence=evidence,
        conflict_weights=rates.conflict_weights,
    )
    calibration = rates.calibration(review_kind(held_because, within))
    return (
        review_priority(chance, held_because, calibration=calibration),
        records[0] + (0 if within else records[1]),
    )


# Kinds of review question, whose worth the reviewer's own answers tell (ReviewRates): a
# likely link held back (its HELD_* reason), a pair the model is unsure of between two
# people, or inside one.
REVIEW_BETWEEN = "between"
REVIEW_WITHIN = "within"


def review_kind(held_because: str, within: bool) -> str:
    return held_because or (REVIEW_WITHIN if within else REVIEW_BETWEEN)


class ReviewRates:
    """What a program's reviewers' answers say of the model's chances (change_chance), by
    kind of question (review_kind): of the decisions on each kind, how many changed the
    people (joined two, or split one) against how many the model's chances promised — a
    calibration, before any decision one half (one change for two promised, worth two
    promised). A program whose people seldom change post soon sees its "positions"
    questions answered "different" and gets them later, however likely the model thought
    them; one whose reviewers keep splitting records the model linked gets those sooner.
    F1 after 200 decisions against the sixth round's order (the uncertainty times the
    records joined times the share of changing decisions): first generator 0.9766 → 0.9802,
    held-out 0.9695 → 0.9700; the gains on three more seeds of each in docs/linkage.md,
    seventh round."""

    PRIOR_CHANGED, PRIOR_EXPECTED = 1, 2

    def __init__(self, conflict_weights: dict | None = None):
        # HELD_POSITIONS, HELD_AGENCIES -> what a conflict says (CONFLICT_COMPARISONS)
        self.conflict_weights = conflict_weights or {}
        self.decisions: Counter = Counter()
        self.changed: Counter = Counter()
        self.expected: Counter = Counter()

    def record(self, kind: str, changed: bool, expected: float) -> None:
        """One decision of KIND: whether it CHANGED the people, and the model's chance
        that it would (change_chance, as the queue had it)."""
        self.decisions[kind] += 1
        self.changed[kind] += bool(changed)
        self.expected[kind] += expected

    def calibration(self, kind: str) -> float:
        return (self.changed[kind] + self.PRIOR_CHANGED) / (
            self.expected[kind] + self.PRIOR_EXPECTED
        )
