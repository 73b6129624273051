import pytest

from ctip.lib.countries import ASEAN_CODES, CountryError, normalise_country


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Lao PDR", "LA"),
        ("Viet Nam", "VN"),
        ("Brunei", "BN"),
        ("Timor-Leste", "TL"),
        ("East Timor", "TL"),
        ("tha", "TH"),
        ("kh", "KH"),
        ("Philippines", "PH"),
        ("Australia", "AU"),
        ("  myanmar ", "MM"),
    ],
)
def test_countries_are_read_as_people_write_them(written, code):
    assert normalise_country(written) == code


def test_timor_leste_is_an_asean_member():
    assert "TL" in ASEAN_CODES and len(ASEAN_CODES) == 11


def test_regional_is_only_an_event_location():
    assert normalise_country("ASEAN", allow_regional=True) == "ASEAN"
    with pytest.raises(CountryError):
        normalise_country("ASEAN")


def test_an_unknown_country_is_an_error():
    with pytest.raises(CountryError, match="not a country"):
        normalise_country("Atlantis")
