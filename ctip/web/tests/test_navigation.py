"""The menu offers only what the role may open."""

import pytest
from django.test import Client
from django.urls import reverse


def _menu(user) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode()
    return page.split("<nav>")[1].split("</nav>")[0]


@pytest.mark.parametrize("role", ["admin", "mel", "thai_officer"])
def test_those_who_may_import_and_see_people_have_both_links(cast, role):
    menu = _menu(getattr(cast, role))
    assert reverse("import-list") in menu
    assert reverse("person-list") in menu
    assert reverse("linkage-review") in menu


def test_a_viewer_sees_no_imports_people_or_review_links(cast):
    menu = _menu(cast.viewer)
    assert reverse("import-list") not in menu
    assert reverse("person-list") not in menu
    assert reverse("linkage-review") not in menu
    assert reverse("report-list") in menu
