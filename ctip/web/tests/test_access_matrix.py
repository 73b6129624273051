"""Who gets what, for EVERY URL and EVERY `ctip` command, for every role.

A URL pattern or a command without an entry here fails the test: when you add one, add a row
saying what each role gets. The tables are the reviewable statement of the access rules;
docs/access.md explains them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from ctip.accounts.commands import CtipCommand
from ctip.cli import COMMANDS

LOGIN = "login redirect"
# Case pages and commands reach the cases database (docs/cases.md); these tests declare it.
CASES_DATABASE_TOO = pytest.mark.django_db(databases=["default", "cases"])
ROLES = ("administrator", "mel", "thai", "viewer", "outsider", "anonymous")
# The cast member standing for each role (ctip/conftest.py).
CAST = {
    "administrator": "admin",
    "mel": "mel",
    "thai": "thai_officer",
    "viewer": "viewer",
    "outsider": "outsider",
}


def _all(outcome):
    return dict.fromkeys(ROLES, outcome)


def _members(outcome, anonymous=LOGIN):
    return {**dict.fromkeys(CAST, outcome), "anonymous": anonymous}


FRAMEWORK_READERS = {**_members(200), "thai": 404, "outsider": 404}
FRAMEWORK_REVIEWERS = {**_members(200), "thai": 404, "viewer": 404, "outsider": 404}

# URL name (or route, for an unnamed pattern) -> (arguments from the cast, outcome of a GET
# per role). The objects are the Thai event and Somchai, who attended it: the Thai country
# officer may see both; the outsider belongs to another program.
URLS = {
    "dashboard": (None, _members(200)),
    "event-list": (None, _members(200)),
    "event-detail": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "outsider": 404},
    ),
    "person-list": (
        None,
        # the outsider is a MEL officer of another program: their (empty) list of people
        {**_members(200), "viewer": 403},
    ),
    "person-detail": (
        lambda cast: [cast.somchai.pk],
        {**_members(200), "viewer": 404, "outsider": 404},
    ),
    "person-forget": (
        lambda cast: [cast.somchai.pk],
        {
            "administrator": 200,
            "mel": 403,
            "thai": 403,
            "viewer": 404,
            "outsider": 404,
            "anonymous": LOGIN,
        },
    ),
    "login": (None, _all(200)),
    "logout": (None, _all(405)),  # POST only
    "password_change": (None, _members(200)),
    "password_change_done": (None, _members(200)),
    "healthz": (None, _all(200)),
    # events on the web and staff attendance entry
    "event-create": (None, {**_members(200), "viewer": 403}),
    "event-edit": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    "attendance-add": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    "attendance-remove": (
        lambda cast: [cast.thai_event.pk, cast.thai_event.attendances.get().pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    # QR self-registration: open to anyone with the signed link while its window is open;
    # the Thai event was in 2024, so its window has closed (a polite 403 page)
    "register": (lambda cast: [_registration_token(cast)], _all(403)),
    "register-thanks": (lambda cast: [_registration_token(cast)], _all(200)),
    "registration-settings": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    "registration-qr": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    "registration-print": (
        lambda cast: [cast.thai_event.pk],
        {**_members(200), "viewer": 403, "outsider": 404},
    ),
    # reports: aggregates for every member of the program; the outsider's program is empty
    "report-list": (None, _members(200)),
    "report": (lambda cast: ["table2"], _members(200)),
    "report-download": (lambda cast: ["table2", "csv"], _members(200)),
    "factsheet-index": (None, _members(200)),
    "factsheet": (lambda cast: ["TH"], _members(200)),
    "factsheet-pdf": (lambda cast: ["TH"], _members(200)),
    # results framework: everyone in the program reads; changes are POSTs
    "results-overview": (None, _members(200)),
    "results-rate": (lambda cast: [4], _members(405)),
    "results-approve": (lambda cast: [4], _members(405)),
    "results-indicator": (lambda cast: ["O1"], _members(404)),
    "results-add-evidence": (None, {**_members(200), "thai": 403, "viewer": 403}),
    # imports: not for viewers
    "import-list": (None, {**_members(200), "viewer": 403}),
    "import-preview": (None, {**_members(405)}),  # POST only
    "import-confirm": (None, {**_members(405)}),  # POST only
    "import-cancel": (None, {**_members(405)}),  # POST only
    "import-progress": (None, {**_members(200), "viewer": 403}),  # their own only
    "import-detail": (lambda cast: [999999], {**_members(404), "viewer": 403}),
    "import-rollback": (lambda cast: [999999], _members(405)),  # POST only
    "import-template": (lambda cast: ["attendance"], {**_members(200), "viewer": 403}),
    "import-xlsform": (None, {**_members(200), "viewer": 403}),
    "import-feedback-xlsform": (None, {**_members(200), "viewer": 403}),
    # surveys: feedback behind the event's registration link (closed: the 2024 event's window
    # has closed), the partner survey behind its own signed link (open), both public; the
    # staff page for every member (candidate quotes and links only for MEL officers and
    # administrators: ctip/surveys/tests/test_partner_web.py)
    "feedback": (lambda cast: [_registration_token(cast)], _all(403)),
    "feedback-thanks": (lambda cast: [_registration_token(cast)], _all(200)),
    "partner-survey": (lambda cast: [_survey_link_token(cast)], _all(200)),
    # partners' frameworks (ctip/frameworks/access.py): the program's administrators and MEL
    # officers manage and review; viewers read the aggregate pages; a country officer has no
    # role in a framework; report pages only for reviewers and the unit's focal point
    "framework-list": (None, _members(200)),
    "framework-detail": (lambda cast: ["bohol-2"], FRAMEWORK_READERS),
    "framework-file": (
        lambda cast: [_framework_report(cast).round.framework.code],
        {**FRAMEWORK_REVIEWERS},
    ),
    "framework-load": (None, _members(405)),  # POST only
    "framework-round": (lambda cast: ["bohol-2", "2024"], FRAMEWORK_READERS),
    "framework-round-open": (lambda cast: ["bohol-2"], _members(405)),
    "framework-indicator": (lambda cast: ["bohol-2", "1.1"], FRAMEWORK_READERS),
    "framework-dhis2": (lambda cast: ["bohol-2", "2024"], FRAMEWORK_REVIEWERS),
    "framework-report": (lambda cast: [_framework_report(cast).pk], FRAMEWORK_REVIEWERS),
    "framework-report-review": (lambda cast: [_framework_report(cast).pk], _members(405)),
    "framework-report-template": (
        lambda cast: [_framework_report(cast).pk],
        FRAMEWORK_REVIEWERS,
    ),
    "framework-report-upload": (lambda cast: [_framework_report(cast).pk], _members(405)),
    "framework-evidence-add": (lambda cast: [_framework_report(cast).pk], _members(405)),
    "framework-evidence": (lambda cast: [_framework_evidence(cast).pk], FRAMEWORK_REVIEWERS),
    # the program's instruments (ctip/grants/access.py; docs/instruments.md): every member
    # reads the lists and aggregates; a grant's progress reports and evidence are for its
    # managers (and the grantee's focal point, ctip/grants/tests); changes are POSTs
    "grant-list": (None, _members(200)),
    "grant-counting": (None, _members(405)),  # POST only
    "grant-detail": (
        lambda cast: [_grant_report(cast).grant.code],
        {**_members(200), "outsider": 404},
    ),
    "grant-report": (lambda cast: [_grant_report(cast).pk], FRAMEWORK_REVIEWERS),
    "grant-report-save": (lambda cast: [_grant_report(cast).pk], _members(405)),
    "grant-report-review": (lambda cast: [_grant_report(cast).pk], _members(405)),
    "grant-evidence-add": (lambda cast: [_grant_report(cast).pk], _members(405)),
    "grant-evidence": (lambda cast: [_grant_evidence(cast).pk], FRAMEWORK_REVIEWERS),
    "cohort-list": (None, _members(200)),
    "cohort-detail": (lambda cast: [_cohort(cast).code], {**_members(200), "outsider": 404}),
    "elearning": (None, _members(200)),
    "elearning-counting": (None, _members(405)),  # POST only
    "series-list": (None, _members(200)),
    "series-detail": (lambda cast: [_series(cast).code], {**_members(200), "outsider": 404}),
    "partner-survey-thanks": (lambda cast: [_survey_link_token(cast)], _all(200)),
    "survey-index": (None, _members(200)),
    "survey-link-revoke": (lambda cast: [999999], _members(405)),  # POST only
}


URLS.update(
    {
        # record linkage review: reviewers see only people they may see; viewers none
        "linkage-review": (None, {**_members(200), "viewer": 403}),
        "linkage-decide": (lambda cast: [999999], {**_members(405)}),  # POST only
        "linkage-person": (
            lambda cast: [cast.somchai.pk],
            {**_members(200), "viewer": 404, "outsider": 404},
        ),
        "linkage-split": (lambda cast: [cast.somchai.pk, cast.sokha.pk], _members(405)),
        "linkage-undo": (lambda cast: [999999], _members(405)),
        # the second factor: only for those who need one (administrators here). The cast's
        # administrator has passed it at login (ctip/conftest.py), so both pages send them on;
        # what an administrator who has not gets: ctip/security/tests/test_second_factor.py
        "second-factor": (None, {**_members(404), "administrator": 302}),
        "session-list": (None, _members(200)),
        "second-factor-enrol": (None, {**_members(404), "administrator": 302}),
        # accounts: administrators invite; the link in the mail is for anyone who has it;
        # "Forgot your password?" is open to all; each member changes their own address
        "invitation-list": (None, {**_members(403), "administrator": 200}),
        "invitation-send-again": (lambda cast: [cast.viewer.pk], _members(405)),  # POST only
        "invitation-accept": (lambda cast: [_invitation_token(cast)], _all(200)),
        "email-change": (None, _members(200)),
        # a forged link: the same "this link does not work" page for every member
        "email-change-confirm": (lambda cast: ["MQ:forged:link"], _members(404)),
        "password_reset": (None, _all(200)),
        "password_reset_done": (None, _all(200)),
        # a forged link: Django's page saying the link does not work
        "password_reset_confirm": (lambda cast: ["MQ", "forged-token"], _all(200)),
        "password_reset_complete": (None, _all(200)),
        # self-registered organisations wait for a MEL officer or an administrator
        "organisations-unconfirmed": (
            None,
            {**_members(403), "administrator": 200, "mel": 200, "outsider": 200},
        ),
        "organisation-confirm": (lambda cast: [999999], _members(405)),  # POST only
    }
)

# The program pages (docs/programs.md): administrators only; the program file also downloads
# for MEL officers (the outsider: their own program's). Country officers and viewers: 403.
_ADMINISTRATORS_ONLY = {**_members(403), "administrator": 200}
URLS.update(
    {
        "program-settings": (None, _ADMINISTRATORS_ONLY),
        "program-projects": (None, _ADMINISTRATORS_ONLY),
        "program-outcomes": (None, _ADMINISTRATORS_ONLY),
        "program-indicators": (None, _ADMINISTRATORS_ONLY),
        "program-targets": (None, _ADMINISTRATORS_ONLY),
        "program-upload": (None, _members(405)),  # POST only
        "program-download": (
            lambda cast: ["yaml"],
            {**_members(200), "thai": 403, "viewer": 403},
        ),
    }
)


# Victim case data (docs/cases.md, ctip/cases/access.py): a case only for its case workers and
# its agency's case manager. Nobody of the cast is in an agency, so every case page is the
# 404 of a missing case for all of them — the administrator included. The administrator may
# ask for emergency access (break glass) and review grants; POST-only pages answer GETs 405.
# What agency members get: ctip/cases/tests/test_who_sees_what.py.
_CASE = {**_members(404)}
URLS.update(
    {
        "case-list": (None, _CASE),
        "case-create": (None, _CASE),
        "case-detail": (lambda cast: [_case(cast).pk], _CASE),
        "case-edit": (lambda cast: [_case(cast).pk], _CASE),
        "case-stage": (lambda cast: [_case(cast).pk], _CASE),
        "case-screening": (lambda cast: [_case(cast).pk], _CASE),
        "case-workers": (lambda cast: [_case(cast).pk], _CASE),
        "case-consent": (lambda cast: [_case(cast).pk], _CASE),
        "case-consent-withdraw": (lambda cast: [_case(cast).pk, 999999], _members(405)),
        "referral-send": (lambda cast: [_case(cast).pk], _CASE),
        "referral-list": (None, _CASE),
        "referral-detail": (lambda cast: [999999], _CASE),
        "case-audit": (None, {**_CASE, "administrator": 200}),
        "break-glass": (None, {**_CASE, "administrator": 200}),
        "break-glass-review": (lambda cast: [999999], _members(405)),
        # victims' tables (suppressed counts, never a case): MEL officers and administrators
        # of any program (every agency), an agency's case manager (their agency's)
        "victims-tables": (
            None,
            {**_CASE, "administrator": 200, "mel": 200, "outsider": 200},
        ),
    }
)


def _case(cast):
    """A case of an agency nobody in the cast belongs to."""
    from ctip.cases.actions import do_add_agency, do_create_case
    from ctip.cases.models import Agency, Case

    case = Case.objects.filter(reference="PROBE-1").first()
    if case is None:
        agency = Agency.objects.filter(code="probe").first() or do_add_agency(
            "probe", "Probe agency", actor=cast.admin
        )
        case = do_create_case(agency, actor=cast.admin, reference="PROBE-1", first_name="Probe")
    return case


def _framework_report(cast):
    """The Philippines' report of the 2024 round of a small framework of the cast's program."""
    from ctip.frameworks.actions import do_load_framework, do_open_round
    from ctip.frameworks.files import read_definition
    from ctip.frameworks.models import Framework

    framework = Framework.objects.filter(code="bohol-2").first()
    if framework is None:
        framework, _ = do_load_framework(
            read_definition(
                "code: bohol-2\nname: Bohol\nprogram: test\nunits: [{code: PH, name: "
                "Philippines}]\nindicators: [{code: '1.1', name: Victims identified}]\n"
            ),
            cast.admin,
        )
    return do_open_round(framework, "2024").reports.get(unit__code="PH")


def _grant_report(cast):
    """A draft progress report of a grant of the cast's program."""
    import datetime as dt

    from ctip.grants.actions import do_open_report, do_save_grant
    from ctip.organisations.models import Organisation

    grantee, _ = Organisation.objects.get_or_create(
        name="Good Friends Association",
        country_id="TH",
        defaults={"type": Organisation.Type.NGO_CSO, "is_opd": True},
    )
    grant = do_save_grant(
        cast.program,
        cast.admin,
        code="opd-gfa",
        title="A grant",
        grantee=grantee,
        amount=1000,
        currency="AUD",
        starts_on=dt.date(2024, 7, 1),
        ends_on=dt.date(2025, 6, 30),
    )
    return do_open_report(grant, cast.admin, dt.date(2024, 7, 1), dt.date(2024, 12, 31))


