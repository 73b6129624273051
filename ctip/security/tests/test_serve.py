"""`ctip serve` behind HTTPS refuses to start while a demo account keeps its known password."""

import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ctip.accounts.actions import do_create_user
from ctip.accounts.models import Role


@pytest.fixture
def started(monkeypatch):
    """The argv `ctip serve` would hand to gunicorn, instead of replacing this process."""
    argv = []
    monkeypatch.setattr(os, "execv", lambda path, args: argv.extend(args))
    return argv


def test_behind_https_serve_refuses_while_a_demo_password_is_unchanged(db, settings, started):
    settings.HTTPS = True
    admin = do_create_user("admin", "demo-admin-pass", role=Role.ADMINISTRATOR)
    with pytest.raises(CommandError, match="admin still have the demo's published passwords"):
        call_command("serve", stdout=io.StringIO())
    assert started == []
    admin.set_password("a new long admin password")
    admin.save()
    call_command("serve", stdout=io.StringIO())
    assert "gunicorn" in started


def test_without_https_the_demo_is_served_as_it_is(db, settings, started):
    settings.HTTPS = False
    do_create_user("admin", "demo-admin-pass", role=Role.ADMINISTRATOR)
    call_command("serve", stdout=io.StringIO())
    assert "gunicorn" in started
