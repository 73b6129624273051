"""Writes to the organisation register: loading a registry file, merging two organisations
that are one agency written two ways."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .models import Organisation, OrganisationAlias
from .registry import Entry, Registry, RegistryError, written_key


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    aliases_added: int = 0

    def lines(self) -> list[str]:
        return [
            f"organisations: {self.created} added, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.aliases_added} aliases added"
        ]


def _find_existing(entry: Entry, registry: Registry) -> Organisation | None:
    """The organisation already recorded for ENTRY: by name in its country, else by any of
    its written forms (an import may have created "MOJ" before the registry was loaded)."""
    country = entry.country or None
    found = Organisation.objects.filter(name=entry.name, country_id=country).first()
    if found:
        return found
    for form in entry.written_forms:
        key = registry.match(form, entry.country, exactly=True) if form else None
        if key:
            return Organisation.objects.get(pk=int(key))
    return None


@transaction.atomic
def do_load_organisations(entries: list[Entry], actor=None) -> LoadReport:
    """Add or update the organisations of a registry file, with parents and aliases.
    All or nothing; loading the same file twice changes nothing. Nothing is deleted."""
    from ctip.countries.models import Country

    known_countries = set(Country.objects.values_list("pk", flat=True))
    for number, entry in enumerate(entries, start=2):
        if entry.country and entry.country not in known_countries:
            raise RegistryError(f"row {number}, column country: no country {entry.country!r}")
    report = LoadReport()
    by_key: dict[str, Organisation] = {}
    for entry in entries:
        registry = Registry.from_database()
        organisation = _find_existing(entry, registry)
        if organisation is None:
            organisation = Organisation.objects.create(
                name=entry.name,
                acronym=entry.acronym,
                type=entry.type,
                country_id=entry.country or None,
            )
            report.created += 1
        else:
            changed = False
            if organisation.name != entry.name:
                # the registry's name becomes the name; the one written before an alias
                _add_alias(organisation, organisation.name, "", report)
                organisation.name, changed = entry.name, True
            if entry.acronym and organisation.acronym != entry.acronym:
                if organisation.acronym:
                    _add_alias(organisation, organisation.acronym, "", report)
                organisation.acronym, changed = entry.acronym, True
            if changed:
                organisation.save()
                report.updated += 1
            else:
                report.unchanged += 1
        by_key[entry.key] = organisation
        for language, alias in entry.aliases:
            _add_alias(organisation, alias, language, report)
    for entry in entries:
        organisation = by_key[entry.key]
        parent = by_key[entry.parent] if entry.parent else None
        if parent is not None and organisation.parent_id != parent.pk:
            organisation.parent = parent
            organisation.save(update_fields=["parent"])
    return report


def _add_alias(organisation: Organisation, alias: str, language: str, report: LoadReport) -> None:
    alias = alias.strip()[:300]
    if not alias or written_key(alias) in {
        written_key(organisation.name),
        written_key(organisation.acronym),
    }:
        return
    _, created = OrganisationAlias.objects.get_or_create(
        organisation=organisation, alias=alias, defaults={"language": language}
    )
    report.aliases_added += int(created)


@dataclass(frozen=True)
class MergeProposal:
    keep: Organisation
    drop: Organisation
    why: str
    people: dict = field(default_factory=dict, compare=False)


def initials(name: str) -> str:
    """The acronym a name of three or more words makes, its small words left out ("Lembaga
    Perlindungan Saksi dan Korban" LPSK, "Department of Labour Protection and Welfare"
    DLPW), as the linkage model derives it (names.organisation_keys); "" for a shorter
    name, whose initials would be shared by too many."""
    from ctip.linkage.names import organisation_keys

    full, derived = organisation_keys(name)
    return derived if full and derived and len(derived) >= 3 else ""


def organisation_merge_proposals() -> list[MergeProposal]:
    """Organisations that look like one agency written two ways, for a reviewer: one
    written as the other's acronym, alias or initials ("MOJ" beside "Ministry of Justice"
    in Cambodia, "LPSK" beside "Lembaga Perlindungan Saksi dan Korban" where the registry
    knows neither), or the registry files both under one organisation. The one with the
    registry's full name (or more records) is proposed to be kept."""
    from django.db.models import Count

    organisations = list(
        Organisation.objects.annotate(records=Count("person", distinct=True)).order_by("pk")
    )
    seed = Registry.seed()
    forms: dict[tuple[str, str], list[Organisation]] = {}
    for organisation in organisations:
        country = organisation.country_id or ""
        key = seed.match(organisation.name, country) or (
            seed.match(organisation.acronym, country) if organisation.acronym else None
        )
        keys = {f"seed:{key}"} if key else set()
        for text in (organisation.name, organisation.acronym, initials(organisation.name)):
            if text:
                keys.add(f"form:{written_key(text)}")
        for alias in organisation.aliases.all():
            keys.add(f"form:{written_key(alias.alias)}")
        for key in keys:
            forms.setdefault((country, key), []).append(organisation)
    from .models import OrganisationsApart

    proposals = []
    seen = {
        tuple(sorted(pair)) for pair in OrganisationsApart.objects.values_list("first", "second")
    }
    for (_country, key), group in sorted(forms.items(), key=lambda item: item[0]):
        if len(group) < 2:
            continue
        group = sorted(group, key=lambda o: (-len(o.name.split()), -o.records, o.pk))
        keep = group[0]
        for other in group[1:]:
            pair = tuple(sorted((keep.pk, other.pk)))
            if pair in seen:
                continue
            seen.add(pair)
            why = (
                "the registry files both under one agency"
                if key.startswith("seed:")
                else f'both are written "{key[5:]}"'
            )
            proposals.append(MergeProposal(keep, other, why))
    return proposals


