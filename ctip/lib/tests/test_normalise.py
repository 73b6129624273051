import datetime as dt

import pytest

from ctip.lib.normalise import (
    NormaliseError,
    header,
    normalise_country,
    normalise_date,
    normalise_numbers,
    normalise_sex,
    normalise_yes_no,
)


@pytest.mark.parametrize(
    ("written", "sex"),
    [
        ("Female", "female"),
        ("F", "female"),
        ("m", "male"),
        ("O", "other"),
        ("", "not-specified"),
        (None, "not-specified"),
        ("หญิง", "female"),
        ("ชาย", "male"),
        ("nữ", "female"),
        ("Nam", "male"),
        ("perempuan", "female"),
        ("laki-laki", "male"),
        ("babae", "female"),
        ("lalaki", "male"),
        ("ស្រី", "female"),
        ("ប្រុស", "male"),
        ("ຍິງ", "female"),
        ("ຊາຍ", "male"),
        ("မ", "female"),
        ("ကျား", "male"),
        ("wanita", "female"),
        ("pria", "male"),
    ],
)
def test_sex_is_read_in_english_and_the_regions_languages(written, sex):
    assert normalise_sex(written) == sex


def test_a_misspelt_sex_says_what_to_write():
    with pytest.raises(NormaliseError) as error:
        normalise_sex("femail")
    assert str(error.value) == (
        '"femail" is not a sex we know; use female, male, other or leave blank'
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [
        (dt.datetime(2024, 9, 10, 0, 0), dt.date(2024, 9, 10)),  # noqa: DTZ001 (as openpyxl gives)
        (dt.date(2024, 9, 10), dt.date(2024, 9, 10)),
        ("2024-09-10", dt.date(2024, 9, 10)),
        ("2024-9-1", dt.date(2024, 9, 1)),
        ("10 September 2024", dt.date(2024, 9, 10)),
        ("10-Sep-2024", dt.date(2024, 9, 10)),
        ("Sep 10, 2024", dt.date(2024, 9, 10)),
        ("", None),
    ],
)
def test_dates_are_read_when_they_cannot_be_misread(written, day):
    assert normalise_date(written) == day


@pytest.mark.parametrize("written", ["03/04/2024", "3.4.2024", "2024/03/04", "45544"])
def test_numeric_dates_that_could_be_misread_are_refused(written):
    with pytest.raises(NormaliseError):
        normalise_date(written)


def test_yes_and_no_in_several_languages():
    assert [normalise_yes_no(v) for v in ("Yes", "n", "ใช่", "tidak", "có", "", None)] == [
        True,
        False,
        True,
        False,
        True,
        None,
        None,
    ]


def test_countries_and_the_regional_location():
    assert normalise_country("Lao PDR") == "LA"
    assert normalise_country("East Timor") == "TL"
    assert normalise_country("ASEAN", allow_regional=True) == "ASEAN"
    with pytest.raises(NormaliseError, match="not a country we know"):
        normalise_country("ASEAN")


def test_headers_lose_case_spaces_and_form_group_prefixes():
    assert header(" Event ID ") == "event_id"
    assert header("group_person/Full Name") == "full_name"
    assert header("E-mail") == "e_mail"


def test_outcome_lists():
    assert normalise_numbers("1;4;8") == [1, 4, 8]
    assert normalise_numbers("IO 4, IO 8") == [4, 8]
    assert normalise_numbers(4.0) == [4]