def _grant_evidence(cast):
    from ctip.grants.actions import do_add_evidence

    return do_add_evidence(_grant_report(cast), cast.admin, "photo.jpg", b"jpeg", "image/jpeg")


def _cohort(cast):
    import datetime as dt

    from ctip.cohorts.actions import do_save_cohort

    return do_save_cohort(
        cast.program,
        cast.admin,
        code="leap-1",
        title="Leaders",
        starts_on=dt.date(2024, 11, 1),
        ends_on=dt.date(2025, 10, 31),
        modules=["One"],
    )


def _series(cast):
    from ctip.events.models import Series

    return Series.objects.get_or_create(
        program=cast.program, code="webinars", defaults={"title": "Webinar series"}
    )[0]


def _framework_evidence(cast):
    from ctip.frameworks.models import Evidence

    report = _framework_report(cast)
    return Evidence.objects.filter(report=report).first() or Evidence.objects.create(
        report=report,
        indicator=report.round.framework.indicators.order_by("order").first(),
        file_name="minutes.pdf",
        content_type="application/pdf",
        content=b"%PDF-1.4",
    )


def _invitation_token(cast):
    from ctip.accounts.actions import do_create_user
    from ctip.accounts.links import invitation_token
    from ctip.accounts.models import Invitation

    invited = do_create_user("invited", None, role="viewer", program=cast.program)
    return invitation_token(Invitation.objects.create(user=invited))


