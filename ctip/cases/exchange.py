"""Case data in and out of an agency: HTCDS 2.0 files, court systems' exports, Bloom-filter
encodings for counting victims across agencies, and victims' tables through disclosure
control (docs/cases-exchange.md).

Who may do what:
- import and export an agency's cases (HTCDS, court cases) and encode them for the count:
  the agency's case manager, and nobody else (not an administrator, not a MEL officer);
- victims' tables: MEL officers and administrators of the installation (every agency), a
  case manager (their agency's); only ever the suppressed aggregates, never a case row.

Imports are all-or-nothing (one transaction on the cases database; any problem and nothing is
written) and idempotent (keyed on the agency's case reference: a second import of one file
changes nothing). Every case read for an export or an encoding is in the read log.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import disclosure, htcds
from .router import CASES_DATABASE

NOT_YOURS = "only the agency's case manager may import or export its cases"
PPRL_FIELDS = ["first_name", "second_name", "birth_date", "gender", "citizenship"]


class ExchangeError(ValueError):
    """A file that cannot be imported: every problem, by row and column."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def managed_agency(user, code: str):
    """The agency CODE if USER is its case manager; PermissionDenied otherwise, the same for
    an agency that does not exist."""
    from .access import agencies_managed_by

    agency = agencies_managed_by(user).filter(code=code).first()
    if agency is None:
        raise PermissionDenied(NOT_YOURS)
    return agency


@dataclass
class ImportSummary:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    references: list[str] = field(default_factory=list)

    def line(self) -> str:
        return _("%(created)s cases added, %(changed)s changed, %(unchanged)s unchanged") % {
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }


# -- HTCDS ----------------------------------------------------------------------------------


def _case_values(row: htcds.HtcdsRow) -> tuple[dict, bool | None]:
    """(Case field values, consent to assistance or None) of one HTCDS row."""
    from .models import HTCDS_FIELDS

    values, consent = {}, None
    for name, value in row.values.items():
        target = HTCDS_FIELDS.get(name) or HTCDS_FIELDS.get(_template_spelling(name))
        if name == "con_Consent":
            consent = value
        elif target:
            values[target] = value
    return values, consent


def _template_spelling(name: str) -> str:
    key = htcds.name_key(name)
    return next((c.field for c in htcds.template_columns() if htcds.name_key(c.field) == key), name)


def do_import_htcds(agency, content: bytes, file_name: str, *, actor) -> ImportSummary:
    """The cases of an HTCDS template or XLSForm export into AGENCY: new references become
    cases, known ones are updated where a value differs; all or nothing."""
    try:
        parsed = htcds.read_file(content, file_name)
    except htcds.HtcdsError as error:
        raise ExchangeError(error.problems) from None
    return _write_cases(
        agency, [(r.number, r.reference, *_case_values(r)) for r in parsed.rows], actor
    )


def _write_cases(agency, rows, actor) -> ImportSummary:
    from .actions import do_create_case, do_record_consent, do_update_case
    from .models import IDENTIFYING_FIELDS, Case, ConsentPurpose

    summary = ImportSummary()
    problems = []
    with transaction.atomic(using=CASES_DATABASE):
        existing = {case.reference: case for case in Case.objects.filter(agency=agency)}
        for number, reference, values, consent in rows:
            try:
                case = existing.get(reference)
                if case is None:
                    case = do_create_case(agency, actor=actor, reference=reference, **values)
                    summary.created += 1
                    changed = None
                else:
                    if case.forgotten_at:  # forgotten stays forgotten: no name comes back
                        values = {k: v for k, v in values.items() if k not in IDENTIFYING_FIELDS}
                    changed = bool(do_update_case(case, actor=actor, **values))
                latest = _latest_assistance_consent(case)
                if consent is not None and (latest is None or latest.in_force != consent):
                    do_record_consent(
                        case, actor=actor, purpose=ConsentPurpose.ASSISTANCE, given=consent
                    )
                    if changed is not None:
                        changed = True
                if changed is not None:
                    summary.changed += changed
                    summary.unchanged += not changed
                summary.references.append(reference)
            except ValidationError as error:
                problems += [
                    _("row %(row)s (case %(reference)s): %(problem)s")
                    % {"row": number, "reference": reference, "problem": message}
                    for message in _messages(error)
                ]
        if problems:
            raise ExchangeError(problems)  # the transaction is rolled back: nothing written
    return summary


def _latest_assistance_consent(case):
    from .models import ConsentPurpose

    return (
        case.consents.filter(purpose=ConsentPurpose.ASSISTANCE).order_by("recorded_on", "id").last()
    )


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return list(error.messages)


