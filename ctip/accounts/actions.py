from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ctip.programs.models import Program

from .models import Membership, Role


@transaction.atomic
def do_create_user(
    username: str,
    password: str,
    *,
    role: str,
    program: Program | None = None,
    country_codes: list[str] = (),
    email: str = "",
    check_password: bool = True,
):
    """Create a user with a role; an administrator is also a Django superuser (admin site)."""
    User = get_user_model()
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(Role.values)}")
    if role == Role.COUNTRY_OFFICER and not country_codes:
        raise ValueError("a country officer needs at least one country")
    if role != Role.ADMINISTRATOR and program is None:
        raise ValueError("this role needs a program")
    user = User(username=username, email=email)
    if check_password:
        validate_password(password, user)
    user.set_password(password)
    if role == Role.ADMINISTRATOR:
        user.is_superuser = True
        user.is_staff = True
    user.full_clean()
    user.save()
    if program is not None:
        membership = Membership.objects.create(user=user, program=program, role=role)
        if country_codes:
            membership.countries.set(country_codes)
    return user
