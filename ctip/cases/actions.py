"""Writes to victim case data. Each runs in one transaction on the cases database and records
what it changed in CaseChange (field names, never values). Permission checks are the callers'
(views and commands reach cases through ctip/cases/access.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    IDENTIFYING_FIELDS,
    STAGE_ORDER,
    WGSS_QUESTIONS,
    Agency,
    AgencyMembership,
    AgencyRole,
    BreakGlass,
    Case,
    CaseChange,
    CaseStatus,
    Consent,
    ConsentPurpose,
    CourtCase,
    Referral,
    Stage,
    StageOutcome,
    StageRecord,
    TraffickingStatus,
)
from .router import CASES_DATABASE

# Fields a referral may carry (what the receiving agency needs to assist): the identifying
# fields and the case's description; never the sender's notes on stages or consents.
REFERRABLE_FIELDS = [
    "first_name",
    "second_name",
    "birth_date",
    "gender",
    "birth_year",
    "citizenship",
    "mobile_phone",
    "email",
    "home_phone",
    "mailing_street",
    "mailing_city",
    "mailing_state",
    "mailing_postal_code",
    "mailing_country",
    "identity_documents",
    "type_of_exploitation",
    "type_of_trafficking",
    "vulnerable_groups",
    "has_disability",
    *WGSS_QUESTIONS,
    "support_received",
    "notes",
]


def _atomic():
    return transaction.atomic(using=CASES_DATABASE)


def _who(actor) -> tuple[int | None, str]:
    return getattr(actor, "pk", None), getattr(actor, "username", "") or "(cli)"


def _record(actor, action: str, *, case: Case | None = None, agency=None, fields=()) -> None:
    user_id, username = _who(actor)
    CaseChange.objects.create(
        case=case,
        agency=agency or (case.agency if case else None),
        case_reference=case.reference if case else "",
        user_id=user_id,
        username=username,
        action=action,
        fields=sorted(fields),
    )


# -- agencies ------------------------------------------------------------------------------------


def do_add_agency(
    code: str, name: str, *, actor, country_code: str = "", organisation_type: str = ""
) -> Agency:
    """Register a case-holding agency, and the organisation it is in the registry (found by
    name and country, or created)."""
    from ctip.organisations.models import Organisation

    if Agency.objects.filter(code=code).exists():
        raise ValidationError(_("an agency with the code %(code)s exists") % {"code": code})
    organisation = Organisation.objects.filter(
        name__iexact=name, country_id=country_code or None
    ).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=name,
            type=organisation_type or Organisation.Type.GOVERNMENT_NATIONAL,
            country_id=country_code or None,
        )
    with _atomic():
        agency = Agency.objects.create(
            code=code, name=name, organisation_id=organisation.pk, country_code=country_code
        )
        _record(actor, "agency added", agency=agency, fields=["code", "name"])
    return agency


def do_add_member(agency: Agency, user, role: str, *, actor) -> AgencyMembership:
    """Give USER a ROLE (case_manager or case_worker) in AGENCY (replacing another role there)."""
    if role not in AgencyRole.values:
        raise ValidationError(_("the role is case_manager or case_worker"))
    with _atomic():
        membership, _created = AgencyMembership.objects.update_or_create(
            agency=agency, user_id=user.pk, defaults={"role": role, "username": user.username}
        )
        _record(actor, f"member {user.username} {role}", agency=agency, fields=["role"])
    return membership


def do_remove_member(membership: AgencyMembership, *, actor) -> None:
    with _atomic():
        _record(actor, f"member {membership.username} removed", agency=membership.agency)
        membership.delete()


# -- cases ---------------------------------------------------------------------------------------


def _next_reference(agency: Agency) -> str:
    year = timezone.localdate().year
    prefix = f"{agency.code.upper()}-{year}-"
    taken = Case.objects.filter(agency=agency, reference__startswith=prefix).count()
    number = taken + 1
    while Case.objects.filter(agency=agency, reference=f"{prefix}{number:04d}").exists():
        number += 1
    return f"{prefix}{number:04d}"


def do_create_case(
    agency: Agency,
    *,
    actor,
    reference: str = "",
    workers: Iterable[AgencyMembership] = (),
    **fields,
) -> Case:
    """Open a case in AGENCY at frontline response (reference given, or the next free one)."""
    with _atomic():
        case = Case(agency=agency, reference=reference or _next_reference(agency), **fields)
        case.full_clean(exclude=["assigned_workers"])
        case.save()
        workers = list(workers)
        if workers:
            case.assigned_workers.set(workers)
        _record(actor, "case opened", case=case, fields=[*fields, "reference"])
    return case


def do_update_case(case: Case, *, actor, **fields) -> list[str]:
    """Change FIELDS of CASE; the names of those that changed."""
    changed = [name for name, value in fields.items() if getattr(case, name) != value]
    if not changed:
        return []
    with _atomic():
        for name in changed:
            setattr(case, name, fields[name])
        case.full_clean(exclude=["assigned_workers"])
        case.save()
        _record(actor, "case changed", case=case, fields=changed)
    return changed


def do_assign_workers(case: Case, workers: Iterable[AgencyMembership], *, actor) -> None:
    workers = list(workers)
    if any(worker.agency_id != case.agency_id for worker in workers):
        raise ValidationError(_("case workers must belong to the case's agency"))
    with _atomic():
        case.assigned_workers.set(workers)
        _record(actor, "case workers assigned", case=case, fields=["assigned_workers"])


def do_record_stage(
    case: Case,
    *,
    actor,
    stage: str,
    date: dt.date,
    deciding_organisation: str,
    outcome: str,
    deciding_organisation_type: str = "",
    note: str = "",
) -> StageRecord:
    """Record a decision at STAGE: the case's current stage or the next one (a case moves
    frontline response → screening → identification → protection, one step at a time)."""
    if stage not in STAGE_ORDER:
        raise ValidationError(_("unknown stage"))
    if STAGE_ORDER.index(stage) not in (case.stage_index, case.stage_index + 1):
        raise ValidationError(
            _("a case at %(current)s can record that stage or the next, not %(stage)s")
            % {"current": case.get_current_stage_display(), "stage": Stage(stage).label}
        )
    with _atomic():
        record = StageRecord(
            case=case,
            stage=stage,
            date=date,
            deciding_organisation=deciding_organisation,
            deciding_organisation_type=deciding_organisation_type,
            outcome=outcome,
            note=note,
            recorded_by_id=_who(actor)[0],
            recorded_by=_who(actor)[1],
        )
        record.full_clean()
        record.save()
        case.current_stage = stage
        changed = ["current_stage"]
        if stage == Stage.IDENTIFICATION and outcome == StageOutcome.IDENTIFIED:
            case.trafficking_status = TraffickingStatus.ACTUAL
            case.identified_on = date
            changed += ["trafficking_status", "identified_on"]
            if deciding_organisation_type:
                case.trafficking_status_decision_making_org = deciding_organisation_type
                changed.append("trafficking_status_decision_making_org")
        elif stage == Stage.IDENTIFICATION and outcome == StageOutcome.NOT_TRAFFICKED:
            case.trafficking_status = TraffickingStatus.NOT_A_VICTIM
            changed.append("trafficking_status")
        elif stage == Stage.SCREENING and not case.trafficking_status:
            case.trafficking_status = TraffickingStatus.POSSIBLE
            changed.append("trafficking_status")
        case.save()
        _record(actor, f"stage {stage}: {outcome}", case=case, fields=changed)
    return record


SCREENING_FIELDS = [
    *WGSS_QUESTIONS,
    "gender",
    "birth_year",
    "citizenship",
    "method_of_recruitment",
    "methods_of_control",
    "type_of_exploitation",
    "type_of_trafficking",
    "vulnerable_groups",
]


def do_record_screening(
    case: Case,
    *,
    actor,
    date: dt.date,
    deciding_organisation: str,
    outcome: str,
    answers: dict,
    deciding_organisation_type: str = "",
    note: str = "",
) -> StageRecord:
    """The harmonised victim screening form: its answers (WG-SS included) go on the case, and
    the screening decision is recorded as the screening stage."""
    unknown = set(answers) - set(SCREENING_FIELDS)
    if unknown:
        raise ValidationError(f"not screening fields: {', '.join(sorted(unknown))}")
    with _atomic():
        do_update_case(case, actor=actor, **answers)
        return do_record_stage(
            case,
            actor=actor,
            stage=Stage.SCREENING,
            date=date,
            deciding_organisation=deciding_organisation,
            deciding_organisation_type=deciding_organisation_type,
            outcome=outcome,
            note=note,
        )


# -- consent -------------------------------------------------------------------------------------


def do_record_consent(
    case: Case,
    *,
    actor,
    purpose: str,
    given: bool,
    to_agency: Agency | None = None,
    fields: Iterable[str] = (),
    date: dt.date | None = None,
) -> Consent:
    """The person's answer for PURPOSE (for a referral: to TO_AGENCY, of FIELDS)."""
    fields = list(fields)
    if purpose == ConsentPurpose.REFERRAL and to_agency is None:
        raise ValidationError(_("consent to a referral names the agency"))
    if purpose != ConsentPurpose.REFERRAL and (to_agency or fields):
        raise ValidationError(_("only consent to a referral names an agency and fields"))
    unknown = set(fields) - set(REFERRABLE_FIELDS)
    if unknown:
        raise ValidationError(f"fields that cannot be referred: {', '.join(sorted(unknown))}")
    with _atomic():
        consent = Consent.objects.create(
            case=case,
            purpose=purpose,
            to_agency=to_agency,
            given=given,
            fields=fields,
            recorded_on=date or timezone.localdate(),
            recorded_by_id=_who(actor)[0],
            recorded_by=_who(actor)[1],
        )
        _record(actor, f"consent {purpose} {'given' if given else 'refused'}", case=case)
    return consent