def htcds_export(agency, *, actor) -> bytes:
    """AGENCY's cases as the HTCDS template (read log: every case, every field written)."""
    from .access import cases_for, record_case_read
    from .models import HTCDS_FIELDS

    cases = sorted(
        cases_for(actor).filter(agency=agency, forgotten_at__isnull=True),
        key=lambda case: _natural(case.reference),
    )
    rows = []
    for case in cases:
        values = {}
        for column in htcds.template_columns():
            target = HTCDS_FIELDS.get(column.field)
            if target:
                values[column.field] = getattr(case, target)
        consent = _latest_assistance_consent(case)
        if consent is not None:
            values["con_Consent"] = consent.in_force
        rows.append((case.reference, values))
    fields = sorted({target for target in HTCDS_FIELDS.values() if target})
    record_case_read(actor, cases, fields, via="export")
    return htcds.template_bytes(rows)


def _natural(reference: str):
    return (0, int(reference), "") if reference.isdigit() else (1, 0, reference)


# -- court cases ----------------------------------------------------------------------------

# The columns of a court system's export (csv or xlsx, one row per victim of a court case;
# docs/cases-exchange.md). Several values in one cell are separated by ";".
COURT_COLUMNS = {
    "court": True,
    "case_number": True,
    "judgment_date": False,
    "defendants": False,
    "victim_reference": True,
    "victim_first_name": False,
    "victim_family_name": False,
    "victim_birth_date": False,
    "victim_citizenship": False,
    "vulnerable_group": False,
    "gender": False,
    "disability": False,
    "form_of_exploitation": False,
    "support_received": False,
    "type_of_trafficking": False,
}


@dataclass
class CourtSummary:
    court_cases: int = 0
    victims: ImportSummary = field(default_factory=ImportSummary)

    def line(self) -> str:
        return _("%(court_cases)s court cases; victims: %(victims)s") % {
            "court_cases": self.court_cases,
            "victims": self.victims.line(),
        }


def _choice(choices, text: str) -> str:
    wanted = text.strip().casefold()
    for value, label in choices.choices:
        if wanted in (str(value).casefold(), str(label).casefold()):
            return value
    raise ValueError(
        _("“%(value)s” is not one of %(values)s")
        % {"value": text.strip(), "values": ", ".join(str(v) for v, _ in choices.choices)}
    )


def _court_value(name: str, text: str):
    from .models import Gender, Support, TypeOfExploitation, TypeOfTrafficking, VulnerableGroup

    several = [part for part in text.split(";") if part.strip()]
    if name == "vulnerable_group":
        return "vulnerable_groups", [_choice(VulnerableGroup, part) for part in several]
    if name == "support_received":
        return "support_received", [_choice(Support, part) for part in several]
    if name == "form_of_exploitation":
        return "type_of_exploitation", [_choice(TypeOfExploitation, part) for part in several]
    if name == "type_of_trafficking":
        return "type_of_trafficking", _choice(TypeOfTrafficking, text)
    if name == "gender":
        return "gender", _choice(Gender, text)
    if name == "disability":
        answer = text.strip().casefold()
        if answer not in ("yes", "no", "true", "false", "1", "0"):
            raise ValueError(_("“%(value)s” is not yes or no") % {"value": text.strip()})
        return "reported_disability", answer in ("yes", "true", "1")
    if name in ("victim_birth_date", "judgment_date"):
        return ("birth_date" if name == "victim_birth_date" else name), htcds.read_value(
            "prs_Birthdate", text
        )
    if name == "victim_citizenship":
        return "citizenship", htcds.read_value("prs_Citizenship", text)
    return {"victim_first_name": "first_name", "victim_family_name": "second_name"}.get(
        name, name
    ), text.strip()


