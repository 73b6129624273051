"""The organisation registry: every way an agency is written, mapped to one organisation.

A registry file is a csv a program maintains (a spreadsheet exports it), one organisation
a row:

    key,country,type,parent,name,acronym,aliases
    id-ma,ID,government-national,,Supreme Court of Indonesia,MA RI,Mahkamah Agung RI|MA

`key` names the row inside the file (parents refer to it); `country` is an ISO code (blank
for international and regional organisations); `type` one of Organisation.Type; `parent`
the key of the agency it belongs to; `aliases` separated by `|`, each optionally prefixed
by its language (`th:สำนักงานตำรวจแห่งชาติ`). The seed file for the region's common
agencies is ctip/organisations/data/registry.csv.

`Registry` is plain Python (no database) so the linkage model and its benchmarks use the
same lookup as the app: `Registry.seed()` from the seed file, `Registry.from_database()`
from the organisations and aliases a program has loaded.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii

from ctip.linkage.names import AMERICAN_SPELLINGS

SEED_FILE = Path(__file__).parent / "data" / "registry.csv"
COLUMNS = ("key", "country", "type", "parent", "name", "acronym", "aliases")
_LANGUAGE = re.compile(r"^([a-z]{2,3}):(?=\S)")


def written_key(text: str) -> str:
    """How a written organisation name is compared: script to Latin letters, case,
    punctuation and spacing ignored ("Mahkamah Agung R.I." = "mahkamah agung ri",
    "MA-RI" = "MA RI" = "mari"), a possessive written or not ("Lao Women's Union" = "Lao
    Women Union")."""
    latin = anyascii(text or "").lower().replace("&", " and ")
    latin = _POSSESSIVE.sub("", latin).replace("'", "")
    latin = _BRITISH.sub(lambda match: AMERICAN_SPELLINGS[match.group(0)], latin)
    return "".join(re.findall(r"[a-z0-9]+", latin))


_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b")
# one spelling of the words agencies' names are written both ways with ("Ministry of
# Labour" / "Labor", "International Organisation" / "Organization"), plurals too
_BRITISH = re.compile(r"\b(?:" + "|".join(AMERICAN_SPELLINGS) + r")")

# Words sheets shorten in an agency's name, and what they stand for.
_SHORT_WORDS = {
    "dept": "department",
    "dep": "department",
    "min": "ministry",
    "natl": "national",
    "nat'l": "national",
    "intl": "international",
    "int'l": "international",
    "govt": "government",
    "gov't": "government",
    "div": "division",
    "bur": "bureau",
    "admin": "administration",
    "dev": "development",
    "comm": "commission",
    "ctr": "center",
    "cntr": "center",
    "assn": "association",
    "org": "organisation",
    "prov": "provincial",
    "reg": "regional",
}
# The region's countries as sheets name them beside an agency ("NCCT Cambodia", "OAG
# Thailand"), and the country each names: the agency is that country's.
_COUNTRY_CODES = {
    "brunei darussalam": "BN", "brunei": "BN", "kingdom of cambodia": "KH", "cambodia": "KH",
    "republic of indonesia": "ID", "indonesia": "ID", "lao pdr": "LA", "laos": "LA",
    "lao": "LA", "malaysia": "MY", "myanmar": "MM", "burma": "MM", "philippines": "PH",
    "the philippines": "PH", "thailand": "TH", "viet nam": "VN", "vietnam": "VN",
    "singapore": "SG", "timor-leste": "TL",
}  # fmt: skip
_COUNTRY_NAME = re.compile(
    r"(?:^|[\s,(\-–—/]+)(?:"
    + "|".join(re.escape(word) for word in _COUNTRY_CODES)
    + r")\s*\)?\s*$",
    re.IGNORECASE,
)


def named_country(written: str) -> str:
    """The ISO code of the region's country WRITTEN names after an agency ("NCCT Cambodia",
    "Ministry of Justice, Cambodia", "OAG (Thailand)"), or ""."""
    match = _COUNTRY_NAME.search(" ".join((written or "").split()))
    if not match:
        return ""
    words = re.sub(r"^[\s,(\-–—/]+|\s*\)?\s*$", "", match.group(0)).casefold()
    return _COUNTRY_CODES.get(words, "")


_PARENTHESES = re.compile(r"\(([^()]*)\)")
_SEGMENTS = re.compile(r"\s+[-–—/|]\s*|\s*[-–—/|]\s+|(?<=[A-Z]{2})[-–—/](?=[A-Za-z])|,\s*")
# an acronym as sheets write it: capitals, perhaps a small letter between (MoJ, MoLSW)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")


def written_variants(written: str) -> list[str]:
    """Other ways to read WRITTEN when it is not a form the registry knows, likeliest first:
    a name with its acronym in brackets ("Department of Justice (DOJ)": both), short words
    written out ("Dept. of Justice"), the country's name left out ("NCCT Cambodia"), each
    part of a name joined by a dash or slash ("DOJ-IACAT": both), and an acronym leading a
    name of a unit or region ("DSWD Region VII")."""
    text = " ".join((written or "").split())
    variants: list[str] = []
    seen = {written_key(text)}

    def add(value: str) -> None:
        value = value.strip(" ,.-–—/")
        if value.count("(") != value.count(")"):
            value = value.strip("()")
        if value and written_key(value) not in seen:
            seen.add(written_key(value))
            variants.append(value)

    outside = _PARENTHESES.sub(" ", text)
    add(outside)
    for inside in _PARENTHESES.findall(text):
        add(inside)
    for value in list(variants) or [text]:
        add(_COUNTRY_NAME.sub("", value))
    for value in [text, *variants]:
        words = [_SHORT_WORDS.get(word.lower().rstrip("."), word) for word in value.split()]
        add(" ".join(words))
    for value in [text, *variants]:
        for segment in _SEGMENTS.split(value):
            add(segment)
    for value in [text, *variants]:
        first = value.split()[0] if value.split() else ""
        if _ACRONYM.match(first.rstrip(".,")):
            add(first)
    return variants


@dataclass(frozen=True)
class Entry:
    key: str
    country: str  # ISO code, "" for international and regional organisations
    type: str
    parent: str  # key of the parent agency, or ""
    name: str
    acronym: str
    aliases: tuple[tuple[str, str], ...] = field(default=())  # (language, alias)

    @property
    def written_forms(self) -> list[str]:
        return [self.name, self.acronym, *(alias for _, alias in self.aliases)]


class RegistryError(ValueError):
    """A registry file that cannot be read: the message names the row and column."""


def parse_aliases(cell: str) -> tuple[tuple[str, str], ...]:
    aliases = []
    for part in (cell or "").split("|"):
        part = part.strip()
        if not part:
            continue
        match = _LANGUAGE.match(part)
        aliases.append((match.group(1), part[match.end() :]) if match else ("", part))
    return tuple(aliases)


def read_registry_file(path, *, check_types: bool = True) -> list[Entry]:
    """The entries of a registry csv; RegistryError names the row and column of a fault.
    CHECK_TYPES against Organisation.Type (needs Django; the linkage model reads the seed
    file without it)."""
    types = None
    if check_types:
        from ctip.organisations.models import Organisation

        types = set(Organisation.Type.values)
    with open(path, encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        header = reader.fieldnames or []
        missing = [column for column in ("key", "name", "type") if column not in header]
        if missing:
            raise RegistryError(f"the file has no column {', '.join(missing)} (row 1)")
        entries, keys = [], set()
        for number, row in enumerate(reader, start=2):
            cells = {column: (row.get(column) or "").strip() for column in COLUMNS}
            for column in ("key", "name", "type"):
                if not cells[column]:
                    raise RegistryError(f"row {number}, column {column}: empty")
            if types is not None and cells["type"] not in types:
                raise RegistryError(
                    f"row {number}, column type: {cells['type']!r} is not one of "
                    f"{', '.join(sorted(types))}"
                )
            if cells["key"] in keys:
                raise RegistryError(f"row {number}, column key: {cells['key']!r} twice")
            keys.add(cells["key"])
            entries.append(
                Entry(
                    cells["key"],
                    cells["country"].upper(),
                    cells["type"],
                    cells["parent"],
                    cells["name"],
                    cells["acronym"],
                    parse_aliases(cells["aliases"]),
                )
            )
    for number, entry in enumerate(entries, start=2):
        if entry.parent and entry.parent not in keys:
            raise RegistryError(f"row {number}, column parent: no organisation {entry.parent!r}")
    return entries


class Registry:
    """Written forms → organisation keys, by country. `match` finds the organisation a
    sheet means; `root` its top agency (itself when it has no parent)."""

    def __init__(self, entries: list[Entry]):
        self.entries = {entry.key: entry for entry in entries}
        self._by_form: dict[str, list[Entry]] = {}
        for entry in entries:
            for form in {written_key(text) for text in entry.written_forms} - {""}:
                self._by_form.setdefault(form, []).append(entry)

    @classmethod
    @functools.cache
    def seed(cls) -> Registry:
        return cls(read_registry_file(SEED_FILE, check_types=False))

    @classmethod
    def from_database(cls) -> Registry:
        """The organisations a program has, keyed by their id, with their aliases."""
        from ctip.organisations.models import Organisation, OrganisationAlias

        aliases: dict[int, list[tuple[str, str]]] = {}
        for organisation_id, alias, language in OrganisationAlias.objects.values_list(
            "organisation_id", "alias", "language"
        ):
            aliases.setdefault(organisation_id, []).append((language, alias))
        return cls(
            [
                Entry(
                    str(pk),
                    country or "",
                    kind,
                    str(parent) if parent else "",
                    name,
                    acronym,
                    tuple(aliases.get(pk, ())),
                )
                for pk, country, kind, parent, name, acronym in Organisation.objects.values_list(
                    "pk", "country_id", "type", "parent_id", "name", "acronym"
                )
            ]
        )

    def match(self, written: str, country: str = "", *, exactly: bool = False) -> str | None:
        """The key of the organisation WRITTEN means, or None when it is unknown or
        ambiguous (one in COUNTRY wins; "MOJ" alone, with no country, is ambiguous). A
        form the registry does not know is read other ways (written_variants): where
        those that name an agency name one, or one and the agency it belongs to, that
        one ("DOJ-IACAT" is the IACAT, "Department of Justice (DOJ)" the DOJ); where they
        name two unrelated agencies, none. EXACTLY: the forms the registry knows alone
        (loading a registry: "PNP-WCPC" is WCPC's form, not a reading of the PNP)."""
        key = self._match_form(written, country)
        if key is not None or not written or exactly:
            return key
        # a country the form names ("MOJ Cambodia", "OAG (Thailand)") is the agency's
        country = named_country(written) or country
        found: list[str] = []
        for variant in written_variants(written):
            key = self._match_form(variant, country)
            if key is not None and key not in found:
                found.append(key)
        if not found:
            return None
        deepest = max(found, key=lambda key: len(self._ancestors(key)))
        chain = self._ancestors(deepest)
        return deepest if all(key in chain for key in found) else None

    def _ancestors(self, key: str) -> list[str]:
        """KEY and the agencies above it, nearest first."""
        chain = [key]
        while self.entries.get(chain[-1]) and self.entries[chain[-1]].parent:
            parent = self.entries[chain[-1]].parent
            if parent in chain:
                break
            chain.append(parent)
        return chain

    def _match_form(self, written: str, country: str) -> str | None:
        candidates = self._by_form.get(written_key(written), [])
        if country:  # an agency of another country is not the one meant
            candidates = [entry for entry in candidates if entry.country in (country, "")]
        if len(candidates) > 1:
            local = [entry for entry in candidates if entry.country == (country or "")]
            candidates = local or [entry for entry in candidates if not entry.country]
        return candidates[0].key if len(candidates) == 1 else None

    def root(self, key: str | None) -> str | None:
        seen = set()
        while key and key in self.entries and self.entries[key].parent and key not in seen:
            seen.add(key)
            key = self.entries[key].parent
        return key