def do_withdraw_consent(consent: Consent, *, actor, date: dt.date | None = None) -> None:
    if consent.withdrawn_on:
        return
    with _atomic():
        consent.withdrawn_on = date or timezone.localdate()
        consent.save(update_fields=["withdrawn_on"])
        _record(actor, f"consent {consent.purpose} withdrawn", case=consent.case)


def consent_in_force(case: Case, purpose: str, to_agency: Agency | None = None) -> Consent | None:
    """The latest answer for PURPOSE (and agency) if it is a consent still in force."""
    latest = (
        Consent.objects.filter(case=case, purpose=purpose, to_agency=to_agency)
        .order_by("-recorded_on", "-id")
        .first()
    )
    return latest if latest and latest.in_force else None


def referable_fields(case: Case, to_agency: Agency) -> list[str]:
    """The fields the person agreed may go to TO_AGENCY (empty: no referral)."""
    consent = consent_in_force(case, ConsentPurpose.REFERRAL, to_agency)
    return [name for name in REFERRABLE_FIELDS if consent and name in consent.fields]


def counts_in_statistics(case: Case) -> bool:
    """True when the person consented to anonymous statistics, or refused (or was not asked)
    where the law of the agency's country lets them be counted anonymously anyway
    (CTIP_CASES_COUNT_WITHOUT_CONSENT lists those countries)."""
    if consent_in_force(case, ConsentPurpose.STATISTICS):
        return True
    return case.agency.country_code in settings.CTIP_CASES_COUNT_WITHOUT_CONSENT


