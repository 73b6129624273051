"""The people list shows people, not records: records linked into one person are one row,
marked with how many records they have; names sort as a reader expects; filters narrow it;
a person's page shows every linked record and every event."""

import re

from django.urls import reverse

from ctip.linkage.actions import do_merge_people
from ctip.people.actions import do_create_person, do_record_attendance


def _names(client, **filters) -> list[str]:
    page = client.get(reverse("person-list"), filters).content.decode()
    return re.findall(r'<tr data-testid="person"><td><a href="[^"]+">([^<]+)</a>', page)


def _person(cast, name, *, sex="female", country="VN", event=None):
    person = do_create_person(
        cast.program, full_name=name, sex=sex, country_code=country, consent_given=True
    )
    do_record_attendance(event or cast.cambodian_event, person)
    return person


def _somchai_twice(cast):
    """Somchai's second record, written differently at the Cambodian event, linked to him."""
    again = do_create_person(
        cast.program,
        full_name="สมชาย ศรีสุข",
        romanised_name="Somchai Srisook",
        sex="male",
        country_code="TH",
        consent_given=True,
    )
    do_record_attendance(cast.cambodian_event, again)
    do_merge_people(cast.mel, cast.somchai, again)
    return again


def test_linked_records_are_listed_once_and_marked(client, cast):
    again = _somchai_twice(cast)
    client.force_login(cast.mel)
    page = client.get(reverse("person-list")).content.decode()
    assert page.count('data-testid="person"') == 2  # Somchai (two records) and Sokha
    row = page.split("สมชาย ศรีสุข (Somchai Srisuk)")[1].split("</tr>")[0]
    assert 'data-testid="linked">2 linked records<' in row
    assert "also written" in row and "Somchai Srisook" in row
    assert row.rstrip().endswith('<td class="n">2</td>')  # two events, one person
    assert 'data-testid="people-count">2 people' in page
    assert str(again.pk) not in re.findall(r'href="/people/(\d+)/"', page)


def test_names_sort_alphabetically_not_capitals_first(client, cast):
    for name in ["Zoe Tan", "adam Lee", "Đào Minh", "Ánh Vo", "Bao Pham"]:
        _person(cast, name)
    client.force_login(cast.mel)
    # sorted by the Latin name: Sokha before Somchai, whatever their own scripts
    assert _names(client) == [
        "adam Lee",
        "Ánh Vo (Anh Vo)",
        "Bao Pham",
        "Đào Minh (Dao Minh)",
        "សុខា ចាន់ (Sokha Chan)",
        "สมชาย ศรีสุข (Somchai Srisuk)",
        "Zoe Tan",
    ]


def test_the_people_list_filters_by_name_country_sex_and_linked(client, cast):
    _somchai_twice(cast)
    _person(cast, "Ánh Vo")
    client.force_login(cast.mel)
    assert _names(client, q="srisook") == ["สมชาย ศรีสุข (Somchai Srisuk)"]  # any record's name
    assert _names(client, country="VN") == ["Ánh Vo (Anh Vo)"]
    assert _names(client, sex="male") == ["สมชาย ศรีสุข (Somchai Srisuk)"]
    assert _names(client, linked="1") == ["สมชาย ศรีสุข (Somchai Srisuk)"]


def test_a_country_officer_lists_only_the_records_they_may_see(client, cast):
    _somchai_twice(cast)  # the second record attended in Cambodia: not the Thai officer's
    client.force_login(cast.thai_officer)
    page = client.get(reverse("person-list")).content.decode()
    assert page.count('data-testid="person"') == 1
    assert "Somchai Srisook" not in page and "Sokha" not in page
    assert 'data-testid="linked"' not in page


def test_a_persons_page_shows_every_linked_record_and_every_event(client, cast):
    again = _somchai_twice(cast)
    client.force_login(cast.mel)
    page = client.get(reverse("person-detail", args=[cast.somchai.pk])).content.decode()
    records = page.split('data-testid="records"')[1].split("</table>")[0]
    assert "Somchai Srisuk" in records and "Somchai Srisook" in records
    events = page.split('data-testid="events"')[1].split("</table>")[0]
    assert "Training on victim identification" in events and "Coordination meeting" in events

    client.force_login(cast.thai_officer)
    page = client.get(reverse("person-detail", args=[cast.somchai.pk])).content.decode()
    assert "Somchai Srisook" not in page and "Coordination meeting" not in page
    assert client.get(reverse("person-detail", args=[again.pk])).status_code == 404
