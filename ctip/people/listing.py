"""The people list: one row per person (records linked by record linkage count once), sorted
as people read names, not by code points.

Records come from `ctip.accounts.access.people_for`, so a country officer lists only the
records they may see, and a person's row shows only those of their records. "A person" is
`ctip.linkage.queries.person_key`, the same definition every unique count uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, Q

from ctip.accounts.access import attendances_for, people_for
from ctip.linkage.queries import person_key

from .models import Person, Sex


@functools.lru_cache(maxsize=100_000)
def name_sort_key(name: str) -> tuple[str, str, str]:
    """Alphabetical as a reader expects: letters before case and accents (adam, Ánh, Bao,
    Đào, Zoe), names in other scripts by their Latin transliteration (anyascii)."""
    from anyascii import anyascii

    folded = name.casefold()
    return (anyascii(folded).casefold(), folded, name)


class Record(NamedTuple):
    """One person record as the list needs it (a row of one query)."""

    id: int
    key: int
    full_name: str
    romanised_name: str | None
    sex: str
    country: str | None
    country_name: str | None
    organisation: str | None

    @property
    def display_name(self) -> str:
        if self.romanised_name and self.romanised_name != self.full_name:
            return f"{self.full_name} ({self.romanised_name})"
        return self.full_name


@dataclass
class PersonRow:
    """One person: the ids of their records the user may see (the first is shown), the name
    it is sorted by, then for the rows a page shows (`fill_page`) the records and events."""

    key: int
    ids: list[int] = field(default_factory=list)
    name: str = ""
    records: list[Record] = field(default_factory=list)
    events: int = 0

    @property
    def shown(self) -> Record:
        return self.records[0]

    @property
    def linked(self) -> bool:
        return len(self.ids) > 1

    @property
    def sex_display(self) -> str:
        return str(Sex(self.shown.sex).label) if self.shown.sex in Sex.values else ""

    @property
    def other_names(self) -> list[str]:
        """The names the person's other records carry, where they differ from the shown one."""
        seen = {self.shown.display_name}
        names = []
        for record in self.records[1:]:
            if record.display_name not in seen:
                seen.add(record.display_name)
                names.append(record.display_name)
        return names


@dataclass
class PeopleFilters:
    q: str = ""
    country: str = ""
    sex: str = ""
    linked: bool = False

    @classmethod
    def from_query(cls, query) -> PeopleFilters:
        return cls(
            q=query.get("q", "").strip(),
            country=query.get("country", "").strip().upper(),
            sex=query.get("sex", "").strip(),
            linked=query.get("linked") == "1",
        )

    @property
    def searching(self) -> bool:
        return bool(self.q or self.country or self.sex or self.linked)


def listed_people(user, filters: PeopleFilters, program=None) -> list[PersonRow]:
    """The people USER may see (in PROGRAM, if given), one row per person, sorted by name;
    a person is listed when any of their records matches the filters. `fill_page` then
    reads the records and events of the rows a page shows."""
    records = people_for(user)
    if program is not None:
        records = records.filter(program=program)
    records = records.annotate(key=person_key(""))
    matching = None
    condition = _condition(filters)
    if condition is not None:
        matching = set(records.filter(condition).values_list("key", flat=True))
    people: dict[int, PersonRow] = {}
    for id_, key, full_name, romanised_name in records.values_list(
        "id", "key", "full_name", "romanised_name"
    ).order_by("id"):
        if matching is not None and key not in matching:
            continue
        row = people.get(key)
        if row is None:
            row = people[key] = PersonRow(key, name=romanised_name or full_name)
        row.ids.append(id_)
    rows = [row for row in people.values() if row.linked or not filters.linked]
    rows.sort(key=lambda row: name_sort_key(row.name))
    return rows


def _condition(filters: PeopleFilters) -> Q | None:
    condition = Q()
    if filters.country:
        condition &= Q(country_of_origin_id=filters.country)
    if filters.sex:
        condition &= Q(sex=filters.sex)
    if filters.q:
        condition &= Q(full_name__icontains=filters.q) | Q(romanised_name__icontains=filters.q)
    return condition or None


def fill_page(user, rows: list[PersonRow]) -> None:
    """Read the records of ROWS (one query) and count each person's events as far as USER
    may see them (one more)."""
    ids = [id_ for row in rows for id_ in row.ids]
    found = {
        values[0]: Record._make(values)
        for values in people_for(user)
        .filter(pk__in=ids)
        .annotate(key=person_key(""))
        .values_list(
            "id",
            "key",
            "full_name",
            "romanised_name",
            "sex",
            "country_of_origin_id",
            "country_of_origin__name",
            "organisation__name",
        )
    }
    counts = dict(
        attendances_for(user)
        .filter(person_id__in=ids)
        .values_list(person_key())
        .annotate(n=Count("event", distinct=True))
        .order_by()
    )
    for row in rows:
        row.records = [found[id_] for id_ in row.ids if id_ in found]
        row.events = counts.get(row.key, 0)


def linked_records(user, person: Person) -> list[Person]:
    """PERSON and every record linked with it that USER may see, PERSON first."""
    cluster = Person.objects.filter(pk=person.pk).values_list(
        "cluster_member__cluster_id", flat=True
    )[0]
    if cluster is None:
        return [person]
    others = (
        people_for(user)
        .filter(Q(cluster_member__cluster_id=cluster) & ~Q(pk=person.pk))
        .select_related("country_of_origin", "organisation")
        .order_by("id")
    )
    return [person, *others]
