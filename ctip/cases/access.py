"""The one way to reach victim case data: every case view and every `ctip cases` command goes
through here (docs/cases.md, "Who sees what").

- a case worker sees the cases of their agency assigned to them;
- the agency's case manager sees all the agency's cases;
- nobody else sees a case: not administrators, not MEL officers, not another agency;
- except by break glass: a case manager or an administrator who asked for one case, with a
  reason, sees it until the grant expires; every grant is listed for review.

A case that exists but is not yours raises the same NotFound as one that does not exist. Every
read of a case is written to CaseReadLog with the fields shown (record_case_read).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from ctip.accounts.access import NotFound

from .models import (
    Agency,
    AgencyMembership,
    AgencyRole,
    BreakGlass,
    Case,
    CaseReadLog,
    Referral,
)

__all__ = [
    "NotFound",
    "access_case",
    "access_case_by_reference",
    "active_break_glass",
    "agencies_managed_by",
    "cases_for",
    "find_cases",
    "is_administrator",
    "may_break_glass",
    "memberships_of",
    "record_case_read",
    "referrals_for",
]


def _user_id(user) -> int | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "pk", None)


def memberships_of(user) -> list[AgencyMembership]:
    """The user's roles in case-holding agencies (none for the CLI without --as)."""
    user_id = _user_id(user)
    if user_id is None:
        return []
    cached = getattr(user, "_ctip_agency_memberships", None)
    if cached is None:
        cached = list(AgencyMembership.objects.filter(user_id=user_id).select_related("agency"))
        user._ctip_agency_memberships = cached
    return cached


def agencies_managed_by(user) -> QuerySet[Agency]:
    """Agencies in which the user is the case manager."""
    ids = [m.agency_id for m in memberships_of(user) if m.role == AgencyRole.CASE_MANAGER]
    return Agency.objects.filter(pk__in=ids)


def is_administrator(user) -> bool:
    """An administrator of the installation (superuser or an administrator's membership), or
    the CLI run by whoever holds the database."""
    from ctip.accounts.models import Membership, Role

    if not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    user_id = _user_id(user)
    return bool(user_id) and (
        Membership.objects.filter(user_id=user_id, role=Role.ADMINISTRATOR).exists()
    )


def may_break_glass(user) -> bool:
    """Case managers and administrators may ask for emergency access (with an account)."""
    if _user_id(user) is None:
        return False
    return bool(agencies_managed_by(user)) or is_administrator(user)


def case_for_break_glass(user, agency: Agency, reference: str) -> Case | None:
    """The case someone allowed to break glass asks for (None if there is none). Only for
    do_break_glass: it shows nothing of the case by itself."""
    if not may_break_glass(user):
        return None
    return Case.objects.filter(agency=agency, reference=reference).select_related("agency").first()


def active_break_glass(user, now=None) -> QuerySet[BreakGlass]:
    user_id = _user_id(user)
    if user_id is None:
        return BreakGlass.objects.none()
    return BreakGlass.objects.filter(user_id=user_id, expires_at__gt=now or timezone.now())


def _scope(user) -> Q | None:
    scope = None
    for membership in memberships_of(user):
        if membership.role == AgencyRole.CASE_MANAGER:
            part = Q(agency_id=membership.agency_id)
        else:
            part = Q(agency_id=membership.agency_id, assigned_workers=membership)
        scope = part if scope is None else scope | part
    granted = list(active_break_glass(user).values_list("case_id", flat=True))
    if granted:
        scope = Q(pk__in=granted) if scope is None else scope | Q(pk__in=granted)
    return scope


def cases_for(user) -> QuerySet[Case]:
    """The cases the user may see (assigned, their agency's as case manager, or by an active
    break-glass grant). Reading them still calls record_case_read."""
    scope = _scope(user)
    if scope is None:
        return Case.objects.none()
    ids = Case.objects.filter(scope).values("pk")  # the join on workers may repeat a case
    return Case.objects.filter(pk__in=ids).select_related("agency")


def access_case(user, case_id) -> Case:
    """The case, if the user may see it; NotFound otherwise (the same for a missing one)."""
    try:
        return cases_for(user).get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def access_case_by_reference(user, agency_code: str, reference: str) -> Case:
    try:
        return cases_for(user).get(agency__code=agency_code, reference=reference)
    except Case.DoesNotExist:
        raise NotFound from None


def grant_for(user, case: Case) -> BreakGlass | None:
    """The active break-glass grant through which the user sees CASE, if that is the only way."""
    if case_role(user, case) is not None:
        return None
    return active_break_glass(user).filter(case=case).order_by("-expires_at").first()


def case_role(user, case: Case) -> str | None:
    """The user's role for CASE: case_manager of its agency, case_worker assigned to it, or
    None (a break-glass reader, or nobody)."""
    for membership in memberships_of(user):
        if membership.agency_id != case.agency_id:
            continue
        if membership.role == AgencyRole.CASE_MANAGER:
            return AgencyRole.CASE_MANAGER
        if case.assigned_workers.filter(pk=membership.pk).exists():
            return AgencyRole.CASE_WORKER
    return None


def record_case_read(user, cases: Iterable[Case], fields: Iterable[str], *, via: str = "web"):
    """Write that USER was shown FIELDS of each of CASES (names of fields, never values)."""
    fields = list(fields)
    user_id = getattr(user, "pk", None)
    username = getattr(user, "username", "") or "(cli)"
    grants = {grant.case_id: grant for grant in active_break_glass(user)}
    CaseReadLog.objects.bulk_create(
        CaseReadLog(
            case=case,
            agency_id=case.agency_id,
            case_reference=case.reference,
            user_id=user_id,
            username=username,
            fields=fields,
            via=via,
            break_glass=grants.get(case.pk)
            if case.pk in grants and case_role(user, case) is None
            else None,
        )
        for case in cases
    )


def referrals_for(user) -> QuerySet[Referral]:
    """Referrals the user may see: those sent from a case they may see, and those received by an
    agency they manage (the receiver sees the referred fields, not the sender's case)."""
    visible = cases_for(user).values("pk")
    managed = [m.agency_id for m in memberships_of(user) if m.role == AgencyRole.CASE_MANAGER]
    return Referral.objects.filter(
        Q(case__in=visible) | Q(to_agency_id__in=managed)
    ).select_related("case", "from_agency", "to_agency")


def access_referral(user, referral_id) -> Referral:
    try:
        return referrals_for(user).get(pk=int(referral_id))
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def reads_for(user) -> QuerySet[CaseReadLog]:
    """The read audit of the agencies the user manages."""
    return CaseReadLog.objects.filter(agency__in=agencies_managed_by(user))


def break_glass_for_review(user) -> QuerySet[BreakGlass]:
    """Grants on the cases of agencies the user manages; all grants for administrators."""
    if is_administrator(user):
        return BreakGlass.objects.select_related("case", "case__agency")
    return BreakGlass.objects.filter(case__agency__in=agencies_managed_by(user)).select_related(
        "case", "case__agency"
    )


def find_cases(user, name: str, birth_date=None) -> QuerySet[Case]:
    """The cases USER may see whose full name is exactly NAME (case, spacing and accents
    aside) and, if given, born on BIRTH_DATE: through the keyed hashes, under every hash key
    in force (crypto.identity_hashes), never by reading names."""
    from .crypto import identity_hashes

    wanted = identity_hashes(name, birth_date)
    column = "name_birth_hash" if birth_date else "name_hash"
    return cases_for(user).filter(**{f"{column}__in": wanted})
