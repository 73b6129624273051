"""Attendance sheets: one row per person at an event.

Keys (docs/imports.md, "Idempotency"):
- an attendance is its event and the name as written on the sheet, compared without regard
  to case, spacing or Unicode form; a row whose event and name are already recorded updates
  that attendance and its person in place;
- a new attendance's person is an existing person of the program with the same name and the
  same e-mail or phone (among those the importer may see), or a new person; record linkage
  (counting people once) links the rest later.

Sheets run to tens of thousands of rows, so everything is read in a few queries and written
with bulk_create/bulk_update; the Recorder audits the bulk writes."""

from __future__ import annotations

import contextlib
import gc
import operator
import struct
import zlib

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ctip.accounts.access import people_for
from ctip.lib import normalise
from ctip.lib.names import romanise
from ctip.organisations.models import Organisation, OrganisationAlias
from ctip.people.models import WG_DOMAINS, Attendance, Difficulty, Person
from ctip.reports.participation import NewAttendanceCounts, refresh_participation

from ..bulk import Inserter
from ..permissions import importable_events
from .base import INVALID, Column, Context, ImportSource, Plan, RowResult, RowStatus

OPD = "opd"
ORGANISATION_TYPES = normalise.choice_table(
    [*Organisation.Type.values, OPD],
    {
        "government": "government-national",
        "national government": "government-national",
        "subnational government": "government-subnational",
        "local government": "government-subnational",
        "ngo": "ngo-cso",
        "cso": "ngo-cso",
        "ngo/cso": "ngo-cso",
        "international": "international-organisation",
        "international organization": "international-organisation",
        "regional": "regional-organisation",
        "regional organization": "regional-organisation",
        "private": "private-sector",
        "business": "private-sector",
        "academia": "academic",
        "university": "academic",
        "organisation of people with disability": OPD,
        "organization of persons with disabilities": OPD,
        "dpo": OPD,
    },
)
ROLES = normalise.choice_table(
    Attendance.Role.values,
    {
        "attendee": "participant",
        "resource person": "speaker",
        "presenter": "speaker",
        "moderator": "facilitator",
        "trainer": "facilitator",
        "organizer": "organiser",
        "staff": "program-staff",
        "program staff": "program-staff",
        "programme staff": "program-staff",
        "donor": "donor-staff",
    },
)
# The Washington Group Short Set, as the web form and the XLSForm ask it.
WG_COLUMNS = tuple(f"wg_{domain}" for domain in WG_DOMAINS)
DIFFICULTIES = normalise.choice_table(
    Difficulty.values,
    {
        "no difficulty": "none",
        "no": "none",
        "some difficulty": "some",
        "yes, some difficulty": "some",
        "a lot of difficulty": "a-lot",
        "yes, a lot of difficulty": "a-lot",
        "a lot": "a-lot",
        "cannot do at all": "cannot",
        "cannot do": "cannot",
    },
)
PERSON_FIELDS = (
    "full_name",
    "romanised_name",
    "sex",
    "country_of_origin_id",
    "organisation_id",
    "position",
    "email",
    "phone",
    "disability_self_identified",
    *WG_COLUMNS,
)
ATTENDANCE_FIELDS = ("role", "organisation_id", "position", "name_as_written")
COLUMN_OF_FIELD = {
    "full_name": "full_name",
    "romanised_name": "name_latin",
    "sex": "sex",
    "country_of_origin_id": "country_of_origin",
    "organisation_id": "organisation",
    "position": "position",
    "email": "email",
    "phone": "phone",
    "disability_self_identified": "disability",
    **{column: column for column in WG_COLUMNS},
    "role": "role",
    "name_as_written": "full_name",
}
BLANK = (None, "", "not-specified")
AUDITED_ORGANISATION_FIELDS = [
    ("name", "name"),
    ("type", "type"),
    ("is_opd", "is_opd"),
    ("country", "country_id"),
]
CHUNK = 2000
NOBODY = 0  # the last person's pk when there are no people
BATCH_ROWS = 2000  # rows checked (and written) at a time
RESULTS_KEPT = 1000  # rows described in the plan (the preview shows 500); all are counted
PERSON_INDEX = {name: index for index, name in enumerate(PERSON_FIELDS)}
# A new person's row as the inserter takes it: the row's fields in PERSON_FIELDS' order, the
# organisation (found or new) in its place.
_PERSON_FIELDS_BEFORE_ORGANISATION = operator.itemgetter(
    *PERSON_FIELDS[: PERSON_INDEX["organisation_id"]]
)
_PERSON_FIELDS_AFTER_ORGANISATION = operator.itemgetter(
    *PERSON_FIELDS[PERSON_INDEX["organisation_id"] + 1 :]
)
ATTENDANCE_COLUMNS = ("event_id", "person_id", "organisation_id", "role", "position",
                      "name_as_written")  # fmt: skip
