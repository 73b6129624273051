from collections import Counter

from django.db import transaction
from django.db.models import Count

from ctip.demo.actions import do_load_demo
from ctip.events.models import Event
from ctip.people.models import Attendance, Person


def test_the_demo_program_looks_like_the_seed_program_and_loads_once(db):
    summary = do_load_demo(seed=7)
    program = summary.program
    per_year = Counter(
        program.fiscal_year_of(d).label for d in Event.objects.values_list("start_date", flat=True)
    )
    assert sorted(per_year) == ["FY2022-23", "FY2023-24", "FY2024-25", "FY2025-26"]
    assert all(180 <= n <= 280 for n in per_year.values()), per_year
    attendances = Attendance.objects.filter(event__program=program)
    assert 4 * 4000 <= attendances.count() <= 4 * 6500
    returning = Person.objects.annotate(n=Count("attendances")).filter(n__gt=1)
    assert returning.count() > 1000  # many people attend several events
    names = "".join(Person.objects.values_list("full_name", flat=True))
    for letter in ("ส", "ບ", "ស", "ễ", "အ"):  # Thai, Lao, Khmer, Vietnamese, Burmese
        assert letter in names, letter
    assert set(Event.objects.values_list("country_id", flat=True)) == {
        "KH",
        "ID",
        "LA",
        "PH",
        "TH",
        "VN",
        "ASEAN",
    }
    again = do_load_demo(seed=7)
    assert not again.created and again.attendances == attendances.count()


def _digest():
    return (
        list(Event.objects.order_by("code").values_list("code", "start_date", "event_type")),
        list(Person.objects.order_by("pk").values_list("full_name", "sex", "country_of_origin")),
        Attendance.objects.count(),
    )


def test_the_same_seed_gives_the_same_demo(db):
    digests = []
    for _ in range(2):
        with transaction.atomic():
            do_load_demo(seed=11)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert len(digests[0][0]) > 700
