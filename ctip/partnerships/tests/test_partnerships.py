import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.demo.actions import do_load_demo
from ctip.organisations.models import Organisation
from ctip.partnerships.actions import do_set_country_partnership
from ctip.partnerships.models import CountryPartnership


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_demo_names_the_seed_documents_focal_points_and_key_partners(db):
    program = do_load_demo(seed=7, link=False).program
    partnerships = {
        p.country_id: p
        for p in CountryPartnership.objects.filter(program=program).select_related("focal_point")
    }
    assert sorted(partnerships) == ["ID", "KH", "LA", "PH", "TH", "VN"]
    assert partnerships["TH"].focal_point.name == "Ministry of Justice"
    assert partnerships["LA"].focal_point.name == "Ministry of Public Security"
    assert partnerships["VN"].focal_point.name == "Ministry of Public Security"
    assert partnerships["TH"].key_partners.count() == 10
    assert "Village Focus International" in {o.name for o in partnerships["LA"].key_partners.all()}
    assert {o.country_id for p in partnerships.values() for o in p.key_partners.all()} <= {
        "ID",
        "KH",
        "LA",
        "PH",
        "TH",
        "VN",
    }


def test_a_focal_point_must_be_from_the_country(cast):
    with pytest.raises(ValidationError, match="organisation of this country"):
        do_set_country_partnership(
            cast.program, "LA", focal_point=cast.somchai.organisation, key_partners=[]
        )


def test_setting_a_partnership_again_replaces_it(cast):
    police = cast.somchai.organisation
    ngo = Organisation.objects.create(name="An NGO", type="ngo-cso", country_id="TH")
    do_set_country_partnership(cast.program, "TH", focal_point=police, key_partners=[ngo])
    again = do_set_country_partnership(cast.program, "TH", focal_point=None, key_partners=[police])
    assert CountryPartnership.objects.count() == 1
    assert again.focal_point is None and list(again.key_partners.all()) == [police]


def test_administrators_edit_partnerships_in_the_admin(client, cast):
    do_set_country_partnership(cast.program, "TH", focal_point=cast.somchai.organisation)
    client.login(username="admin", password=PASSWORD)
    listing = client.get(reverse("admin:partnerships_countrypartnership_changelist"))
    assert listing.status_code == 200 and "Royal Thai Police" in listing.content.decode()
    partnership = CountryPartnership.objects.get()
    change = client.get(
        reverse("admin:partnerships_countrypartnership_change", args=[partnership.pk])
    )
    assert change.status_code == 200