ROLE = gettext_lazy("a role")
DIFFICULTY = gettext_lazy("an answer to this question (none, some, a-lot, cannot)")
ORGANISATION_TYPE = gettext_lazy("an organisation type")


class _Row:
    __slots__ = (
        "number",
        "event",
        "code",
        "key",
        "person",
        "attendance",
        "organisation",
        "organisation_name",
        "consent_version",
    )


class AttendanceSource(ImportSource):
    kind = "attendance"
    streams = True
    label = _("Attendance")
    columns = (
        Column("event_id", True, ("event id", "event", "event code", "activity id")),
        Column(
            "full_name",
            True,
            (
                "name",
                "full name",
                "participant name",
                "participant",
                "name of participant",
                "participant's name",
                "participants name",
            ),
        ),  # fmt: skip
        Column("name_latin", False, ("romanised name", "romanized name", "name in latin script")),
        Column("sex", False, ("gender", "sex/gender"), ("female", "male", "other")),
        Column("country_of_origin", False, ("country", "nationality", "country of origin")),
        Column(
            "organisation",
            False,
            (
                "organization",
                "agency",
                "institution",
                "agency/office",
                "name of agency",
                "organisation name",
                "organization name",
                "ministry/agency",
                "office/agency",
            ),
        ),  # fmt: skip
        Column(
            "organisation_type",
            False,
            ("organization type", "organisation type", "type of organisation", "stakeholder type"),
            (*Organisation.Type.values, OPD),
        ),
        Column(
            "position",
            False,
            (
                "job title",
                "designation",
                "position/title",
                "rank/position",
                "position/designation",
                "designation/position",
                "position/rank",
            ),
        ),  # fmt: skip
        Column("email", False, ("e-mail", "email address", "e-mail address"), xlsform_type="text"),
        Column(
            "phone",
            False,
            (
                "telephone",
                "mobile",
                "phone number",
                "tel",
                "mobile no",
                "mobile number",
                "contact no",
                "contact number",
                "phone no",
                "cellphone",
                "cell phone",
                "cellphone no",
                "cp no",
                "no hp",
                "nomor hp",
                "telephone no",
            ),
        ),  # fmt: skip
        Column(
            "disability", False, ("person with disability", "pwd", "has disability"), ("yes", "no")
        ),
        *(Column(column, False, (), tuple(Difficulty.values)) for column in WG_COLUMNS),
        Column("role", False, ("participant type", "attendee role"), tuple(Attendance.Role.values)),
        Column("consent", False, ("consent given", "consents", "agreed"), ("yes", "no")),
    )

    def check_columns(self, present: set[str], ctx: Context) -> None:
        super().check_columns(present, ctx)
        if "consent" not in present and not ctx.consent_version:
            ctx.error(
                _(
                    "say whether these people agreed to the use of their data: add a "
                    '"consent" column (yes or no), or confirm that consent was collected on '
                    "paper (the consent version)"
                )
            )

    def plan(self, rows, ctx: Context, recorder=None) -> Plan:
        """Check ROWS (an iterable of (row number, values)) a batch at a time; with RECORDER,
        write each batch once it is checked (see ImportSource.streams)."""
        with _without_garbage_collection():
            run = _Run(self, ctx, recorder)
            batch: list[tuple[int, dict]] = []
            for number_and_cells in rows:
                batch.append(number_and_cells)
                if len(batch) == BATCH_ROWS:
                    run.batch(batch)
                    batch = []
            if batch:
                run.batch(batch)
            return run.finish()

    def _read(self, number, cells, ctx, events, organisations, left_out, left_out_rows):
        errors_before = len(ctx.errors)
        code = normalise.text(cells.get("event_id"))
        event = events.get(code)
        if not code:
            ctx.error(_("an event ID is needed"), number, "event_id")
        elif event is None:
            ctx.error(
                _('"%(value)s" is not an event of this program that you may import for')
                % {"value": code},
                number,
                "event_id",
            )
        consent = ctx.read_coded(
            number, "consent", normalise.normalise_consent, cells.get("consent")
        )
        if consent is False or (consent is None and not ctx.consent_version):
            # No consent: nothing personal is kept; the row only counts on the import record.
            if event is not None:
                left_out[code] = left_out.get(code, 0) + 1
                name = normalise.text(cells.get("full_name"))
                left_out_rows.append((number, event, code, normalise.person_name_key(name)))
            return None
        name = normalise.text(cells.get("full_name"))
        if not name:
            ctx.error(_("a name is needed"), number, "full_name")
        sex = ctx.read_coded(number, "sex", normalise.normalise_sex, cells.get("sex"))
        country = ctx.read_coded(
            number, "country_of_origin", normalise.normalise_country, cells.get("country_of_origin")
        )
        email = ctx.read(number, "email", normalise.normalise_email, cells.get("email"))
        disability = ctx.read_coded(
            number, "disability", normalise.normalise_yes_no, cells.get("disability")
        )
        difficulties = {
            column: ctx.read_coded(
                number,
                column,
                normalise.normalise_choice,
                cells.get(column),
                choices=DIFFICULTIES,
                what=DIFFICULTY,
                default="-",
            )
            for column in WG_COLUMNS
            if column in ctx.present
        }
        role = ctx.read_coded(
            number,
            "role",
            normalise.normalise_choice,
            cells.get("role"),
            choices=ROLES,
            what=ROLE,
            default=Attendance.Role.PARTICIPANT,
        )
        organisation = None
        organisation_name = normalise.text(cells.get("organisation"))
        organisation_type = normalise.text(cells.get("organisation_type"))
        if organisation_type:
            organisation_type = ctx.read_coded(
                number,
                "organisation_type",
                normalise.normalise_choice,
                organisation_type,
                choices=ORGANISATION_TYPES,
                what=ORGANISATION_TYPE,
            )
        if organisation_name and organisation_type is not INVALID and country is not INVALID:
            organisation = organisations.find(
                organisation_name, organisation_type, country, number, ctx, event=event
            )
        elif organisation_type and organisation_type is not INVALID and not organisation_name:
            ctx.error(_("an organisation type without an organisation"), number, "organisation")
        if len(ctx.errors) > errors_before:
            return None
        position = normalise.text(cells.get("position"))[:200]
        row = _Row()
        row.number = number
        row.event = event
        row.code = code
        row.key = normalise.person_name_key(name)
        row.organisation = organisation
        row.organisation_name = organisation_name if organisation is not None else ""
        # The attestation stands only for rows that do not answer for themselves.
        row.consent_version = "sheet" if consent is True else ctx.consent_version
        row.person = {
            "full_name": name[:200],
            "romanised_name": (normalise.text(cells.get("name_latin")) or romanise(name))[:200],
            "sex": sex,
            "country_of_origin_id": country,
            "position": position,
            "email": email,
            "phone": normalise.text(cells.get("phone"))[:40],
            "disability_self_identified": disability,
            **{column: "" for column in WG_COLUMNS},
            **{column: "" if value == "-" else value for column, value in difficulties.items()},
        }
        row.attendance = {"role": role, "position": position, "name_as_written": name[:200]}
        return row

    def _existing_attendances(self, event_pks) -> dict:
        """(event pk, name key) → [(attendance pk, person pk, person fields, attendance
        fields)]: one, or several people of one name at one event (namesakes)."""
        person_columns = [f"person__{name}" for name in PERSON_FIELDS]
        existing = {}
        for values in Attendance.objects.filter(event_id__in=event_pks).values_list(
            "pk", "event_id", "person_id", *ATTENDANCE_FIELDS, *person_columns
        ):
            attendance = dict(zip(ATTENDANCE_FIELDS, values[3:7], strict=True))
            person = dict(zip(PERSON_FIELDS, values[7:], strict=True))
            key = (values[1], normalise.person_name_key(attendance["name_as_written"]))
            existing.setdefault(key, []).append((values[0], values[2], person, attendance))
        return existing

    def _known_contacts(self, ctx: Context, parsed: list[_Row], before_pk=None) -> dict:
        """(name key, e-mail or phone) → (person pk, fields) for people the importer may see
        (and, with BEFORE_PK, who were recorded before this import began)."""
        if before_pk == NOBODY:
            return {}  # the database had no people when the import began
        emails = {row.person["email"] for row in parsed if row.person["email"]}
        phones = {row.person["phone"] for row in parsed if row.person["phone"]}
        if not emails and not phones:
            return {}
        people = (
            people_for(ctx.actor)
            .filter(program=ctx.program)
            .filter(Q(email__in=emails) | Q(phone__in=phones))
            .values_list("pk", *PERSON_FIELDS)
        )
        if before_pk is not None:
            people = people.filter(pk__lte=before_pk)
        contacts = {}
        for values in people.iterator(chunk_size=CHUNK):
            fields = dict(zip(PERSON_FIELDS, values[1:], strict=True))
            key = normalise.person_name_key(fields["full_name"])
            if fields["email"] in emails:
                contacts.setdefault((key, fields["email"]), (values[0], fields))
            if fields["phone"] in phones:
                contacts.setdefault((key, fields["phone"]), (values[0], fields))
        return contacts

    def _person_change(
        self, person_pk, old, row: _Row, people_changes, updatable, *, fill_only: bool
    ) -> list[str]:
        delta = _delta(old, row.person, row.organisation, updatable, fill_only=fill_only)
        if delta:
            change = people_changes.setdefault(person_pk, [{}, {}])
            for name, value in delta.items():
                change[0].setdefault(name, old[name])
                change[1][name] = value
        return list(delta)

    def apply(self, plan: Plan, ctx: Context, recorder) -> None:
        """Nothing left to write: plan() wrote each batch (this source streams)."""


