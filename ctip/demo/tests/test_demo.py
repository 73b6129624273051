import re
from collections import Counter

from django.db import transaction
from django.db.models import Count

from ctip.demo.actions import do_load_demo, linkage_accuracy
from ctip.events.models import Event
from ctip.linkage.queries import people_reached
from ctip.people.models import Attendance, Person


def test_the_demo_program_looks_like_the_seed_program_and_loads_once(db):
    summary = do_load_demo(seed=7, link=False)
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
    again = do_load_demo(seed=7, link=False)
    assert not again.created and again.attendances == attendances.count()


def _digest():
    return (
        list(Event.objects.order_by("code").values_list("code", "start_date", "event_type")),
        list(
            Person.objects.order_by("pk").values_list(
                "full_name", "romanised_name", "sex", "country_of_origin", "email", "phone"
            )
        ),
        Attendance.objects.count(),
    )


def test_the_same_seed_gives_the_same_demo(db):
    digests = []
    for _ in range(2):
        with transaction.atomic():
            do_load_demo(seed=11, link=False)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert len(digests[0][0]) > 700


def test_demo_contacts_are_fictional_and_most_people_can_be_reached(db):
    with transaction.atomic():
        do_load_demo(seed=11, link=False)
        rows = list(Person.objects.values_list("email", "phone"))
        transaction.set_rollback(True)
    emails = [email for email, _ in rows if email]
    phones = [phone for _, phone in rows if phone]
    # RFC 2606 domains only; phones in the documented scheme: +<code> 00 …, or 000… when
    # written as a national number (no numbering plan allocates a number starting 00)
    assert all(email.endswith(".example") for email in emails)
    assert all(
        re.fullmatch(r"\+\d{2,3}[ -]00[ -]\d{4}[ -]?\d{4}|000\d{8}", phone) for phone in phones
    ), [p for p in phones if not re.fullmatch(r"\+\d{2,3}[ -]00[ -]\d{4}[ -]?\d{4}|000\d{8}", p)]
    # many sheets carry a phone or an email, not all (paper sheets often leave them out)
    assert 0.3 < len(phones) / len(rows) < 0.8
    assert 0.25 < len(emails) / len(rows) < 0.7


def test_returning_participants_come_back_as_new_records_written_differently(db):
    with transaction.atomic():
        summary = do_load_demo(seed=11, link=False)
        records_of: dict[int, list[int]] = {}
        for record, person in summary.truth.items():
            records_of.setdefault(person, []).append(record)
        names = dict(Person.objects.values_list("pk", "full_name"))
        fields = {
            row[0]: row[1:]
            for row in Person.objects.values_list(
                "pk", "sex", "country_of_origin", "organisation", "position"
            )
        }
        transaction.set_rollback(True)
    assert len(summary.truth) == summary.records > summary.true_people
    several = [records for records in records_of.values() if len(records) > 1]
    assert len(several) > 1000
    written_differently = [r for r in several if len({names[pk] for pk in r}) > 1]
    assert 0.3 < len(written_differently) / len(several) < 0.9
    # a person's records agree on what the attendance reports count by
    assert all(len({fields[pk] for pk in records}) == 1 for records in several)
    # only a few percent of people share their exact name with someone of the same country
    # and sex (as in life): the first record of each person is written as they write it
    first = {person: min(records) for person, records in records_of.items()}
    same = Counter((names[pk], *fields[pk][:2]) for pk in first.values())
    shared = sum(n for n in same.values() if n > 1)
    assert shared / len(first) < 0.06


def test_linkage_on_the_demo_finds_about_as_many_people_as_the_generator_made(db):
    summary = do_load_demo()  # seed 2025, linked, as `ctip demo` loads it
    program = summary.program
    # the attendance figures are those published for the demo (docs/reports.md)
    assert summary.attendances == 21_890
    period = program.period("FY2024-25")
    reached = people_reached(program, period)
    assert reached.attendances == 5_470
    # the unique counts come from the linkage, within 5% of the generator's truth
    accuracy = linkage_accuracy(program, summary.truth)
    assert summary.link.people_after == accuracy.linked_people
    assert abs(accuracy.unique_count_error) < 0.05, accuracy.line()
    assert accuracy.f1 > 0.85, accuracy.line()
    assert summary.link.queued_for_review > 0
    assert 0.7 * reached.attendances < reached.unique_people < reached.attendances
