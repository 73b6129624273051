from django import template

from ctip.accounts.access import role_in
from ctip.accounts.models import Role

register = template.Library()


@register.filter
def forgettable_by(person, user) -> bool:
    """True when USER may make the program forget PERSON (administrators only)."""
    return role_in(user, person.program) == Role.ADMINISTRATOR