# -- referrals -----------------------------------------------------------------------------------


def do_send_referral(
    case: Case, *, actor, to_agency: Agency, fields: Iterable[str], reason: str = ""
) -> Referral:
    """Send CASE to TO_AGENCY with FIELDS: only fields the person consented to send there."""
    fields = [name for name in REFERRABLE_FIELDS if name in set(fields)]
    if to_agency.pk == case.agency_id:
        raise ValidationError(_("a referral goes to another agency"))
    allowed = set(referable_fields(case, to_agency))
    if not allowed:
        raise ValidationError(_("the person has not consented to a referral to this agency"))
    refused = [name for name in fields if name not in allowed]
    if refused:
        raise ValidationError(
            _("the person did not consent to sending: %(fields)s") % {"fields": ", ".join(refused)}
        )
    if not fields:
        raise ValidationError(_("choose at least one field to send"))
    payload = {name: _jsonable(getattr(case, name)) for name in fields}
    with _atomic():
        referral = Referral.objects.create(
            case=case,
            from_agency=case.agency,
            to_agency=to_agency,
            fields=fields,
            payload=payload,
            reason=reason,
            sent_by_id=_who(actor)[0],
            sent_by=_who(actor)[1],
        )
        _record(actor, f"referral sent to {to_agency.code}", case=case, fields=fields)
    return referral


