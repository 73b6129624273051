from django.db import transaction

from ctip.lib.countries import ASEAN_MEMBERS, REGIONAL_CODE, REGIONAL_NAME, all_countries

from .models import Country


@transaction.atomic
def do_load_countries() -> int:
    """Create or correct the country reference data. Returns how many rows changed."""
    members = {member.code: member for member in ASEAN_MEMBERS}
    wanted = {}
    for code, alpha3, name in all_countries():
        member = members.get(code)
        wanted[code] = {
            "alpha3": alpha3,
            "name": name,
            "is_asean_member": member is not None,
            "asean_order": ASEAN_MEMBERS.index(member) + 1 if member else None,
            "member_since": member.member_since if member else None,
            "language": member.language if member else "",
        }
    wanted[REGIONAL_CODE] = {
        "alpha3": "",
        "name": REGIONAL_NAME,
        "is_asean_member": False,
        "asean_order": len(ASEAN_MEMBERS) + 1,
        "member_since": None,
        "language": "en",
    }
    existing = {country.code: country for country in Country.objects.all()}
    changed = 0
    for code, fields in wanted.items():
        country = existing.get(code)
        if country is None:
            Country.objects.create(code=code, **fields)
            changed += 1
        elif any(getattr(country, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(country, key, value)
            country.save()
            changed += 1
    return changed
