"""E-learning numbers: completions by course × language × country × sex."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from ctip.lib.periods import Period
from ctip.people.models import Sex

from .models import Completion


def completions_in(program, period: Period, country: str | None = None):
    """Completions of the program's courses dated in PERIOD (of learners from COUNTRY)."""
    completions = Completion.objects.filter(
        course__program=program,
        completed_on__gte=period.start,
        completed_on__lte=period.end,
    )
    if country:
        completions = completions.filter(country_id=country)
    return completions


@dataclass(frozen=True)
class CompletionCounts:
    course: str
    language: str
    country: str  # a country code; "" when the platform gave none
    female: int = 0
    male: int = 0
    other: int = 0
    not_specified: int = 0

    @property
    def total(self) -> int:
        return self.female + self.male + self.other + self.not_specified


def completions_by_course(program, period: Period, country: str | None = None):
    """Completions by course × language × learner's country × sex (the learner's sex as the
    registry records it), one GROUP BY."""
    grouped = (
        completions_in(program, period, country)
        .values_list("course__name", "language", "country_id", "person__sex")
        .annotate(n=Count("id"))
        .order_by("course__name", "language", "country_id")
    )
    lines: dict[tuple, dict] = {}
    for course, language, country_code, sex, n in grouped:
        line = lines.setdefault((course, language, country_code or ""), {})
        column = sex.replace("-", "_") if sex in Sex.values else "not_specified"
        line[column] = line.get(column, 0) + n
    return [CompletionCounts(*key, **counts) for key, counts in lines.items()]


def people_trained_online(program, period: Period, country: str | None = None) -> int:
    """Completions in PERIOD: what the people-trained indicator adds when the program counts
    e-learning as training (Program.counts_elearning_as_trained)."""
    return completions_in(program, period, country).count()


def completions_by_sex(program, period: Period, country: str | None = None) -> dict[str, int]:
    """Completions in PERIOD (of learners from COUNTRY) by the learner's sex."""
    return dict(
        completions_in(program, period, country)
        .values_list("person__sex")
        .annotate(n=Count("id"))
        .order_by()
    )
