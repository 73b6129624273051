"""Who may create and change events and their attendance, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from ctip.accounts.access import (
    NotFound,
    access_event_for_edit,
    can_create_event_in,
    can_edit_event,
    event_countries_for,
)


def test_administrators_and_mel_officers_may_write_anywhere_in_the_program(cast):
    for user in (cast.admin, cast.mel):
        assert can_create_event_in(user, cast.program, "KH")
        assert can_create_event_in(user, cast.program, "ASEAN")
        assert can_edit_event(user, cast.cambodian_event)
        assert event_countries_for(user, cast.program) is None


def test_a_country_officer_may_write_only_in_their_countries(cast):
    officer = cast.thai_officer
    assert can_create_event_in(officer, cast.program)
    assert can_create_event_in(officer, cast.program, "TH")
    assert not can_create_event_in(officer, cast.program, "KH")
    assert not can_create_event_in(officer, cast.program, "ASEAN")
    assert can_edit_event(officer, cast.thai_event)
    assert not can_edit_event(officer, cast.cambodian_event)
    assert event_countries_for(officer, cast.program) == {"TH"}


def test_viewers_outsiders_and_anonymous_visitors_may_not_write(cast):
    for user in (cast.viewer, cast.outsider, AnonymousUser()):
        assert not can_create_event_in(user, cast.program)
        assert not can_edit_event(user, cast.thai_event)
        assert event_countries_for(user, cast.program) == set()


def test_a_viewer_is_forbidden_and_others_find_nothing(cast):
    with pytest.raises(PermissionDenied):
        access_event_for_edit(cast.viewer, cast.thai_event.pk)
    for user, event in (
        (cast.outsider, cast.thai_event),
        (cast.thai_officer, cast.cambodian_event),
        (AnonymousUser(), cast.thai_event),
    ):
        with pytest.raises(NotFound):
            access_event_for_edit(user, event.pk)
    assert access_event_for_edit(cast.thai_officer, cast.thai_event.pk) == cast.thai_event