def _registration_token(cast):
    from ctip.registration.links import link_token

    return link_token(cast.thai_event)


def _survey_link(cast):
    import datetime as dt

    from django.utils import timezone

    from ctip.surveys.actions import do_create_survey_link

    return do_create_survey_link(
        cast.program,
        period_label="FY2024-25",
        closes_on=timezone.localdate() + dt.timedelta(days=1),
    )


def _survey_link_token(cast):
    from ctip.surveys.links import survey_link_token

    return survey_link_token(_survey_link(cast))


def _url_patterns(resolver=None, prefix=""):
    """(route, name) for every URL pattern, admin/ excepted (Django's staff checks)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            yield from _url_patterns(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def _client(cast, role):
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(cast, CAST[role]))
    return client


def _outcome(response):
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith(reverse("login")):
        return LOGIN
    return response.status_code


def test_every_url_pattern_has_an_entry_in_the_access_matrix():
    missing = [
        f"{route!r} (name {name!r})"
        for route, name in _url_patterns()
        if (name or route) not in URLS
    ]
    assert not missing, (
        f"no entry in URLS in {__file__} for: {', '.join(missing)}. Add one saying what a GET "
        f"gives each of {', '.join(ROLES)} (a status code or LOGIN)."
    )
    known = {name or route for route, name in _url_patterns()}
    assert not set(URLS) - known, f"entries for URLs that no longer exist: {set(URLS) - known}"
    for key, (_, outcomes) in URLS.items():
        assert set(outcomes) == set(ROLES), f"{key}: give an outcome for every role"


@CASES_DATABASE_TOO
def test_every_url_gives_each_role_what_the_matrix_says(cast):
    clients = {role: _client(cast, role) for role in ROLES}
    wrong = []
    for route, name in _url_patterns():
        entry = URLS.get(name or route)
        if entry is None:
            continue  # reported by the test above
        arguments, outcomes = entry
        url = reverse(name, args=arguments(cast) if arguments else None) if name else "/" + route
        for role, expected in outcomes.items():
            got = _outcome(clients[role].get(url))
            if got != expected:
                wrong.append(f"{role} GET {url}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


# URLs that change something: the outcome of a POST per role (the administrator goes last,
# since their POST does the change). Logging out lands on the login page.
POSTS = {
    "person-forget": (
        lambda cast: [cast.somchai.pk],
        {
            "mel": 403,
            "thai": 403,
            "viewer": 404,
            "outsider": 404,
            "anonymous": LOGIN,
            "administrator": 302,
        },
    ),
    "logout": (None, _all(LOGIN)),
    # ends the user's other sessions (none here), back to the list
    "session-list": (None, _members(302)),
    # an empty form: refused to viewers and country officers, shown again with its errors to
    # those who may make links (the outsider, in their own program)
    "survey-index": (
        None,
        {
            "thai": 403,
            "viewer": 403,
            "anonymous": LOGIN,
            "outsider": 200,
            "mel": 200,
            "administrator": 200,
        },
    ),
    # a report that is a draft cannot be approved: the reviewers are told so on the page
    "framework-report-review": (
        lambda cast: [_framework_report(cast).pk],
        {**FRAMEWORK_REVIEWERS, "administrator": 302, "mel": 302, "anonymous": LOGIN},
    ),
    "framework-round-open": (
        lambda cast: ["bohol-2"],
        {**FRAMEWORK_READERS, "administrator": 302, "mel": 302, "viewer": 403},
    ),
    "framework-report-upload": (
        lambda cast: [_framework_report(cast).pk],
        {**FRAMEWORK_REVIEWERS, "administrator": 302, "mel": 302},
    ),
    "framework-evidence-add": (
        lambda cast: [_framework_report(cast).pk],
        {**FRAMEWORK_REVIEWERS, "administrator": 302, "mel": 302},
    ),
    # refused to all but administrators; an administrator is told the viewer already has
    # a password (nothing is sent) and sent back to the list
    "invitation-send-again": (
        lambda cast: [cast.viewer.pk],
        {**_members(403), "administrator": 302},
    ),
    # an empty form: shown again with its errors to administrators
    "invitation-list": (None, {**_members(403), "administrator": 200}),
    "email-change": (None, _members(200)),
    "password_reset": (None, _all(200)),
    "survey-link-revoke": (
        lambda cast: [_survey_link(cast).pk],
        {
            "thai": 404,
            "viewer": 404,
            "outsider": 404,
            "anonymous": LOGIN,
            "mel": 302,
            "administrator": 302,
        },
    ),
}


# the instruments: the program's managers decide and review; others are refused or, for a
# report they may not open, told it does not exist
_MANAGERS_POST = {**_members(403), "administrator": 302, "mel": 302, "outsider": 302}
_REPORT_POST = {**_members(404), "administrator": 302, "mel": 302}
POSTS["grant-counting"] = (None, _MANAGERS_POST)  # the outsider: their own program
POSTS["elearning-counting"] = (None, _MANAGERS_POST)
POSTS["grant-report-save"] = (lambda cast: [_grant_report(cast).pk], _REPORT_POST)
POSTS["grant-report-review"] = (lambda cast: [_grant_report(cast).pk], _REPORT_POST)
POSTS["grant-evidence-add"] = (lambda cast: [_grant_report(cast).pk], _REPORT_POST)

# an empty form: shown again with its errors to administrators, refused to everyone else
POSTS["program-projects"] = (
    None,
    {
        "mel": 403,
        "thai": 403,
        "viewer": 403,
        "outsider": 403,
        "anonymous": LOGIN,
        "administrator": 200,
    },
)
POSTS["program-upload"] = (
    None,
    {
        "mel": 403,
        "thai": 403,
        "viewer": 403,
        "outsider": 403,
        "anonymous": LOGIN,
        "administrator": 302,
    },
)

# case pages: a POST about a case nobody of the cast may see is its 404, like a GET
POSTS["case-consent-withdraw"] = (lambda cast: [_case(cast).pk, 999999], _CASE)
POSTS["break-glass-review"] = (lambda cast: [999999], _CASE)
POSTS["case-stage"] = (lambda cast: [_case(cast).pk], _CASE)


@CASES_DATABASE_TOO
def test_every_post_gives_each_role_what_the_matrix_says(cast):
    wrong = []
    for name, (arguments, outcomes) in POSTS.items():
        url = reverse(name, args=arguments(cast) if arguments else None)
        for role, expected in outcomes.items():
            got = _outcome(_client(cast, role).post(url))
            if got != expected:
                wrong.append(f"{role} POST {url}: expected {expected}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_only_staff_reach_the_admin_site(cast):
    for role in ROLES:
        response = _client(cast, role).get("/admin/")
        if role == "administrator":
            assert response.status_code == 200
        else:
            assert response.status_code == 302, role
            assert response["Location"].startswith("/admin/login/"), role


# --- the `ctip` command -------------------------------------------------------------------

NO_ACTING_AS = "runs only as whoever holds the database; takes no --as"
REFUSED = (
    r"only an administrator|aggregate numbers only|no active user"
    r"|for administrators and MEL officers|not a member of any program"
    r"|not a member of any agency|only a case manager|only the agency's case manager"
    r"|for an agency's case manager|victims' tables are for MEL officers"
)


@dataclass
class Cli:
    allowed: set[str] | str  # roles that may run it with --as, or NO_ACTING_AS
    args: list[str]  # arguments for a run (refused roles must be stopped before any work)
    run_allowed: bool = True  # False where a real run is too heavy or destructive for a test


CLI = {
    "init": Cli({"administrator"}, [], run_allowed=False),
    "serve": Cli(NO_ACTING_AS, []),
    "demo": Cli({"administrator"}, [], run_allowed=False),
    "createuser": Cli(
        {"administrator"}, ["probe", "--role", "viewer", "--program", "test", "--password-stdin"]
    ),
    "events": Cli(set(CAST), ["list"]),
    # the outsider is a MEL officer elsewhere: allowed, and sees none of this program's people
    "people": Cli({"administrator", "mel", "thai", "outsider"}, ["list"]),
    # backup reads committed rows only: its real run is in ctip/backups/tests
    "backup": Cli({"administrator"}, ["-o", "{tmp}/probe.backup"], run_allowed=False),
    "restore": Cli({"administrator"}, ["{tmp}/probe.backup", "--force"], run_allowed=False),
    # aggregates: every member of a program (the outsider gets their own program's numbers)
    "report": Cli(
        set(CAST), ["table1", "--period", "FY2024-25", "--program", "test"], run_allowed=False
    ),
    "factsheet": Cli(set(CAST), ["--period", "FY2024-25", "--country", "TH"], run_allowed=False),
    # personal data: not for viewers; country officers get their own events only
    "export": Cli(
        {"administrator", "mel", "thai", "outsider"},
        ["attendance", "--format", "csv"],
        run_allowed=False,
    ),
    "import": Cli({"administrator", "mel", "thai", "outsider"}, ["list"], run_allowed=False),
    "mfa": Cli({"administrator"}, ["status"]),
    # victim case data: only agency members see cases, and nobody of the cast is one
    "cases": Cli(set(), ["list"]),
    # reads what the user may see; load, assign and open-round are refused to others inside
    "framework": Cli(set(CAST), ["list"]),
    # lists the programs one belongs to; load and export check the role (ctip/programs/tests)
    "program": Cli(set(CAST), ["list"]),
    "invite": Cli(
        {"administrator"}, ["probe@example.org", "--role", "viewer", "--program", "test"]
    ),
    # the registry is shared by the installation: whoever runs a whole program maintains it
    "organisations": Cli({"administrator", "mel", "outsider"}, ["list"]),
    # the instruments: every member reads; a grantee's focal point lists its own grant only
    "grants": Cli(set(CAST), ["list"]),
    # without --program an administrator of several programs is asked for one: not run
    "cohorts": Cli(set(CAST), ["list"], run_allowed=False),
    "elearning": Cli(set(CAST), ["list"], run_allowed=False),
    "series": Cli(set(CAST), ["list"], run_allowed=False),
}


# Subcommands whose roles differ from their command's: "command subcommand" -> who may run it.
CLI_SUBCOMMANDS = {
    # setting up and keeping a cohort: the program's administrators and MEL officers (the
    # outsider, their own program's); not run: without --program an administrator is asked
    **{
        f"cohorts {action}": Cli({"administrator", "mel", "outsider"}, args, run_allowed=False)
        for action, args in (
            (
                "save",
                ["save", "probe", "--title", "x", "--from", "2025-01-01", "--to", "2025-12-31"],
            ),
            ("members", ["members", "probe", "1"]),
            ("session", ["session", "probe", "1", "2025-01-01"]),
            ("coaching", ["coaching", "probe", "1", "2025-01-01"]),
            ("drop-out", ["drop-out", "probe", "1", "none"]),
        )
    },
    # the program's results for the donor: aggregates, but the whole program's
    "export iati": Cli(
        {"administrator", "mel", "outsider"},
        ["iati", "--period", "FY2024-25", "-o", "{tmp}/iati.xml"],
        run_allowed=False,
    ),
    # the annual annex: every member, as any report
    "report annual": Cli(
        set(CAST), ["annual", "--period", "FY2024-25", "-o", "{tmp}/annex.html"], run_allowed=False
    ),
    # the review queue is personal data: not for viewers; the outsider's own program is not
    # "test", so they are refused as one who sees no people
    "people review list": Cli(
        {"administrator", "mel", "thai"}, ["review", "--program", "test", "list"]
    ),
    "people review decide": Cli(
        {"administrator", "mel", "thai"},
        ["review", "--program", "test", "decide", "--file", "{tmp}/none.csv"],
    ),
    # the organisation registry is shared by the installation: whole-program roles maintain it
    "organisations load": Cli({"administrator", "mel", "outsider"}, ["load", "--seed"]),
    # the instruments: their program's administrators and MEL officers change them (the
    # outsider, their own program's); not run: without --program an administrator of
    # several programs is asked for one
    **{
        f"grants {action}": Cli(
            {"administrator", "mel", "outsider"}, [action, *args], run_allowed=False
        )
        for action, args in (
            (
                "add",
                [
                    "probe",
                    "--grantee",
                    "x",
                    "--title",
                    "x",
                    "--amount",
                    "1",
                    "--from",
                    "2024-07-01",
                    "--to",
                    "2025-06-30",
                ],
            ),
            ("tranche", ["probe", "1", "--amount", "1"]),
            ("open-report", ["probe", "--period", "FY2024-25"]),
            ("assign", ["viewer", "--grant", "probe"]),
            ("counting", ["--events", "yes"]),
        )
    },
    "series add": Cli(
        {"administrator", "mel", "outsider"}, ["add", "probe", "--title", "x"], run_allowed=False
    ),
    "elearning counting": Cli(
        {"administrator", "mel", "outsider"}, ["counting", "--as-trained", "yes"], run_allowed=False
    ),
    # victim case data (docs/cases.md): administrators register agencies and their staff, run
    # retention and rotate the key, and may break glass; nobody of the cast is in an agency,
    # so nobody of it lists, shows, forgets a case or reads an agency's audit
    "cases agency add": Cli({"administrator"}, ["agency", "add", "probe-add", "--name", "P"]),
    "cases agency list": Cli({"administrator"}, ["agency", "list"]),
    "cases agency member add": Cli(
        {"administrator"},
        ["agency", "member", "add", "probe", "viewer", "--role", "case_worker"],
        run_allowed=False,
    ),
    "cases agency member remove": Cli(
        {"administrator"}, ["agency", "member", "remove", "probe", "viewer"], run_allowed=False
    ),
    "cases list": Cli(set(), ["list"]),
    "cases show": Cli(set(), ["show", "PROBE-1", "--agency", "probe"]),
    "cases forget": Cli(set(), ["forget", "PROBE-1", "--agency", "probe"]),
    "cases reads": Cli(set(), ["reads", "--agency", "probe"]),
    "cases retention": Cli({"administrator"}, ["retention", "--older-than", "5"]),
    "cases rotate-key": Cli({"administrator"}, ["rotate-key"], run_allowed=False),
    "cases break-glass request": Cli(
        {"administrator"},
        ["break-glass", "request", "probe", "PROBE-1", "--reason", "x"],
        run_allowed=False,
    ),
    "cases break-glass list": Cli({"administrator"}, ["break-glass", "list"]),
    "cases break-glass review": Cli(
        {"administrator"}, ["break-glass", "review", "1"], run_allowed=False
    ),
    # victim case data in and out of an agency: its case manager only (no one of the cast is)
    "cases import": Cli(set(), ["import", "{tmp}/none.csv", "--agency", "dsdw"]),
    "cases export": Cli(set(), ["export", "--agency", "dsdw", "-o", "{tmp}/cases.xlsx"]),
    "cases court import": Cli(set(), ["court", "import", "{tmp}/none.csv", "--agency", "dsdw"]),
    "cases court forget": Cli(set(), ["court", "forget", "1/2026", "--agency", "dsdw"]),
    "cases pprl encode": Cli(set(), ["pprl", "encode", "--agency", "dsdw", "-o", "{tmp}/x"]),
    "cases pprl count": Cli(set(), ["pprl", "count", "{tmp}/none.csv"]),
    # victims' tables (suppressed aggregates): MEL officers and administrators of any program
    "cases report": Cli(
        {"administrator", "mel", "outsider"}, ["report", "--table", "victims-by-sex"]
    ),
}


@CASES_DATABASE_TOO
@pytest.mark.parametrize("subcommand", sorted(CLI_SUBCOMMANDS))
def test_each_subcommand_lets_only_the_roles_in_the_matrix_act(cast, subcommand, tmp_path):
    (tmp_path / "none.csv").write_text("pair_id,decision\n")
    entry = CLI_SUBCOMMANDS[subcommand]
    command = subcommand.split()[0]
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in entry.args]
    for role in (*CAST, "anonymous"):
        username = getattr(cast, CAST[role]).username if role in CAST else "nobody"
        if role in entry.allowed:
            if entry.run_allowed:
                call_command(command, "--as", username, *args, stdout=io.StringIO())
        else:
            with pytest.raises(CommandError, match=REFUSED):
                call_command(command, "--as", username, *args, stdout=io.StringIO())


def test_every_ctip_command_has_an_entry_saying_who_may_run_it():
    missing = sorted(set(COMMANDS) - set(CLI))
    assert not missing, (
        f"no entry in CLI in {__file__} for: {', '.join(missing)}. Say which roles may run it "
        "with --as (or NO_ACTING_AS)."
    )
    assert not set(CLI) - set(COMMANDS), "entries for commands that no longer exist"


@CASES_DATABASE_TOO
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_ctip_command_lets_only_the_roles_in_the_matrix_act(
    cast, command, tmp_path, monkeypatch
):
    entry = CLI.get(command)
    if entry is None:
        pytest.fail(f"no entry for {command!r} in CLI")
    instance = load_command_class(get_commands()[command], command)
    if entry.allowed == NO_ACTING_AS:
        assert not isinstance(instance, CtipCommand), f"{command} takes --as: list its roles"
        return
    assert isinstance(instance, CtipCommand), f"{command} ignores --as: build it on CtipCommand"
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in entry.args]
    for role in (*CAST, "anonymous"):
        username = getattr(cast, CAST[role]).username if role in CAST else "nobody"
        monkeypatch.setattr("sys.stdin", io.StringIO("a long probe passphrase\n"))
        if role in entry.allowed:
            if entry.run_allowed:
                call_command(command, "--as", username, *args, stdout=io.StringIO())
        else:
            with pytest.raises(CommandError, match=REFUSED):
                call_command(command, "--as", username, *args, stdout=io.StringIO())
