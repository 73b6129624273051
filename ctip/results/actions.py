from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ctip.accounts.access import role_in
from ctip.accounts.models import Role
from ctip.programs.models import Outcome

from .computed import COMPUTED
from .models import Actual, Evidence, Indicator, OutcomeWording, StatusRating, Target


class NotAllowed(PermissionError):
    """The user's role does not allow this change."""


def _require(user, program, *roles):
    if role_in(user, program) not in roles:
        raise NotAllowed("your role does not allow this change")


@transaction.atomic
def do_reword_outcome(
    user, outcome: Outcome, title: str, effective_from: dt.date
) -> OutcomeWording:
    """Change an outcome's wording from a date on; earlier periods keep the old wording."""
    _require(user, outcome.program, Role.ADMINISTRATOR)
    if not outcome.wordings.exists():
        OutcomeWording.objects.create(
            outcome=outcome, title=outcome.title, effective_from=dt.date.min
        )
    wording, _ = OutcomeWording.objects.update_or_create(
        outcome=outcome, effective_from=effective_from, defaults={"title": title}
    )
    # The outcome's own title is the wording that stands now (the program file writes it).
    latest = outcome.wordings.order_by("-effective_from").first()
    if outcome.title_en != latest.title:
        outcome.title_en = latest.title
        outcome.save()
    return wording


@transaction.atomic
def do_define_indicator(program, *, code, title, level, computed_as="", **fields) -> Indicator:
    if computed_as and computed_as not in COMPUTED:
        raise ValueError(f"no computed indicator {computed_as!r}; one of {', '.join(COMPUTED)}")
    indicator = Indicator(
        program=program, code=code, title=title, level=level, computed_as=computed_as, **fields
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def do_set_target(user, indicator: Indicator, period: str, value) -> Target:
    """Set the target for one period (or "LOP"); other periods' targets are untouched."""
    _require(user, indicator.program, Role.ADMINISTRATOR, Role.MEL_OFFICER)
    if period != "LOP":
        period = indicator.program.period(period).label
    target, _ = Target.objects.update_or_create(
        indicator=indicator, period=period, defaults={"value": Decimal(str(value))}
    )
    return target


@transaction.atomic
def do_record_actual(user, indicator: Indicator, period: str, value, evidence: str) -> Actual:
    """Enter an actual for an indicator the data cannot compute; evidence is required."""
    _require(user, indicator.program, Role.ADMINISTRATOR, Role.MEL_OFFICER)
    if indicator.is_computed:
        raise ValueError(f"{indicator.code} is computed from the data; it cannot be entered")
    if not evidence.strip():
        raise ValueError("an entered actual needs its evidence")
    actual, _ = Actual.objects.update_or_create(
        indicator=indicator,
        period=indicator.program.period(period).label,
        defaults={
            "value": Decimal(str(value)),
            "evidence": evidence.strip(),
            "entered_by": user if getattr(user, "pk", None) else None,
        },
    )
    return actual


@transaction.atomic
def do_rate_outcome(user, outcome: Outcome, period: str, status: str, justification: str):
    """The MEL officer's rating of an intermediate outcome; a change sends it back to draft."""
    _require(user, outcome.program, Role.ADMINISTRATOR, Role.MEL_OFFICER)
    if outcome.level != Outcome.Level.INTERMEDIATE:
        raise ValueError("status ratings are for intermediate outcomes")
    if not justification.strip():
        raise ValueError("a rating needs its justification")
    rating, _ = StatusRating.objects.update_or_create(
        outcome=outcome,
        period=outcome.program.period(period).label,
        defaults={
            "status": status,
            "justification": justification.strip(),
            "state": StatusRating.State.DRAFT,
            "approved_by": None,
            "approved_at": None,
            "rated_by": user if getattr(user, "pk", None) else None,
        },
    )
    return rating


@transaction.atomic
def do_approve_rating(user, rating: StatusRating) -> StatusRating:
    _require(user, rating.outcome.program, Role.ADMINISTRATOR)
    rating.state = StatusRating.State.APPROVED
    rating.approved_by = user if getattr(user, "pk", None) else None
    rating.approved_at = timezone.now()
    rating.save()
    return rating


@transaction.atomic
def do_record_evidence(
    program, *, kind, title, country_code, date, outcomes=(), events=(), **fields
) -> Evidence:
    evidence = Evidence(
        program=program, kind=kind, title=title, country_id=country_code, date=date, **fields
    )
    evidence.full_clean()
    evidence.save()
    if outcomes:
        evidence.outcomes.set(outcomes)
    if events:
        evidence.events.set(events)
    return evidence
