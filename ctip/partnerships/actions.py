from __future__ import annotations

from django.db import transaction

from ctip.organisations.models import Organisation
from ctip.programs.models import Program

from .models import CountryPartnership


@transaction.atomic
def do_set_country_partnership(
    program: Program,
    country_code: str,
    *,
    focal_point: Organisation | None,
    key_partners: list[Organisation] = (),
) -> CountryPartnership:
    """Record (or replace) the program's focal point and key partners in one country."""
    partnership, _created = CountryPartnership.objects.get_or_create(
        program=program, country_id=country_code
    )
    partnership.focal_point = focal_point
    partnership.full_clean()
    partnership.save()
    partnership.key_partners.set(key_partners)
    return partnership