@transaction.atomic
def do_merge_organisations(keep: Organisation, drop: Organisation, actor=None) -> dict:
    """DROP is KEEP written another way: every record, attendance, event and partnership
    that names DROP names KEEP instead; DROP's name and acronym become KEEP's aliases (so
    the next import of either finds KEEP), and DROP is deleted. Returns what moved."""
    from ctip.events.models import Event
    from ctip.partnerships.models import CountryPartnership
    from ctip.people.models import Attendance, Person

    if keep.pk == drop.pk:
        raise ValueError("an organisation cannot be merged into itself")
    moved = {
        "records": Person.objects.filter(organisation=drop).update(organisation=keep),
        "attendances": Attendance.objects.filter(organisation=drop).update(organisation=keep),
        "events_led": Event.objects.filter(lead_partner=drop).update(lead_partner=keep),
        "focal_points": CountryPartnership.objects.filter(focal_point=drop).update(
            focal_point=keep
        ),
    }
    for event in Event.objects.filter(co_organisers=drop):
        event.co_organisers.remove(drop)
        event.co_organisers.add(keep)
    for partnership in CountryPartnership.objects.filter(key_partners=drop):
        partnership.key_partners.remove(drop)
        partnership.key_partners.add(keep)
    Organisation.objects.filter(parent=drop).update(parent=keep)
    report = LoadReport()
    for alias in [drop.name, drop.acronym, *drop.aliases.values_list("alias", flat=True)]:
        _add_alias(keep, alias, "", report)
    drop.delete()
    return moved


def organisation_identities() -> dict[int, tuple[str, str]]:
    """For each organisation id, (the organisation it is counted as, its top agency), as
    the linkage model compares them: an organisation proposed for merging with another
    (one agency written two ways) already counts as that one before a reviewer merges."""
    same_as: dict[int, int] = {}
    for proposal in organisation_merge_proposals():
        same_as.setdefault(proposal.drop.pk, proposal.keep.pk)
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))

    def counted_as(pk: int) -> int:
        seen = set()
        while pk in same_as and pk not in seen:
            seen.add(pk)
            pk = same_as[pk]
        return pk

    def top(pk: int) -> int:
        seen = set()
        while parents.get(pk) and pk not in seen:
            seen.add(pk)
            pk = counted_as(parents[pk])
        return pk

    return {pk: (str(counted_as(pk)), str(top(counted_as(pk)))) for pk in parents}


@transaction.atomic
def do_keep_organisations_apart(first: Organisation, second: Organisation, actor=None) -> None:
    """A reviewer says FIRST and SECOND are different agencies: never proposed again."""
    from .models import OrganisationsApart

    if first.pk == second.pk:
        raise ValueError("an organisation cannot be kept apart from itself")
    low, high = sorted((first, second), key=lambda organisation: organisation.pk)
    OrganisationsApart.objects.get_or_create(first=low, second=high)
