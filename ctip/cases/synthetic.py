"""Synthetic victim cases with a known truth: the demo's, the tests' and the benchmark's.

No real person is meant: names are composed from the demo's regional name pools
(ctip/demo/name_pools.py, through `ctip.demo.identities.new_identity`), birth dates drawn at
random. Every synthetic victim is held by one or more agencies, and each agency writes names
its own way, as agencies do:

- a Thai screening agency (`THA-SCREEN`) writes Thai victims in Thai script and everyone
  else romanised as on their papers, given name first;
- a Thai shelter (`THA-SHELTER`) romanises by ear: customary spellings (Somchay for Somchai,
  Bunma for Boonma), sometimes the family name in the first-name box, a typo now and then,
  and Vietnamese names without their diacritics;
- a Vietnamese court (`VNM-COURT`) writes Vietnamese names with diacritics and everything else
  as the file it received, and knows the birth year more often than the full date.

`synthetic_cases(...)` returns the records and, for each, the synthetic person it stands for
(`truth`): the benchmark and the tests compare the PPRL count with it.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from anyascii import anyascii

SCREENING = "THA-SCREEN"
SHELTER = "THA-SHELTER"
COURT = "VNM-COURT"
AGENCIES = (SCREENING, SHELTER, COURT)

# Citizenships of victims identified in Thailand (the progress report: 20 nationalities in a
# quarter, most from the neighbouring countries) and of the Vietnamese court's victims.
THAI_CITIZENSHIPS = [("MM", 40), ("KH", 20), ("LA", 15), ("TH", 15), ("VN", 10)]
COURT_CITIZENSHIPS = [("VN", 90), ("KH", 5), ("LA", 5)]
EXPLOITATION = [
    ("ForcedLabour", 45),
    ("SexualExploitation", 25),
    ("ForcedMarriage", 8),
    ("ForcedBegging", 7),
    ("ChildLabour", 6),
    ("Servitude", 5),
    ("Other", 4),
]
STAGES = [("frontline", 20), ("screening", 25), ("identification", 25), ("protection", 30)]
LABOUR_INDUSTRY = [
    "A_AgricultureForestryAndFishing",
    "C_Manufacturing",
    "F_Construction",
    "I_AccommodationAndFoodServiceActivities",
    "T_ActivitiesOfHouseholdsAsEmployers",
]

_VARIANTS = [
    ("ph", "p"), ("th", "t"), ("kh", "k"), ("oo", "u"), ("ai", "ay"), ("w", "v"),
    ("ch", "j"), ("ee", "i"), ("ou", "u"), ("tt", "t"),
]  # fmt: skip


@dataclass
class Victim:
    """One synthetic person: names as (script, romanised) pairs, given before family."""

    number: int
    citizenship: str
    sex: str  # "female" / "male"
    given: list[tuple[str, str]]
    family: list[tuple[str, str]]
    family_first: bool
    birth_date: datetime.date
    exploitation: str
    stage: str
    disability: bool


@dataclass
class SyntheticCases:
    """Records per agency (plain dicts, the shape `ctip.cases.pprl` encodes) and the truth."""

    records: dict[str, list[dict]]
    victims: list[Victim]
    truth: dict[tuple[str, str], int] = field(default_factory=dict)  # (agency, ref) → victim

    def unique_victims(self) -> int:
        return len({self.truth[(agency, r["reference"])] for agency in self.records
                    for r in self.records[agency]})  # fmt: skip

    def overlap(self) -> dict[frozenset, int]:
        """Victims by the exact set of agencies that hold them (the Venn regions)."""
        held: dict[int, set] = {}
        for agency, records in self.records.items():
            for record in records:
                held.setdefault(self.truth[(agency, record["reference"])], set()).add(agency)
        return dict(Counter(frozenset(agencies) for agencies in held.values()))


def _weighted(rng: random.Random, rows):
    values, weights = zip(*rows, strict=True)
    return rng.choices(values, weights)[0]


def _victim(rng: random.Random, number: int, citizenship: str, taken: set) -> Victim:
    from ctip.demo.identities import new_identity

    sex = rng.choices(["female", "male"], [60, 40])[0]
    person = new_identity(rng, citizenship, sex, "", "", taken)
    given = list(person.middle) + list(person.given) if citizenship == "VN" else person.given
    family = list(person.family)
    if not family and len(given) > 1 and citizenship == "MM":
        family = []  # Burmese names have no family name: all of it is the given name
    age = rng.choices([rng.randint(12, 17), rng.randint(18, 30), rng.randint(31, 55)],
                      [25, 50, 25])[0]  # fmt: skip
    birth = datetime.date(2026 - age, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return Victim(
        number=number,
        citizenship=citizenship,
        sex=sex,
        given=given,
        family=family,
        family_first=person.family_first,
        birth_date=birth,
        exploitation=_weighted(rng, EXPLOITATION),
        stage=_weighted(rng, STAGES),
        disability=rng.random() < 0.08,
    )


def _romanised(parts) -> str:
    return " ".join(anyascii(roman) for _, roman in parts if roman)


def _script(parts) -> str:
    return " ".join(script for script, _ in parts if script)


def _variant(rng: random.Random, word: str) -> str:
    lower = word.lower()
    for old, new in rng.sample(_VARIANTS, len(_VARIANTS)):
        at = lower.find(old)
        if at >= 0:
            return (lower[:at] + new + lower[at + len(old) :]).capitalize()
    return word


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _by_ear(rng: random.Random, text: str) -> str:
    words = [_variant(rng, w) if rng.random() < 0.35 else w for w in text.split()]
    if words and rng.random() < 0.08:
        at = rng.randrange(len(words))
        words[at] = _typo(rng, words[at])
    return " ".join(words)


def written_by(agency: str, victim: Victim, rng: random.Random) -> tuple[str, str]:
    """(given name, family name) as AGENCY writes VICTIM's."""
    if agency == SCREENING:
        if victim.citizenship == "TH":
            return _script(victim.given), _script(victim.family)
        return _romanised(victim.given), _romanised(victim.family)
    if agency == SHELTER:
        given = _by_ear(rng, _romanised(victim.given))
        family = _by_ear(rng, _romanised(victim.family))
        if family and rng.random() < 0.15:
            given, family = family, given  # the family name in the first-name box
        return given, family
    # the court: Vietnamese names as written in Vietnam, others as on the file it received
    if victim.citizenship == "VN":
        return _script(victim.given), _script(victim.family)
    return _romanised(victim.given), _romanised(victim.family)


