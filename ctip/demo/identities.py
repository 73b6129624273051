"""Synthetic people for the demo, and the ways their names are written on attendance sheets.

An `Identity` is one (synthetic) real-world person: a name in their script and romanised, a
sex, a country, maybe a title, an email and a phone. `written()` gives the name as one sheet
writes it: with or without the title, romanised instead of in script or the other way round,
in another order, without diacritics, with a middle name left out, a romanisation variant, a
typo, in upper case. Everything is drawn from the random generator passed in, so a seed gives
the same people every time. No real person is meant.

Contacts are fictional by construction:
- emails are at `.example` domains only (RFC 2606: reserved, never delivered): the
  organisation's acronym (`rtp.example`) or `mail.example` for a personal address;
- phones are `+<country calling code> 00 dddd dddd`: a national number starting `00`, which
  no numbering plan in the region allocates (a real number never starts with the trunk or
  international prefix after the country code), so no demo phone can ring anyone.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from anyascii import anyascii

from ctip.lib.names import romanise

from . import name_pools as pools

CALLING_CODES = {
    "TH": "66", "LA": "856", "KH": "855", "VN": "84", "MM": "95", "PH": "63", "ID": "62",
    "MY": "60", "SG": "65", "BN": "673", "TL": "670", "AU": "61",
}  # fmt: skip
SCRIPT_COUNTRIES = {"TH", "LA", "KH", "MM"}
FAMILY_FIRST = {"VN", "KH"}
DEGREES = ["S.H.", "M.H.", "S.Sos.", "M.Si.", "S.E.", "S.Pd.", "S.H., M.H."]

# How often a sheet writes the name each way (for records after the first).
P_ROMAN_ONLY = 0.45  # a script name written only in Latin letters
P_SCRIPT_ONLY = 0.10  # ... only in its script
P_NO_DIACRITICS = 0.40  # Vietnamese
P_ROMANISATION_VARIANT = 0.20
P_DROP_MIDDLE = 0.25
P_TYPO = 0.05
P_OTHER_ORDER = 0.15
P_COMMA_ORDER = 0.08
P_TITLE = 0.40  # for a person who has a title
P_DEGREE = 0.50  # for a person who has a degree
P_UPPER = 0.05


@dataclass
class Identity:
    """One synthetic real-world person. Name parts are (as written, romanised) pairs."""

    country: str
    sex: str  # "female", "male" or "" (another or not specified)
    given: list[tuple[str, str]]
    middle: list[tuple[str, str]]  # Filipino mother's family name, Vietnamese middle names
    family: list[tuple[str, str]]
    family_first: bool
    joiner: str  # between parts in the script ("" for Burmese, " " elsewhere)
    title: str
    degree: str
    email: str
    phone: str
    personal_email: str = ""  # a personal address some sheets give instead (never shared)

    def parts(self, *, middle: bool = True, family_first: bool | None = None):
        first = self.family_first if family_first is None else family_first
        inner = self.given if not middle else self._with_middle()
        return [*self.family, *inner] if first else [*inner, *self.family]

    def _with_middle(self):
        # Vietnamese: family, middle, given; elsewhere: given, middle, family.
        return (
            [*self.middle, *self.given]
            if self.country == "VN"
            else [
                *self.given,
                *self.middle,
            ]
        )

    def canonical(self) -> tuple[str, str]:
        """(full name, romanised name) as the person writes them on a form."""
        parts = self.parts()
        return self.joiner.join(w for w, _ in parts), _join(parts, 1)


def _join(parts, index: int) -> str:
    return " ".join(part[index] for part in parts if part[index])


def _weighted(rng: random.Random, rows):
    values, weights = zip(*rows, strict=True)
    return rng.choices(values, weights)[0]


def _compose(rng: random.Random, syllables, low: int, high: int) -> tuple[str, str]:
    chosen = rng.sample(syllables, rng.randint(low, high))
    return "".join(s for s, _ in chosen), "".join(r for _, r in chosen).capitalize()


def _latin(name: str) -> list[tuple[str, str]]:
    return [(word, word) for word in name.split()]


def _name(rng: random.Random, country: str, sex: str):
    """(given, middle, family, family_first, joiner) for a new person from COUNTRY."""
    gendered = sex or rng.choice(["female", "male"])
    if country == "TH":
        given = [rng.choice(pools.THAI_GIVEN[gendered])]
        return given, [], [_compose(rng, pools.THAI_FAMILY_SYLLABLES, 2, 3)], False, " "
    if country == "LA":
        first = rng.choice(pools.LAO_GIVEN_FIRST[gendered])
        second = rng.choice(pools.LAO_GIVEN_SECOND)
        given = [(first[0] + second[0], first[1] + second[1])]
        return given, [], [_compose(rng, pools.LAO_FAMILY_SYLLABLES, 2, 3)], False, " "
    if country == "KH":
        family = _weighted(rng, [((s, r), w) for s, r, w in pools.KHMER_FAMILY])
        given = [rng.choice(pools.KHMER_GIVEN[gendered])]
        if rng.random() < 0.6:  # a two-part given name
            given.append(rng.choice(pools.KHMER_GIVEN[gendered]))
            if given[0] == given[1]:
                given.pop()
        return given, [], [family], True, " "
    if country == "MM":
        syllables = pools.BURMESE_SYLLABLES[gendered] * 2 + pools.BURMESE_SYLLABLES["any"]
        count = rng.choices([2, 3, 4], [35, 55, 10])[0]
        return [rng.choice(syllables) for _ in range(count)], [], [], False, ""
    if country == "VN":
        family = [_latin_pair(_weighted(rng, pools.VIETNAMESE_FAMILY))]
        middle = [_latin_pair(_weighted(rng, pools.VIETNAMESE_MIDDLE[gendered]))]
        if rng.random() < 0.3:  # four-word names: Nguyễn Thị Thu Hằng
            middle.append(_latin_pair(_weighted(rng, pools.VIETNAMESE_MIDDLE[gendered])))
            if middle[0] == middle[1]:
                middle.pop()
        given = [_latin_pair(rng.choice(pools.VIETNAMESE_GIVEN[gendered]))]
        return given, middle, family, True, " "
    if country == "PH":
        given = _latin(rng.choice(pools.FILIPINO_GIVEN[gendered]))
        middle = _latin(rng.choice(pools.FILIPINO_FAMILY)) if rng.random() < 0.7 else []
        return given, middle, _latin(rng.choice(pools.FILIPINO_FAMILY)), False, " "
    if country == "ID":
        given = [_latin_pair(rng.choice(pools.INDONESIAN_GIVEN[gendered]))]
        if rng.random() < 0.5:
            given.append(_latin_pair(rng.choice(pools.INDONESIAN_GIVEN[gendered])))
        if rng.random() < 0.2:  # a single name (common in Java) or two given names
            return given, [], [], False, " "
        return given, [], _latin(rng.choice(pools.INDONESIAN_FAMILY)), False, " "
    if country in ("MY", "SG", "BN"):
        roll = rng.random()
        chinese, indian = {"MY": (0.25, 0.08), "SG": (0.7, 0.1), "BN": (0.1, 0.0)}[country]
        if roll < chinese:
            given = _latin(" ".join(rng.sample(pools.CHINESE_GIVEN_SYLLABLES, 2)))
            return given, [], [_latin_pair(rng.choice(pools.CHINESE_FAMILY))], True, " "
        if roll < chinese + indian:
            link = "a/l" if gendered == "male" else "a/p"
            given = [_latin_pair(rng.choice(pools.INDIAN_GIVEN[gendered]))]
            family = [(link, link), _latin_pair(rng.choice(pools.INDIAN_FATHERS))]
            return given, [], family, False, " "
        first = rng.choice(pools.MALAY_FIRST[gendered])
        given = _latin(f"{first} {rng.choice(pools.MALAY_GIVEN[gendered])}")
        link = "bin" if gendered == "male" else "binti"
        return given, [], [(link, link), _latin_pair(rng.choice(pools.MALAY_FATHERS))], False, " "
    if country == "TL":
        given = _latin(rng.choice(pools.TIMORESE_GIVEN[gendered]))
        if rng.random() < 0.4:
            given += _latin(rng.choice(pools.TIMORESE_GIVEN[gendered]))
        family = _latin(rng.choice(pools.TIMORESE_FAMILY))
        if rng.random() < 0.6:  # two family names: Maria da Costa Soares
            family = _latin(rng.choice(pools.TIMORESE_FAMILY)) + family
        return given, [], family, False, " "
    given = _latin(rng.choice(pools.ENGLISH_GIVEN[gendered]))
    if rng.random() < 0.3:  # a middle name
        given.append(_latin_pair(rng.choice(pools.ENGLISH_GIVEN[gendered])))
    return given, [], _latin(rng.choice(pools.ENGLISH_FAMILY)), False, " "


def _latin_pair(word: str) -> tuple[str, str]:
    return word, anyascii(word) if word and not word.isascii() else word


def _title(rng: random.Random, country: str, sex: str, position: str) -> str:
    """A title or honorific that fits the person (written on some sheets, not others)."""
    if rng.random() >= 0.35:
        return ""
    police = position in ("Police officer", "Investigator")
    legal = position in ("Lawyer", "Prosecutor", "Legal officer")
    by_sex = {"female": {"ID": "Ibu", "MM": "Daw", "MY": "Puan", "BN": "Puan"},
              "male": {"ID": "Bapak", "MM": "U", "MY": "Encik", "BN": "Awang"}}  # fmt: skip
    choices = ["Dr."]
    if sex in by_sex:
        choices += [by_sex[sex].get(country, "Mr." if sex == "male" else "Ms.")] * 3
    if country == "TH":
        choices = ["Pol. Lt. Col.", "Pol. Col.", "Pol. Maj."] if police else ["Khun", "Khun", "Dr."]
    elif country == "PH":
        if position == "Judge":
            choices = ["Judge"]
        elif legal:
            choices = ["Atty."]
        elif position == "Director":
            choices = ["Hon.", "Dr."]
    elif country == "KH" and position == "Director":
        choices = ["H.E."]
    return rng.choice(choices)


def new_identity(
    rng: random.Random,
    country: str,
    sex: str,
    position: str,
    organisation_acronym: str,
    taken: set[str],
) -> Identity:
    """A new synthetic person. TAKEN holds the emails and phones already given out."""
    given, middle, family, family_first, joiner = _name(rng, country, sex)
    title = _title(rng, country, sex, position)
    degree = rng.choice(DEGREES) if country == "ID" and rng.random() < 0.4 else ""
    email = phone = personal = ""
    if rng.random() < 0.65:
        first = re.sub(r"[^a-z]", "", anyascii(given[0][1]).lower()) or "info"
        last = re.sub(r"[^a-z]", "", anyascii((family or given)[-1][1]).lower())
        domain = (
            f"{re.sub(r'[^a-z]', '', organisation_acronym.lower())}.example"
            if organisation_acronym and rng.random() < 0.7
            else "mail.example"
        )
        handle, number = f"{first}.{last}" if last and last != first else first, 1
        while (email := f"{handle}{number if number > 1 else ''}@{domain}") in taken:
            number += 1
        taken.add(email)
        personal = email.split("@")[0] + "@mail.example"
        if personal == email or personal not in taken:
            taken.add(personal)
        else:
            personal = ""
    if rng.random() < 0.8:
        code = CALLING_CODES.get(country, "61")
        while (phone := f"+{code} 00 {rng.randrange(10**8):08d}") in taken:
            pass
        taken.add(phone)
    return Identity(country, sex, given, middle, family, family_first, joiner, title, degree,
                    email, phone, personal)  # fmt: skip


# Romanisation variants: one spelling for another, as the same name is spelled on two sheets.
_VARIANTS = [
    ("ph", "p"), ("th", "t"), ("kh", "k"), ("oo", "u"), ("ou", "u"), ("ee", "i"),
    ("ai", "ay"), ("ay", "ai"), ("w", "v"), ("v", "w"), ("j", "ch"), ("ch", "j"),
    ("ea", "ia"), ("x", "s"), ("tt", "t"), ("y", "i"),
]  # fmt: skip


def _variant(rng: random.Random, word: str) -> str:
    lower = word.lower()
    for old, new in rng.sample(_VARIANTS, len(_VARIANTS)):
        at = lower.find(old)
        if at >= 0:
            changed = lower[:at] + new + lower[at + len(old) :]
            return changed.capitalize() if word[:1].isupper() else changed
    return word


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.random()
    if kind < 0.33:
        return word[:i] + word[i + 1 :]
    if kind < 0.66:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiounrst") + word[i + 1 :]


def _format_phone(rng: random.Random, phone: str) -> str:
    code, zeros, digits = phone[1:].split()
    roll = rng.random()
    if roll < 0.4:
        return f"+{code} {zeros} {digits[:4]} {digits[4:]}"
    if roll < 0.7:
        return f"0{zeros}{digits}"  # written as a national number
    return f"+{code}-{zeros}-{digits[:4]}-{digits[4:]}"


def contacts(rng: random.Random, person: Identity, *, first: bool) -> tuple[str, str]:
    """(email, phone) as one sheet records them: often left out on paper."""
    keep = 0.7 if first else 0.55
    email = person.email if person.email and rng.random() < keep else ""
    if email and person.personal_email and not first and rng.random() < 0.1:
        email = person.personal_email  # a personal address beside the work one
    phone = _format_phone(rng, person.phone) if person.phone and rng.random() < keep else ""
    return email, phone


def written(rng: random.Random, person: Identity) -> tuple[str, str]:
    """(full name, romanised name) as another sheet writes this person."""
    middle = not (person.middle and rng.random() < P_DROP_MIDDLE)
    order = person.family_first
    if person.family and rng.random() < P_OTHER_ORDER:
        order = not order
    parts = list(person.parts(middle=middle, family_first=order))
    roman = [r for _, r in parts]
    script = [w for w, _ in parts]
    if person.country in SCRIPT_COUNTRIES and rng.random() < P_ROMANISATION_VARIANT:
        k = rng.randrange(len(roman))
        roman[k] = _variant(rng, roman[k])
    if rng.random() < P_TYPO:
        k = rng.randrange(len(roman))
        roman[k] = _typo(rng, roman[k])
        if person.country not in SCRIPT_COUNTRIES:
            script[k] = roman[k]
    if person.country == "VN" and rng.random() < P_NO_DIACRITICS:
        script = [anyascii(word) for word in script]
    if person.country in SCRIPT_COUNTRIES:
        roll = rng.random()
        if roll < P_ROMAN_ONLY:
            full = " ".join(roman)
        elif roll < P_ROMAN_ONLY + P_SCRIPT_ONLY:
            full = person.joiner.join(script)
            return full, romanise(full)  # as an import fills it when no Latin name is given
        else:
            return person.joiner.join(script), " ".join(roman)
    elif (
        person.family and not order and len(parts) > 1 and rng.random() < P_COMMA_ORDER
    ):  # "Santos, Maria Cristina"
        family = len(person.family)
        full = " ".join(script[-family:]) + ", " + " ".join(script[:-family])
    else:
        full = " ".join(script)
    if person.title and rng.random() < P_TITLE:
        full = f"{person.title} {full}"
    if person.degree and rng.random() < P_DEGREE and ", " not in full:
        full = f"{full}, {person.degree}"
    if rng.random() < P_UPPER:
        full = full.upper()
    return full, romanise(full)
