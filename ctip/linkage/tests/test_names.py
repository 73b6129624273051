import pytest

from ctip.linkage.names import (
    marked_tokens,
    normalise_name,
    organisation_keys,
    phone_key,
    position_key,
)


@pytest.mark.parametrize(
    ("written", "tokens", "titles"),
    [
        ("U Aung Kyaw", ("aung", "kyaw"), ("u",)),
        ("Daw Khin Myint", ("khin", "myint"), ("daw",)),
        ("Pol. Lt. Col. Somchai Srisuk", ("somchai", "srisuk"), ("pol", "lt", "col")),
        ("Pol.Lt.Col. Somchai Srisuk", ("somchai", "srisuk"), ("pol", "lt", "col")),
        ("Atty. Maria Santos", ("maria", "santos"), ("atty",)),
        ("Judge Ana Reyes", ("ana", "reyes"), ("judge",)),
        ("Dr. Budi Santoso", ("budi", "santoso"), ("dr",)),
        ("Drs. H. Ahmad Sulaiman", ("ahmad", "sulaiman"), ("drs", "h")),
    ],
)
def test_titles_and_honorifics_are_kept_aside(written, tokens, titles):
    name = normalise_name(written)
    assert name.tokens == tokens
    assert name.titles == titles


@pytest.mark.parametrize(
    ("written", "degrees"),
    [
        ("Budi Santoso, S.H., M.H.", ("sh", "mh")),
        ("Budi Santoso S.H.", ("sh",)),
        ("Budi Santoso, S. H.", ("sh",)),
        ("Budi Santoso, M.Si.", ("msi",)),
    ],
)
def test_indonesian_degrees_are_kept_aside(written, degrees):
    name = normalise_name(written)
    assert name.tokens == ("budi", "santoso")
    assert name.degrees == degrees


def test_a_comma_puts_the_family_name_last():
    assert normalise_name("Santos, Maria Cristina").full == "maria cristina santos"


def test_ma_with_a_dot_is_maria():
    assert normalise_name("Ma. Cristina Santos").full == "maria cristina santos"
    assert normalise_name("Ma Thi Lan").full == "ma thi lan"  # the family name Mã


def test_name_order_does_not_change_the_sorted_form():
    assert normalise_name("Nguyễn Văn Anh").sorted == normalise_name("Anh Nguyen Van").sorted


def test_vietnamese_diacritics_and_d_with_stroke_become_latin():
    assert normalise_name("Nguyễn Văn Đức").full == "nguyen van duc"


def test_thai_script_is_romanised_by_the_royal_institute_system():
    assert normalise_name("สมชาย ศรีสุข").full == "somchai srisuk"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Somchai", "Somchay"),
        ("Boonma", "Bunma"),
        ("Srisook", "Srisuk"),
        ("Phongsak", "Pongsak"),
        ("Vichai", "Wichai"),
        ("Jirapa", "Chirapa"),
        ("Sriwattana", "Sriwatana"),
    ],
)
def test_romanisation_variants_share_a_sound_key(one, other):
    assert normalise_name(one).sound == normalise_name(other).sound


def test_different_names_keep_different_sound_keys():
    assert normalise_name("Somchai").sound != normalise_name("Somsak").sound


def test_organisations_compare_by_full_name_or_acronym():
    assert organisation_keys("Royal Thai Police") == ("royal thai police", "rtp")
    assert organisation_keys("RTP") == (None, "rtp")
    assert organisation_keys("Department of Social Welfare and Development")[1] == "dswd"


def test_phone_numbers_compare_on_their_last_digits():
    assert phone_key("+66 81 234 5678") == phone_key("081-234-5678")
    assert phone_key("n/a") is None


def test_positions_compare_with_abbreviations_written_out():
    assert position_key("Dep. Dir.") == position_key("Deputy Director") == "deputy director"
    assert position_key("POL. CAPT.") == position_key("Police Captain")
    assert position_key("Head of Div.") == "head division"
    assert position_key("") is None


def test_vietnamese_marks_are_kept_beside_the_plain_letters():
    assert marked_tokens("Nguyễn Văn Hưng") == ("nguyen:nguyễn", "van:văn", "hung:hưng")


def test_a_name_without_marks_or_in_another_script_has_none_to_compare():
    assert marked_tokens("Nguyen Van Hung") is None
    assert marked_tokens("สมชาย ศรีสุข") is None
