"""What the navigation offers: only the pages the user's role may open."""

from django.utils.functional import SimpleLazyObject

from ctip.accounts.access import can_see_people, programs_of
from ctip.imports.permissions import may_import


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    programs = SimpleLazyObject(lambda: list(programs_of(user)))  # one query for both links
    return {
        "show_people_link": SimpleLazyObject(lambda: can_see_people(user)),
        "show_frameworks_link": SimpleLazyObject(lambda: _has_frameworks(user)),
        "show_grants_link": SimpleLazyObject(lambda: _has_grants(user)),
        "show_program_links": SimpleLazyObject(lambda: bool(programs)),
        "show_cases_link": SimpleLazyObject(lambda: _has_cases(user)),
        "show_victims_tables_link": SimpleLazyObject(lambda: _sees_every_agency(user)),
        "show_imports_link": SimpleLazyObject(
            lambda: any(may_import(user, program) for program in programs)
        ),
    }


def _has_frameworks(user) -> bool:
    from ctip.frameworks.access import frameworks_for

    return frameworks_for(user).exists()


def _has_grants(user) -> bool:
    from ctip.grants.access import grants_for

    return grants_for(user).exists()


def _sees_every_agency(user) -> bool:
    """An administrator or MEL officer: the victims' tables of every agency (aggregates only;
    asks the main database only). Case managers reach their agency's from the case pages."""
    from ctip.accounts.models import Membership, Role

    return (
        user.is_superuser
        or Membership.objects.filter(
            user_id=user.pk, role__in=[Role.ADMINISTRATOR, Role.MEL_OFFICER]
        ).exists()
    )


def _has_cases(user) -> bool:
    """A case manager or case worker of an agency (asks the cases database)."""
    from ctip.cases.access import memberships_of

    return bool(memberships_of(user))
