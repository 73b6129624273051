"""Country reference data and the normalisation of country names as people write them."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import pycountry

REGIONAL_CODE = "ASEAN"
REGIONAL_NAME = "ASEAN/regional"
OUTSIDE_ASEAN = "Outside ASEAN region"


@dataclass(frozen=True)
class AseanMember:
    code: str  # ISO 3166 alpha-2
    name: str  # as the program's reports write it
    language: str  # language of the country's fact sheet
    member_since: dt.date


# In the order of the seed report's Table 2 (Timor-Leste, the newest member, last).
ASEAN_MEMBERS: tuple[AseanMember, ...] = (
    AseanMember("BN", "Brunei Darussalam", "ms", dt.date(1984, 1, 7)),
    AseanMember("KH", "Cambodia", "km", dt.date(1999, 4, 30)),
    AseanMember("ID", "Indonesia", "id", dt.date(1967, 8, 8)),
    AseanMember("LA", "Laos", "lo", dt.date(1997, 7, 23)),
    AseanMember("MY", "Malaysia", "ms", dt.date(1967, 8, 8)),
    AseanMember("MM", "Myanmar", "my", dt.date(1997, 7, 23)),
    AseanMember("PH", "Philippines", "fil", dt.date(1967, 8, 8)),
    AseanMember("SG", "Singapore", "en", dt.date(1967, 8, 8)),
    AseanMember("TH", "Thailand", "th", dt.date(1967, 8, 8)),
    AseanMember("VN", "Vietnam", "vi", dt.date(1998, 12, 16)),
    AseanMember("TL", "Timor-Leste", "pt", dt.date(2025, 10, 26)),
)
ASEAN_CODES = frozenset(member.code for member in ASEAN_MEMBERS)

# Names people write that pycountry does not know, or knows differently.
_ALIASES = {
    "lao pdr": "LA",
    "lao": "LA",
    "laos": "LA",
    "viet nam": "VN",
    "vietnam": "VN",
    "brunei": "BN",
    "east timor": "TL",
    "timor leste": "TL",
    "burma": "MM",
    "the philippines": "PH",
    "philippines": "PH",
    "south korea": "KR",
    "korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "usa": "US",
    "united states": "US",
    "uk": "GB",
    "united kingdom": "GB",
    "kampuchea": "KH",
    "asean": REGIONAL_CODE,
    "asean/regional": REGIONAL_CODE,
    "regional": REGIONAL_CODE,
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return " ".join(text.replace("-", " ").replace(".", " ").split())


class CountryError(ValueError):
    """A country that cannot be recognised."""


def normalise_country(text: str, allow_regional: bool = False) -> str:
    """ISO alpha-2 code for a country as written: code (alpha-2/3) or English name.

    `ASEAN` (regional) is accepted only where ALLOW_REGIONAL (event locations).
    """
    key = _key(text)
    if not key:
        raise CountryError("no country given")
    code = _ALIASES.get(key)
    if code is None:
        found = None
        if len(key) == 2:
            found = pycountry.countries.get(alpha_2=key.upper())
        elif len(key) == 3:
            found = pycountry.countries.get(alpha_3=key.upper())
        if found is None:
            for candidate in pycountry.countries:
                names = {
                    candidate.name,
                    getattr(candidate, "common_name", ""),
                    getattr(candidate, "official_name", ""),
                }
                if key in {_key(name) for name in names if name}:
                    found = candidate
                    break
        if found is None:
            raise CountryError(f"{text!r} is not a country we know")
        code = found.alpha_2
    if code == REGIONAL_CODE and not allow_regional:
        raise CountryError(f"{text!r} is a region, not a country")
    return code


def all_countries() -> list[tuple[str, str, str]]:
    """(alpha-2, alpha-3, name) of every ISO 3166 country; ASEAN names as reports write them."""
    asean_names = {member.code: member.name for member in ASEAN_MEMBERS}
    rows = []
    for country in pycountry.countries:
        name = asean_names.get(country.alpha_2) or getattr(country, "common_name", country.name)
        rows.append((country.alpha_2, country.alpha_3, name))
    return rows