def do_import_court_cases(agency, content: bytes, file_name: str, *, actor) -> CourtSummary:
    """A court system's export into AGENCY (the court): court cases keyed on their number,
    victims as the court's cases keyed on the victim reference, with the six indicators."""
    from ctip.imports.readers import UnreadableFile, read_sheet

    from .models import CourtCase

    try:
        sheet = read_sheet(content, file_name)
        rows = list(sheet.rows)
    except UnreadableFile as error:
        raise ExchangeError([str(error)]) from None
    header = [name.strip().casefold().replace(" ", "_") for name in sheet.header]
    problems = [
        _("row 1: no column %(column)s") % {"column": name}
        for name, required in COURT_COLUMNS.items()
        if required and name not in header
    ]
    unknown = [name for name in header if name and name not in COURT_COLUMNS]
    if unknown:
        problems.append(_("row 1: unknown columns %(columns)s") % {"columns": ", ".join(unknown)})
    if problems:
        raise ExchangeError(problems)
    court_cases: dict[str, dict] = {}
    victims: dict[str, tuple[int, dict]] = {}
    for number, cells in rows:
        cells = [str(c).strip() if c is not None else "" for c in cells]
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        if not any(row.values()):
            continue
        for name in COURT_COLUMNS:
            if COURT_COLUMNS[name] and not row.get(name):
                problems.append(
                    _("row %(row)s, column %(column)s: empty") % {"row": number, "column": name}
                )
        values = {}
        for name, text in row.items():
            if not text or name in ("court", "case_number", "defendants", "victim_reference"):
                continue
            try:
                target, value = _court_value(name, text)
            except ValueError as error:
                problems.append(
                    _("row %(row)s, column %(column)s: %(problem)s")
                    % {"row": number, "column": name, "problem": error}
                )
                continue
            values[target] = value
        judgment = values.pop("judgment_date", None)
        entry = court_cases.setdefault(
            row["case_number"],
            {"court": row["court"], "judgment_date": judgment, "defendants": [], "victims": []},
        )
        for defendant in row.get("defendants", "").split(";"):
            if defendant.strip() and defendant.strip() not in entry["defendants"]:
                entry["defendants"].append(defendant.strip())
        if row["victim_reference"]:
            entry["victims"].append(row["victim_reference"])
            victims[row["victim_reference"]] = (number, values)
    if problems:
        raise ExchangeError(problems)
    summary = CourtSummary()
    with transaction.atomic(using=CASES_DATABASE):
        summary.victims = _write_cases(
            agency, [(n, ref, values, None) for ref, (n, values) in victims.items()], actor
        )
        cases = {case.reference: case for case in agency.cases.all()}
        for case_number, entry in court_cases.items():
            court_case = CourtCase.objects.filter(agency=agency, case_number=case_number).first()
            wanted = {
                "court": entry["court"],
                "judgment_date": entry["judgment_date"],
                "defendants": "; ".join(entry["defendants"]),
            }
            if court_case is not None and court_case.forgotten_at:
                wanted["defendants"] = ""  # forgotten stays forgotten
            if court_case is None:
                court_case = CourtCase.objects.create(
                    agency=agency, case_number=case_number, **wanted
                )
                _court_change(actor, agency, "court case imported", wanted)
            elif any(getattr(court_case, k) != v for k, v in wanted.items()):
                changed = [k for k, v in wanted.items() if getattr(court_case, k) != v]
                for name, value in wanted.items():
                    setattr(court_case, name, value)
                court_case.save()
                _court_change(actor, agency, "court case changed", changed)
            linked = {case.pk for case in court_case.victims.all()}
            wanted_ids = {cases[ref].pk for ref in entry["victims"]}
            if linked != wanted_ids:
                court_case.victims.add(*(wanted_ids - linked))
            summary.court_cases += 1
    return summary


def _court_change(actor, agency, action: str, fields) -> None:
    from .models import CaseChange

    CaseChange.objects.create(
        agency=agency,
        user_id=getattr(actor, "pk", None),
        username=getattr(actor, "username", "") or "(cli)",
        action=action,
        fields=sorted(fields),
    )


# -- PPRL -----------------------------------------------------------------------------------


def pprl_encode(agency, secret: bytes, *, actor) -> dict:
    """AGENCY's cases encoded for the count across agencies (read log: the fields encoded)."""
    from . import pprl
    from .access import cases_for, record_case_read

    cases = list(cases_for(actor).filter(agency=agency, forgotten_at__isnull=True))
    records = [
        {
            "given": case.first_name,
            "family": case.second_name,
            "birth_date": case.birth_date,
            "sex": {"Feminine": "female", "Masculine": "male"}.get(case.gender, ""),
            "citizenship": case.citizenship,
        }
        for case in cases
    ]
    record_case_read(actor, cases, PPRL_FIELDS, via="pprl")
    return pprl.encode(records, secret, agency=agency.code, workers=2)


# -- victims' tables ------------------------------------------------------------------------


def may_see_victims_tables(user) -> bool:
    """MEL officers and administrators of the installation, and case managers."""
    from ctip.accounts.models import Membership, Role

    from .access import agencies_managed_by

    if not getattr(user, "is_active", False) or not getattr(user, "pk", None):
        return False
    if getattr(user, "is_superuser", False) or agencies_managed_by(user).exists():
        return True
    return Membership.objects.filter(
        user_id=user.pk, role__in=[Role.ADMINISTRATOR, Role.MEL_OFFICER]
    ).exists()