@contextlib.contextmanager
def _without_garbage_collection():
    """An import makes millions of small dicts and tuples and no reference cycles: Python's
    cycle collector would scan the growing heap again and again (a quarter of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_AMBIGUOUS = object()


def told_apart(person: dict, organisation) -> tuple:
    """What tells two people of one name at one event apart: e-mail, phone, organisation
    (ORGANISATION: its key, _organisation_key) and position — each compared only where
    both wrote it."""
    return (
        person["email"].casefold(),
        "".join(character for character in person["phone"] if character.isdigit())[-9:],
        organisation,
        " ".join(person["position"].casefold().split()),
    )


def _may_be_one(mine: tuple, theirs: tuple) -> bool:
    """Nothing written on both says two people (told_apart)."""
    return all(not a or not b or a == b for a, b in zip(mine, theirs, strict=True))


def _packed(number: int, told: tuple) -> int | bytes:
    """Row NUMBER and what tells its person apart (told_apart()), in a few bytes an import
    keeps for every row until its end: the number alone where nothing is written, else the
    number and a checksum of each field (0 for a blank)."""
    if not any(told):
        return number
    return struct.pack(
        "<5I", number, *((zlib.crc32(str(value).encode()) or 1) if value else 0 for value in told)
    )


def _row_of(packed) -> int:
    return packed if isinstance(packed, int) else struct.unpack_from("<I", packed)[0]


def _may_be_one_packed(mine, theirs) -> bool:
    if isinstance(mine, int) or isinstance(theirs, int):
        return True  # nothing written on one of them
    return _may_be_one(struct.unpack("<5I", mine)[1:], struct.unpack("<5I", theirs)[1:])


def _organisation_key(organisation):
    """An organisation as told_apart() compares it: its pk, or the new one itself."""
    if organisation is None:
        return None
    return _organisation_pk(organisation) or id(organisation)


def _shown(row: _Row) -> dict[str, str]:
    """What the row will write, by column, as the preview shows it (blank columns left out)."""
    values = {
        "full_name": row.person["full_name"],
        "name_latin": row.person["romanised_name"],
        "sex": row.person["sex"],
        "country_of_origin": row.person["country_of_origin_id"] or "",
        "organisation": row.organisation_name,
        "position": row.person["position"],
        "email": row.person["email"],
        "phone": row.person["phone"],
        "disability": {True: "yes", False: "no"}.get(row.person["disability_self_identified"], ""),
        **{column: row.person[column] for column in WG_COLUMNS},
        "role": row.attendance["role"],
    }
    return {column: value for column, value in values.items() if value}


def _describe_organisation(organisation: Organisation) -> str:
    kind = "opd" if organisation.is_opd else organisation.type
    where = organisation.country_id or _("no country (international or regional)")
    return f"{organisation.name} · {kind} · {where}"


def _person_repr(person: Person) -> str:
    # A changed person carries only its changed fields: the name may not be among them.
    return person.__dict__.get("full_name") or f"person {person.pk}"


def _organisation_pk(reference):
    return reference.pk if isinstance(reference, Organisation) else reference


def _delta(old: dict, new: dict, organisation, updatable, *, fill_only: bool) -> dict:
    """The UPDATABLE fields of NEW (and the organisation) whose values differ from OLD; with
    FILL_ONLY, only where NEW has a value."""
    new = {**new, "organisation_id": organisation} if "organisation_id" in old else new
    delta = {}
    for name, value in new.items():
        if name not in updatable or (fill_only and value in BLANK):
            continue
        if isinstance(value, Organisation) or old[name] != value:
            delta[name] = value
    return delta


def _bulk_update(model, changes: list[tuple[object, dict]], always: list[str]) -> None:
    """bulk_update, grouped by which fields changed (short statements, no needless writes)."""
    groups: dict[tuple, list] = {}
    for obj, after in changes:
        groups.setdefault(tuple(sorted(after)), []).append(obj)
    for fields, members in groups.items():
        model.objects.bulk_update(members, [*fields, *always], batch_size=500)


class _Run:
    """One pass over an attendance sheet, a batch of rows at a time: read and check the
    batch, compare it with the database, and (given a recorder) write it. What must be known
    across batches is kept small: the events' recorded attendances, the (event, name) pairs
    seen so far, and the contacts of the people this import adds."""

    def __init__(self, source: AttendanceSource, ctx: Context, recorder):
        self.source, self.ctx, self.recorder = source, ctx, recorder
        importable = importable_events(ctx.actor, ctx.program)
        self.events = dict(importable.values_list("code", "pk"))
        self.organisations = _Organisations(dict(importable.values_list("pk", "country_id")))
        self.plan = Plan(source.kind, tally=dict.fromkeys(_STATUSES, 0))
        self.left_out: dict[str, int] = {}
        self.existing: dict[tuple[int, str], list[tuple]] = {}
        self.loaded_events: set[int] = set()
        # event pk → name key → the row of that name at the event (_packed), or the rows
        self.seen: dict[int, dict[str, int | bytes | list]] = {}
        self.matched: set[int] = set()  # attendances a row of this import has matched
        self.people_changes: dict[int, list[dict]] = {}  # pk → [before, after]
        self.attendance_changes: list[tuple[int, dict, dict, str]] = []
        # (name key, contact) → the person's pk ([pk], filled in once written, in a batch)
        self.new_people_by_contact: dict[tuple[str, str], int | list] = {}
        self.participation = NewAttendanceCounts()  # the new attendances, batch by batch
        self.organisations_written = 0
        # Only what the sheet has a column for is compared and updated: a sheet without an
        # e-mail column leaves e-mails as they are.
        self.updatable = {
            field for field, column in COLUMN_OF_FIELD.items() if column in ctx.present
        }
        # People recorded before the import began; the people it adds are known by contact
        # from new_people_by_contact.
        self.before_pk = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
        if self.before_pk is None:
            self.before_pk = NOBODY
        if recorder is not None:
            recorder.will_create(Organisation, Person, Attendance)
            # consent_version is per row: "sheet" where the row answers Yes itself, the
            # --consent-version attestation only for rows without an answer
            self.people = Inserter(
                Person,
                [*PERSON_FIELDS, "consent_version"],
                constants={
                    "program_id": ctx.program.pk,
                    "consent_given": True,
                    "consent_date": timezone.localdate(),
                },
            )
            self.attendances = Inserter(Attendance, list(ATTENDANCE_COLUMNS))

    def _result(self, number: int, status: str, label, columns=(), values=None) -> None:
        """Count the row; describe it while fewer than RESULTS_KEPT are (LABEL and VALUES
        may be functions of nothing, called only then: most rows are only counted)."""
        self.plan.tally[status] += 1
        if status != RowStatus.UNCHANGED and len(self.plan.results) < RESULTS_KEPT:
            label = label() if callable(label) else label
            values = values() if callable(values) else values
            self.plan.results.append(RowResult(number, status, label, list(columns), values or {}))

    def _load_existing(self, event_pks: set[int]) -> None:
        wanted = event_pks - self.loaded_events
        if wanted:
            self.existing.update(self.source._existing_attendances(wanted))
            self.loaded_events |= wanted

    def batch(self, rows: list[tuple[int, dict]]) -> None:
        ctx, source = self.ctx, self.source
        parsed: list[_Row] = []
        left_out_rows: list[tuple[int, int, str, str]] = []
        for number, cells in rows:
            row = source._read(
                number, cells, ctx, self.events, self.organisations, self.left_out, left_out_rows
            )
            if row is not None:
                parsed.append(row)
        if ctx.errors:
            return  # a rejected sheet: keep reading it for its errors, compare nothing
        self._load_existing({row.event for row in parsed})
        for number, event, code, key in left_out_rows:
            self._result(number, RowStatus.LEFT_OUT, code)
            if (event, key) in self.existing:
                ctx.warn(
                    _(
                        "no consent on this row, but this person's attendance was recorded by "
                        "an earlier import and is kept; withdraw consent on the person's record"
                    ),
                    number,
                    "consent",
                )
        # Only rows that are not already recorded attendance may need a known person.
        contacts = source._known_contacts(
            ctx, [row for row in parsed if self._recorded(row) is None], self.before_pk
        )
        new_people: list[tuple] = []  # (person's fields, organisation as found, consent)
        new_cells: list[list] = []  # [pk], filled in once written
        new_attendances: list[tuple] = []  # (row, person pk or cell)
        new_contacts: list[tuple[list, list]] = []  # (contacts, cell) of the new people
        for row in parsed:
            seen = self.seen.setdefault(row.event, {})
            mine = _packed(row.number, told_apart(row.person, _organisation_key(row.organisation)))
            earlier = seen.get(row.key)
            if earlier is not None:
                earlier = earlier if isinstance(earlier, list) else [earlier]
                same = next(
                    (_row_of(theirs) for theirs in earlier if _may_be_one_packed(mine, theirs)),
                    None,
                )
                if same is not None:
                    ctx.error(
                        _(
                            '"%(name)s" is already on row %(row)s for the same event; if they '
                            "are two people, write what tells them apart (e-mail, phone, "
                            "organisation or position)"
                        )
                        % {"name": row.attendance["name_as_written"], "row": same},
                        row.number,
                        "full_name",
                    )
                    continue
                mine = [*earlier, mine]
            seen[row.key] = mine
            known = self._recorded(row)
            if known is _AMBIGUOUS:
                ctx.error(
                    _(
                        'several people named "%(name)s" attended this event already, and '
                        "this row's e-mail, phone, organisation and position do not say which "
                        "one it is"
                    )
                    % {"name": row.attendance["name_as_written"]},
                    row.number,
                    "full_name",
                )
                continue
            if known is not None:
                self.matched.add(known[0])

            def label(row=row):
                return f"{row.code} · {row.attendance['name_as_written']}"

            if known is not None:
                attendance_pk, person_pk, old_person, old_attendance = known
                changed = source._person_change(
                    person_pk, old_person, row, self.people_changes, self.updatable,
                    fill_only=False,
                )  # fmt: skip
                attendance_delta = _delta(
                    old_attendance, row.attendance, row.organisation, self.updatable,
                    fill_only=False,
                )  # fmt: skip
                if attendance_delta:
                    before = {name: old_attendance[name] for name in attendance_delta}
                    self.attendance_changes.append(
                        (attendance_pk, before, attendance_delta, row.code)
                    )
                    changed += [name for name in attendance_delta if name not in changed]
                columns = sorted({COLUMN_OF_FIELD.get(name, name) for name in changed})
                status = RowStatus.CHANGED if changed else RowStatus.UNCHANGED

                def values(row=row, columns=columns):
                    shown = _shown(row)
                    return {column: shown[column] for column in columns if column in shown}

                self._result(row.number, status, label, columns, values)
                continue

            self._result(row.number, RowStatus.NEW, label, values=lambda row=row: _shown(row))
            person = None
            contact_keys = [
                (row.key, value) for value in (row.person["email"], row.person["phone"]) if value
            ]
            for contact in contact_keys:
                if contact in contacts:
                    person_pk, old_person = contacts[contact]
                    # Known from other events: the sheet adds what it knows, erases nothing.
                    source._person_change(
                        person_pk, old_person, row, self.people_changes, self.updatable,
                        fill_only=True,
                    )  # fmt: skip
                    person = person_pk
                    break
                if contact in self.new_people_by_contact:
                    person = self.new_people_by_contact[contact]
                    break
            if person is None:
                new_people.append((row.person, row.organisation, row.consent_version))
                person = [None]
                new_cells.append(person)
                for contact in contact_keys:
                    self.new_people_by_contact[contact] = person
                if contact_keys:
                    new_contacts.append((contact_keys, person))
            new_attendances.append((row, person))
        if self.recorder is not None and not ctx.errors:
            self._write(new_people, new_cells, new_attendances)
            # Written: the contacts keep the pk itself (a list per person would stay).
            by_contact = self.new_people_by_contact
            for contact_keys, (pk,) in new_contacts:
                for contact in contact_keys:
                    by_contact[contact] = pk

    def _recorded(self, row: _Row):
        """The attendance an earlier import recorded for ROW (its event, its name), or None.
        One person of the name at the event: theirs, whatever else the row says (a sheet
        corrected and imported again). Several (namesakes, told_apart()): the one nothing
        on the row contradicts; none, a person more of the name; _AMBIGUOUS when the row
        says too little to pick one out."""
        recorded = self.existing.get((row.event, row.key), ())
        found = [known for known in recorded if known[0] not in self.matched]
        if len(recorded) <= 1:
            return found[0] if found else None
        mine = told_apart(row.person, _organisation_key(row.organisation))
        fitting = [
            known
            for known in found
            if _may_be_one(mine, told_apart(known[2], known[2]["organisation_id"]))
        ]
        if len(fitting) > 1:
            return _AMBIGUOUS
        return fitting[0] if fitting else None  # none: one more person of the name

    def _write(self, new_people, new_cells, new_attendances) -> None:
        recorder = self.recorder
        organisations = self.organisations.new[self.organisations_written :]
        if organisations:
            Organisation.objects.bulk_create(organisations)
            recorder.created(organisations, fields=AUDITED_ORGANISATION_FIELDS)
            self.organisations_written += len(organisations)
        people = [
            (
                *_PERSON_FIELDS_BEFORE_ORGANISATION(values),
                _organisation_pk(organisation),
                *_PERSON_FIELDS_AFTER_ORGANISATION(values),
                consent_version,
            )
            for values, organisation, consent_version in new_people
        ]
        pks = self.people.insert(people)
        for cell, pk in zip(new_cells, pks, strict=True):
            cell[0] = pk
        recorder.created_rows(Person, pks)
        attendances = [
            (
                row.event,
                person if isinstance(person, int) else person[0],
                _organisation_pk(row.organisation),
                row.attendance["role"],
                row.attendance["position"],
                row.attendance["name_as_written"],
            )
            for row, person in new_attendances
        ]
        pks = self.attendances.insert(attendances)
        self.participation.count(pks)
        recorder.created_rows(Attendance, pks)
        recorder.flush()

    def finish(self) -> Plan:
        plan, ctx = self.plan, self.ctx
        organisations = self.organisations
        plan.creates = [
            (organisations.first_row[id(organisation)], str(_("organisation")), description)
            for organisation in organisations.new
            for description in [_describe_organisation(organisation)]
        ]
        if ctx.errors or self.recorder is None:
            return plan
        now = timezone.now()
        recorder = self.recorder
        changed_people = []
        for pk, (before, after) in self.people_changes.items():
            after = {
                name: _organisation_pk(value) if name == "organisation_id" else value
                for name, value in after.items()
            }
            person = Person(pk=pk, updated_at=now, **after)
            changed_people.append((person, after))
            recorder.changed(person, before, after, describe=_person_repr)
        _bulk_update(Person, changed_people, ["updated_at"])
        changed_attendances = []
        for pk, before, after, code in self.attendance_changes:
            after = {
                name: _organisation_pk(value) if name == "organisation_id" else value
                for name, value in after.items()
            }
            attendance = Attendance(pk=pk, **after)
            changed_attendances.append((attendance, after))
            recorder.changed(
                attendance, before, after, describe=lambda a, c=code: f"attendance at {c}"
            )
        _bulk_update(Attendance, changed_attendances, [])
        # New organisations no row's person or attendance wrote (all rows known already).
        organisations = self.organisations.new[self.organisations_written :]
        if organisations:
            Organisation.objects.bulk_create(organisations)
            recorder.created(organisations, fields=AUDITED_ORGANISATION_FIELDS)
        recorder.record.left_out_by_event = self.left_out
        # Bulk writes bypass the signals that keep the reports' participation counts: the new
        # attendances were counted batch by batch; events where this import changed existing
        # people or attendance are recounted whole.
        changed_person_pks = [person.pk for person, _after in changed_people]
        changed_attendance_pks = [attendance.pk for attendance, _after in changed_attendances]
        recounted = set()
        for start in range(0, max(len(changed_person_pks), len(changed_attendance_pks)), CHUNK):
            recounted.update(
                Attendance.objects.filter(
                    Q(person_id__in=changed_person_pks[start : start + CHUNK])
                    | Q(pk__in=changed_attendance_pks[start : start + CHUNK])
                ).values_list("event_id", flat=True)
            )
        refresh_participation(recounted)
        self.participation.write(except_events=recounted)
        return plan


_STATUSES = (RowStatus.NEW, RowStatus.CHANGED, RowStatus.UNCHANGED, RowStatus.LEFT_OUT)


def _registry_country(written: str, where) -> str | None:
    """The country of the agency the region's registry takes WRITTEN for, read in the
    event's country WHERE: a new organisation from a row that gives no country ("MOJ" at
    a training in Phnom Penh, where the program has not loaded the registry) is placed
    where that agency is, so that it is proposed for merging with the one written in full
    there (organisation_merge_proposals). None when the registry does not know it."""
    from ctip.organisations.registry import Registry

    if not where:
        return None
    registry = Registry.seed()
    found = registry.match(written, where)
    return (registry.entries[found].country or None) if found else None


class _Organisations:
    """Organisations are found by name or acronym (case and spacing do not matter; one in the
    person's country wins a tie, or, where the row gives no country, one in the country of
    its event: "MOJ" on a sheet from Phnom Penh is Cambodia's Ministry of Justice, "MPS"
    from Hanoi Vietnam's Ministry of Public Security, not Laos's). An organisation not yet
    known is created when the row gives its type, and is the same new organisation for every
    row that names it (in the person's country, if the row gives one: the event's country
    chooses among known agencies, it does not place a new one).
    EVENT_COUNTRIES: event pk -> the country it was held in (None: regional or unknown)."""

    def __init__(self, event_countries: dict[int, str | None] | None = None):
        self.event_countries = event_countries or {}
        self.by_key: dict[str, list[tuple[int, str | None, str]]] = {}
        for pk, name, acronym, country, kind in Organisation.objects.values_list(
            "pk", "name", "acronym", "country_id", "type"
        ):
            for written in {name, acronym} - {""}:
                self.by_key.setdefault(normalise.key(written), []).append((pk, country, kind))
        for pk, alias, country, kind in OrganisationAlias.objects.values_list(
            "organisation_id", "alias", "organisation__country_id", "organisation__type"
        ):  # the registry's acronyms, other names and names in the region's languages
            self.by_key.setdefault(normalise.key(alias), []).append((pk, country, kind))
        self.new: list[Organisation] = []
        self._registry = None  # the program's organisations as a Registry, when first needed
        self.first_row: dict[int, int] = {}  # id(new organisation) → the row that adds it
        self._new_by_key: dict[tuple[str, str | None], Organisation] = {}
        self._new_by_name: dict[str, tuple[Organisation, str, int]] = {}
        self._found: dict[tuple, object] = {}

    def _read_otherwise(self, written, where) -> list[tuple[int, str | None, str]]:
        """The organisation WRITTEN means when it is written in no form the program knows,
        read the ways sheets write agencies (Registry.match, registry.written_variants):
        "Department of Justice (DOJ)", "Dept. of Justice", "NCCT Cambodia", "DSWD Region
        VII"; [] when none, or when the readings name two unrelated organisations."""
        from ctip.organisations.registry import Registry

        if self._registry is None:
            self._registry = Registry.from_database()
        found = self._registry.match(written, where or "")
        if found is None:
            return []
        entry = self._registry.entries[found]
        return [(int(found), entry.country or None, entry.type)]

    def find(self, written, kind, country, number, ctx: Context, *, event=None):
        where = country or self.event_countries.get(event)
        cache_key = (written, kind, country, where)
        if cache_key in self._found:
            return self._found[cache_key]
        found = self._find(written, kind, country, number, ctx, where=where)
        if found is not INVALID:
            self._found[cache_key] = found
        return None if found is INVALID else found

    def _find(self, written, kind, country, number, ctx, *, where=None):
        key = normalise.key(written)
        candidates = self.by_key.get(key, []) or self._read_otherwise(written, where)
        if candidates:
            local = [c for c in candidates if c[1] == where]
            pk, _where, known_kind = (local or candidates)[0]
            wanted = "ngo-cso" if kind == OPD else kind
            if kind and wanted != known_kind:
                ctx.warn(
                    _(
                        '"%(value)s" is recorded as %(known)s; the sheet says %(kind)s; the '
                        "organisation's record is kept as it is"
                    )
                    % {"value": written, "known": known_kind, "kind": kind},
                    number,
                    "organisation_type",
                )
            return pk
        if not kind:
            ctx.error(
                _(
                    '"%(value)s" is an organisation we do not know yet; give its '
                    "organisation_type so that it can be added"
                )
                % {"value": written},
                number,
                "organisation_type",
            )
            return INVALID
        earlier = self._new_by_name.get(key)
        if earlier is not None and earlier[1] != kind:
            # One file, one organisation, two types: the first row's stands, and we say so.
            ctx.warn(
                _(
                    '"%(value)s" is given as %(kind)s here and as %(first)s on row %(row)s; it '
                    "is added once, as %(first)s; correct the sheet if another type is right"
                )
                % {"value": written, "kind": kind, "first": earlier[1], "row": earlier[2]},
                number,
                "organisation_type",
            )
            return earlier[0]
        home = (
            None
            if kind in ("international-organisation", "regional-organisation")
            else country or _registry_country(written, where)
        )
        new_key = (key, home)
        if new_key not in self._new_by_key:
            organisation = Organisation(
                name=written[:300],
                type="ngo-cso" if kind == OPD else kind,
                is_opd=kind == OPD,
                country_id=home,
            )
            self._new_by_key[new_key] = organisation
            self._new_by_name.setdefault(key, (organisation, kind, number))
            self.first_row[id(organisation)] = number
            self.new.append(organisation)
        return self._new_by_key[new_key]