def _jsonable(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def do_answer_referral(referral: Referral, *, actor, accept: bool, note: str = "") -> Referral:
    """The receiving agency accepts (a case opens there with the referred fields) or declines."""
    if referral.state != Referral.State.SENT:
        raise ValidationError(_("this referral was answered already"))
    with _atomic():
        if accept:
            fields = dict(referral.payload or {})
            fields.pop("has_disability", None)  # derived from the WG-SS answers
            received = do_create_case(
                referral.to_agency,
                actor=actor,
                referring_organisation=referral.from_agency.name,
                incoming_referral_date=referral.sent_at.date(),
                reason_for_incoming_referral=referral.reason,
                **fields,
            )
            referral.received_case = received
        referral.state = Referral.State.ACCEPTED if accept else Referral.State.DECLINED
        referral.answered_at = timezone.now()
        referral.answered_by_id, referral.answered_by = _who(actor)
        referral.answer_note = note
        referral.save()
        _record(
            actor,
            f"referral from {referral.from_agency.code} {referral.state}",
            agency=referral.to_agency,
            case=referral.received_case,
        )
    return referral


# -- break glass ---------------------------------------------------------------------------------


def do_break_glass(case: Case, *, actor, reason: str, hours: int | None = None) -> BreakGlass:
    """Emergency access to CASE for ACTOR (a case manager or administrator: the caller checks),
    for a limited time, with a reason; listed for review."""
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(_("say why, in a sentence: the reason is reviewed"))
    hours = hours or settings.CTIP_CASES_BREAK_GLASS_HOURS
    with _atomic():
        grant = BreakGlass.objects.create(
            case=case,
            user_id=_who(actor)[0],
            username=_who(actor)[1],
            reason=reason,
            expires_at=timezone.now() + dt.timedelta(hours=hours),
        )
        _record(actor, "break glass", case=case)
    return grant


def do_review_break_glass(grant: BreakGlass, *, actor, note: str = "") -> None:
    if grant.user_id is not None and grant.user_id == _who(actor)[0]:
        raise ValidationError(_("a grant is reviewed by someone else than who used it"))
    with _atomic():
        grant.reviewed_at = timezone.now()
        grant.reviewed_by_id, grant.reviewed_by = _who(actor)
        grant.review_note = note
        grant.save()
        _record(actor, "break glass reviewed", case=grant.case)


# -- forgetting ----------------------------------------------------------------------------------


def do_forget_case(case: Case, *, actor, reason: str = "") -> None:
    """Remove what identifies the person: the encrypted fields, the search hashes, the notes of
    stages and the values carried by referrals sent; what is counted stays (anonymous)."""
    with _atomic():
        for name in IDENTIFYING_FIELDS:
            setattr(case, name, None if name == "birth_date" else "")
        case.forgotten_at = timezone.now()
        case.save()  # the hashes of a blank name are blank
        StageRecord.objects.filter(case=case).update(note="")
        Referral.objects.filter(case=case).update(payload="")
        _record(actor, "forgotten" + (f": {reason}" if reason else ""), case=case)


def do_forget_court_case(court_case: CourtCase, *, actor, reason: str = "") -> int:
    """Forget a court case: the defendants' names go, and every victim of it is forgotten as
    do_forget_case does (what is counted stays); a later import brings none of it back. How
    many victims' cases were forgotten now."""
    with _atomic():
        court_case.defendants = ""
        court_case.forgotten_at = timezone.now()
        court_case.save()
        forgotten = 0
        for case in court_case.victims.filter(forgotten_at__isnull=True):
            do_forget_case(case, actor=actor, reason=f"court case {court_case.case_number}")
            forgotten += 1
        who = _who(actor)
        CaseChange.objects.create(
            agency=court_case.agency,
            case_reference=court_case.case_number[:60],
            user_id=who[0],
            username=who[1],
            action="court case forgotten" + (f": {reason}" if reason else ""),
            fields=["defendants", "victims"],
        )
    return forgotten


def court_cases_past_retention(years: int):
    """Court cases not forgotten whose last change is older than YEARS."""
    cutoff = timezone.now() - dt.timedelta(days=round(365.25 * years))
    return CourtCase.objects.filter(forgotten_at__isnull=True, updated_at__lt=cutoff)


def do_apply_court_retention(years: int, *, actor) -> int:
    """Forget every court case past retention (its defendants and its victims); how many."""
    count = 0
    for court_case in court_cases_past_retention(years).select_related("agency"):
        do_forget_court_case(court_case, actor=actor, reason=f"retention {years} years")
        count += 1
    return count


def cases_past_retention(years: int):
    """Cases not forgotten whose last change is older than YEARS."""
    cutoff = timezone.now() - dt.timedelta(days=round(365.25 * years))
    return Case.objects.filter(forgotten_at__isnull=True, updated_at__lt=cutoff).exclude(
        status__in=[CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP], closed_on__isnull=True
    )


def do_apply_case_retention(years: int, *, actor) -> int:
    """Forget every case past retention; how many."""
    count = 0
    for case in cases_past_retention(years).select_related("agency"):
        do_forget_case(case, actor=actor, reason=f"retention {years} years")
        count += 1
    return count


# -- keys ----------------------------------------------------------------------------------------

_ENCRYPTED = {
    Case: [*IDENTIFYING_FIELDS],
    StageRecord: ["note"],
    Referral: ["payload"],
    CourtCase: ["defendants"],
}


def do_reencrypt_all() -> int:
    """Encrypt every encrypted value again under the newest key; how many values. One
    transaction: either all are re-encrypted or none. Reads and writes the raw columns (the
    model fields would decrypt them)."""
    from django.db import connections

    from .crypto import reencrypt

    count = 0
    with _atomic(), connections[CASES_DATABASE].cursor() as cursor:
        for model, fields in _ENCRYPTED.items():
            columns = [model._meta.get_field(name).column for name in fields]
            table = model._meta.db_table
            cursor.execute(f"SELECT id, {', '.join(columns)} FROM {table}")  # noqa: S608
            for pk, *tokens in cursor.fetchall():
                updates = {
                    column: reencrypt(token)
                    for column, token in zip(columns, tokens, strict=True)
                    if token
                }
                if not updates:
                    continue
                assignments = ", ".join(f"{column} = %s" for column in updates)
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                    [*updates.values(), pk],
                )
                count += len(updates)
    return count