def _victims_of(agencies, on: datetime.date) -> list[dict]:
    """One dict per unique victim counted, with the tables' dimensions only. Only cases that
    may be counted (consent to statistics, or countable without consent where the law allows:
    actions.counts_in_statistics) take part; a victim held by several agencies is one victim
    (unique_victims: linked across agencies as `ctip cases pprl` does, inside the cases
    database, no name leaving it). A forgotten case still counts, anonymously, as forgetting
    promises (docs/cases.md): with no name left it is a victim of its own — so that neither
    forgetting nor retention makes published counts of earlier years shrink."""
    from .actions import counts_in_statistics
    from .models import Case

    cases = Case.objects.filter(agency__in=agencies)
    cases = cases.select_related("agency").prefetch_related("consents")
    countable = [
        case for case in cases.order_by("agency__code", "id") if counts_in_statistics(case)
    ]
    return [_victim(group, on) for group in unique_victims(countable)]


_SEXES = {"Feminine": "female", "Masculine": "male"}
_linkage_cache: dict[tuple, list] = {}


def unique_victims(cases: list) -> list[list]:
    """CASES grouped by the victim they stand for: cases of different agencies whose names,
    birth dates, sex and citizenship link (pprl.link_records: the Bloom-filter encodings and
    anonlink's solver of `ctip cases pprl count`, keyed with a secret derived from the hash
    key, made and compared in memory). An agency's own cases are one victim each, as in the
    count across agencies; a case without a name is a victim of its own."""
    import hashlib
    import hmac

    from . import pprl
    from .crypto import hash_keys

    by_agency: dict[int, list] = {}
    for case in cases:
        by_agency.setdefault(case.agency_id, []).append(case)
    if len(by_agency) < 2:
        return [[case] for case in cases]
    sets = list(by_agency.values())
    secret = hmac.new(
        hash_keys()[0].encode(), b"ctip.cases victims' tables: unique victims", hashlib.sha256
    ).digest()
    fingerprint = (
        hashlib.sha256(secret).hexdigest(),
        tuple((case.pk, case.updated_at.isoformat()) for group in sets for case in group),
    )
    groups = _linkage_cache.get(fingerprint)
    if groups is None:
        records = [[_linkage_record(case) for case in group] for group in sets]
        groups = pprl.link_records(records, secret)
        _linkage_cache.clear()  # one installation's latest linkage, in this process only
        _linkage_cache[fingerprint] = groups
    return [[sets[file][row] for file, row in group] for group in groups]


def _linkage_record(case) -> dict:
    return {
        "given": case.first_name,
        "family": case.second_name,
        "birth_date": case.birth_date,
        "sex": _SEXES.get(case.gender, ""),
        "citizenship": case.citizenship,
    }


def _victim(group: list, on: datetime.date) -> dict:
    """The dimensions of one victim from the cases that stand for them: the case furthest
    along the national referral mechanism first (its stage is the victim's stage), and for
    what it does not know, the next case that does."""
    from .models import STAGE_ORDER

    ordered = sorted(group, key=lambda case: -STAGE_ORDER.index(case.current_stage))

    def first(value_of, unknown):
        return next((value for case in ordered if (value := value_of(case))), unknown)

    def exploitation(case):
        forms = case.type_of_exploitation or []
        return forms[0] if len(forms) == 1 else ("Several" if forms else "")

    def age(case):
        found = disclosure.age_group(case.birth_date, on)
        return "" if found == disclosure.UNKNOWN else found

    return {
        "sex": first(lambda case: _SEXES.get(case.gender, ""), "other or not known"),
        "age_group": first(age, disclosure.UNKNOWN),
        "citizenship": first(lambda case: case.citizenship, disclosure.UNKNOWN),
        "exploitation": first(exploitation, disclosure.UNKNOWN),
        "stage": ordered[0].current_stage,
        "country": ordered[0].agency.country_code or disclosure.UNKNOWN,
        # the year the victim first came to an agency
        "year": str(min(case.opened_on for case in group).year),
    }


