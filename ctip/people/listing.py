"""The people list: one row per person (records linked by record linkage count once), sorted
as people read names, not by code points.

Records come from `ctip.accounts.access.people_for`, so a country officer lists only the
records they may see, and a person's row shows only those of their records. "A person" is
`ctip.linkage.queries.person_key`, the same definition every unique count uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ctip.accounts.access import attendances_for, people_for
from ctip.linkage.queries import person_key

from .models import Person, Sex


def name_sort_key(name: str) -> tuple[str, str, str]:
    """Alphabetical as a reader expects: letters before case and accents (adam, Ánh, Bao,
    Đào, Zoe), names in other scripts by their Latin transliteration (anyascii)."""
    from anyascii import anyascii

    folded = name.casefold()
    return (anyascii(folded).casefold(), folded, name)


@dataclass
class Record:
    id: int
    full_name: str
    romanised_name: str
    sex: str
    country: str
    country_name: str
    organisation: str

    @property
    def display_name(self) -> str:
        if self.romanised_name and self.romanised_name != self.full_name:
            return f"{self.full_name} ({self.romanised_name})"
        return self.full_name


@dataclass
class PersonRow:
    """One person: their records the user may see (the first is shown) and their events."""

    key: int
    records: list[Record] = field(default_factory=list)
    events: int = 0

    @property
    def shown(self) -> Record:
        return self.records[0]

    @property
    def linked(self) -> bool:
        return len(self.records) > 1

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
    a person is listed when any of their records matches the filters."""
    records = people_for(user)
    if program is not None:
        records = records.filter(program=program)
    values = records.annotate(key=person_key("")).values_list(
        "id",
        "key",
        "full_name",
        "romanised_name",
        "sex",
        "country_of_origin_id",
        "country_of_origin__name",
        "organisation__name",
    )
    people: dict[int, PersonRow] = {}
    for id_, key, full, romanised, sex, country, country_name, organisation in values.order_by(
        "id"
    ):
        row = people.setdefault(key, PersonRow(key))
        row.records.append(
            Record(
                id_,
                full,
                romanised or "",
                sex,
                country or "",
                country_name or "",
                organisation or "",
            )
        )
    rows = [row for row in people.values() if _matches(row, filters)]
    events = _event_counts(user, program) if rows else {}
    for row in rows:
        row.events = events.get(row.key, 0)
    rows.sort(key=lambda row: name_sort_key(row.shown.romanised_name or row.shown.full_name))
    return rows


def _event_counts(user, program) -> dict[int, int]:
    attendances = attendances_for(user)
    if program is not None:
        attendances = attendances.filter(event__program=program)
    return dict(
        attendances.values_list(person_key()).annotate(n=Count("event", distinct=True)).order_by()
    )


def _matches(row: PersonRow, filters: PeopleFilters) -> bool:
    if filters.linked and not row.linked:
        return False
    if filters.country and not any(r.country == filters.country for r in row.records):
        return False
    if filters.sex and not any(r.sex == filters.sex for r in row.records):
        return False
    if filters.q:
        needle = filters.q.casefold()
        return any(
            needle in r.full_name.casefold() or needle in r.romanised_name.casefold()
            for r in row.records
        )
    return True


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