def _record(agency: str, number: int, victim: Victim, rng: random.Random) -> dict:
    given, family = written_by(agency, victim, rng)
    birth_date = victim.birth_date
    if agency == COURT and rng.random() < 0.3:
        birth_date = datetime.date(birth_date.year, 1, 1)  # only the year known: 1 January
    elif rng.random() < 0.03:
        birth_date = birth_date + datetime.timedelta(days=rng.choice([-1, 1, 30, -30]))
    return {
        "reference": f"{agency}-{number:06d}",
        "given": given,
        "family": family,
        "birth_date": birth_date if rng.random() < 0.97 else None,
        "sex": victim.sex,
        "citizenship": victim.citizenship,
        "exploitation": victim.exploitation,
        "stage": victim.stage,
        "disability": victim.disability,
    }


def synthetic_cases(
    per_agency: int = 150, *, seed: int = 2026, shared: float = 0.3
) -> SyntheticCases:
    """About PER_AGENCY cases at each of AGENCIES. Among the Thai agencies' victims, SHARED
    of the screening agency's are also at the shelter; Vietnamese victims identified in
    Thailand and returned home are also in the court's cases (a known share of them)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    victims: list[Victim] = []
    held: dict[str, list[Victim]] = {agency: [] for agency in AGENCIES}

    def new(citizenship_rows) -> Victim:
        victim = _victim(rng, len(victims), _weighted(rng, citizenship_rows), taken)
        victims.append(victim)
        return victim

    for _ in range(per_agency):
        victim = new(THAI_CITIZENSHIPS)
        held[SCREENING].append(victim)
        if rng.random() < shared:
            held[SHELTER].append(victim)
    while len(held[SHELTER]) < per_agency:
        held[SHELTER].append(new(THAI_CITIZENSHIPS))
    returned = [v for v in victims if v.citizenship == "VN"]
    for victim in returned:
        if rng.random() < 0.6 and len(held[COURT]) < per_agency:
            held[COURT].append(victim)
    while len(held[COURT]) < per_agency:
        held[COURT].append(new(COURT_CITIZENSHIPS))

    cases = SyntheticCases(records={}, victims=victims)
    for agency in AGENCIES:
        order = held[agency][:]
        rng.shuffle(order)
        cases.records[agency] = []
        for number, victim in enumerate(order, start=1):
            record = _record(agency, number, victim, rng)
            cases.records[agency].append(record)
            cases.truth[(agency, record["reference"])] = victim.number
    return cases


def true_pairs(cases: SyntheticCases) -> set[frozenset]:
    """Every pair of (agency, reference) that stands for one synthetic victim."""
    by_victim: dict[int, list] = {}
    for (agency, reference), number in cases.truth.items():
        by_victim.setdefault(number, []).append((agency, reference))
    return {frozenset(pair) for refs in by_victim.values() for pair in combinations(refs, 2)}