def victims_table(
    user,
    name: str,
    *,
    public: bool = False,
    threshold: int = disclosure.DEFAULT_THRESHOLD,
    on: datetime.date | None = None,
    narrowed: tuple[str, str] | None = None,
    method: str = "suppression",
    epsilon: float | None = None,
) -> disclosure.VictimsTable:
    """The table NAME of the victims USER may count (every agency for MEL officers and
    administrators, their own for a case manager), suppressed with the whole family of
    tables (disclosure.build_family: every table, unfiltered and NARROWED to each country
    and year, protected together), so that no filter and no other table gives a hidden
    cell back; every table given out is recorded (StatisticsRelease)."""
    from .models import StatisticsRelease

    if not may_see_victims_tables(user):
        raise PermissionDenied(
            "victims' tables are for MEL officers, administrators and case managers"
        )
    if name not in disclosure.TABLES:
        raise ValueError(f"no table {name!r}: {', '.join(disclosure.TABLES)}")
    if threshold < disclosure.DEFAULT_THRESHOLD:  # inside the program as much as in public
        raise ValueError(
            f"victims' tables hide cells under {disclosure.DEFAULT_THRESHOLD} at least"
        )
    if narrowed is not None and narrowed[0] not in disclosure.FILTERS:
        raise ValueError(f"no filter {narrowed[0]!r}: {', '.join(disclosure.FILTERS)}")
    if public and not _whole_installation(user):
        raise PermissionDenied("public tables are released by MEL officers and administrators")
    agencies = _agencies_counted(user)
    if method == StatisticsRelease.Method.DP:
        if epsilon is None:
            raise ValueError("a differentially private table needs its budget: --epsilon")
        victims = _victims_of(agencies, on or timezone.localdate())
        if narrowed is not None:
            kind, value = narrowed
            victims = [v for v in victims if (v.get(kind) or disclosure.UNKNOWN) == value]
        table = disclosure.build_dp_table(name, victims, epsilon)
    elif method == StatisticsRelease.Method.SUPPRESSION:
        if epsilon is not None:
            raise ValueError("--epsilon goes with --method dp")
        family = victims_family(agencies, threshold, on or timezone.localdate())
        table = family.table(name, narrowed)
    else:
        raise ValueError(f"no method {method!r}: suppression, dp")
    StatisticsRelease.objects.create(
        table=name,
        narrowed_to="=".join(narrowed) if narrowed else "",
        public=public,
        method=method,
        epsilon=table.epsilon,
        threshold=table.threshold,
        agencies=sorted(agency.code for agency in agencies),
        cells_shown=len(table.cells) - len(table.hidden),
        cells_hidden=len(table.hidden),
        released_by_id=user.pk,
        released_by=user.username,
    )
    return table


def victims_filters(user, on: datetime.date | None = None) -> dict[str, list[str]]:
    """The values each filter of the victims' tables takes for USER (countries, years)."""
    if not may_see_victims_tables(user):
        raise PermissionDenied(
            "victims' tables are for MEL officers, administrators and case managers"
        )
    family = victims_family(
        _agencies_counted(user), disclosure.DEFAULT_THRESHOLD, on or timezone.localdate()
    )
    return family.filter_values


def dp_budget_spent() -> float:
    """The privacy budget (epsilon) every differentially private release has spent so far:
    releases of the same victims add up (sequential composition)."""
    from django.db.models import Sum

    from .models import StatisticsRelease

    spent = StatisticsRelease.objects.filter(method=StatisticsRelease.Method.DP).aggregate(
        total=Sum("epsilon")
    )["total"]
    return float(spent or 0)


def _agencies_counted(user) -> list:
    """Every agency for MEL officers and administrators; a case manager's own."""
    from .access import agencies_managed_by
    from .models import Agency

    if _whole_installation(user):
        return list(Agency.objects.all())
    return list(agencies_managed_by(user))


_family_cache: dict[tuple, disclosure.TableFamily] = {}


def victims_family(agencies, threshold: int, on: datetime.date) -> disclosure.TableFamily:
    """The protected family of tables of AGENCIES' unique victims. Computed again only when
    the victims counted change (kept in this process, keyed by what they are counted as)."""
    victims = _victims_of(agencies, on)
    fingerprint = (
        threshold,
        tuple(sorted(tuple(sorted(victim.items())) for victim in victims)),
    )
    family = _family_cache.get(fingerprint)
    if family is None:
        family = disclosure.build_family(victims, threshold)
        if len(_family_cache) > 16:
            _family_cache.clear()
        _family_cache[fingerprint] = family
    return family


def _whole_installation(user) -> bool:
    from ctip.accounts.models import Membership, Role

    return (
        getattr(user, "is_superuser", False)
        or Membership.objects.filter(
            user_id=user.pk, role__in=[Role.ADMINISTRATOR, Role.MEL_OFFICER]
        ).exists()
    )
