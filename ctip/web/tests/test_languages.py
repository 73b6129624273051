"""Every participant page is written in all eight languages, and no page is served under a
language it is not written in (docs/languages.md)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from ctip.conftest import PASSWORD
from ctip.registration.links import link_token
from ctip.web import languages
from ctip.web.languages import LOCALE_DIR, Coverage, catalogue_path, is_translated

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\w*\}")


@pytest.fixture(autouse=True)
def _coverage_read_afresh():
    real = languages.coverage
    real.cache_clear()
    yield
    real.cache_clear()


def _entries(language):
    return [e for e in polib.pofile(str(catalogue_path(language))) if not e.obsolete]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_participant_facing_string_is_translated(language):
    participant = languages.participant_messages(language)
    ids = {entry.msgid for entry in participant}
    # The set is read from the catalogue's references: it must hold the pages it stands for.
    for msgid in ("Your name", "Give feedback", "Partner survey", "Not found", "Agree"):
        assert msgid in ids
    untranslated = [entry.msgid for entry in participant if not is_translated(entry)]
    assert untranslated == []
    assert languages.coverage(language).participant_missing == ()


def test_a_fuzzy_translation_counts_as_missing(tmp_path, monkeypatch):
    catalogue = polib.pofile(str(catalogue_path("lo")))
    entry = catalogue.find("Your name")
    entry.flags.append("fuzzy")
    (tmp_path / "lo" / "LC_MESSAGES").mkdir(parents=True)
    catalogue.save(str(tmp_path / "lo" / "LC_MESSAGES" / "django.po"))
    monkeypatch.setattr(languages, "LOCALE_DIR", tmp_path)
    assert languages.coverage("lo").participant_missing == ("Your name",)
    assert languages.participant_language("lo") == "en"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translations_keep_the_placeholders_of_their_message(language):
    for entry in _entries(language):
        if not is_translated(entry):
            continue
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in forms:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), (
                entry.msgid
            )


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_committed_compiled_catalogues_match_their_sources(language):
    """The .mo files are committed (a checkout works without gettext): never stale."""
    source = {
        (e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural)
        for e in _entries(language)
        if is_translated(e)
    }
    mo = polib.mofile(str(catalogue_path(language).with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural) for e in mo if e.msgid}
    compiled = {key: value for key, value in compiled.items() if value}
    assert set(compiled) == set(source)
    assert compiled == {key: source[key] for key in compiled}


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext")
def test_the_catalogues_hold_every_message_of_the_code(tmp_path, settings, monkeypatch):
    """makemessages on a copy of the code finds no message the catalogues lack."""
    package = Path(languages.__file__).resolve().parent.parent
    copy = tmp_path / "ctip"
    shutil.copytree(
        package,
        copy,
        ignore=shutil.ignore_patterns("__pycache__", "*.mo", "tests", "static", "*.pyc"),
    )
    settings.LOCALE_PATHS = []
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["th"], add_location="file", no_obsolete=True, verbosity=0)
    fresh = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/th/LC_MESSAGES/django.po"))
    }
    for language in OTHER_LANGUAGES:
        held = {(e.msgctxt, e.msgid) for e in _entries(language)}
        assert fresh - held == set(), f"run makemessages: {language} lacks new messages"
        assert held - fresh == set(), f"run makemessages: {language} keeps dropped messages"
    assert (LOCALE_DIR / "th").exists()


class _Page(HTMLParser):
    """The lang attribute of <html> and the text a reader sees."""

    def __init__(self, html):
        super().__init__()
        self.lang, self.text, self._skip = None, [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def body(self):
        return " ".join(" ".join(self.text).split())


def _english_sentences(language):
    """Participant messages long enough that finding one on a page means it is English
    (names written alike in both languages, such as "Brunei Darussalam", set aside)."""
    return [
        entry.msgid
        for entry in languages.participant_messages(language)
        if len(entry.msgid) > 14 and "%(" not in entry.msgid and entry.msgstr != entry.msgid
    ]


@pytest.fixture
def open_event(cast):
    import datetime as dt

    from django.utils import timezone

    from ctip.events.actions import do_create_event

    today = timezone.localdate()
    return do_create_event(
        cast.program,
        code="TH-LANG",
        title="Workshop",
        start_date=today,
        end_date=today + dt.timedelta(days=1),
        country_code="TH",
        event_type="workshop",
    )


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_registration_page_is_written_in_the_language_it_is_served_under(
    client, open_event, language
):
    url = reverse("register", args=[link_token(open_event)])
    by_query = client.get(url, {"lang": language})
    by_browser = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    page = _Page(by_query.content.decode())
    assert page.lang == language
    assert by_query["Content-Language"] == language
    assert 'data-testid="language-notice"' not in by_query.content.decode()
    if language != "en":
        assert [s for s in _english_sentences(language) if s in page.body] == []
    # Without ?lang= the event's country (Thailand) decides, not the browser.
    assert _Page(by_browser.content.decode()).lang == "th"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_an_error_page_is_written_in_the_language_it_is_served_under(client, language):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    page = _Page(response.content.decode())
    assert page.lang == language
    if language != "en":
        assert "Not found" not in page.body
        assert "There is nothing here" not in page.body


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_staff_page_is_never_english_under_another_language(client, cast, language):
    client.login(username="mel", password=PASSWORD)
    response = client.get(reverse("event-list"), HTTP_ACCEPT_LANGUAGE=language)
    page = _Page(response.content.decode())
    html = response.content.decode()
    if languages.coverage(language).staff_pages:
        assert page.lang == language
        if language != "en":
            assert ">Events<" not in html and ">Log out<" not in html
    else:
        assert page.lang == "en"
        assert 'data-testid="language-notice"' in html
        notice = re.search(r'<p class="language-notice" lang="(\w+)"[^>]*>([^<]+)</p>', html)
        assert notice.group(1) == language  # said in the language that was asked for
        assert "This page is not yet available" not in notice.group(2)


def test_a_participant_page_falls_back_to_english_and_says_so_in_the_asked_language(
    client, open_event, monkeypatch
):
    """When a catalogue stops covering the participant pages (a new sentence is not yet
    translated), the page is English with lang="en", and the notice is in Lao."""
    real = languages.coverage

    def without_one_sentence(language):
        if language == "lo":
            return Coverage("lo", ("Your name",), 1, 1)
        return real(language)

    monkeypatch.setattr(languages, "coverage", without_one_sentence)
    url = reverse("register", args=[link_token(open_event)])
    response = client.get(url, {"lang": "lo"})
    html = response.content.decode()
    page = _Page(html)
    assert page.lang == "en" and response["Content-Language"] == "en"
    assert "Your name" in page.body
    assert '<p class="language-notice" lang="lo"' in html
    assert "ໜ້ານີ້ຍັງບໍ່ມີເປັນ ພາສາລາວ" in page.body


def test_the_notice_is_in_english_when_the_asked_language_has_no_words_for_it(monkeypatch):
    from django.utils import translation

    real_gettext = languages.gettext
    monkeypatch.setattr(
        languages,
        "gettext",
        lambda message: message if translation.get_language() == "km" else real_gettext(message),
    )
    notice = languages.fallback_notice("km", "en")
    assert notice.lang == "en"
    assert notice.text == "This page is not yet available in Khmer; shown in English."