def do_rotate_key(*, keep_old: bool = False) -> tuple[int, str]:
    """Rotate the key of case data: with a key file, a new key is put first (the old ones still
    decrypt), every value is encrypted again under it, then the old keys are dropped from the
    file (unless KEEP_OLD). With CTIP_CASES_KEY in the environment, the operator has put the
    new key first; this re-encrypts under it. (values re-encrypted, what happened to the keys)"""
    from cryptography.fernet import Fernet

    from .crypto import encryption_keys, key_file, write_secret_file

    if settings.CTIP_CASES_KEY:
        count = do_reencrypt_all()
        return count, (
            "re-encrypted under the first key of CTIP_CASES_KEY; remove the older keys from "
            "the environment now"
        )
    old_keys = encryption_keys()
    new_key = Fernet.generate_key().decode()
    write_secret_file(key_file(), "\n".join([new_key, *old_keys]) + "\n")
    count = do_reencrypt_all()
    if keep_old:
        return count, f"new key first in {key_file()}; the old keys are kept (--keep-old)"
    write_secret_file(key_file(), new_key + "\n")
    return count, f"new key in {key_file()}; the old keys are removed from it"


def do_rehash_all() -> int:
    """Compute every case's search hashes again, from its decrypted name and birth date, under
    the newest hash key; how many cases. One transaction; updated_at is left alone (a
    rotation is not a change of the case, and retention counts from the last change)."""
    from .crypto import identity_hash

    count = 0
    with _atomic():
        for case in Case.objects.all().iterator():
            name_hash = identity_hash(case.full_name)
            name_birth_hash = (
                identity_hash(case.full_name, case.birth_date) if case.birth_date else ""
            )
            if (name_hash, name_birth_hash) != (case.name_hash, case.name_birth_hash):
                Case.objects.filter(pk=case.pk).update(
                    name_hash=name_hash, name_birth_hash=name_birth_hash
                )
                count += 1
    return count


def do_rotate_hash_key(*, keep_old: bool = False) -> tuple[int, str]:
    """Rotate the key of the search hashes, as do_rotate_key does the encryption key: with a
    key file, a new key first (searches still try the old ones), every hash computed again
    from the decrypted values, then the old keys dropped (unless KEEP_OLD). With
    CTIP_CASES_HASH_KEY in the environment, the operator has put the new key first.
    (cases whose hashes changed, what happened to the keys)"""
    from cryptography.fernet import Fernet

    from .crypto import hash_key_file, hash_keys, write_secret_file

    if settings.CTIP_CASES_HASH_KEY:
        count = do_rehash_all()
        return count, (
            "hashes computed under the first key of CTIP_CASES_HASH_KEY; remove the older "
            "keys from the environment now"
        )
    old_keys = hash_keys()
    new_key = Fernet.generate_key().decode()
    write_secret_file(hash_key_file(), "\n".join([new_key, *old_keys]) + "\n")
    count = do_rehash_all()
    if keep_old:
        return count, f"new hash key first in {hash_key_file()}; the old keys are kept"
    write_secret_file(hash_key_file(), new_key + "\n")
    return count, f"new hash key in {hash_key_file()}; the old keys are removed from it"
